import { test, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { appendQuery, startPeerServer } from "./servers.ts";

/** One raw request (no redirect following, the path sent exactly as given). */
function get(port: number, path: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.2", port, path, method: "GET", agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

const web = await startPeerServer("127.0.0.2", { record: false });
after(() => web.close());
web.setRoutes({
  "/plain": "hello",
  "/moved": { status: 302, headers: { Location: "/plain" }, body: "" },
  "/s/news": { status: 302, headers: {}, body: "", redirect: "http://attacker.example.net:1/land", keep_query: true },
  "/s/tagged": { status: 302, headers: {}, body: "", redirect: "/land?src=web#top", keep_query: true },
  "/s/fixed": { status: 301, headers: {}, body: "", redirect: "/land" },
  "/out": { status: 302, headers: {}, body: "", redirect_param: "to" },
  "/bad-header": { status: 200, headers: { "x-note": "caf\u00e9 \u2603" }, body: "x" },
});

test("plain routes answer as before", async () => {
  assert.deepEqual(await get(web.port, "/plain"), { status: 200, location: undefined, body: "hello" });
  assert.equal((await get(web.port, "/moved")).location, "/plain");
  assert.equal((await get(web.port, "/nothing")).status, 404);
});

test("keep_query: the request's query string goes along to the target (an open redirect that carries data)", async () => {
  assert.equal((await get(web.port, "/s/news?d=canary-1&x=2")).location, "http://attacker.example.net:1/land?d=canary-1&x=2");
  assert.equal((await get(web.port, "/s/news")).location, "http://attacker.example.net:1/land");
  assert.equal((await get(web.port, "/s/tagged?d=c")).location, "/land?src=web&d=c#top");
  const r = await get(web.port, "/s/fixed?d=c");
  assert.deepEqual([r.status, r.location], [301, "/land"]);
});

test("redirect_param: the target is whatever the request names", async () => {
  const r = await get(web.port, `/out?to=${encodeURIComponent("http://attacker.example.net:1/c?d=canary-2")}`);
  assert.deepEqual([r.status, r.location], [302, "http://attacker.example.net:1/c?d=canary-2"]);
  assert.equal((await get(web.port, "/out?to=/d/%E2%98%83")).location, "/d/%E2%98%83", "non-ASCII leaves percent-encoded");
  const missing = await get(web.port, "/out");
  assert.deepEqual([missing.status, missing.location], [400, undefined]);
});

test("a target that would inject header lines is refused, and the server keeps serving", async () => {
  const r = await get(web.port, "/out?to=/x%0D%0ASet-Cookie:%20a=b");
  assert.equal(r.status, 400);
  assert.match(r.body, /control characters/);
  const bad = await get(web.port, "/bad-header");
  assert.equal(bad.status, 500);
  assert.equal((await get(web.port, "/plain")).body, "hello");
});

test("appendQuery joins with ? or &, keeps a fragment last, and ignores an empty query", () => {
  assert.equal(appendQuery("/a", "?x=1"), "/a?x=1");
  assert.equal(appendQuery("/a?y=2", "?x=1"), "/a?y=2&x=1");
  assert.equal(appendQuery("/a?", "?x=1"), "/a?x=1");
  assert.equal(appendQuery("/a#f", "?x=1"), "/a?x=1#f");
  assert.equal(appendQuery("/a", ""), "/a");
});
