import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Agent, fetch as undiciFetch } from "undici";
import { createSafeFetch as createSafeFetchUntracked, type FetchFailure, type FetchResult, type SafeFetch, type SafeFetchOptions } from "./safe-fetch.ts";
import { createFakeDns } from "../../test/support/fake-dns.ts";
import { startCountingServer, type CountingServer } from "../../test/support/counting-server.ts";

let web: CountingServer;
let web2: CountingServer;
let internal: CountingServer;
let internal6: CountingServer;

before(async () => {
  web = await startCountingServer();
  web2 = await startCountingServer();
  internal = await startCountingServer();
  internal6 = await startCountingServer("::1");
  web.routes.set("/page", (res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      "<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Title</h1><p>Hello <a href='https://x.test/'>link</a> world</p></body></html>",
    );
  });
  web.routes.set("/json", (res) => res.writeHead(200, { "content-type": "application/json" }).end('{"a":1}'));
  web.routes.set("/png", (res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])));
  web.routes.set("/sneaky-binary", (res) => res.writeHead(200, { "content-type": "text/plain" }).end(Buffer.from([0x41, 0, 0xff, 0xfe])));
  web.routes.set("/untyped", (res) => {
    res.removeHeader("content-type");
    res.writeHead(200).end("<!doctype html><p>sniffed</p>");
  });
  web.routes.set("/big", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(200_000)));
  web.routes.set("/to-internal", (res) => res.writeHead(302, { location: `${internal.origin}/admin` }).end());
  web.routes.set("/to-internal-mapped", (res) => res.writeHead(301, { location: `http://[0:0:0:0:0:ffff:7f00:1]:${internal.port}/admin` }).end());
  web.routes.set("/to-creds", (res) => res.writeHead(302, { location: `http://user:pw@web2.test:${web2.port}/landing` }).end());
  web.routes.set("/to-file", (res) => res.writeHead(302, { location: "file:///etc/passwd" }).end());
  web.routes.set("/to-web2", (res) => res.writeHead(307, { location: `http://web2.test:${web2.port}/landing` }).end());
  web.routes.set("/same-origin", (res) => res.writeHead(302, { location: "/json" }).end());
  web.routes.set("/loop", (res, path) => {
    const n = Number(new URL(path, "http://x").searchParams.get("n") ?? "0");
    res.writeHead(302, { location: `/loop?n=${n + 1}` }).end();
  });
  web.routes.set("/hang", () => undefined);
  web.routes.set("/to-web2-back", (res) => res.writeHead(302, { location: `http://web2.test:${web2.port}/back` }).end());
  web2.routes.set("/back", (res) => res.writeHead(302, { location: `http://web.test:${web.port}/json` }).end());
  web2.routes.set("/landing", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("landed"));
});

const fetchers: SafeFetch[] = [];
after(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await Promise.all([web.close(), web2.close(), internal.close(), internal6.close()]);
});

function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const f = createSafeFetchUntracked(options);
  fetchers.push(f);
  return f;
}

function setup(extra: Record<string, string[]> = {}, opts: { maxBytes?: number; timeoutMs?: number; maxRedirects?: number } = {}) {
  const dns = createFakeDns({ "web.test": ["127.0.0.1"], "web2.test": ["127.0.0.1"], ...extra });
  const fetcher = createSafeFetch({
    resolve: dns,
    exempt: [
      { address: "127.0.0.1", port: web.port },
      { address: "127.0.0.1", port: web2.port },
    ],
    maxBytes: opts.maxBytes ?? 1024 * 1024,
    timeoutMs: opts.timeoutMs ?? 5000,
    maxRedirects: opts.maxRedirects ?? 5,
    userAgent: "warden-test",
  });
  return { dns, fetcher };
}

function expectOk(r: FetchResult | FetchFailure): FetchResult {
  if (!r.ok) assert.fail(`expected success, got ${JSON.stringify(r)}`);
  return r;
}
function expectFail(r: FetchResult | FetchFailure, id?: string): FetchFailure {
  if (r.ok) assert.fail(`expected a refusal, got ${JSON.stringify(r)}`);
  if (id !== undefined) assert.equal(r.reason.id, id, JSON.stringify(r));
  return r;
}

