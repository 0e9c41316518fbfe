// Ids of other people's records in form fields (where the path is the
// actor's own): a station's staff naming another county's worker, market,
// posting or hire; a worker naming someone else's hire in a complaint; a
// county admin creating staff for another county's market. Each case has a
// control: the same form with the actor's own record is accepted (so the
// refusal is about the forged id, not a field left out), and the forged one is
// refused with nothing written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWorld, freshCopy, changeCounts, changedTables, roleNames, X, Y, type World, type RoleKey, type Ids } from "./world.ts";
import { paths } from "../../src/paths.ts";

let w: World;
test.before(async () => {
  w = await buildWorld();
});
test.after(() => w?.close());

interface Forgery {
  name: string;
  role: RoleKey;
  url: (i: Ids) => string;
  /** The form with the actor's own record. */
  own: (i: Ids) => Record<string, string>;
  /** The same form naming someone else's. */
  forged: (i: Ids) => Record<string, string>;
}

const intake = { category: "wage_arrears", amount: "500", description: "老板不给钱", callerName: "王", callerPhone: "13912345678" };
const training = (market: number) => ({
  kind: "skills", title: "家政培训", provider: "培训中心", online: "0", place: "三楼", startDate: "2026-12-10", endDate: "2026-12-12",
  hours: "8:30-11:30", capacity: "20", signupDeadline: "2026-12-08", cost: "0", marketId: String(market),
});
const fair = (market: number) => ({ title: "专场招聘会", date: "2026-12-15", hours: "8:30-12:00", place: "广场", zone1: "5", marketId: String(market) });
const article = (market: number) => ({ title: "维权指南", category: "legal", body: "先留证据。", marketId: String(market) });
const staffAccount = (market: number) => ({ role: "staff", name: "新干事", phone: "13966667777", password: "a long password 1", password2: "a long password 1", marketId: String(market) });
const market = (county: string) => ({
  name: "新驿站", tier: "station", nature: "public", countyCode: county, address: "城关镇", hours: "8:00-17:00", phone: "0374-1234567",
  supervisionPhone: "12333", personInCharge: "张站长", kinds: "家政保洁", facilities: "饮水",
});

