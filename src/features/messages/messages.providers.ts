// The SMS providers, chosen and configured in the environment: a county
// writes no code. SMS_PROVIDER=log (development, the default) | aliyun | tencent.
//
// No SDK: Aliyun's official Node SDK (@alicloud/dysmsapi20170525) pulls in
// @alicloud/openapi-core and the Darabonba runtime, built on Node's http
// module; Tencent's (tencentcloud-sdk-nodejs-sms) pulls in node-fetch 2,
// form-data, https-proxy-agent and more. Neither is light, and this app must
// run the same on Deno. Each provider's signing algorithm is short and
// published with worked examples, so we sign with fetch and node:crypto
// (messages.signing.ts) and test the signers against those examples.
import { ConfigError } from "../../config.ts";
import { logSmsSender, type SmsAnswer, type SmsMessage, type SmsSender } from "../../shared/sms.ts";
import { randomToken } from "../../shared/crypto.ts";
import { acs3Sign, acsCanonicalQuery, tc3Sign } from "./messages.signing.ts";
import { isTemplateKey, paramNames, templateKeys, type TemplateKey } from "./messages.templates.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface SmsSettings {
  provider: "log" | "aliyun" | "tencent";
  signName: string;
  /** Template id at the provider per template key; "-" means this instance does not send that text. */
  templateIds: Partial<Record<TemplateKey, string>>;
  aliyun?: { accessKeyId: string; accessKeySecret: string; endpoint: string };
  tencent?: { secretId: string; secretKey: string; appId: string; region: string; endpoint: string };
  /** Secret part of the callback URLs (receipts, replies); callbacks are refused without it. */
  callbackToken: string | null;
  logText: boolean;
}

/** SMS_TEMPLATE_VERIFY_CODE for verifyCode, and so on. */
export const templateEnvName = (k: TemplateKey) => "SMS_TEMPLATE_" + k.replace(/[A-Z]/g, (c) => "_" + c).toUpperCase();

const need = (env: Env, name: string, what: string): string => {
  const v = env[name]?.trim();
  if (!v) throw new ConfigError(`环境变量 ${name} 未设置:${what}`);
  return v;
};

const urlVar = (env: Env, name: string, fallback: string): string => {
  const v = env[name]?.trim() || fallback;
  if (!/^https?:\/\/[^\s/]+\/?$/.test(v)) throw new ConfigError(`环境变量 ${name} 的值 "${v}" 无效:应为 https://主机名 这样的地址`);
  return v.replace(/\/$/, "");
};

