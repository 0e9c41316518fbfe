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
  await s.expectText("已录用,工人会收到通知");
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
  await s.press("注册", "registered");
  await s.expectText("注册成功");
  return phone;
}
