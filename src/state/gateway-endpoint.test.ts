import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { gatewayEndpointFile, readGatewayEndpoint, writeGatewayEndpoint, type GatewayEndpoint } from "./gateway-endpoint.ts";

const endpoint = (pid: number): GatewayEndpoint => ({ pid, url: "http://127.0.0.1:40123", port: 40123, host: "127.0.0.1", startedAt: "2026-01-01T00:00:00.000Z" });

test("the record is private, read back while its gateway lives, stale once its pid is gone, and removed on a clean stop", () => {
  const tmp = makeTempDir("endpoint");
  try {
    assert.equal(readGatewayEndpoint(tmp.dir).state, "absent");
    const forget = writeGatewayEndpoint(tmp.dir, endpoint(4242));
    const file = gatewayEndpointFile(tmp.dir);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const live = readGatewayEndpoint(tmp.dir, (pid) => pid === 4242);
    assert.equal(live.state, "live");
    assert.equal(live.state === "live" && live.endpoint.port, 40123);
    const stale = readGatewayEndpoint(tmp.dir, () => false);
    assert.equal(stale.state, "stale");
    assert.match(stale.state === "stale" ? stale.why : "", /pid 4242\) is no longer running/);
    forget();
    assert.equal(existsSync(file), false);
  } finally {
    tmp.cleanup();
  }
});

test("a stopping gateway leaves another gateway's record alone; a damaged record is named, never trusted", () => {
  const tmp = makeTempDir("endpoint");
  try {
    const forgetOld = writeGatewayEndpoint(tmp.dir, endpoint(1111));
    writeGatewayEndpoint(tmp.dir, endpoint(2222));
    forgetOld();
    assert.match(readFileSync(gatewayEndpointFile(tmp.dir), "utf8"), /2222/);
    writeFileSync(gatewayEndpointFile(tmp.dir), "{ not json");
    const bad = readGatewayEndpoint(tmp.dir, () => true);
    assert.equal(bad.state, "unreadable");
    writeFileSync(gatewayEndpointFile(tmp.dir), JSON.stringify({ ...endpoint(3333), url: "javascript:alert(1)", port: 0 }));
    assert.equal(readGatewayEndpoint(tmp.dir, () => true).state, "unreadable");
  } finally {
    tmp.cleanup();
  }
});
