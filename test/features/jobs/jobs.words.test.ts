// The codes the jobs actions answer with, turned into the copy catalog's words
// (shared by the jobs pages and the desk): a table of cases, no app needed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Deps } from "../../../src/shared/context.ts";
import { problemMessages, holdText, postedText } from "../../../src/features/jobs/jobs.words.ts";
import type { PublishHold } from "../../../src/features/jobs/jobs.actions.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.jobs;
const deps = { config: { postingLimits: { perHour: 10, perDay: 30, householdHeadcount: 10 }, hotline: "12345" } } as unknown as Deps;

test("each hold code has its words", () => {
  const cases: [PublishHold, string][] = [
    [{ code: "notVerified" }, t.notVerified],
    [{ code: "endPast" }, t.endPastPublish],
    [{ code: "perHour" }, t.limitPerHour(10)],
    [{ code: "perDay" }, t.limitPerDay(30)],
    [{ code: "householdHeadcount" }, t.limitHousehold(10, "12345")],
    [{ code: "refused", message: "欠薪未处理" }, "欠薪未处理"],
  ];
  for (const [hold, words] of cases) assert.is(holdText(deps, hold), words, hold.code);
});

test("after posting: published, or a draft and why (waiting for verification says so)", () => {
  assert.is(postedText(deps, null), t.published);
  assert.is(postedText(deps, { code: "notVerified" }), t.draftSaved + t.publishOnVerification);
  assert.is(postedText(deps, { code: "perDay" }), t.draftSaved + t.limitPerDay(30));
});

test("draft problems land on the form's field names (wageFen → wage)", () => {
  assert.equal(problemMessages({ wageFen: "wageRequired", endDate: "endBeforeStart" }), { wage: t.problems.wageRequired, endDate: t.problems.endBeforeStart });
});

test.run();
