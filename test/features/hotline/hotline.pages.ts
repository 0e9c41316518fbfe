import type { PageRecipe } from "../../helpers/pages.ts";
import { nextPhone } from "../../helpers/app.ts";
import { lastCode } from "../../helpers/phone.ts";
import { paths } from "../../../src/paths.ts";
import { MINE_LIMIT } from "../../../src/features/hotline/hotline.actions.ts";
import { addCase, addEmployer, addPosting, addWorker, addHire } from "./fixtures.ts";
import { insertEvent, updateCaseIf } from "../../../src/features/hotline/hotline.repo.ts";

export const pages: PageRecipe[] = [
  { route: paths.hotline.home },
  { route: paths.hotline.home, as: "staff" },
  { route: paths.hotline.report },
  { route: paths.hotline.report, as: "worker" },
  { route: paths.hotline.reported },
  { route: paths.hotline.status },
  { route: paths.hotline.statusSms },
  {
    route: paths.hotline.statusMinePattern,
    url: async (w) => {
      // At its heaviest: a full page of her cases (and more left out), each with two long public replies.
      const phone = nextPhone();
      for (let i = 0; i <= MINE_LIMIT; i++) {
        const made = await addCase(w.t, { callerPhone: phone, channel: i % 2 ? "online" : "phone" });
        const reply = { kind: "note", note: "已电话联系雇主,雇主说月底前结清,我们会再跟进。", public: true, status: "accepted" } as const;
        await w.t.deps.database.write((db) => db.batch([insertEvent(db, made.id, null, w.t.clock.now(), reply), insertEvent(db, made.id, null, w.t.clock.now() + 1, reply)]));
      }
      const b = w.t.client();
      await b.get(paths.hotline.statusSms);
      await b.post(paths.hotline.statusSms, { phone });
      const codePage = b.last.location!;
      await b.get(codePage);
      await b.post(codePage, { code: (await lastCode(w.t, phone))! });
      return b.last.location!;
    },
  },
  { route: paths.hotline.statusMinePattern, url: paths.hotline.statusMine("expiredOrUnknownToken0001"), status: 404 },
  { route: paths.hotline.cases, as: "staff" },
  { route: paths.hotline.cases, as: "county_admin", url: `${paths.hotline.cases}?overdue=1` },
  {
    route: paths.hotline.cases,
    as: "city_admin",
    url: async (w) => {
      // A full page of cases with every badge, to weigh the list at its largest.
      for (let i = 0; i < 22; i++) await addCase(w.t, { marketId: w.marketA, urgency: i % 2 ? "urgent" : "normal", employerId: null });
      return paths.hotline.cases;
    },
  },
  { route: paths.hotline.newCase, as: "staff" },
  { route: paths.hotline.newCase, as: "city_admin" },
  {
    route: paths.hotline.casePattern,
    as: "staff",
    url: async (w) => {
      const employerId = await addEmployer(w.t, { name: "鄢陵县花木园艺有限公司" });
      const made = await addCase(w.t, { marketId: w.marketA, employerId, description: "三个人干了五天活,说好每天 150 元,到现在一分钱没给。".repeat(10) });
      // At its heaviest: 处理中 (two step forms, the note and assign forms) with a long timeline.
      await w.t.deps.database.write((db) =>
        db.batch([
          updateCaseIf(db, made.id, "accepted", { status: "processing", agency: "labour_inspection" }),
          ...Array.from({ length: 12 }, (_, i) =>
            insertEvent(db, made.id, null, w.t.clock.now() + i, { kind: i % 3 ? "note" : "transfer", note: "已电话联系雇主,雇主说月底前结清,再跟进。", public: i % 2 === 0, status: "processing" }),
          ),
        ]),
      );
      return paths.hotline.case(made.id);
    },
  },
  {
    route: paths.hotline.callList,
    as: "staff",
    url: async (w) => {
      const employerId = await addEmployer(w.t);
      const postingId = await addPosting(w.t, { employerId, marketId: w.marketA });
      for (let i = 0; i < 20; i++) {
        const worker = await addWorker(w.t, { ownPhone: false, marketId: w.marketA });
        await addHire(w.t, { postingId, employerId, workerId: worker.id });
      }
      return paths.hotline.callList;
    },
  },
  { route: paths.hotline.figures, as: "city_admin" },
  { route: paths.hotline.casePattern, as: "county_admin", url: async (w) => paths.hotline.case((await addCase(w.t, { marketId: w.marketA })).id) },
  { route: paths.hotline.figures, as: "staff" },
  { route: paths.hotline.export, as: "city_admin", status: 303 },
];
