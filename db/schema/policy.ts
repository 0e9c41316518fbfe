// Policy and help articles (政策帮助): short plain-text articles written by
// staff in a tiny markup (see src/features/policy/policy.markup.ts), by
// category, citywide or tied to one market.
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";
import { markets } from "./markets.ts";

/** 就业政策 / 安全教育 / 法律维权 / 意外伤害保险 / 创业贷款 / 培训补贴 */
export const articleCategories = ["employment", "safety", "legal", "injury_insurance", "startup_loan", "training_subsidy"] as const;
export type ArticleCategory = (typeof articleCategories)[number];

export const articleStatuses = ["published", "archived"] as const;

export const policyArticles = sqliteTable(
  "policy_articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    category: text("category", { enum: articleCategories }).notNull(),
    title: text("title").notNull(),
    /** The article in our tiny markup; rendered and escaped on display, never stored as HTML. */
    body: text("body").notNull(),
    /** Null: for the whole city. Otherwise shown with that market in the directory. */
    marketId: integer("market_id").references(() => markets.id),
    status: text("status", { enum: articleStatuses }).notNull().default("published"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("policy_articles_browse_idx").on(t.status, t.category, t.updatedAt),
    index("policy_articles_market_idx").on(t.marketId, t.status),
  ],
);
