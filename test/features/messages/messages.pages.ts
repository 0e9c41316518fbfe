import { sql } from "drizzle-orm";
import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { notifyStatements, textStatements, templateKeys } from "../../../src/features/messages/index.ts";

export const pages: PageRecipe[] = [
  {
    route: paths.messages.inbox,
    as: "worker",
    // A full page of long messages, so the inbox is measured at its heaviest.
    url: async (w) => {
      const user = w.as.worker.user!;
      const now = w.t.clock.now();
      const notices = Array.from({ length: 25 }, (_, i) => ({ userId: user.id, body: `【许昌零工市场】您报名的“鄢陵县花木合作社苗木修剪”已被雇主确认。请在 12 月 1 日早上 7 点到柏梁镇花木大道 8 号报到,带好手套和水杯。第 ${i} 条。`, link: paths.workers.cards }));
      await w.t.deps.database.write((db) => db.batch(notifyStatements(db, notices, now) as never));
      return paths.messages.inbox;
    },
  },
  { route: paths.messages.inbox, as: "employer" },
  {
    route: paths.messages.texts,
    as: "city_admin",
    // A full page (20) of texts of every kind, one failed with a long reason.
    url: async (w) => {
      const now = w.t.clock.now();
      const texts = Array.from({ length: 25 }, (_, i) => ({ to: `1380000${String(1000 + i)}`, template: templateKeys[i % templateKeys.length], params: {} }));
      await w.t.deps.database.write((db) => db.batch(textStatements(db, texts, now) as never));
      await w.t.deps.database.write((db) => db.run(sql`UPDATE sms_outbox SET status = 'failed', attempts = 3, error = ${"aliyun 200 isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5".repeat(3)} WHERE id % 3 = 0`));
      return paths.messages.texts;
    },
  },
];
