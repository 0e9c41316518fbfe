// Rules for SMS job alerts and replies, free of HTTP and the DB.
import { chinaHour } from "../../shared/clock.ts";

/** Alerts go out in the daytime only (Beijing time), at most once a day each. */
export const ALERT_HOURS = { from: 8, to: 20 } as const;

/** The Beijing hour of an instant. */
export const beijingHour = chinaHour;

export const alertsOpen = (ms: number) => {
  const h = beijingHour(ms);
  return h >= ALERT_HOURS.from && h < ALERT_HOURS.to;
};

export type Reply = { kind: "stop" } | { kind: "signUp"; postingId: number } | { kind: "other" };

/**
 * What a reply asks for. People type on old phones: full-width digits and
 * letters, spaces or none, a plus sign, 报名 or BM. TD (or 退订, T, N) stops all texts.
 */
export function parseReply(raw: string): Reply {
  const s = raw.normalize("NFKC").replace(/[\s+＋:,。.、#]/g, "").toUpperCase();
  if (/^(TD|T|N|退订|取消订阅|不要再发)$/.test(s)) return { kind: "stop" };
  const m = /^(?:报名|BM)(\d{1,9})$/.exec(s);
  if (m) return { kind: "signUp", postingId: Number(m[1]) };
  return { kind: "other" };
}

/** The jobs part of an alert text: "1234擦玻璃;1240搬家" — numbers first, so a cut title never cuts a number. */
export function jobsLine(jobs: { id: number; title: string }[], max = 35): string {
  const per = Math.max(4, Math.floor((max - (jobs.length - 1)) / Math.max(1, jobs.length)));
  return jobs
    .map((j) => {
      const id = String(j.id);
      const room = Math.max(0, per - id.length);
      const t = [...j.title.replace(/[;;\s]+/g, "")];
      return id + (t.length > room ? t.slice(0, room).join("") : t.join(""));
    })
    .join(";");
}