void test("a public page comes back as readable text; JSON as is; binary is refused with a note", async () => {
  const { fetcher } = setup();
  const page = expectOk(await fetcher.fetchText(`http://web.test:${web.port}/page`));
  assert.equal(page.status, 200);
  assert.equal(page.contentType, "text/html");
  assert.match(page.text, /TITLE/i);
  assert.match(page.text, /Hello link \[https:\/\/x\.test\/\] world/);
  assert.doesNotMatch(page.text, /alert|<p>/);
  assert.deepEqual(page.addresses, ["127.0.0.1"]);
  assert.equal(expectOk(await fetcher.fetchText(`http://web.test:${web.port}/json`)).text, '{"a":1}');
  assert.match(expectFail(await fetcher.fetchText(`http://web.test:${web.port}/png`), "fetch.binary_content").reason.message, /image\/png/);
  expectFail(await fetcher.fetchText(`http://web.test:${web.port}/sneaky-binary`), "fetch.binary_content");
  assert.equal(expectOk(await fetcher.fetchText(`http://web.test:${web.port}/untyped`)).text, "sniffed");
});

void test("an exempt public endpoint is reachable as an IP literal too (public literals are allowed)", async () => {
  const { fetcher, dns } = setup();
  expectOk(await fetcher.fetchText(`http://127.0.0.1:${web.port}/json`));
  assert.deepEqual(dns.calls, []);
});

void test("IP literals for internal addresses never connect, in every notation (a lookup-only guard misses these)", async () => {
  const { fetcher } = setup();
  const p = internal.port;
  const urls = [
    `http://127.0.0.1:${p}/`,
    `http://2130706433:${p}/`,
    `http://0x7f000001:${p}/`,
    `http://0x7f.1:${p}/`,
    `http://0177.0.0.1:${p}/`,
    `http://127.1:${p}/`,
    `http://127.0.0.1.:${p}/`,
    `http://[::ffff:127.0.0.1]:${p}/`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${p}/`, // CVE-2026-26324's full form
    `http://[0000:0000:0000:0000:0000:ffff:127.0.0.1]:${p}/`,
    `http://[::ffff:7f00:1]:${p}/`,
    `http://localhost:${p}/`,
    `http://[::1]:${internal6.port}/`,
    `http://[0:0:0:0:0:0:0:1]:${internal6.port}/`,
    `http://127.1.1.1:${p}#@web.test:${web.port}/`,
    `http://x@127.0.0.1:${p}/`,
  ];
  for (const url of urls) {
    const r = expectFail(await fetcher.fetchText(url));
    assert.ok(r.reason.id.startsWith("url."), `${url}: ${r.reason.id}`);
  }
  assert.equal(internal.requests.length, 0);
  assert.equal(internal6.requests.length, 0);
});

void test("control: a guard that lives only in connect.lookup lets an IP literal reach the internal server", async () => {
  const before = internal.requests.length;
  const naive = new Agent({
    connect: {
      lookup: (_host, _opts, cb) => cb(new Error("blocked by lookup guard"), "", 4),
    },
  });
  try {
    const res = await undiciFetch(`http://127.0.0.1:${internal.port}/naive`, { dispatcher: naive });
    await res.text();
  } finally {
    await naive.destroy();
  }
  assert.equal(internal.requests.length, before + 1, "the naive guard was bypassed, which is why safe-fetch checks literals itself");
  internal.requests.length = before;
});

void test("every SSRF corpus URL, aimed at the counting internal server, is refused and never reaches it", async () => {
  const corpus = ["blocked-urls.txt", "extra-urls.txt"].flatMap((f) =>
    readFileSync(new URL(`./testdata/ssrf/${f}`, import.meta.url), "utf8").split("\n").filter((l) => l.trim() !== ""),
  );
  // Every name resolves to the internal server's address; every parsable URL is re-aimed at its port.
  const { fetcher } = setup();
  for (const raw of corpus) {
    let url = raw;
    try {
      const u = new URL(raw);
      if (u.protocol === "http:" || u.protocol === "https:") {
        u.protocol = "http:";
        u.port = String(internal.port);
        url = u.href;
      }
    } catch {
      // unparsable entries are sent as they are
    }
    expectFail(await fetcher.fetchText(url));
    expectFail(await fetcher.fetchText(raw));
  }
  assert.equal(internal.requests.length, 0);
});

void test("redirects to internal addresses are re-checked and refused", async () => {
  const { fetcher } = setup();
  const r = expectFail(await fetcher.fetchText(`http://web.test:${web.port}/to-internal`), "url.loopback");
  assert.deepEqual(r.redirects, [`http://web.test:${web.port}/to-internal`]);
  expectFail(await fetcher.fetchText(`http://web.test:${web.port}/to-internal-mapped`), "url.loopback");
  expectFail(await fetcher.fetchText(`http://web.test:${web.port}/to-file`), "url.scheme");
  expectFail(await fetcher.fetchText(`http://web.test:${web.port}/to-creds`), "url.credentials_in_url");
  assert.equal(internal.requests.length, 0);
});

