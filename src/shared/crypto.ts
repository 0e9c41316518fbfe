// Small wrappers over node:crypto (also available on Deno through its Node layer).
import { randomBytes, createHash, createHmac, createSecretKey, scrypt as scryptCb, timingSafeEqual, type KeyObject } from "node:crypto";

/** 128 bits of randomness, URL-safe. */
export const randomToken = (bytes = 16) => randomBytes(bytes).toString("base64url");

// Tokens cut from a pool of random bytes filled 4 KB at a time, for the ones
// made on every request (request ids, an anonymous visitor's CSRF seed, a
// cached page's one-time form keys): randomBytes per token is a call into C++
// and a new buffer each time — it cost more than the rest of a cached page's
// per-visitor work (docs/performance.md, 2026-12-05 evening). The bytes come
// from the same generator and each is used once: as random as randomToken.
let pool = Buffer.alloc(0);
let poolAt = 0;
export function pooledToken(bytes = 16): string {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.toString("base64url", poolAt - bytes, poolAt);
}

// A new visitor's CSRF seed and its HMAC, made SIGNED_BATCH at a time: an HMAC
// on its own, between the other work of a request, took 15–30 µs of CPU where
// the same call in a run of them takes 2–3 µs (OpenSSL's code and tables out
// of the caches; docs/performance.md, 2026-12-06), and every visitor without a
// cookie who opens a page with a form (a posting shared in a WeChat group) gets
// one. Each token comes from pooledToken, is handed out once, and its HMAC is
// the one hmac() gives; a batch belongs to one key and prefix and is dropped
// when asked for another.
const SIGNED_BATCH = 32;
let signed: { key: string; prefix: string; ready: { token: string; mac: string }[] } | null = null;
export function pooledSignedToken(key: string, prefix: string): { token: string; mac: string } {
  if (signed === null || signed.key !== key || signed.prefix !== prefix || signed.ready.length === 0) {
    const ready: { token: string; mac: string }[] = [];
    for (let i = 0; i < SIGNED_BATCH; i++) {
      const token = pooledToken(16);
      ready.push({ token, mac: hmac(key, prefix + token) });
    }
    signed = { key, prefix, ready };
  }
  return signed.ready.pop()!;
}

export const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

// The HMAC key as a KeyObject, made once per key (a string key is turned into
// one on every call: about half of an HMAC's cost). One entry: an app has one
// secret; tests that build several apps only make it again when they alternate.
let lastKey: { text: string; key: KeyObject } | null = null;
const keyObject = (text: string) => (lastKey?.text === text ? lastKey.key : (lastKey = { text, key: createSecretKey(Buffer.from(text)) }).key);
export const hmac = (key: string, s: string) => createHmac("sha256", keyObject(key)).update(s).digest("base64url");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// scrypt N=2^14, r=8, p=1: about 50 ms here, run on libuv's thread pool so it
// does not block other requests. The parameters are stored with each hash.
const N = 16384, R = 8, P = 1, KEYLEN = 32;

function scrypt(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize("NFKC"), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/**
 * Checks a secret against a stored hash. With no hash (an unknown account, a worker
 * without a password) it hashes against a dummy all the same and answers false: every
 * call costs one scrypt, so timing does not tell whether an account or a PIN exists.
 */
export async function verifySecret(secret: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? "").split("$");
  const usable = parts[0] === "scrypt" && !!parts[4] && !!parts[5];
  const [, n, r, p, salt, key] = usable ? parts : dummyHash.split("$");
  const got = await scrypt(secret, Buffer.from(salt, "base64url"), Number(n), Number(r), Number(p));
  const want = Buffer.from(key, "base64url");
  return usable && got.length === want.length && timingSafeEqual(got, want);
}

/** A hash that costs as much as a real one, to keep response time the same for unknown accounts. */
export const dummyHash = `scrypt$${N}$${R}$${P}$${"A".repeat(22)}$${"A".repeat(43)}`;
