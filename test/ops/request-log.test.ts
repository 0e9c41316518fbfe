// Request logs carry the route pattern, never the path: no ids, card codes,
// query strings or typed-in phone numbers reach the log.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";

test("the logged path is the route's pattern; unknown URLs log as /*", async () => {
  const t = await makeTestApp();
  try {
    await t.app.request(`${paths.ops.forgetWorker(4242)}?phone=13812345678`);
    await t.app.request("/no/such/page/13912345678");
    await t.app.request(`${paths.accounts.login}?next=%2Fme&phone=13812345670`);
    const lines = t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    assert.equal(
      lines.map((l) => `${l.method} ${l.path} ${l.status}`),
      [`GET ${paths.ops.forgetWorkerPattern} 303`, "GET /* 404", `GET ${paths.accounts.login} 200`],
    );
    const all = t.logs.join("\n");
    for (const secret of ["4242", "13812345678", "13912345678", "13812345670", "phone="]) assert.not.match(all, secret);
  } finally {
    t.close();
  }
});

test.run();
