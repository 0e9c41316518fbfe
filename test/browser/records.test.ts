// Records in a real browser, each journey walked in every mode of MODES (JS
// off at 240×320, JS on at 360×640 in 大字), from the home page by links:
//
//   1. A worker finds a cleaning job in 鄢陵县 by "打扫": under its key facts
//      she reads the employer's record (two workers not paid, an open 欠薪
//      case) and a warning that the wage is well below the going rate; she
//      opens the employer's card and how the figures are counted.
//   2. The demo company employer (a good payer) reads her own record, then
//      opens the posting form and sees what 家政保洁 fetches by the hour in
//      鄢陵县 over the last 90 days.
//   3. The demo worker opens 我的务工记录 from 我的 and prints it: one page
//      with a QR code; staff scanning that code see the summary.
import { test } from "uvu";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Server } from "./harness.ts";
import { YANLING } from "./market.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  /** The demo's late payer's open posting (db/seed/demo/records.ts). */
  const latePosting = async () => {
    const rs = await server.deps.database.client.execute("SELECT id FROM job_postings WHERE title = '腊梅园宿舍打扫卫生(按小时)' AND status = 'open'");
    return `/jobs/${Number(rs.rows[0][0])}`;
  };

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: a worker reads an employer's record and a low-wage warning on a job, then the employer's card`, async () => {
      const s = await Session.open(browser, server, mode);
      try {
        const href = await latePosting();
        await s.goto("/", "home");
        await s.follow("找活干", "job list");
        await s.fill("关键词", "宿舍打扫");
        await s.select("县(市、区)", YANLING);
        await s.press("找活", "search results");
        await s.followHref(href, "job detail");
        await s.expectHeading("腊梅园宿舍打扫卫生");
        await s.expectText("雇主用工记录");
        await s.expectText(/近一年用工 \d+ 次,\d+ 次工人确认拿到了工钱,2 次工人说没拿到.*欠薪投诉 1 起未结/);
        await s.expectText(/这个工钱明显低于本地行情\(中位数 30 元\/小时\)/);
        await s.follow("看这位雇主的用工记录", "employer card");
        await s.expectHeading("鄢陵县陈化店腊梅种植有限公司");
        await s.expectText(/欠薪投诉 1 起未结/);
        await s.open("这些数字怎么算");
        await s.expectText(/只算近一年/);
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: an employer reads her own record, and the going rate on the posting form`, async () => {
      const employer = account(server, "employer:company");
      const s = await Session.open(browser, server, mode);
      try {
        await s.login(employer.phone, employer.secret);
        await s.follow("我的", "my account");
        await s.follow("我的用工记录(工人能看到)", "own record");
        await s.expectText(/近一年用工 \d+ 次,\d+ 次工人确认拿到了工钱;欠薪投诉 0 起未结/);
        await s.expectText(/已认证 1 年 2 个月/);
        await s.follow("我的", "my account");
        await s.follow("我发布的招工", "my postings");
        await s.follow("发布招工", "posting form");
        await s.open("行情参考");
        await s.expectText(/鄢陵县 家政保洁 近 90 天成交:中位数 30 元\/小时,多数在 [\d.]+–[\d.]+ 元/);
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: a worker prints her record; staff check its QR code`, async () => {
      const worker = account(server, "worker:demo");
      const s = await Session.open(browser, server, mode);
      const staff = await Session.open(browser, server, { ...mode, checks: false });
      try {
        await s.login(worker.phone, worker.secret);
        await s.follow("我的", "my account");
        await s.follow("我的务工记录", "my record");
        await s.expectText(/共 \d+ 次用工,\d+ 次拿到了工钱/);
        await s.press("打印务工记录", "record print");
        await s.expectText("核验码:");
        const code = new URL(s.path(), server.origin).searchParams.get("code")!;
        const admin = account(server, "staff:411024");
        await staff.login(admin.phone, admin.secret);
        await staff.goto(`/records/check/${code}`, "check page");
        await staff.expectText("这份记录是本平台出具的");
        await staff.expectText("王秀英");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
        await staff.close();
      }
    });
  }
}

test.run();
