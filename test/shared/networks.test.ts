// Networks in CIDR for the stations' shared lines (FAIR_SHARE_STATION_NETWORKS).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseNetwork, parseNetworks, inNetworks } from "../../src/shared/networks.ts";

test("parseNetwork: IPv4, IPv6, one address; junk is null", () => {
  for (const ok of ["10.8.3.0/24", "10.8.3.7", "0.0.0.0/0", "2001:db8:12::/48", "::1", "::ffff:10.1.2.3", "fe80::1/10", "2001:db8::1.2.3.4/128"]) assert.ok(parseNetwork(ok), ok);
  for (const bad of ["", "10.8.3.0/33", "10.8.300.0/24", "10.8.3", "2001:db8::/129", "2001:db8::12::1", "abc", "10.8.3.0/2x", "1:2:3:4:5:6:7:8:9", "10.8.3.0/24/1"]) assert.is(parseNetwork(bad), null, bad);
});

test("inNetworks: a table of cases", () => {
  const { networks, bad } = parseNetworks("10.8.3.0/24, 192.168.1.5，2001:db8:12::/48 fe80::/10");
  assert.equal(bad, []);
  const cases: [string, boolean][] = [
    ["10.8.3.0", true],
    ["10.8.3.255", true],
    ["10.8.4.0", false],
    ["::ffff:10.8.3.9", true],
    ["192.168.1.5", true],
    ["192.168.1.6", false],
    ["2001:db8:12:ffff::1", true],
    ["2001:DB8:12::", true],
    ["[2001:db8:12::5]", true],
    ["2001:db8:13::1", false],
    ["fe80::1%eth0", true],
    ["local", false],
    ["", false],
  ];
  for (const [addr, want] of cases) assert.is(inNetworks(addr, networks), want, addr);
  assert.equal(parseNetworks("10.0.0.0/8,nope").bad, ["nope"]);
  assert.equal(parseNetworks("").networks, []);
});

test.run();
