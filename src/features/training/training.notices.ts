// The words for what the training repos report as codes (TrainingNews,
// FairNews): an inbox notice each, and a text where it must not be missed.
// Called by the actions inside the write's transaction, so the notice lands
// with the change or not at all.
import type { Queryable } from "../../shared/db.ts";
import { notifyStatements, shortDate, shortDates, type Notice } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { paths } from "../../paths.ts";
import type { TrainingNews, ClassFacts } from "./training.repo.ts";
import type { FairNews } from "./fairs.repo.ts";

const t = copy.training;

/** What a text about a class says: which course, when, where (线上 for online ones). */
function classParams(s: ClassFacts) {
  return { course: s.title, date: shortDates(s.startDate, s.endDate), time: s.hours, place: s.online ? copy.sms.words.online : s.place };
}

export function noticeOf(n: TrainingNews | FairNews): Notice {
  const to = n.phone;
  const countyCode = n.countyCode;
  if (n.code === "fairCancelled") {
    const params = { fair: n.fair.title, date: n.fair.date ? shortDate(n.fair.date) : "", reason: n.reason };
    return { userId: n.userId, body: t.fairCancelledNotice(n.fair.title, n.reason), link: paths.training.fair(n.fair.id), sms: { to, template: "fairCancelled", countyCode, params } };
  }
  const s = n.session;
  const link = paths.training.show(s.id);
  switch (n.code) {
    case "confirmed":
      return { userId: n.userId, body: t.notices.confirmed(s.title, s.startDate), link, sms: n.sms ? { to, template: "trainingConfirmed", countyCode, params: classParams(s) } : null };
    case "waiting":
      return { userId: n.userId, body: t.notices.waiting(s.title, n.position), link, sms: n.sms ? { to, template: "trainingWaiting", countyCode, params: { course: s.title, no: String(n.position) } } : null };
    case "promoted":
      return { userId: n.userId, body: t.notices.promoted(s.title, s.startDate), link, sms: { to, template: "trainingPromoted", countyCode, params: classParams(s) } };
    case "sessionCancelled":
      return { userId: n.userId, body: t.notices.sessionCancelled(s.title, n.reason), link, sms: { to, template: "trainingCancelled", countyCode, params: { course: s.title, date: shortDate(s.startDate), reason: n.reason } } };
  }
}

/** Queues the notices (and texts) for the news, in the caller's transaction. */
export async function tell(tx: Queryable, news: readonly (TrainingNews | FairNews)[], now: number): Promise<void> {
  if (news.length === 0) return;
  for (const st of notifyStatements(tx, news.map(noticeOf), now)) await st;
}
