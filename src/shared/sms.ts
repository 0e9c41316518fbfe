// Outgoing SMS. Features queue texts (a template key and its parameters) in
// the sms_outbox table; a sender delivers them. Which sender runs is set in
// the environment (SMS_PROVIDER: log, aliyun or tencent; see
// src/features/messages/messages.providers.ts). The default sender only writes
// a log line, for development.
export interface SmsMessage {
  to: string;
  /** Template key in the catalog (src/features/messages/messages.templates.ts). */
  template: string;
  params: Record<string, string>;
  /** The rendered text without the signature, for senders that send text (and for logs in development). */
  body: string;
}
export type SmsAnswer =
  | { ok: true; providerId?: string }
  /** permanent: trying again cannot help (invalid number, refused template, bad keys). */
  | { ok: false; error: string; permanent?: boolean };
export interface SmsSender {
  readonly name: string;
  send(msg: SmsMessage): Promise<SmsAnswer>;
}
/** Development: one masked log line per text; the text itself only when asked (SMS_LOG_TEXT=true), as it may carry a code. */
export const logSmsSender = (log: (line: string) => void = (l) => console.log(l), showText = false): SmsSender => ({
  name: "log",
  async send(msg) {
    // The number is masked even here: logs must not hold personal data.
    const to = msg.to.slice(0, 3) + "****" + msg.to.slice(-4);
    log(JSON.stringify({ t: new Date().toISOString(), level: "info", msg: "sms", to, template: msg.template, chars: [...msg.body].length, ...(showText ? { text: msg.body } : {}) }));
    return { ok: true };
  },
});
