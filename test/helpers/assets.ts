// The size of a static file as the server sends it (gzip level 9, as
// src/shared/static.ts compresses it), for the page-weight checks.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { staticDir } from "../../src/shared/static.ts";

export function assetSize(name: string): { raw: number; gzip: number } {
  const body = readFileSync(staticDir + name);
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}
