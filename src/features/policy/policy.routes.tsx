/** @jsxImportSource hono/jsx */
// Policy and help pages: workers read short articles by category; staff
// write them in a tiny markup (never HTML) for their market, or the city.
import { Hono } from "hono";
import type { LinkProvider } from "../../shared/hooks.ts";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, isStaff, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam, pageParam, pagesFor } from "../../shared/params.ts";
import { chinaDate } from "../../shared/clock.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { policyArticles, articleCategories, type ArticleCategory } from "../../../db/schema/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { PolicyListPage, ArticlePage, type ArticleCard } from "../../../views/policy/pages.tsx";
import { StaffArticleListPage, ArticleFormPage } from "../../../views/policy/staff.tsx";
import { ArticleForm } from "./policy.schema.ts";
import { canWriteFor } from "./policy.domain.ts";
import { renderMarkup, refusedLinks, summary } from "./policy.markup.ts";
import * as repo from "./policy.repo.ts";
import { eq } from "drizzle-orm";

const t = copy.policy;

// Staff find the article admin from their account page. Registered once per process.
export const policyMeLinks: LinkProvider = ((c) => (isStaff(c.var.user) ? [[paths.policy.staffList, t.staffTitle]] : []));


type Row = { id: number; category: ArticleCategory; title: string; body: string; marketName: string | null };
const card = (a: Row): ArticleCard => ({ id: a.id, category: a.category, title: a.title, summary: summary(a.body), place: a.marketName ?? t.wholeCity });