const forgeries: Forgery[] = [
  { name: "staff check in another county's worker", role: "sB", url: () => paths.desk.checkin, own: (i) => ({ workerId: String(i.users.w2) }), forged: (i) => ({ workerId: String(i.users.w1) }) },
  // The control here is a regression test: hireY is w2's job in county X, found through market B's desk; its
  // station's staff could call about it but not file a case on it ("posting not found").
  { name: "staff take a case about another county's hire", role: "sB", url: () => paths.hotline.newCase, own: (i) => ({ ...intake, hireId: String(i.hireY) }), forged: (i) => ({ ...intake, hireId: String(i.hire1) }) },
  { name: "staff take a case about another county's posting", role: "sB", url: () => paths.hotline.newCase, own: (i) => ({ ...intake, marketId: String(i.marketB) }), forged: (i) => ({ ...intake, postingId: String(i.posting1) }) },
  { name: "staff file a case under another county's market", role: "sB", url: () => paths.hotline.newCase, own: (i) => ({ ...intake, marketId: String(i.marketB) }), forged: (i) => ({ ...intake, marketId: String(i.marketA) }) },
  { name: "a worker complain about someone else's hire", role: "w2", url: () => paths.hotline.report, own: (i) => ({ ...intake, hireId: String(i.hireY) }), forged: (i) => ({ ...intake, hireId: String(i.hire1) }) },
  { name: "staff log a contact about another county's posting", role: "sA", url: (i) => paths.desk.contact(i.users.w1), own: (i) => ({ outcome: "called", note: "打过电话", postingId: String(i.posting1) }), forged: (i) => ({ outcome: "called", note: "打过电话", postingId: String(i.postingY) }) },
  { name: "staff create training for another market", role: "sB", url: () => paths.training.staffNew, own: (i) => training(i.marketB), forged: (i) => training(i.marketA) },
  { name: "staff create a job fair for another market", role: "sB", url: () => paths.training.staffFairNew, own: (i) => fair(i.marketB), forged: (i) => fair(i.marketA) },
  { name: "staff write a help article for another market", role: "sB", url: () => paths.policy.staffNew, own: (i) => article(i.marketB), forged: (i) => article(i.marketA) },
  { name: "staff move their article to another market", role: "sA", url: (i) => paths.policy.staffEdit(i.article1), own: (i) => article(i.marketA), forged: (i) => article(i.marketB) },
  // The same forgeries by staff of another market in the same county (sC, market C in county X): the market is the scope, not the county.
  // (Not the hotline intake: staff may log a call about any market of their county; the case then belongs to that market.)
  { name: "staff create training for another market of their own county", role: "sC", url: () => paths.training.staffNew, own: (i) => training(i.marketC), forged: (i) => training(i.marketA) },
  { name: "staff create a job fair for another market of their own county", role: "sC", url: () => paths.training.staffFairNew, own: (i) => fair(i.marketC), forged: (i) => fair(i.marketA) },
  { name: "staff write a help article for another market of their own county", role: "sC", url: () => paths.policy.staffNew, own: (i) => article(i.marketC), forged: (i) => article(i.stationD) },
  { name: "staff move their article to another market of their own county", role: "sA", url: (i) => paths.policy.staffEdit(i.article1), own: (i) => article(i.marketA), forged: (i) => article(i.marketC) },
  { name: "a county admin create staff for another county's market", role: "aY", url: () => paths.accounts.adminNew, own: (i) => staffAccount(i.marketB), forged: (i) => staffAccount(i.marketA) },
  { name: "a county admin open a market in another county", role: "aY", url: () => paths.markets.adminNew, own: () => market(Y), forged: () => market(X) },
  { name: "a county admin move their market to another county", role: "aX", url: (i) => paths.markets.adminEdit(i.marketA), own: () => market(X), forged: () => market(Y) },
  { name: "an employer book a zone of another fair", role: "e2", url: (i) => paths.training.fairBook(i.fair1), own: (i) => ({ zoneId: String(i.zone1) }), forged: (i) => ({ zoneId: String(i.zone1 + 1) }) },
  { name: "staff assign a case to another county's staff", role: "sB", url: (i) => paths.hotline.assign(i.caseY), own: (i) => ({ assignee: String(i.users.sB) }), forged: (i) => ({ assignee: String(i.users.sA) }) },
  { name: "staff confirm a walk-in sign-up for another county's worker at their own desk", role: "sB", url: (i) => paths.desk.signUp(i.users.w2), own: (i) => ({ posting: String(i.postingY) }), forged: (i) => ({ posting: String(i.postingY), workerId: String(i.users.w1) }) },
];

for (const f of forgeries) {
  test(`refused: ${f.name} (${roleNames[f.role]})`, async () => {
    const copy = await freshCopy(w);
    try {
      const b = copy.as(f.role);
      const db = copy.deps.database.client;
      const before = await changeCounts(db);
      const forged = await b.post(f.url(w.ids), f.forged(w.ids));
      const wrote = changedTables(before, await changeCounts(db));
      const signUpForged = f.name.startsWith("staff confirm a walk-in");
      if (!signUpForged) {
        assert.ok([400, 404, 409, 422].includes(forged.status), `forged: ${forged.status} ${forged.location ?? ""}`);
        assert.equal(wrote, [], "the forged request wrote nothing");
      } else {
        // An extra workerId field is ignored: the sign-up is for the worker in the path, never the one named in the form.
        const rows = await db.execute({ sql: "SELECT count(*) FROM applications WHERE worker_id = ? AND posting_id = ?", args: [w.ids.users.w1, w.ids.postingY] });
        assert.is(Number(rows.rows[0][0]), 0, "no sign-up for the worker named in the form");
      }
      const own = await b.post(f.url(w.ids), f.own(w.ids));
      assert.ok([303, 409].includes(own.status) && own.status !== 400, `the control with the actor's own record: ${own.status} ${own.location ?? ""} ${own.html.match(/class="err"[^>]*>[^<]*/g)?.join(" ") ?? ""}`);
    } finally {
      copy.close();
    }
  });
}

test.run();
