import { test } from "node:test";
import assert from "node:assert/strict";
import { createSystemResolver } from "./resolve-host.ts";

void test("the system resolver asks for every address, verbatim, and passes failures on", async () => {
  const seen: unknown[] = [];
  const resolve = createSystemResolver(async (host, options) => {
    seen.push([host, options]);
    if (host === "missing.test") throw Object.assign(new Error("getaddrinfo ENOTFOUND missing.test"), { code: "ENOTFOUND" });
    return [{ address: "93.184.215.14", family: 4 }, { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 }];
  });
  assert.deepEqual(await resolve("example.test"), ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]);
  await assert.rejects(resolve("missing.test"), /ENOTFOUND/);
  assert.deepEqual(seen[0], ["example.test", { all: true, verbatim: true }]);
});
