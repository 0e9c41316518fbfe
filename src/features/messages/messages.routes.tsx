/** @jsxImportSource hono/jsx */
// The inbox (我的消息) of any signed-in user.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths, safeNext } from "../../paths.ts";
import { requireUser, requireAdmin } from "../../shared/authz.ts";
import { maskPhone } from "../../shared/validators.ts";
import { TextsPage } from "../../../views/messages/texts.tsx";
import { callbackRoutes } from "./messages.callbacks.ts";
import { smsSettings } from "./messages.providers.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { InboxPage } from "../../../views/messages/inbox.tsx";
import { pageNumber } from "./messages.domain.ts";
import * as repo from "./messages.repo.ts";

const t = copy.messages;
const PER_PAGE = 20;

export function messagesRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.messages.inbox, async (c) => {
    const user = requireUser(c);
    const { db } = c.var.deps.database;
    const page = pageNumber(c.req.query("page"));
    const [{ total, rows }, unread] = await Promise.all([repo.listInbox(db, user.id, page, PER_PAGE), repo.unreadCount(db, user.id)]);
    return c.render(
      <InboxPage
        // A message's link is a site path we wrote; safeNext keeps it so even if a row were tampered with.
        rows={rows.map((m) => ({ id: m.id, at: m.at, body: m.body, link: m.link ? safeNext(m.link) : null, unread: m.readAt === null }))}
        unread={unread}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
      />,
      { title: t.inboxTitle },
    );
  });

  // 短信记录: county admins see the texts about their county, the city admin all.
  app.get(paths.messages.texts, async (c) => {
    const user = requireAdmin(c);
    const { db } = c.var.deps.database;
    const raw = c.req.query("show") ?? "all";
    const filter = (repo.textFilters as readonly string[]).includes(raw) ? (raw as repo.TextFilter) : "all";
    const page = pageNumber(c.req.query("page"));
    const county = user.role === "city_admin" ? null : (user.scopeCounty ?? "-");
    const { rows, total } = await repo.listTexts(db, county, filter, page, PER_PAGE);
    const purposes = copy.sms.purposes as Record<string, string>;
    return c.render(
      <TextsPage
        rows={rows.map((r) => ({ ...r, phone: maskPhone(r.phone), purpose: purposes[r.template] ?? r.template }))}
        filter={filter}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
        provider={smsSettings(c.var.deps.config.env ?? {}).provider}
      />,
      { title: copy.smsPages.textsTitle },
    );
  });

  app.route("/", callbackRoutes());

  app.post(paths.messages.readAll, async (c) => {
    const user = requireUser(c);
    const deps = c.var.deps;
    await deps.database.write((db) => repo.markAllRead(db, user.id, deps.clock.now()));
    return redirectWithFlash(c, paths.messages.inbox, t.markedRead);
  });

  return app;
}
