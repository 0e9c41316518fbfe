// The hand-written signers against the providers' own published examples:
// Aliyun's V3 (ACS3-HMAC-SHA256) worked example (ECS RunInstances, help.aliyun.com
// "V3版本请求体&签名机制") and Tencent Cloud's TC3-HMAC-SHA256 worked example
// (CVM DescribeInstances, "签名方法 v3"). Same inputs, same published outputs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { acs3Sign, tc3Sign, percentEncode } from "../../../src/features/messages/messages.signing.ts";

test("Aliyun ACS3-HMAC-SHA256: the published example's signature", () => {
  const r = acs3Sign(
    {
      method: "POST",
      host: "ecs.cn-shanghai.aliyuncs.com",
      query: { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" },
      body: "",
      headers: { "x-acs-action": "RunInstances", "x-acs-version": "2014-05-26", "x-acs-date": "2023-10-26T10:22:32Z", "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d" },
    },
    "YourAccessKeyId",
    "YourAccessKeySecret",
  );
  assert.is(r.hashedCanonicalRequest, "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  assert.is(
    r.authorization,
    "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
  );
});

test("Tencent TC3-HMAC-SHA256: the published example's signature", () => {
  const payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
  const r = tc3Sign(
    { host: "cvm.tencentcloudapi.com", service: "cvm", timestamp: 1551113065, contentType: "application/json; charset=utf-8", payload },
    "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
    "Gu5t9xGARNpq86cd98joQYCN3*******",
  );
  assert.ok(r.canonicalRequest.endsWith("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"), "hashed payload");
  assert.is(r.stringToSign, "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  assert.is(r.signature, "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
  assert.is(
    r.authorization,
    "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
  );
});

test("percent-encoding as the providers define it", () => {
  const cases: [string, string][] = [["a b", "a%20b"], ["*", "%2A"], ["~", "~"], ["阿里", "%E9%98%BF%E9%87%8C"], ['{"code":"1"}', "%7B%22code%22%3A%221%22%7D"], ["(!)", "%28%21%29"]];
  for (const [raw, enc] of cases) assert.is(percentEncode(raw), enc, raw);
});

test.run();
