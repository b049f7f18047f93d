import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyAddress } from "./address-policy.ts";

const blocked: Array<[string, string]> = [
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["0.0.0.0", "special"],
  ["0.1.2.3", "special"],
  ["10.0.0.1", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["100.64.0.1", "private"],
  ["100.127.255.255", "private"],
  ["169.254.1.1", "link_local"],
  ["169.254.169.254", "metadata"],
  ["169.254.170.2", "metadata"],
  ["100.100.100.200", "metadata"],
  ["168.63.129.16", "metadata"],
  ["192.0.0.192", "metadata"],
  ["192.0.2.1", "special"],
  ["198.18.0.1", "special"],
  ["198.19.255.255", "special"],
  ["198.51.100.7", "special"],
  ["203.0.113.9", "special"],
  ["224.0.0.1", "special"],
  ["239.255.255.250", "special"],
  ["240.0.0.1", "special"],
  ["255.255.255.255", "special"],
  ["::", "special"],
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  // IPv4-mapped, every notation (CVE-2026-26324 used the full form).
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["0:0:0:0:0:ffff:7f00:1", "loopback"],
  ["[0:0:0:0:0:ffff:7f00:1]", "loopback"],
  ["0000:0000:0000:0000:0000:ffff:127.0.0.1", "loopback"],
  ["::ffff:a9fe:a9fe", "metadata"],
  ["::ffff:10.1.2.3", "private"],
  ["::ffff:0:127.0.0.1", "loopback"],
  // IPv4-compatible (deprecated): refused even when the embedded address is public.
  ["::127.0.0.1", "loopback"],
  ["::7f00:1", "loopback"],
  ["::8.8.8.8", "special"],
  ["::ffff:0:8.8.8.8", "special"],
  // NAT64, well-known and local-use.
  ["64:ff9b::127.0.0.1", "loopback"],
  ["64:ff9b::a9fe:a9fe", "metadata"],
  ["64:ff9b:1::8.8.8.8", "private"],
  // 6to4 and Teredo (client address obfuscated by inversion).
  ["2002:7f00:1::", "loopback"],
  ["2002:a9fe:a9fe::1", "metadata"],
  ["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"], // client 127.0.0.1 inverted
  ["2001:0:7f00:1::", "loopback"], // server 127.0.0.1
  ["fc00::1", "private"],
  ["fd12:3456::1", "private"],
  ["fd00:ec2::254", "metadata"],
  ["fe80::1", "link_local"],
  ["fe80::1%eth0", "link_local"],
  ["fec0::1", "private"],
  ["ff02::1", "special"],
  ["100::1", "special"],
  ["2001:db8::1", "special"],
  ["2001:2::1", "special"],
  ["2001:10::1", "special"],
  ["3fff::1", "special"],
  ["5f00::1", "special"],
  ["4000::1", "special"],
  // Not standard notation: must be normalized by the URL parser first, never guessed here.
  ["2130706433", "invalid"],
  ["0x7f.0.0.1", "invalid"],
  ["0177.0.0.1", "invalid"],
  ["127.1", "invalid"],
  ["localhost", "invalid"],
  ["", "invalid"],
];

const allowed = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"];

void test("non-public addresses are refused with a reason id per category", () => {
  for (const [ip, category] of blocked) {
    const c = classifyAddress(ip);
    assert.equal(c.allowed, false, `${ip} must be refused`);
    assert.equal(c.category, category, `${ip}: ${c.reason?.message}`);
    assert.ok(c.reason?.id.startsWith("url."), ip);
  }
});

void test("public unicast addresses are allowed", () => {
  for (const ip of allowed) {
    const c = classifyAddress(ip);
    assert.equal(c.allowed, true, `${ip}: ${c.reason?.message}`);
    assert.equal(c.reason?.id, "url.public");
  }
});

void test("reason messages name the address in backticks and the matched range", () => {
  const c = classifyAddress("0:0:0:0:0:ffff:7f00:1");
  assert.equal(c.reason?.id, "url.loopback");
  assert.match(c.reason?.message ?? "", /`::ffff:7f00:1`.*IPv4-mapped.*127\.0\.0\.1.*127\.0\.0\.0\/8/);
});
