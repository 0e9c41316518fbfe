// Training, job fairs and help articles in a real browser, each journey
// walked with JavaScript off on a 240×320 phone and with JavaScript on at
// 360×640 in 大字 (see MODES in harness.ts). Every page reached is checked
// (axe, text size, target size, no sideways scrolling, 14 KB).
//
//   1. A visitor without an account joins the waiting list of the full
//      养老护理员 course with name and phone, then reads what to do about unpaid wages.
//   2. The demo worker signs up with one tap, joins the waiting list of the
//      full course, finds both under 我报名的培训, leaves both, and looks at
//      what a fair zone offers.
//   3. A verified employer books a place at a fair.
//   4. Station staff take attendance for the finished course on the shared
//      PC's form and open the printed sign-in sheet.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, eq, lt, notInArray, sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Server } from "./harness.ts";
import { enterSmsCode } from "./market.ts";
import { trainingSessions, trainingSignups, jobFairs, jobFairZones, jobFairBookings, employers } from "../../db/schema/index.ts";

let phoneSeq = 0;
const newPhone = () => `1371111${String(1000 + ++phoneSeq).slice(-4)}`;

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: a visitor joins the waiting list of a full course, then reads about unpaid wages`, async () => {
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        await s.goto("/training", "training list");
        await s.expectHeading("培训报名");
        await s.follow("养老护理员(初级)培训", "full course");
        await s.expectText(/名额已满,候补 \d+ 人/);
        await s.fill("姓名", mode.js ? "马秀兰" : "牛桂花");
        const phone = newPhone();
        await s.fill("手机号", phone);
        await s.press("我要报名", "code page");
        await enterSmsCode(s, phone, "joined the waiting list");
        await s.expectText(/您是候补第 \d+ 位/);

        await s.goto("/policy", "help");
        await s.follow("法律维权", "legal help");
        await s.follow("欠薪怎么办", "article");
        await s.expectHeading("欠薪怎么办");
        await s.expectText("劳动仲裁不收费");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: the demo worker signs up with one tap, joins the waiting list of a full course, leaves both, and looks at a fair zone`, async () => {
      const worker = account(server, "worker:demo");
      const { db } = server.deps.database;
      // A course with free places the demo worker is not on yet.
      const mine = db.select({ id: trainingSignups.sessionId }).from(trainingSignups).where(eq(trainingSignups.workerId, worker.id));
      const [course] = await db
        .select({ title: trainingSessions.title })
        .from(trainingSessions)
        .where(and(eq(trainingSessions.status, "open"), lt(trainingSessions.confirmedCount, trainingSessions.capacity), sql`${trainingSessions.signupDeadline} >= date('now', '+8 hours')`, notInArray(trainingSessions.id, mine)))
        .limit(1);
      assert.ok(course, "the demo data has a course with free places");
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        await s.login(worker.phone, worker.secret);
        await s.goto("/training", "training list");
        await s.follow(course.title, "course");
        await s.press("我要报名", "signed up");
        await s.expectText("报名成功");
        // The full course: the worker joins its waiting list.
        await s.goto("/training", "training list");
        await s.follow("养老护理员(初级)培训", "full course");
        await s.press("我要报名", "joined the waiting list");
        await s.expectText(/您是候补第 \d+ 位/);
        await s.goto("/me/training", "my courses");
        await s.expectText(course.title);
        await s.expectText(/候补第 \d+ 位/);
        await s.press("退出候补", "left the waiting list");
        await s.expectText("已退出候补");
        await s.goto("/me/training", "my courses");
        await s.press("取消报名", "cancelled");
        await s.expectText("已取消报名");

        await s.goto("/fairs", "fairs");
        await s.follow("冬季家政养老专场招聘会", "fair");
        await s.follow("家政保洁区", "zone");
        await s.expectText("参会单位");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: a verified employer books a place at a fair`, async () => {
      // A different verified employer in each mode, so each has a fair left to book.
      const owner = account(server, mode.js ? "employer:demo" : "employer:company");
      const { db } = server.deps.database;
      const [employer] = await db.select({ id: employers.id }).from(employers).where(eq(employers.userId, owner.id));
      const booked = db.select({ id: jobFairBookings.fairId }).from(jobFairBookings).where(eq(jobFairBookings.employerId, employer.id));
      const [place] = await db
        .select({ title: jobFairs.title, zoneId: jobFairZones.id })
        .from(jobFairZones)
        .innerJoin(jobFairs, eq(jobFairs.id, jobFairZones.fairId))
        .where(and(eq(jobFairs.status, "open"), sql`${jobFairs.date} >= date('now', '+8 hours')`, lt(jobFairZones.bookedCount, jobFairZones.capacity), notInArray(jobFairs.id, booked)))
        .limit(1);
      assert.ok(place, "a fair the employer has not booked yet");
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        await s.login(owner.phone, owner.secret);
        await s.goto("/fairs", "fairs");
        await s.follow(place.title, "fair");
        await s.press("预订", "booking without a zone");
        await s.expectText("请选择展区");
        await s.page.locator("#f-zoneId").selectOption(String(place.zoneId));
        await s.press("预订", "booked");
        await s.expectText("展位已订好");
        await s.expectText("您已订展位");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: station staff take attendance on the shared PC's form and open the sign-in sheet`, async () => {
      const staff = account(server, "station:411024");
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        await s.login(staff.phone, staff.secret);
        await s.goto("/staff/training", "staff training list");
        await s.follow("农药安全使用培训", "course for staff");
        await s.follow("考勤和结业", "attendance");
        const box = s.page.locator('input[name="a"]:not(:checked)').first();
        const label = await box.getAttribute("aria-label");
        await box.check();
        await s.press("保存考勤", "attendance saved");
        await s.expectText("考勤已保存");
        assert.ok(await s.page.getByLabel(label!, { exact: true }).isChecked(), "the tick was kept");
        await s.goto(new URL(s.page.url()).pathname.replace(/\/attendance$/, ""), "course for staff again");
        await s.follow("打印签到表", "sign-in sheet");
        await s.expectText("签到表");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });
  }
}

test.run();
