// What a feature hands the app: its pages, its read-only JSON API routes
// (mounted under /api/v1), and a chance to register hooks.
import type { Hono } from "hono";
import type { AppEnv, Deps } from "./context.ts";
import type { ApiEndpoint } from "./openapi.ts";
import type { LinkProvider } from "./hooks.ts";

export interface Feature {
  name: string;
  routes?: () => Hono<AppEnv>;
  /** Mounted at /api/v1; GET only, no personal data. */
  api?: () => Hono<AppEnv>;
  /** What `api` serves, described for the OpenAPI document (every route of `api` must be listed: a test checks). */
  apiEndpoints?: readonly ApiEndpoint[];
  /** Links this feature adds to "my account" and to the employer's home (createApp puts them on deps.hooks, per app). */
  meLinks?: LinkProvider[];
  employerHomeLinks?: LinkProvider[];
  /** Called once per app: register hooks, start timers (return a stop function). */
  install?: (deps: Deps) => void | (() => void);
}
