// A local stand-in for Aliyun's and Tencent's SMS APIs (127.0.0.1, random
// port). It checks each request as the provider would — the signature
// recomputed here from the raw request, independently of our signer; the
// action, version, sign name, template id and parameters — and answers as
// each provider documents: success, throttled, invalid number, bad
// signature, provider down. Which answer depends on the number texted.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createHash, createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";

export const NUMBERS = { ok: "13800000001", throttled: "13800000002", invalid: "13800000003", down: "13800000005" } as const;

export interface Received {
  provider: "aliyun" | "tencent";
  phone: string;
  templateId: string;
  /** Aliyun: the TemplateParam object; Tencent: the TemplateParamSet array. */
  params: unknown;
  signName: string;
  signatureOk: boolean;
}

export interface Fake {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** Aliyun V3: rebuild the canonical request from what arrived and compare signatures. */
function aliyunSignatureOk(req: IncomingMessage, raw: string, secret: string): boolean {
  const auth = String(req.headers.authorization ?? "");
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return false;
  const url = new URL(req.url!, "http://x");
  const pairs = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const names = m[2].split(";");
  if (!names.includes("host") || !names.includes("x-acs-date") || !names.includes("x-acs-content-sha256")) return false;
  if (req.headers["x-acs-content-sha256"] !== sha256(raw)) return false;
  const headers = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim()}\n`).join("");
  const canonical = [req.method, "/", query, headers, m[2], sha256(raw)].join("\n");
  const expected = createHmac("sha256", secret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest("hex");
  return expected === m[3];
}

/** Tencent TC3: the same, with its derived key. */
function tencentSignatureOk(req: IncomingMessage, raw: string, secretKey: string): boolean {
  const auth = String(req.headers.authorization ?? "");
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return false;
  const ts = String(req.headers["x-tc-timestamp"] ?? "");
  if (new Date(Number(ts) * 1000).toISOString().slice(0, 10) !== m[2]) return false;
  const canonical = ["POST", "/", "", `content-type:${req.headers["content-type"]}\nhost:${req.headers.host}\n`, "content-type;host", sha256(raw)].join("\n");
  const toSign = ["TC3-HMAC-SHA256", ts, `${m[2]}/sms/tc3_request`, sha256(canonical)].join("\n");
  const h = (k: string | Buffer, s: string) => createHmac("sha256", k).update(s).digest();
  const key = h(h(h("TC3" + secretKey, m[2]), "sms"), "tc3_request");
  return createHmac("sha256", key).update(toSign).digest("hex") === m[3];
}

export async function startFake(opts: { aliyunSecret: string; tencentSecret: string }): Promise<Fake> {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const raw = await body(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(value));
    };
    if (req.headers["x-acs-action"]) {
      // Aliyun dysmsapi SendSms
      const url = new URL(req.url!, "http://x");
      const q = Object.fromEntries(url.searchParams.entries());
      const signatureOk = aliyunSignatureOk(req, raw, opts.aliyunSecret);
      received.push({ provider: "aliyun", phone: q.PhoneNumbers, templateId: q.TemplateCode, params: q.TemplateParam ? JSON.parse(q.TemplateParam) : {}, signName: q.SignName, signatureOk });
      const requestId = "F655A8D5-B967-440B-8683-DAD6FF8DE990";
      if (req.method !== "POST" || req.headers["x-acs-action"] !== "SendSms" || req.headers["x-acs-version"] !== "2017-05-25") {
        return json(404, { Code: "InvalidAction.NotFound", Message: "Specified api is not found", RequestId: requestId });
      }
      if (!signatureOk) return json(400, { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation.", RequestId: requestId });
      if (q.PhoneNumbers === NUMBERS.down) {
        res.writeHead(503, { "content-type": "text/plain" });
        return res.end("Service Unavailable");
      }
      if (q.PhoneNumbers === NUMBERS.throttled) return json(200, { Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控Permits:1", RequestId: requestId });
      if (q.PhoneNumbers === NUMBERS.invalid) return json(200, { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号", RequestId: requestId });
      return json(200, { Code: "OK", Message: "OK", BizId: `9006197469364984${received.length}^0`, RequestId: requestId });
    }
    if (req.headers["x-tc-action"]) {
      // Tencent Cloud SMS SendSms
      let p: { PhoneNumberSet?: string[]; TemplateId?: string; TemplateParamSet?: string[]; SignName?: string; SmsSdkAppId?: string } = {};
      try {
        p = JSON.parse(raw);
      } catch {
        /* answered below */
      }
      const phone = (p.PhoneNumberSet?.[0] ?? "").replace(/^\+86/, "");
      const signatureOk = tencentSignatureOk(req, raw, opts.tencentSecret);
      received.push({ provider: "tencent", phone, templateId: p.TemplateId ?? "", params: p.TemplateParamSet ?? [], signName: p.SignName ?? "", signatureOk });
      const requestId = "a0aabda6-cf91-4f3e-a81f-9198114a2279";
      if (req.headers["x-tc-action"] !== "SendSms" || req.headers["x-tc-version"] !== "2021-01-11") {
        return json(200, { Response: { Error: { Code: "InvalidAction", Message: "The action does not exist." }, RequestId: requestId } });
      }
      if (!signatureOk) {
        return json(200, { Response: { Error: { Code: "AuthFailure.SignatureFailure", Message: "The provided credentials could not be validated. Please check your signature is correct." }, RequestId: requestId } });
      }
      if (phone === NUMBERS.down) {
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<html>502 Bad Gateway</html>");
      }
      const status = (Code: string, Message: string, SerialNo = "") => ({
        Response: { SendStatusSet: [{ SerialNo, PhoneNumber: "+86" + phone, Fee: Code === "Ok" ? 1 : 0, SessionContext: "", Code, Message, IsoCode: "CN" }], RequestId: requestId },
      });
      if (phone === NUMBERS.throttled) return json(200, status("LimitExceeded.PhoneNumberThirtySecondLimit", "the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit"));
      if (phone === NUMBERS.invalid) return json(200, status("InvalidParameterValue.IncorrectPhoneNumber", "incorrect number format"));
      return json(200, status("Ok", "send success", `5000:10457106691570536578494996${received.length}`));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