/** Reads and checks the SMS settings; a wrong or missing one stops the server at start with a Chinese message. */
export function smsSettings(env: Env): SmsSettings {
  const provider = (env.SMS_PROVIDER?.trim() || "log").toLowerCase();
  if (provider !== "log" && provider !== "aliyun" && provider !== "tencent") {
    throw new ConfigError(`环境变量 SMS_PROVIDER 的值 "${env.SMS_PROVIDER}" 无效:应为 log(只写日志,开发用)、aliyun(阿里云短信)或 tencent(腾讯云短信)`);
  }
  const token = env.SMS_CALLBACK_TOKEN?.trim() || null;
  if (token !== null && !/^[A-Za-z0-9_-]{24,128}$/.test(token)) {
    throw new ConfigError("环境变量 SMS_CALLBACK_TOKEN 无效:应为 24 到 128 位的字母、数字、- 或 _(可用 openssl rand -hex 16 生成)");
  }
  const logText = ["1", "true", "yes", "on"].includes((env.SMS_LOG_TEXT ?? "").toLowerCase());
  if (provider === "log") return { provider, signName: env.SMS_SIGN_NAME?.trim() || "", templateIds: {}, callbackToken: token, logText };

  const signName = need(env, "SMS_SIGN_NAME", "短信签名(在短信平台审核通过的签名,不含【】)");
  if (/[【】]/.test(signName)) throw new ConfigError("环境变量 SMS_SIGN_NAME 不要带【】,只写签名文字");
  const missing = templateKeys.filter((k) => !env[templateEnvName(k)]?.trim());
  if (missing.length) {
    throw new ConfigError(
      `以下短信模板的编号未设置:${missing.map(templateEnvName).join("、")}。请在短信平台申请这些模板(见 docs/install.zh-CN.md),把审核通过的模板编号填进去;不发某种短信就填 -`,
    );
  }
  const templateIds = Object.fromEntries(templateKeys.map((k) => [k, env[templateEnvName(k)]!.trim()])) as Record<TemplateKey, string>;
  if (templateIds.verifyCode === "-") throw new ConfigError(`${templateEnvName("verifyCode")} 不能填 -:没有验证码短信,手机号无法验证`);
  if (provider === "aliyun") {
    return {
      provider, signName, templateIds, callbackToken: token, logText,
      aliyun: {
        accessKeyId: need(env, "ALIYUN_ACCESS_KEY_ID", "阿里云 AccessKey ID(建议用只有短信权限的 RAM 子账号)"),
        accessKeySecret: need(env, "ALIYUN_ACCESS_KEY_SECRET", "阿里云 AccessKey Secret"),
        endpoint: urlVar(env, "ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com"),
      },
    };
  }
  const appId = need(env, "TENCENT_SMS_APP_ID", "腾讯云短信应用的 SdkAppId(1400 开头的数字)");
  if (!/^\d{6,12}$/.test(appId)) throw new ConfigError(`环境变量 TENCENT_SMS_APP_ID 的值 "${appId}" 无效:应为数字,如 1400006666`);
  return {
    provider, signName, templateIds, callbackToken: token, logText,
    tencent: {
      secretId: need(env, "TENCENT_SECRET_ID", "腾讯云 API 密钥 SecretId(建议用只有短信权限的子用户)"),
      secretKey: need(env, "TENCENT_SECRET_KEY", "腾讯云 API 密钥 SecretKey"),
      appId,
      region: env.TENCENT_SMS_REGION?.trim() || "ap-guangzhou",
      endpoint: urlVar(env, "TENCENT_SMS_ENDPOINT", "https://sms.tencentcloudapi.com"),
    },
  };
}

/** The sender the settings ask for. `now` gives the request time (the injected clock in tests). */
export function smsSender(s: SmsSettings, now: () => number = Date.now, log?: (line: string) => void): SmsSender {
  if (s.provider === "aliyun") return aliyunSender(s, now);
  if (s.provider === "tencent") return tencentSender(s, now);
  return logSmsSender(log, s.logText);
}

/** The template id to send, or a permanent refusal. */
function templateId(s: SmsSettings, template: string): { id: string } | SmsAnswer {
  if (!isTemplateKey(template)) return { ok: false, error: `no template for "${template}"`, permanent: true };
  const id = s.templateIds[template];
  if (!id || id === "-") return { ok: false, error: `template ${template} not configured`, permanent: true };
  return { id };
}

const network = (e: unknown): SmsAnswer => ({ ok: false, error: "provider unreachable: " + String((e as Error)?.message ?? e) });

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

// --- Aliyun dysmsapi SendSms (2017-05-25), RPC style, V3 signature ---

/** Aliyun codes that the same text will meet again: give up at once. */
const ALIYUN_PERMANENT = /^(isv\.MOBILE_NUMBER_ILLEGAL|isv\.MOBILE_COUNT_OVER_LIMIT|isv\.SMS_TEMPLATE_ILLEGAL|isv\.SMS_SIGNATURE_ILLEGAL|isv\.TEMPLATE_MISSING_PARAMETERS|isv\.INVALID_PARAMETERS|isv\.PARAM_LENGTH_LIMIT|isv\.BLACK_KEY_CONTROL_LIMIT|isv\.SMS_SIGN_ILLEGAL|isv\.DENY_IP_RANGE|SignatureDoesNotMatch|InvalidAccessKeyId.*|Forbidden.*|isv\.RAM_PERMISSION_DENY|isp\.RAM_PERMISSION_DENY)$/;