export function policyRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.policy.list, async (c) => {
    const { db } = c.var.deps.database;
    const q = readQuery(c);
    const category = (articleCategories as readonly string[]).includes(q.category as string) ? (q.category as ArticleCategory) : undefined;
    const page = pageParam(c);
    let groups: { category: ArticleCategory; rows: ArticleCard[] }[];
    let pages = 1;
    if (category) {
      const { rows, total } = await repo.listPublished(db, category, page);
      groups = [{ category, rows: rows.map(card) }];
      pages = pagesFor(total, repo.PAGE_SIZE);
    } else {
      const latest = await repo.latestPerCategory(db, 3);
      groups = articleCategories.map((cat) => ({ category: cat, rows: latest.filter((a) => a.category === cat).map(card) }));
    }
    return c.render(<PolicyListPage category={category} groups={groups} page={page} pages={pages} staff={isStaff(c.var.user)} />, {
      title: category ? t.categories[category] : t.listTitle,
    });
  });

  app.get(paths.policy.showPattern, async (c) => {
    const a = await repo.findArticle(c.var.deps.database.db, idParam(c));
    if (!a || a.status !== "published") throw new NotFound("article");
    return c.render(
      <ArticlePage title={a.title} category={a.category} place={a.marketName ?? t.wholeCity} updated={chinaDate(a.updatedAt)} html={renderMarkup(a.body)} />,
      { title: a.title },
    );
  });

  // --- Staff ------------------------------------------------------------------

  app.get(paths.policy.staffList, async (c) => {
    const user = requireStaff(c);
    const page = pageParam(c);
    const { rows, total } = await repo.listForStaff(c.var.deps.database.db, user, page);
    return c.render(
      <StaffArticleListPage rows={rows.map((a) => ({ ...a, place: a.marketName ?? t.wholeCity }))} page={page} pages={pagesFor(total, repo.PAGE_SIZE)} />,
      { title: t.staffTitle },
    );
  });

  const formPage = async (
    c: Ctx,
    user: CurrentUser,
    o: { action: string; heading: string; values?: FormInput; errors?: FormErrors; status?: 400 | 422; archiveAction?: string },
  ) => {
    const { deps } = c.var;
    const markets = await marketsInScope(deps.database.db, user);
    const body = typeof o.values?.body === "string" ? o.values.body : "";
    if (o.status) c.status(o.status);
    return c.render(
      <ArticleFormPage
        action={o.action}
        heading={o.heading}
        markets={markets.map((m) => [String(m.id), `${deps.regions.countyName(m.countyCode)} ${m.name}`] as const)}
        wholeCity={user.role === "city_admin"}
        values={o.values}
        errors={o.errors}
        preview={body ? renderMarkup(body) : undefined}
        archiveAction={o.archiveAction}
      />,
      { title: o.heading },
    );
  };

  /** Reads and checks the form: fields, links, and that the market is one this user writes for. */
  const readArticle = async (
    c: Ctx,
    user: CurrentUser,
  ): Promise<{ input: FormInput; errors?: FormErrors; status?: 400 | 422; value?: { category: ArticleCategory; title: string; body: string; marketId: number | null } }> => {
    const input = await readForm(c);
    const form = check(ArticleForm, input);
    if (!form.ok) return { input, errors: form.errors, status: 400 as const };
    const errors: FormErrors = {};
    const bad = refusedLinks(form.value.body);
    if (bad.length) errors.body = t.badLinks(bad.slice(0, 3).join("、"));
    const market = form.value.marketId === undefined ? null : await repo.findMarket(c.var.deps.database.db, form.value.marketId);
    if (form.value.marketId !== undefined && !market) errors.marketId = copy.errors.invalidChoice(t.market);
    else if (!canWriteFor(user, market)) errors.marketId = t.outOfScope;
    if (Object.keys(errors).length) return { input, errors, status: 422 as const };
    return { input, value: { ...form.value, marketId: market?.id ?? null } };
  };

  app.get(paths.policy.staffNew, (c) => {
    const user = requireStaff(c);
    return formPage(c, user, { action: paths.policy.staffNew, heading: t.newArticle, values: { marketId: user.marketId ? String(user.marketId) : undefined } });
  });

  app.post(paths.policy.staffNew, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const r = await readArticle(c, user);
    if (!r.value) return formPage(c, user, { action: paths.policy.staffNew, heading: t.newArticle, values: r.input, errors: r.errors, status: r.status });
    const v = r.value;
    const now = deps.clock.now();
    const id = await deps.database.transaction(async (tx) => {
      const [row] = await tx
        .insert(policyArticles)
        .values({ ...v, createdBy: user.id, createdAt: now, updatedBy: user.id, updatedAt: now })
        .returning({ id: policyArticles.id });
      await auditInsert(tx, user, now, { action: "policy.create", subjectType: "policy_article", subjectId: row.id });
      return row.id;
    });
    return redirectWithFlash(c, paths.policy.show(id), t.created);
  });

  /** An article this staff member may edit; anything else does not exist for them. */
  const editable = async (c: Ctx, user: CurrentUser) => {
    const a = await repo.findArticle(c.var.deps.database.db, idParam(c));
    if (!a) throw new NotFound("article");
    ensure(canWriteFor(user, a.marketId === null ? null : { id: a.marketId, countyCode: a.countyCode ?? "" }));
    return a;
  };

  app.get(paths.policy.staffEditPattern, async (c) => {
    const user = requireStaff(c);
    const a = await editable(c, user);
    return formPage(c, user, {
      action: paths.policy.staffEdit(a.id),
      heading: t.editArticle,
      values: { category: a.category, title: a.title, body: a.body, marketId: a.marketId === null ? undefined : String(a.marketId) },
      archiveAction: a.status === "published" ? paths.policy.staffArchive(a.id) : undefined,
    });
  });

  app.post(paths.policy.staffEditPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const a = await editable(c, user);
    const action = paths.policy.staffEdit(a.id);
    const r = await readArticle(c, user);
    if (!r.value) return formPage(c, user, { action, heading: t.editArticle, values: r.input, errors: r.errors, status: r.status });
    const v = r.value;
    const now = deps.clock.now();
    // Saving an archived article publishes it again.
    await deps.database.write((db) =>
      db.batch([
        db.update(policyArticles).set({ ...v, status: "published", updatedBy: user.id, updatedAt: now }).where(eq(policyArticles.id, a.id)),
        auditInsert(db, user, now, { action: "policy.edit", subjectType: "policy_article", subjectId: a.id }),
      ]),
    );
    return redirectWithFlash(c, paths.policy.show(a.id), t.saved);
  });

  app.post(paths.policy.staffArchivePattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const a = await editable(c, user);
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        db.update(policyArticles).set({ status: "archived", updatedBy: user.id, updatedAt: now }).where(eq(policyArticles.id, a.id)),
        auditInsert(db, user, now, { action: "policy.archive", subjectType: "policy_article", subjectId: a.id }),
      ]),
    );
    return redirectWithFlash(c, paths.policy.staffList, t.archived);
  });

  return app;
}