void test("redirect chains are capped", async () => {
  const { fetcher } = setup({}, { maxRedirects: 3 });
  const before = web.requests.length;
  const r = expectFail(await fetcher.fetchText(`http://web.test:${web.port}/loop?n=0`), "fetch.too_many_redirects");
  assert.equal(r.redirects.length, 4);
  assert.equal(web.requests.length - before, 4);
});

void test("credentials are dropped across origins and kept on same-origin redirects", async () => {
  const { fetcher } = setup();
  const headers = { Authorization: "Bearer secret-token", Cookie: "sid=secret", "Proxy-Authorization": "Basic c2VjcmV0", "X-Trace": "1", Host: "evil.test" };
  const r = expectOk(await fetcher.fetchText(`http://web.test:${web.port}/to-web2`, { headers }));
  assert.equal(r.text, "landed");
  assert.equal(r.finalUrl, `http://web2.test:${web2.port}/landing`);
  const first = web.requests.at(-1);
  assert.equal(first?.headers.authorization, "Bearer secret-token");
  assert.equal(first?.headers.host, `web.test:${web.port}`);
  const landed = web2.requests.at(-1);
  assert.equal(landed?.headers.authorization, undefined);
  assert.equal(landed?.headers.cookie, undefined);
  assert.equal(landed?.headers["proxy-authorization"], undefined);
  assert.equal(landed?.headers["x-trace"], "1");

  expectOk(await fetcher.fetchText(`http://web.test:${web.port}/same-origin`, { headers }));
  assert.equal(web.requests.at(-1)?.headers.authorization, "Bearer secret-token");

  // Out to another origin and back home: the credentials stay gone.
  const back = expectOk(await fetcher.fetchText(`http://web.test:${web.port}/to-web2-back`, { headers }));
  assert.deepEqual(back.redirects, [`http://web.test:${web.port}/to-web2-back`, `http://web2.test:${web2.port}/back`]);
  const home = web.requests.at(-1);
  assert.equal(home?.path, "/json");
  assert.equal(home?.headers.authorization, undefined);
  assert.equal(home?.headers.cookie, undefined);
});

void test("DNS rebinding: the name is resolved once per hop and the connection is pinned to that answer", async () => {
  let calls = 0;
  const rebinding = async (): Promise<string[]> => (++calls === 1 ? ["127.0.0.1"] : ["10.0.0.1"]);
  const fetcher = createSafeFetch({ resolve: rebinding, exempt: [{ address: "127.0.0.1", port: web.port }], maxBytes: 1 << 20, timeoutMs: 60_000 });
  expectOk(await fetcher.fetchText(`http://rebind.test:${web.port}/json`));
  assert.equal(calls, 1);
  // A second hop to the same name is a new decision, made on the new answer.
  calls = 0;
  expectFail(await fetcher.fetchText(`http://rebind.test:${web.port}/same-origin`), "url.private_address");
  assert.equal(calls, 2);
  // An answer that mixes public and private addresses is refused as a whole.
  const mixed = createSafeFetch({ resolve: async () => ["127.0.0.1", "127.0.0.2"], exempt: [{ address: "127.0.0.1", port: web.port }] });
  expectFail(await mixed.fetchText(`http://mixed.test:${web.port}/json`), "url.loopback");
});

void test("when the first checked address refuses the connection, the next checked one is tried", async () => {
  const fetcher = createSafeFetch({
    resolve: async () => ["127.0.0.2", "127.0.0.1"],
    exempt: [
      { address: "127.0.0.2", port: web.port },
      { address: "127.0.0.1", port: web.port },
    ],
  });
  const r = expectOk(await fetcher.fetchText(`http://multi.test:${web.port}/json`));
  assert.equal(r.text, '{"a":1}');
});

void test("size and time limits hold", async () => {
  const small = setup({}, { maxBytes: 1000 }).fetcher;
  const big = expectOk(await small.fetchText(`http://web.test:${web.port}/big`));
  assert.equal(big.truncated, true);
  assert.equal(big.text.length, 1000);
  const quick = setup({}, { timeoutMs: 200 }).fetcher;
  expectFail(await quick.fetchText(`http://web.test:${web.port}/hang`), "fetch.timeout");
});

void test("allowlist mode and schemes", async () => {
  const fetcher = createSafeFetch({ resolve: createFakeDns({ "web.test": ["127.0.0.1"] }), allowHosts: ["docs.test"], exempt: [{ address: "127.0.0.1", port: web.port }] });
  expectFail(await fetcher.fetchText(`http://web.test:${web.port}/json`), "url.host_not_allowlisted");
  for (const url of ["file:///etc/passwd", "ftp://8.8.8.8/", "data:text/plain,hi", "javascript:alert(1)"]) {
    expectFail(await fetcher.fetchText(url), "url.scheme");
  }
});