function aliyunSender(s: SmsSettings, now: () => number): SmsSender {
  const a = s.aliyun!;
  const host = new URL(a.endpoint).host;
  return {
    name: "aliyun",
    async send(msg: SmsMessage): Promise<SmsAnswer> {
      const tpl = templateId(s, msg.template);
      if (!("id" in tpl)) return tpl;
      const params = Object.fromEntries(paramNames(msg.template as TemplateKey).map((n) => [n, msg.params[n] ?? ""]));
      const query: Record<string, string> = { PhoneNumbers: msg.to, SignName: s.signName, TemplateCode: tpl.id };
      if (Object.keys(params).length) query.TemplateParam = JSON.stringify(params);
      const signed = acs3Sign(
        {
          method: "POST",
          host,
          query,
          body: "",
          headers: {
            "x-acs-action": "SendSms",
            "x-acs-version": "2017-05-25",
            "x-acs-date": new Date(now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
            "x-acs-signature-nonce": randomToken(16),
          },
        },
        a.accessKeyId,
        a.accessKeySecret,
      );
      // fetch sets Host itself from the URL (the same host that was signed).
      const { host: _host, ...headers } = signed.headers as Record<string, string>;
      let res: Response;
      try {
        res = await fetch(`${a.endpoint}/?${acsCanonicalQuery(query)}`, { method: "POST", headers, body: "" });
      } catch (e) {
        return network(e);
      }
      const json = await readJson(res);
      const code = String(json?.Code ?? "");
      if (res.ok && code === "OK") return { ok: true, providerId: String(json?.BizId ?? "") || undefined };
      const error = `aliyun ${res.status} ${code || "no answer"}${json?.Message ? ": " + String(json.Message) : ""}`;
      if (res.status >= 500 || !json) return { ok: false, error };
      return { ok: false, error, permanent: ALIYUN_PERMANENT.test(code) };
    },
  };
}

// --- Tencent Cloud SMS SendSms (2021-01-11), API 3.0, TC3-HMAC-SHA256 ---

/** Tencent codes that the same text will meet again: give up at once. */
const TENCENT_PERMANENT = /^(AuthFailure.*|InvalidParameterValue\.(IncorrectPhoneNumber|TemplateParameterFormatError|TemplateParameterLengthLimit|ProhibitedUseUrlInTemplateParameter|SdkAppIdNotExist)|FailedOperation\.(SignatureIncorrectOrUnapproved|TemplateIncorrectOrUnapproved|PhoneNumberInBlacklist|ContainSensitiveWord|MissingSignature|MissingTemplateToModify)|UnauthorizedOperation.*|UnsupportedOperation.*|InvalidParameter\..*)$/;

function tencentSender(s: SmsSettings, now: () => number): SmsSender {
  const tc = s.tencent!;
  const host = new URL(tc.endpoint).host;
  const contentType = "application/json; charset=utf-8";
  return {
    name: "tencent",
    async send(msg: SmsMessage): Promise<SmsAnswer> {
      const tpl = templateId(s, msg.template);
      if (!("id" in tpl)) return tpl;
      // Tencent numbers parameters {1}, {2}, …: the catalog's order.
      const payload = JSON.stringify({
        PhoneNumberSet: ["+86" + msg.to],
        SmsSdkAppId: tc.appId,
        SignName: s.signName,
        TemplateId: tpl.id,
        TemplateParamSet: paramNames(msg.template as TemplateKey).map((n) => msg.params[n] ?? ""),
      });
      const timestamp = Math.floor(now() / 1000);
      const signed = tc3Sign({ host, service: "sms", timestamp, contentType, payload }, tc.secretId, tc.secretKey);
      let res: Response;
      try {
        res = await fetch(tc.endpoint + "/", {
          method: "POST",
          headers: {
            authorization: signed.authorization,
            "content-type": contentType,
            "x-tc-action": "SendSms",
            "x-tc-version": "2021-01-11",
            "x-tc-timestamp": String(timestamp),
            "x-tc-region": tc.region,
          },
          body: payload,
        });
      } catch (e) {
        return network(e);
      }
      const json = await readJson(res);
      const r = (json?.Response ?? null) as { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[] } | null;
      if (!res.ok || !r) return { ok: false, error: `tencent ${res.status} no answer` };
      if (r.Error) {
        const code = String(r.Error.Code ?? "");
        const error = `tencent ${code}: ${r.Error.Message ?? ""}`;
        return { ok: false, error, permanent: TENCENT_PERMANENT.test(code) };
      }
      const one = r.SendStatusSet?.[0];
      if (one?.Code === "Ok") return { ok: true, providerId: one.SerialNo || undefined };
      const code = String(one?.Code ?? "");
      return { ok: false, error: `tencent ${code || "no status"}: ${one?.Message ?? ""}`, permanent: TENCENT_PERMANENT.test(code) };
    },
  };
}
