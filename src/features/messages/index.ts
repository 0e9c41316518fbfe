// Messages: the inbox of status changes and the SMS outbox. Its only door.
import type { Feature } from "../../shared/feature.ts";

export { notifyStatements, type Notice } from "./messages.repo.ts";

export const feature: Feature = { name: "messages" };
