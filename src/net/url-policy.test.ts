import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decideUrl } from "./url-policy.ts";
import { createFakeDns } from "../../test/support/fake-dns.ts";

function loadCorpus(name: string): string[] {
  return readFileSync(new URL(`./testdata/ssrf/${name}`, import.meta.url), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

void test("every URL of the public SSRF corpus is refused, for a reason other than a failed lookup", async () => {
  const corpus = loadCorpus("blocked-urls.txt");
  assert.ok(corpus.length >= 50);
  const dns = createFakeDns();
  for (const url of corpus) {
    const d = await decideUrl(url, { resolve: dns }, {});
    assert.equal(d.decision, "deny", `${url} must be refused`);
    assert.deepEqual(d.addresses, []);
    const ids = d.reasons.map((r) => r.id);
    assert.ok(!ids.includes("url.resolution_failed"), `${url}: ${JSON.stringify(d.reasons)}`);
    assert.ok(ids.every((id) => id.startsWith("url.")), url);
  }
});

void test("Warden's extra SSRF corpus (mapped/compat/NAT64/6to4/Teredo, odd notations, schemes) is refused", async () => {
  const dns = createFakeDns();
  for (const url of loadCorpus("extra-urls.txt")) {
    const d = await decideUrl(url, { resolve: dns }, {});
    assert.equal(d.decision, "deny", `${url} must be refused: ${JSON.stringify(d.reasons)}`);
  }
});

void test("reason ids name the cause", async () => {
  const dns = createFakeDns({ "internal.test": ["10.1.2.3"], "mixed.test": ["8.8.8.8", "127.0.0.1"] });
  const cases: Array<[string, string]> = [
    ["nope", "url.invalid"],
    ["file:///etc/passwd", "url.scheme"],
    ["http://user:pw@8.8.8.8/", "url.credentials_in_url"],
    ["http://internal.test/", "url.private_address"],
    ["http://2130706433/", "url.loopback"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "url.loopback"],
    ["http://0251.0376.0251.0376/", "url.metadata"],
    ["http://metadata.google.internal/", "url.metadata"],
    ["http://unknown.test/", "url.resolution_failed"],
    ["http://mixed.test/", "url.loopback"],
    ["http://[fe80::1]/", "url.link_local"],
    ["http://198.18.0.1/", "url.special_address"],
  ];
  for (const [url, id] of cases) {
    const d = await decideUrl(url, { resolve: dns }, {});
    assert.equal(d.decision, "deny", url);
    assert.equal(d.reasons[0]?.id, id, `${url}: ${JSON.stringify(d.reasons)}`);
  }
});

void test("public IP literals are allowed without any lookup; public names resolve once", async () => {
  const dns = createFakeDns({ "example.test": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });
  for (const url of ["http://8.8.8.8/", "https://1.1.1.1:8443/x", "http://[2606:4700:4700::1111]/", "http://134744072/"]) {
    const d = await decideUrl(url, { resolve: dns }, {});
    assert.equal(d.decision, "allow", `${url}: ${JSON.stringify(d.reasons)}`);
    assert.equal(d.reasons[0]?.id, "url.public");
  }
  assert.deepEqual(dns.calls, []);
  const d = await decideUrl("https://Example.TEST./page", { resolve: dns }, {});
  assert.equal(d.decision, "allow");
  assert.deepEqual(d.addresses, ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]);
  assert.equal(d.port, 443);
  assert.deepEqual(dns.calls, ["example.test"]);
});

void test("a resolver that throws, returns nothing or returns junk is a deny", async () => {
  const junk = [async () => [], async () => ["not-an-ip"], async () => ["0x7f000001"], async (): Promise<string[]> => Promise.reject(new Error("boom"))];
  for (const resolve of junk) {
    const d = await decideUrl("http://example.test/", { resolve }, {});
    assert.equal(d.decision, "deny");
  }
});

void test("exempt endpoints are exact address+port pairs; the rest of loopback stays blocked", async () => {
  const dns = createFakeDns({ "web.test": ["127.0.0.1"] });
  const opts = { exempt: [{ address: "127.0.0.1", port: 4100 }] };
  assert.equal((await decideUrl("http://web.test:4100/", { resolve: dns }, opts)).decision, "allow");
  assert.equal((await decideUrl("http://127.0.0.1:4100/", { resolve: dns }, opts)).decision, "allow");
  for (const url of ["http://web.test:4101/", "http://127.0.0.2:4100/", "http://web.test/", "http://[::1]:4100/", "http://localhost:4100/"]) {
    assert.equal((await decideUrl(url, { resolve: dns }, opts)).decision, "deny", url);
  }
  // The mapped form of an exempt address is the same endpoint only if it is the same canonical address.
  assert.equal((await decideUrl("http://[::ffff:127.0.0.1]:4100/", { resolve: dns }, opts)).decision, "deny");
});

void test("allowlist mode refuses other hosts before resolving them, and still checks addresses", async () => {
  const dns = createFakeDns({ "docs.example.test": ["8.8.8.8"], "evil.example.test": ["127.0.0.1"] });
  const opts = { allowHosts: ["*.example.test", "8.8.4.4"] };
  assert.equal((await decideUrl("http://docs.example.test/", { resolve: dns }, opts)).decision, "allow");
  assert.equal((await decideUrl("http://8.8.4.4/", { resolve: dns }, opts)).decision, "allow");
  const other = await decideUrl("http://other.test/", { resolve: dns }, opts);
  assert.equal(other.reasons[0]?.id, "url.host_not_allowlisted");
  assert.equal((await decideUrl("http://example.test.evil.test/", { resolve: dns }, opts)).decision, "deny");
  assert.equal((await decideUrl("http://evil.example.test/", { resolve: dns }, opts)).reasons[0]?.id, "url.loopback");
  assert.ok(!dns.calls.includes("other.test"));
  const none = await decideUrl("http://8.8.8.8/", { resolve: dns }, { allowHosts: [] });
  assert.equal(none.reasons[0]?.id, "url.host_not_allowlisted");
});
