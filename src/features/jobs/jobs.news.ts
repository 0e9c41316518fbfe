// What the jobs feature tells people about their postings and sign-ups. The
// repo says which news, as a code with its facts (and the text to send, where
// one goes); here, and only here, the codes become words (views/copy/jobs.ts)
// and links, written in the same transaction as the change they announce.
import type { Queryable } from "../../shared/db.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { notifyStatements, type Notice } from "../messages/index.ts";

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
