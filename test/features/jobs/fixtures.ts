// Employers, workers and postings made directly in the DB for the jobs and
// hires tests, plus a valid posting form to start bad-input cases from.
import { employers, workKinds, brands } from "../../../db/schema/index.ts";
import type { VerificationStatus, PostingStatus } from "../../../db/schema/constants.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { insertPosting } from "../../../src/features/jobs/index.ts";
import { searchText } from "../../../src/features/jobs/jobs.search.ts";
import type { PostingDraft } from "../../../src/features/jobs/jobs.domain.ts";
import { hashSecret } from "../../../src/shared/crypto.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { addUser, nextPhone, type TestApp } from "../../helpers/app.ts";

export const YANLING = "411024";
export const YUZHOU = "411081";

export async function kindIds(t: TestApp): Promise<Map<string, number>> {
  return new Map((await t.db.select().from(workKinds)).map((k) => [k.name, k.id]));
}

export async function brandIds(t: TestApp): Promise<Map<string, number>> {
  return new Map((await t.db.select().from(brands)).map((b) => [b.name, b.id]));
}

/** An employer account with its employer row (verified unless told otherwise). */
export async function addEmployer(t: TestApp, o: { status?: VerificationStatus; countyCode?: string; name?: string } = {}) {
  const countyCode = o.countyCode ?? YANLING;
  const user = await addUser(t, { role: "employer", name: "李老板", countyCode });
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({
        userId: user.id,
        kind: "private",
        name: o.name ?? "李老板",
        contactName: "李老板",
        contactPhone: user.phone,
        countyCode,
        address: "城关镇幸福路 8 号",
        status: o.status ?? "verified",
        createdAt: t.clock.now(),
      })
      .returning({ id: employers.id }),
  );
  return { ...user, employerId: row.id };
}

/** A worker account with a PIN. */
export async function addWorker(t: TestApp, o: { name?: string; pin?: string } = {}) {
  const phone = nextPhone();
  const pin = o.pin ?? "246810";
  const pinHash = await hashSecret(pin);
  const { id } = await t.deps.database.transaction((tx) => insertWorker(tx, { phone, name: o.name ?? "王秀英", pinHash }, t.clock.now()));
  return { id, phone, pin };
}

export const today = (t: TestApp) => chinaDate(t.clock.now());

/** A posting made in the DB, open by default, with its search rows. */
export async function addPosting(
  t: TestApp,
  employerId: number,
  o: Partial<PostingDraft> & { kind?: string; status?: PostingStatus; quick?: boolean } = {},
) {
  const kinds = await kindIds(t);
  const d = today(t);
  const kindName = o.kind ?? "家政保洁";
  const draft: PostingDraft = {
    title: "家里打扫卫生",
    kindId: kinds.get(kindName)!,
    form: "gig",
    headcount: 2,
    payMode: "wage",
    wageFen: 20000,
    wageUnit: "day",
    startDate: d,
    endDate: addDays(d, 2),
    hours: "8:00-17:00",
    countyCode: YANLING,
    townshipCode: null,
    address: "城关镇幸福路 8 号",
    duties: "擦窗、拖地、整理厨房",
    requirements: "",
    contactName: "李老板",
    contactPhone: "13812345678",
    brandIds: [],
    ...o,
  };
  const text = searchText({
    title: draft.title,
    kindName,
    duties: draft.duties,
    requirements: draft.requirements,
    address: draft.address,
    countyName: t.deps.regions.countyName(draft.countyCode),
    townshipName: t.deps.regions.townshipName(draft.townshipCode),
  });
  const status = o.status ?? "open";
  const id = await t.deps.database.transaction((tx) =>
    insertPosting(tx, { employerId, draft, searchText: text, status: status === "open" ? "open" : "draft", quick: o.quick }, t.clock.now()),
  );
  if (status !== "open" && status !== "draft") {
    await t.deps.database.client.execute({ sql: "UPDATE job_postings SET status = ? WHERE id = ?", args: [status, id] });
  }
  return id;
}

/** A valid posting form as a browser would send it; cases override one field. */
export async function postingFields(t: TestApp, o: Record<string, string | string[]> = {}): Promise<Record<string, string | string[]>> {
  const kinds = await kindIds(t);
  const d = today(t);
  return {
    title: "家里打扫卫生",
    kindId: String(kinds.get("家政保洁")),
    form: "gig",
    headcount: "2",
    payMode: "wage",
    wage: "200",
    wageUnit: "day",
    startDate: d,
    endDate: addDays(d, 1),
    hours: "8:00-17:00",
    countyCode: YANLING,
    address: "城关镇幸福路 8 号",
    duties: "擦窗、拖地、整理厨房",
    requirements: "身体健康",
    contactName: "李老板",
    contactPhone: "13812345678",
    ...o,
  };
}

/** Counts of the tables a refused request must leave alone. */
export async function tableCounts(t: TestApp) {
  const rs = await t.deps.database.client.execute(
    "SELECT (SELECT count(*) FROM job_postings), (SELECT count(*) FROM applications), (SELECT count(*) FROM hires), (SELECT count(*) FROM users), (SELECT count(*) FROM messages), (SELECT count(*) FROM posting_brands)",
  );
  const r = rs.rows[0];
  return { postings: Number(r[0]), applications: Number(r[1]), hires: Number(r[2]), users: Number(r[3]), messages: Number(r[4]), brands: Number(r[5]) };
}
