// Request signing for the two SMS providers, written from their published
// algorithms (no SDK: the official ones are not light and do not run on Deno —
// see messages.providers.ts). Pure functions, tested against the providers'
// own worked examples (test/features/messages/messages.signing.test.ts).
import { createHash, createHmac } from "node:crypto";

const sha256Hex = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, s: string) => createHmac("sha256", key).update(s).digest();

/** RFC 3986 percent-encoding, as both providers define it (space %20, * %2A, ~ kept). */
export const percentEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

// --- Aliyun: V3 signature, ACS3-HMAC-SHA256 (help.aliyun.com "V3版本请求体&签名机制") ---

export interface AcsRequest {
  method: string;
  host: string;
  /** Query parameters (RPC-style APIs put the business parameters here). */
  query: Record<string, string>;
  body: string;
  headers: { "x-acs-action": string; "x-acs-version": string; "x-acs-date": string; "x-acs-signature-nonce": string };
}

export const acsCanonicalQuery = (query: Record<string, string>) =>
  Object.keys(query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(query[k])}`)
    .join("&");

/** The Authorization header and the full set of headers to send. */
export function acs3Sign(req: AcsRequest, accessKeyId: string, accessKeySecret: string) {
  const hashed = sha256Hex(req.body);
  const headers: Record<string, string> = { host: req.host, ...req.headers, "x-acs-content-sha256": hashed };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const canonicalHeaders = names.map((h) => `${h}:${String(headers[h]).trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [req.method.toUpperCase(), "/", acsCanonicalQuery(req.query), canonicalHeaders, signedHeaders, hashed].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
  const authorization = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { authorization, headers: { ...headers, authorization }, canonicalRequest, hashedCanonicalRequest: sha256Hex(canonicalRequest) };
}

// --- Tencent Cloud: API 3.0 signature v3, TC3-HMAC-SHA256 ---

export interface Tc3Request {
  host: string;
  service: string;
  /** Unix seconds; also sets the credential date (UTC). */
  timestamp: number;
  contentType: string;
  payload: string;
}

export function tc3Sign(req: Tc3Request, secretId: string, secretKey: string) {
  const date = new Date(req.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalHeaders = `content-type:${req.contentType}\nhost:${req.host}\n`;
  const signedHeaders = "content-type;host";
  const canonicalRequest = ["POST", "/", "", canonicalHeaders, signedHeaders, sha256Hex(req.payload)].join("\n");
  const scope = `${date}/${req.service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(req.timestamp), scope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac("TC3" + secretKey, date);
  const kService = hmac(kDate, req.service);
  const kSigning = hmac(kService, "tc3_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  const authorization = `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, canonicalRequest, stringToSign, signature };
}
