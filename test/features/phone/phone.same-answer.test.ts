// No enumeration: every form that takes a phone (and, on employer
// registration, a USCC or ID number) answers the same way for a number that
// has an account and one that has none — status, the page that follows, its
// words — and nothing becomes an account or a sign-up without the code.
// Timing is measured and printed (not asserted: the machine is shared).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addMarket, addUser, nextPhone, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { addEmployer as addJobEmployer, addPosting } from "../jobs/fixtures.ts";
import { addSession } from "../training/fixtures.ts";
import { nextUscc, nextResidentId } from "../employers/fixtures.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

/** Tokens, CSRF values and the last digits of a masked number differ by nature; everything else must not. */
const normalise = (s: string | null) =>
  (s ?? "")
    .replace(/(\/|%2F)(phone|forgot-pin)(\/|%2F)[A-Za-z0-9_-]{16,64}/g, "$1$2$3TOKEN")
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="CSRF"')
    .replace(/name="_once" value="[^"]*"/g, 'name="_once" value="ONCE"')
    .replace(/(\d{3})\*{4}\d{4}/g, "$1****NNNN");

async function counts() {
  const rs = await t.deps.database.client.execute(
    "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM applications), (SELECT count(*) FROM training_signups), (SELECT count(*) FROM employers), (SELECT count(*) FROM sessions)",
  );
  return Array.from(rs.rows[0] as ArrayLike<unknown>, Number);
}

interface Answer {
  status: number;
  location: string;
  page: string;
  ms: number;
}

async function submit(form: string, path: string, fields: Record<string, string>): Promise<Answer> {
  const b: Browser = t.client();
  await b.get(form);
  const start = performance.now();
  const r = await b.post(path, fields);
  const ms = performance.now() - start;
  const location = r.location;
  const page = location ? (await b.get(location)).html : r.html;
  return { status: r.status, location: normalise(location), page: normalise(page), ms };
}

test("every form that takes a phone: the same answer for a number with an account and one without; nothing made before the code", async () => {
  const marketA = await addMarket(t);
  const { employerId } = await addJobEmployer(t, { status: "verified" });
  const jobId = await addPosting(t, employerId);
  const sessionId = await addSession(t, marketA);
  const worker = await addUser(t, { role: "worker", name: "赵阿姨", pin: "274913" });
  const firstUscc = nextUscc();
  const firstId = nextResidentId();
  // An employer of each kind already registered (made through the DB, as a fixture).
  const biz = await addJobEmployer(t, { status: "verified" });
  await t.deps.database.client.execute({ sql: "UPDATE employers SET uscc = ? WHERE id = ?", args: [firstUscc, biz.employerId] });
  const priv = await addJobEmployer(t, { status: "pending" });
  await t.deps.database.client.execute({ sql: "UPDATE employers SET kind = 'private', uscc = NULL, id_number = ? WHERE id = ?", args: [firstId, priv.employerId] });

  type Case = { name: string; form: string; path: string; fields: (known: boolean) => Record<string, string> };
  const phone = (known: boolean, who: string = worker.phone) => (known ? who : nextPhone());
  const cases: Case[] = [
    { name: "worker registration", form: paths.workers.register, path: paths.workers.register, fields: (k) => ({ phone: phone(k), name: "王芳", pin: "274913", pin2: "274913" }) },
    {
      name: "employer registration (company: phone and USCC)",
      form: paths.employers.register,
      path: paths.employers.register,
      fields: (k) => ({ kind: "company", name: "花木合作社", uscc: k ? firstUscc : nextUscc(), contactName: "周经理", countyCode: "411024", address: "柏梁镇 8 号", phone: phone(k, biz.phone), password: "huamu-2026", password2: "huamu-2026" }),
    },
    {
      name: "employer registration (private: ID number)",
      form: paths.employers.register,
      path: paths.employers.register,
      fields: (k) => ({ kind: "private", name: "李秀英", idNumber: k ? firstId : nextResidentId(), pledge: "yes", countyCode: "411024", phone: nextPhone(), password: "jiazheng8", password2: "jiazheng8" }),
    },
    {
      name: "employer registration (a worker's number)",
      form: paths.employers.register,
      path: paths.employers.register,
      fields: (k) => ({ kind: "private", name: "李秀英", idNumber: nextResidentId(), pledge: "yes", countyCode: "411024", phone: phone(k), password: "jiazheng8", password2: "jiazheng8" }),
    },
    { name: "job sign-up without an account", form: paths.jobs.show(jobId), path: paths.jobs.apply(jobId), fields: (k) => ({ name: "王秀兰", phone: phone(k) }) },
    { name: "job sign-up with an employer's number", form: paths.jobs.show(jobId), path: paths.jobs.apply(jobId), fields: (k) => ({ name: "王秀兰", phone: phone(k, biz.phone) }) },
    { name: "training sign-up without an account", form: paths.training.show(sessionId), path: paths.training.signup(sessionId), fields: (k) => ({ name: "冒名者", phone: phone(k) }) },
    { name: "login by code", form: paths.phone.login, path: paths.phone.login, fields: (k) => ({ phone: phone(k) }) },
    { name: "查报名结果", form: paths.phone.results, path: paths.phone.results, fields: (k) => ({ phone: phone(k) }) },
    { name: "忘记密码", form: paths.workers.forgotPin, path: paths.workers.forgotPin, fields: (k) => ({ phone: phone(k) }) },
  ];

  const before = await counts();
  const timing: string[] = [];
  for (const c of cases) {
    // The same number is used by several cases: keep under its limits (one a minute, five an hour).
    t.clock.advance(20 * 60_000);
    const known = await submit(c.form, c.path, c.fields(true));
    const unknown = await submit(c.form, c.path, c.fields(false));
    assert.is(known.status, 303, `${c.name}: a redirect`);
    assert.is(known.status, unknown.status, `${c.name}: status`);
    assert.is(known.location, unknown.location, `${c.name}: where to`);
    assert.ok(known.location.startsWith("/phone/TOKEN"), `${c.name}: the code page`);
    assert.is(known.page, unknown.page, `${c.name}: the same page, word for word`);
    assert.not.match(known.page, /已注册|已经注册|已经有账号|姓名对不上|不是工人账号/, `${c.name}: says nothing of an account`);
    timing.push(`${c.name} ${known.ms.toFixed(0)}/${unknown.ms.toFixed(0)} ms`);
  }
  assert.equal(await counts(), before, "no account, sign-up, employer or session without a matching code");
  console.log(`same answer, known/unknown number: ${timing.join("; ")}`);
});

test.run();
