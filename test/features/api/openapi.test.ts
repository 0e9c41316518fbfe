// The open API described for mini-program builders: an index at /api/v1, an
// OpenAPI 3 document generated from the valibot schemas the answers are
// checked against, stable cursor paging, ETag/304 and an explicit CORS policy.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as v from "valibot";
import { makeTestApp, addMarket, type TestApp } from "../../helpers/app.ts";
import { addEmployer, addPosting } from "../jobs/fixtures.ts";
import { JobListSchema, JobSchema } from "../../../src/features/jobs/jobs.api.ts";
import { MarketListSchema, MarketOneSchema } from "../../../src/features/markets/markets.api.ts";

let t: TestApp;
let employerId: number;
let marketId: number;
const firstIds: number[] = [];

test.before(async () => {
  t = await makeTestApp();
  employerId = (await addEmployer(t)).employerId;
  // Seven postings published at the same instant (the clock is fixed): the cursor must break ties by id.
  for (let i = 0; i < 7; i++) firstIds.push(await addPosting(t, employerId, { title: `同时发布 ${i}` }));
  marketId = await addMarket(t, { name: "鄢陵县零工市场", tier: "county" });
});
test.after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.request(`http://localhost${url}`, { headers });
const json = async (url: string) => {
  const r = await get(url);
  return { status: r.status, headers: r.headers, body: (await r.json()) as any };
};

test("GET /api/v1 lists every endpoint and where the description is", async () => {
  const r = await json("/api/v1");
  assert.is(r.status, 200);
  const listed = r.body.endpoints.map((e: { path: string }) => e.path);
  assert.equal(listed, ["/openapi.json", "/jobs", "/jobs/{id}", "/markets", "/markets/{id}"]);
  assert.ok(String(r.body.openapi).endsWith("/api/v1/openapi.json"));
  assert.ok(String(r.body.name).includes("许昌"));
});

test("the OpenAPI document is OpenAPI 3, names every GET route under /api/v1, and every $ref resolves", async () => {
  const r = await json("/api/v1/openapi.json");
  assert.is(r.status, 200);
  const doc = r.body;
  assert.is(doc.openapi, "3.0.3");
  for (const k of ["title", "version", "description"]) assert.type(doc.info[k], "string", k);
  assert.ok(Array.isArray(doc.servers) && String(doc.servers[0].url).endsWith("/api/v1"));
  // Every API route the app really serves, read from the router itself (not a list kept by hand).
  const served = new Set(
    t.app.routes
      .filter((x) => x.method === "GET" && x.path.startsWith("/api/v1/") && x.path !== "/api/v1/*")
      .map((x) => x.path.slice("/api/v1".length).replace(/:([A-Za-z_]+)/g, "{$1}")),
  );
  served.delete("/"); // the index describes the document, not itself
  served.delete("/openapi.json");
  assert.equal(new Set(Object.keys(doc.paths)), served);
  assert.ok(served.size >= 4);
  // Structure: each operation has an id, a summary, its path parameters, and a 200 with a schema reference.
  const ids = new Set<string>();
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    const op = item.get;
    assert.ok(op, path);
    assert.type(op.operationId, "string");
    assert.not.ok(ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
    ids.add(op.operationId);
    assert.type(op.summary, "string");
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const p of pathParams) assert.ok(op.parameters.some((x: any) => x.in === "path" && x.name === p && x.required === true), `${path}: ${p}`);
    for (const p of op.parameters) assert.ok(["query", "path"].includes(p.in) && p.schema && typeof p.description === "string");
    assert.ok(op.responses["200"].content["application/json"].schema.$ref, path);
  }
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 5);
  for (const name of refs) assert.ok(doc.components.schemas[name], `unresolved $ref ${name}`);
  // The generated schemas say what the valibot schemas say: strict objects with their required fields.
  const job = doc.components.schemas.Job;
  assert.is(job.type, "object");
  assert.is(job.additionalProperties, false);
  assert.ok(job.required.includes("title") && job.required.includes("county"));
  assert.equal(job.properties.payMode.enum, ["wage", "quote"]);
});

