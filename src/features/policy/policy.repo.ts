// Queries on policy articles.
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { policyArticles, markets, type ArticleCategory } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import type { CurrentUser } from "../../shared/context.ts";
import { marketScope } from "../../shared/scope.ts";
import { pagedList, firstRow } from "../../shared/queries.ts";

export const PAGE_SIZE = 20;

const listColumns = {
  id: policyArticles.id,
  category: policyArticles.category,
  title: policyArticles.title,
  body: policyArticles.body,
  marketId: policyArticles.marketId,
  marketName: markets.name,
  status: policyArticles.status,
  updatedAt: policyArticles.updatedAt,
};

/** A page of the articles that meet `where`, with their market, newest first. */
function articleList(db: Queryable, where: SQL | undefined, page: number) {
  return pagedList({
    columns: listColumns,
    from: (fields) => db.select(fields).from(policyArticles).leftJoin(markets, eq(markets.id, policyArticles.marketId)).where(where),
    orderBy: [desc(policyArticles.updatedAt), desc(policyArticles.id)],
    page,
    size: PAGE_SIZE,
  });
}

/** Published articles, newest first, in one category or all. */
export async function listPublished(db: Queryable, category: ArticleCategory | undefined, page: number) {
  const where = and(eq(policyArticles.status, "published"), category ? eq(policyArticles.category, category) : undefined);
  return articleList(db, where, page);
}

/** The newest few published articles of every category (the overview page). */
export async function latestPerCategory(db: Queryable, perCategory: number) {
  const ranked = db
    .select({
      ...listColumns,
      rank: sql<number>`row_number() over (partition by ${policyArticles.category} order by ${policyArticles.updatedAt} desc, ${policyArticles.id} desc)`.as("rank"),
    })
    .from(policyArticles)
    .leftJoin(markets, eq(markets.id, policyArticles.marketId))
    .where(eq(policyArticles.status, "published"))
    .as("ranked");
  return db.select().from(ranked).where(sql`${ranked.rank} <= ${perCategory}`);
}

export async function findArticle(db: Queryable, id: number) {
  return firstRow(
    db
      .select({ ...listColumns, countyCode: markets.countyCode })
      .from(policyArticles)
      .leftJoin(markets, eq(markets.id, policyArticles.marketId))
      .where(eq(policyArticles.id, id)),
  );
}

/** Articles a staff member may edit, newest first. */
export async function listForStaff(db: Queryable, user: CurrentUser, page: number) {
  const where = marketScope(user, policyArticles.marketId);
  return articleList(db, where, page);
}

export async function findMarket(db: Queryable, id: number) {
  return firstRow(db.select({ id: markets.id, countyCode: markets.countyCode }).from(markets).where(eq(markets.id, id)));
}

export interface MarketArticle {
  id: number;
  category: ArticleCategory;
  title: string;
}

/**
 * The published articles tied to one market (newest first, at most 20), for
 * the market directory to show beside the market. Citywide articles are not
 * included: they are the same for every market and live under /policy.
 */
export async function articlesForMarket(db: Queryable, marketId: number): Promise<MarketArticle[]> {
  return db
    .select({ id: policyArticles.id, category: policyArticles.category, title: policyArticles.title })
    .from(policyArticles)
    .where(and(eq(policyArticles.marketId, marketId), eq(policyArticles.status, "published")))
    .orderBy(desc(policyArticles.updatedAt), desc(policyArticles.id))
    .limit(20);
}

