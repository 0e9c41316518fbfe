// Steps the gig-market journeys share (jobs.test.ts, employers.test.ts): each
// is done through the real pages, as a person would.
import type { Session } from "./harness.ts";

export const YANLING = "鄢陵县";

let phoneSeq = 0;
/** A fresh mobile number per call (the demo data uses 138…); `prefix` keeps test files apart. */
export const newPhone = (prefix = "1370000") => `${prefix}${String(1000 + ++phoneSeq).slice(-(11 - prefix.length))}`;

/** An employer posts a 即时快招 in 鄢陵县 through the five-field form; returns the posting's path. */
export async function postQuickJob(s: Session, o: { kind: string; wage: string; address: string; phone: string }) {
  await s.goto("/jobs/quick", "quick hire form");
  await s.select("工种", o.kind);
  await s.fill("要几个人", "1");
  await s.fill("每天工钱", o.wage);
  await s.select("县(市、区)", YANLING);
  await s.fill("详细地址", o.address);
  await s.fill("联系电话", o.phone);
  await s.press("马上发布", "quick job published");
  await s.expectText("已发布,工人现在能看到了");
  return new URL(s.page.url()).pathname;
}

/** The employer confirms (or accepts the quote of) the applicant with this name. */
export async function confirmApplicant(s: Session, postingPath: string, workerName: string, button: "录用" | "选这个报价") {
  await s.goto(postingPath, "own posting");
  await s.follow(/^报名的人/, "applicants");
  await s.page.locator("tr", { hasText: workerName }).getByRole("button", { name: button, exact: true }).click();
  await s.landed("applicant confirmed");
  await s.expectText(/^已录用。工人会收到短信/);
}

/** A new worker registers from the home page (a too-short PIN first); in a JS-on session 大字 goes on first. */
export async function registerWorker(s: Session, name: string) {
  const phone = newPhone();
  await s.goto("/", "home");
  if (s.opts.js && !(await s.big)) await s.toggleBigText();
  await s.follow("登录", "login");
  await s.follow("工人注册", "worker registration");
  await s.fill("手机号", phone);
  await s.fill("姓名", name);
  await s.fill("密码", "1357");
  await s.fill("再输一次密码", "1357");
  await s.press("注册", "registration refused");
  await s.expectText("请改正下面的问题");
  await s.fill("密码", "135790");
  await s.fill("再输一次密码", "135790");
  await s.press("注册", "code page");
  await enterSmsCode(s, phone);
  await s.expectText("注册成功");
  return phone;
}

/**
 * On the code page: reads the code the way the person gets it — the newest
 * text to her number in the SMS outbox of the real DB file (her "phone") — and
 * types it in.
 */
export async function enterSmsCode(s: Session, phone: string, landed = "code accepted") {
  await s.expectText(`验证码已发到 ${phone.slice(0, 3)}****${phone.slice(-4)}`);
  // The code's parameters while the text waits in the outbox; once sent (and blanked there), what the phone received.
  const rs = await s.server.deps.database.client.execute({
    sql: "SELECT params FROM sms_outbox WHERE to_phone = ? AND template = 'verifyCode' ORDER BY id DESC LIMIT 1",
    args: [phone],
  });
  const pending = (JSON.parse(String(rs.rows[0]?.[0] ?? "{}")) as { code?: string }).code;
  const received = s.server.sms.filter((m) => m.to === phone).at(-1)?.body.match(/(\d{6})/)?.[1];
  const code = pending || received;
  if (!code) throw new Error(`no code texted to ${phone}`);
  await s.fill("验证码", code);
  await s.press("确定", landed);
}
