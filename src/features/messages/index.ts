// Messages: the inbox of status changes and the SMS outbox. Its only door.
import type { Feature } from "../../shared/feature.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { messagesRoutes } from "./messages.routes.tsx";
import { unreadCount } from "./messages.repo.ts";
import { startSmsTimer } from "./messages.sms.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

export { notifyStatements, textStatements, unreadCount, recipientColumns, type Notice, type Text } from "./messages.repo.ts";
export { templateSpecs, templateKeys, renderTemplate, shortDate, shortDates, type TemplateKey } from "./messages.templates.ts";
export { flushSms, startSmsTimer, SMS_FLUSH_EVERY_MS, type FlushResult } from "./messages.sms.ts";
export { MAX_SMS_ATTEMPTS } from "./messages.domain.ts";
export { smsSender, smsSettings, templateEnvName, type SmsSettings } from "./messages.providers.ts";
export { callbackProvider, callbackJson, received, notAccepted, type Provider } from "./messages.callbacks.ts";

// Admins reach 短信记录 from "my account".
const meLinks1: LinkProvider = ((c) => {
  const role = c.var.user?.role;
  return role === "county_admin" || role === "city_admin" ? [[paths.messages.texts, copy.smsPages.meTexts]] : [];
});

// The layout is shared, so the unread count shows on "my account", for every role.
const meLinks2: LinkProvider = (async (c) => {
  const user = c.var.user;
  if (!user) return [];
  return [[paths.messages.inbox, copy.messages.meInbox(await unreadCount(c.var.deps.database.db, user.id))]];
});

export const feature: Feature = {
  name: "messages",
  meLinks: [meLinks1, meLinks2],
  routes: messagesRoutes,
  // Texts queued by any feature go out every 30 s; the returned function stops the timer.
  install: (deps) => startSmsTimer(deps),
};