test("a real answer from each endpoint validates against the schema the document was made from", async () => {
  const cases: [string, v.GenericSchema][] = [
    ["/api/v1/jobs", JobListSchema],
    [`/api/v1/jobs/${firstIds[0]}`, JobSchema],
    ["/api/v1/markets", MarketListSchema],
    [`/api/v1/markets/${marketId}`, MarketOneSchema],
  ];
  for (const [url, schema] of cases) {
    const r = await json(url);
    assert.is(r.status, 200, url);
    const checked = v.safeParse(schema, r.body);
    assert.ok(checked.success, `${url}: ${JSON.stringify(checked.issues?.map((i) => [i.path?.map((p) => p.key).join("."), i.message]))}`);
  }
  // …and a schema with a field too many would fail: strict objects catch drift in either direction.
  const one = (await json(`/api/v1/jobs/${firstIds[0]}`)).body;
  assert.not.ok(v.safeParse(JobSchema, { ...one, contactPhone: "13812345678" }).success);
});

test("cursor paging returns every posting once, in order, even when one is published between pages", async () => {
  const seen: number[] = [];
  let url = "/api/v1/jobs?per_page=3";
  let pages = 0;
  let publishedMidway: number | undefined;
  for (;;) {
    const r = await json(url);
    assert.is(r.status, 200);
    seen.push(...r.body.items.map((x: { id: number }) => x.id));
    pages++;
    if (pages === 1) {
      t.clock.advance(60_000);
      publishedMidway = await addPosting(t, employerId, { title: "翻页时新发布" });
    }
    if (!r.body.nextCursor) {
      assert.is(r.body.hasNext, false);
      break;
    }
    assert.ok(pages < 10, "paging did not end");
    url = `/api/v1/jobs?per_page=3&cursor=${encodeURIComponent(r.body.nextCursor)}`;
  }
  // Newest first, ties by id: the seven of the same instant from the highest id down; the new one is not
  // slipped in (it is newer than the first page) and nothing repeats or goes missing.
  assert.equal(seen, [...firstIds].reverse());
  assert.ok(publishedMidway && !seen.includes(publishedMidway));
  const fresh = await json("/api/v1/jobs?per_page=3");
  assert.is(fresh.body.items[0].id, publishedMidway);
});

test("a cursor that was not given out is a 400 in Chinese, never a 500", async () => {
  for (const bad of ["abc", "1.2.3", "-1.5", "9".repeat(30) + ".1", "1;DROP"]) {
    const r = await json(`/api/v1/jobs?cursor=${encodeURIComponent(bad)}`);
    assert.is(r.status, 400, bad);
    assert.is(r.body.error, "bad_request");
    assert.match(r.body.message, /cursor/);
  }
});

test("ETag: the same answer again with If-None-Match is a 304 without a body; a change gives a new ETag", async () => {
  const first = await get("/api/v1/markets");
  const tag = first.headers.get("etag");
  assert.ok(tag, "no ETag");
  const again = await get("/api/v1/markets", { "if-none-match": tag! });
  assert.is(again.status, 304);
  assert.is(await again.text(), "");
  await addMarket(t, { name: "新开的驿站" });
  const changed = await get("/api/v1/markets", { "if-none-match": tag! });
  assert.is(changed.status, 200);
  assert.is.not(changed.headers.get("etag"), tag);
  const doc = await get("/api/v1/openapi.json");
  assert.ok(doc.headers.get("etag"));
});

test("CORS: any origin may GET, a preflight allows GET/HEAD only, and never with credentials", async () => {
  const r = await get("/api/v1/jobs", { origin: "https://mini.example.cn" });
  assert.is(r.headers.get("access-control-allow-origin"), "*");
  assert.is(r.headers.get("access-control-allow-credentials"), null);
  const pre = await t.app.request("http://localhost/api/v1/jobs", {
    method: "OPTIONS",
    headers: { origin: "https://mini.example.cn", "access-control-request-method": "GET" },
  });
  assert.ok(pre.status === 204 || pre.status === 200, String(pre.status));
  const methods = (pre.headers.get("access-control-allow-methods") ?? "").split(",").map((s) => s.trim()).sort();
  assert.equal(methods, ["GET", "HEAD", "OPTIONS"]);
  // A write is not an API verb: not allowed, whatever the origin says.
  const post = await t.app.request("http://localhost/api/v1/jobs", { method: "POST", headers: { origin: "https://mini.example.cn" } });
  assert.is(post.status, 405);
  assert.is(post.headers.get("allow"), "GET, HEAD, OPTIONS");
  assert.is(((await post.json()) as { error: string }).error, "method_not_allowed");
});

test.run();
