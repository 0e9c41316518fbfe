// What the jobs feature tells people about their postings and sign-ups. The
// repo says which news, as a code with its facts (and the text to send, where
// one goes); here, and only here, the codes become words (views/copy/jobs.ts)
// and links, written in the same transaction as the change they announce.
import { txClient, type Queryable, type Tx } from "../../shared/db.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { notifyStatements, textStatements, type Notice } from "../messages/index.ts";

const n = copy.jobs.notices;

export type JobNews = { userId: number; title: string; sms?: Notice["sms"] } & (
  | { code: "newApplicant"; postingId: number }
  | { code: "signupReceived"; startDate: string }
  | { code: "confirmed"; hireId: number }
  | { code: "declined" }
  | { code: "notChosen" }
  | { code: "withdrawn"; postingId: number }
);

function noticeOf(x: JobNews): Notice {
  const to = { userId: x.userId, ...(x.sms ? { sms: x.sms } : {}) };
  switch (x.code) {
    case "newApplicant":
      return { ...to, body: n.newApplicant(x.title), link: paths.jobs.applicants(x.postingId) };
    case "signupReceived":
      return { ...to, body: n.signupReceived(x.title, x.startDate), link: paths.jobs.applications };
    case "confirmed":
      return { ...to, body: n.confirmed(x.title), link: paths.hires.show(x.hireId) };
    case "declined":
    case "notChosen":
      return { ...to, body: n[x.code](x.title), link: paths.jobs.applications };
    case "withdrawn":
      return { ...to, body: n.withdrawn(x.title), link: paths.jobs.applicants(x.postingId) };
  }
}

/** Writes the news as inbox messages (and queued texts) inside the caller's transaction. */
export async function tell(tx: Queryable, news: JobNews[], now: number): Promise<void> {
  for (const s of notifyStatements(tx, news.map(noticeOf), now)) await s;
}

/**
 * `tell` for the sign-up's hot path: the inbox rows as one fixed INSERT through the transaction's own
 * client (no query built per call), the same columns notifyStatements writes; texts, rarer, as tell does.
 */
export async function tellFixed(tx: Tx, news: JobNews[], now: number): Promise<void> {
  if (!news.length) return;
  const notices = news.map(noticeOf);
  await txClient(tx).execute({
    sql: `INSERT INTO messages (user_id, at, body, link) VALUES ${notices.map(() => "(?, ?, ?, ?)").join(", ")}`,
    args: notices.flatMap((x) => [x.userId, now, x.body, x.link ?? null]),
  });
  const texts = notices.filter((x) => x.sms?.to).map((x) => ({ ...x.sms!, userId: x.userId }));
  for (const s of textStatements(tx, texts, now)) await s;
}
