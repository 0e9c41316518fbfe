// Outgoing SMS. Messages are queued in the sms_outbox table by the features;
// a sender delivers them. The default sender only writes a log line, so a
// county plugs in its own provider by passing another SmsSender to createApp.
export interface SmsMessage {
  to: string;
  body: string;
}
export interface SmsSender {
  readonly name: string;
  send(msg: SmsMessage): Promise<{ ok: true; providerId?: string } | { ok: false; error: string }>;
}
export const logSmsSender = (log: (line: string) => void = (l) => console.log(l)): SmsSender => ({
  name: "log",
  async send(msg) {
    // The number is masked even here: logs must not hold personal data.
    log(JSON.stringify({ t: new Date().toISOString(), level: "info", msg: "sms", to: msg.to.slice(0, 3) + "****" + msg.to.slice(-4), chars: msg.body.length }));
    return { ok: true };
  },
});
