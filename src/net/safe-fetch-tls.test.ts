// HTTPS through the pinned connector: the connection goes to the checked address while the certificate is
// still verified against the URL's host name (SNI), and a gzip body is capped after decompression.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createSafeFetch, type SafeFetch } from "./safe-fetch.ts";
import { createFakeDns } from "../../test/support/fake-dns.ts";
import { hasOpenssl, makeTestCert } from "../../test/support/test-cert.ts";

const skip = hasOpenssl() ? false : "openssl is not installed";

let dir = "";
let server: Server | undefined;
let port = 0;
let cert = "";
const fetchers: SafeFetch[] = [];
let hits = 0;

before(async () => {
  if (skip !== false) return;
  dir = mkdtempSync(join(tmpdir(), "warden-tls-"));
  const made = makeTestCert(dir, "DNS:secure.test");
  cert = made.cert;
  server = createServer({ key: made.key, cert }, (req, res) => {
    hits++;
    if (req.url === "/bomb") {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(5_000_000, 97)));
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(`tls ok, sni=${(req.socket as { servername?: string }).servername ?? ""}`);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  }
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

function make(maxBytes = 1 << 20): SafeFetch {
  const f = createSafeFetch({
    resolve: createFakeDns({ "secure.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] }),
    exempt: [{ address: "127.0.0.1", port }],
    ca: cert,
    maxBytes,
    timeoutMs: 60_000,
  });
  fetchers.push(f);
  return f;
}

void test("https connects to the pinned address and verifies the certificate for the URL's host", { skip }, async () => {
  const r = await make().fetchText(`https://secure.test:${port}/`);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.text, "tls ok, sni=secure.test");
});

void test("a certificate for another name is refused even on an allowed address", { skip }, async () => {
  const before = hits;
  for (const url of [`https://other.test:${port}/`, `https://127.0.0.1:${port}/`]) {
    const r = await make().fetchText(url);
    assert.equal(r.ok, false, url);
    if (!r.ok) assert.equal(r.reason.id, "fetch.connection_failed");
  }
  assert.equal(hits, before);
});

void test("the size cap counts decompressed bytes (gzip bomb)", { skip }, async () => {
  const r = await make(10_000).fetchText(`https://secure.test:${port}/bomb`);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.truncated, true);
  assert.equal(r.text.length, 10_000);
});
