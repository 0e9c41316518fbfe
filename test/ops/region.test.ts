// Another place runs the same code with its own region file (REGION_FILE):
// its counties, site name and hotline show, Xuchang's do not; a broken file
// stops the start with a message naming the file.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTestApp } from "../helpers/app.ts";
import { loadConfig, ConfigError } from "../../src/config.ts";
import { startServer, tempDir } from "./helpers.ts";

const tmp = tempDir("lingong-region-");
test.after(() => tmp.cleanup());

/** A made-up county-level city with two counties, two townships and its own kinds of work. */
const qingshan = {
  city: { code: "990100", name: "青山市" },
  siteName: "青山零工之家",
  hotline: "0999-1234567",
  minWage: { hourlyFen: 1800, monthlyFen: 190000 },
  counties: [
    { code: "990102", name: "青山县" },
    { code: "990103", name: "白水县" },
  ],
  townships: [
    { code: "990102001", name: "石门镇", countyCode: "990102" },
    { code: "990103001", name: "柳河乡", countyCode: "990103" },
  ],
  workKinds: ["采茶", "修路", "家政保洁"],
  brands: [{ name: "青山茶工", county: "990102" }],
};
const file = (name: string, data: unknown) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
};

test("the home page shows the region file's site name, counties and hotline, not Xuchang's", async () => {
  const t = await makeTestApp({ env: { REGION_FILE: file("qingshan.json", qingshan) } });
  try {
    const r = await t.client().get("/");
    assert.is(r.status, 200);
    assert.match(r.html, "青山零工之家");
    assert.match(r.html, "青山县");
    assert.match(r.html, "白水县");
    assert.match(r.html, "0999-1234567");
    assert.not.match(r.html, "许昌");
    assert.not.match(r.html, "鄢陵县");
    assert.is(t.deps.config.minWage.hourlyFen, 1800);
    const kinds = (await t.deps.database.client.execute("SELECT name FROM work_kinds ORDER BY sort")).rows.map((x) => String(x[0]));
    assert.equal(kinds, ["采茶", "修路", "家政保洁"]);
    const townships = (await t.deps.database.client.execute("SELECT count(*) FROM townships")).rows[0][0];
    assert.is(Number(townships), 2);
  } finally {
    t.close();
  }
});

test("a region file with a mistake is refused with the file and the place of the mistake", () => {
  const cases: [string, unknown, string][] = [
    ["stray.json", { ...qingshan, townships: [{ code: "990104001", name: "外乡", countyCode: "990104" }] }, "990104 不在 counties 中"],
    ["badcode.json", { ...qingshan, counties: [{ code: "9901", name: "青山县" }] }, "counties.0.code"],
    ["nokinds.json", { ...qingshan, workKinds: [] }, "workKinds"],
    ["straybrand.json", { ...qingshan, brands: [{ name: "外地品牌", county: "990199" }] }, "品牌 外地品牌 的县级代码 990199 不在 counties 中"],
  ];
  for (const [name, data, want] of cases) {
    const path = file(name, data);
    try {
      loadConfig({ REGION_FILE: path });
      assert.unreachable(name);
    } catch (e) {
      assert.instance(e, ConfigError);
      assert.match((e as Error).message, path);
      assert.match((e as Error).message, want);
    }
  }
  assert.throws(() => loadConfig({ REGION_FILE: join(tmp.dir, "missing.json") }), /无法读取地区数据文件/);
});

test("region-file mistakes are said in Chinese, with the line and the field, not valibot's English", () => {
  const pretty = (name: string, data: unknown) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, JSON.stringify(data, null, 2));
    return path;
  };
  const message = (path: string) => {
    try {
      loadConfig({ REGION_FILE: path });
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("not refused");
  };
  // In the pretty-printed file, counties[1].code is on line 18.
  const bad = message(pretty("line.json", { ...qingshan, counties: [qingshan.counties[0], { code: "99010", name: "白水县" }] }));
  assert.match(bad, "第 18 行");
  assert.match(bad, "县(市、区)列表第 2 项的代码");
  assert.match(bad, "应为 6 位数字");
  assert.not.match(bad, /Invalid|Expected/);
  const { siteName: _, ...noName } = qingshan;
  assert.match(message(pretty("noname.json", noName)), "网站名称,即 siteName):缺少这一项");
  assert.match(message(pretty("wage.json", { ...qingshan, minWage: { hourlyFen: "1800", monthlyFen: 190000 } })), "最低工资的小时最低工资(分)");
  const syntax = join(tmp.dir, "syntax.json");
  writeFileSync(syntax, '{\n  "city": { "code": "990100", "name": "青山市" },\n  "siteName": "青山",\n}\n');
  assert.match(message(syntax), /第 [34] 行附近.*不是正确的 JSON/);
});

test("the real server starts with the other region file, and refuses a broken one at start (exit 78)", async () => {
  const s = await startServer({ DATABASE_URL: `file:${join(tmp.dir, "q.db")}`, REGION_FILE: file("qingshan2.json", qingshan) });
  try {
    const html = await (await fetch(`${s.base}/`)).text();
    assert.match(html, "青山零工之家");
    assert.match(html, "白水县");
  } finally {
    await s.stop();
  }
  try {
    await startServer({ DATABASE_URL: `file:${join(tmp.dir, "q2.db")}`, REGION_FILE: file("broken.json", { ...qingshan, hotline: "call us" }) });
    assert.unreachable("a broken region file must stop the start");
  } catch (e) {
    assert.match((e as Error).message, "server exited with 78");
    assert.match((e as Error).message, "配置错误");
    assert.match((e as Error).message, "hotline");
  }
});

test.run();
