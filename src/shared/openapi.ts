// The open API described: each feature declares its /api/v1 endpoints with the
// same valibot schemas that shape (and, in tests, check) its answers, and this
// module turns them into an OpenAPI 3.0 document for people who build
// mini-programs (小程序) and other clients on the open data. The JSON Schema of
// each answer comes from @valibot/to-json-schema, Valibot's own converter, so
// the document cannot drift from the schemas the tests validate against.
import { Hono } from "hono";
import * as v from "valibot";
import { toJsonSchema } from "@valibot/to-json-schema";
import type { AppEnv } from "./context.ts";

export interface ApiParam {
  name: string;
  in: "query" | "path";
  description: string;
  schema: { type: "string" | "integer"; enum?: readonly string[]; minimum?: number; maximum?: number; pattern?: string };
  required?: boolean;
}

export interface ApiEndpoint {
  /** Hono pattern under /api/v1, e.g. "/jobs/:id". */
  path: string;
  summary: string;
  description?: string;
  params?: ApiParam[];
  /** The answer's schema and its name in components.schemas. */
  response: { name: string; schema: v.GenericSchema };
  /** Answers 404 for an unknown id or filter value. */
  notFound?: boolean;
}

export interface ApiInfo {
  title: string;
  description: string;
  version: string;
  /** Where the API is served, e.g. https://lg.example.gov.cn/api/v1 */
  serverUrl: string;
}

const ErrorSchema = v.strictObject({ error: v.string(), message: v.optional(v.string()) });

/** "/jobs/:id" → "/jobs/{id}" */
export const openApiPath = (pattern: string) => pattern.replace(/:([A-Za-z_]+)/g, "{$1}");

const jsonSchema = (schema: v.GenericSchema) => toJsonSchema(schema, { target: "openapi-3.0", errorMode: "ignore" }) as Record<string, unknown>;

export function openApiDocument(info: ApiInfo, endpoints: readonly ApiEndpoint[]) {
  const schemas: Record<string, unknown> = { Error: stripDialect(jsonSchema(ErrorSchema)) };
  const paths: Record<string, unknown> = {};
  for (const e of endpoints) {
    schemas[e.response.name] = stripDialect(jsonSchema(e.response.schema));
    const responses: Record<string, unknown> = {
      "200": {
        description: "OK",
        headers: { ETag: { description: "内容的版本标记;带 If-None-Match 再来取,未变时答 304", schema: { type: "string" } } },
        content: { "application/json": { schema: { $ref: `#/components/schemas/${e.response.name}` } } },
      },
      "304": { description: "未变(If-None-Match 与 ETag 相同)" },
    };
    if (e.notFound) responses["404"] = { description: "没有这一条", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    paths[openApiPath(e.path)] = {
      get: {
        operationId: operationId(e.path),
        summary: e.summary,
        ...(e.description ? { description: e.description } : {}),
        parameters: (e.params ?? []).map((p) => ({ ...p, required: p.in === "path" ? true : (p.required ?? false) })),
        responses,
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: info.title, description: info.description, version: info.version },
    servers: [{ url: info.serverUrl }],
    paths,
    components: { schemas },
  };
}

function operationId(path: string): string {
  const words = path.split("/").filter(Boolean).map((w) => (w.startsWith(":") ? "by" + cap(w.slice(1)) : w));
  return "get" + words.map(cap).join("");
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function stripDialect(s: Record<string, unknown>) {
  const { $schema: _ignored, ...rest } = s;
  return rest;
}

/**
 * GET /api/v1 (a short index of the endpoints, for a person trying the API in
 * a browser) and GET /api/v1/openapi.json (the whole description). The
 * document is built once per app, on its first request.
 */
export function apiDocRoutes(info: () => ApiInfo, endpoints: readonly ApiEndpoint[]) {
  let doc: ReturnType<typeof openApiDocument> | undefined;
  const api = new Hono<AppEnv>();
  api.get(API_INDEX, (c) =>
    c.json({
      name: info().title,
      description: info().description,
      openapi: `${info().serverUrl}${API_DOC}`,
      docs: "docs/api.zh-CN.md",
      endpoints: [
        { path: API_DOC, summary: "本接口的 OpenAPI 3 说明" },
        ...endpoints.map((e) => ({ path: openApiPath(e.path), summary: e.summary })),
      ],
    }),
  );
  api.get(API_DOC, (c) => c.json((doc ??= openApiDocument(info(), endpoints))));
  return api;
}
export const API_INDEX = "/";
export const API_DOC = "/openapi.json";
