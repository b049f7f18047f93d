import { test } from "node:test";
import assert from "node:assert/strict";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { defaultConfig } from "../config/schema.ts";
import { statePaths } from "../state/home.ts";
import { writeGatewayEndpoint } from "../state/gateway-endpoint.ts";
import { findGateway } from "./gateway-client.ts";

test("clients take the running gateway's port from its record, never its host; --port wins; no record falls back to gateway.port", () => {
  const tmp = makeTempDir("client");
  try {
    const ctx = { paths: statePaths(tmp.dir), config: defaultConfig(), env: {} };
    const none = findGateway(ctx);
    assert.deepEqual([none.url, none.source], ["ws://127.0.0.1:18789/ws", "config"]);
    assert.match(none.note ?? "", /no gateway has recorded its address/);
    // This process is alive, so the record is live; it names a foreign host.
    writeGatewayEndpoint(tmp.dir, { pid: process.pid, url: "http://evil.example:40999", port: 40999, host: "evil.example", startedAt: new Date(0).toISOString() });
    const live = findGateway(ctx);
    assert.deepEqual([live.url, live.source], ["ws://127.0.0.1:40999/ws", "state"]);
    assert.equal(findGateway(ctx, 41000).url, "ws://127.0.0.1:41000/ws");
  } finally {
    tmp.cleanup();
  }
});
