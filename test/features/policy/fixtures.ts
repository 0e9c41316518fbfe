import { policyArticles, type ArticleCategory } from "../../../db/schema/index.ts";
import type { TestApp } from "../../helpers/app.ts";

export async function addArticle(t: TestApp, o: { category?: ArticleCategory; title?: string; body?: string; marketId?: number | null; status?: "published" | "archived" } = {}) {
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(policyArticles)
      .values({
        category: o.category ?? "legal",
        title: o.title ?? "被拖欠工资怎么办",
        body: o.body ?? "# 先留证据\n\n- 工作时间\n- 工资约定\n\n打 [12333](/hotline) 求助。",
        marketId: o.marketId ?? null,
        status: o.status ?? "published",
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: policyArticles.id }),
  );
  return row.id;
}
