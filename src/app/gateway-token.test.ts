import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSchema } from "../config/schema.ts";
import { initStateDir, statePaths } from "../state/home.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";
import { createGatewayTokenVerifier, openGatewayTokenRing, resolveGatewayToken } from "./gateway-token.ts";

describe("gateway token at rest", () => {
  test("a legacy plaintext token file is moved into the store, same value, and deleted", () => {
    const root = mkdtempSync(join(tmpdir(), "warden-opswire-"));
    try {
      const paths = statePaths(join(root, "state"));
      const legacy = randomBytes(32).toString("base64url");
      writePrivateFile(paths.tokenFile, `${legacy}\n`);
      const result = initStateDir(paths);
      assert.deepEqual([result.tokenCreated, result.tokenMigrated], [false, true]);
      assert.equal(existsSync(paths.tokenFile), false);
      assert.equal(resolveGatewayToken(configSchema.parse({}), paths, undefined), legacy);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("precedence is env, then config, then the store; rotation keeps the old token valid for its grace period only", () => {
    const root = mkdtempSync(join(tmpdir(), "warden-opswire-"));
    try {
      const paths = statePaths(join(root, "state"));
      initStateDir(paths);
      const config = configSchema.parse({});
      assert.equal(resolveGatewayToken(config, paths, "env-token"), "env-token");
      assert.equal(resolveGatewayToken(configSchema.parse({ gateway: { auth: { token: "cfg-token" } } }), paths, undefined), "cfg-token");
      let now = 1_000_000;
      const clock = () => now;
      const old = resolveGatewayToken(config, paths, undefined) ?? "";
      const fresh = openGatewayTokenRing(paths, { clock }).rotate({ graceMs: 60_000 });
      const verify = createGatewayTokenVerifier(config, paths, undefined, { clock });
      assert.equal(resolveGatewayToken(config, paths, undefined), fresh);
      assert.deepEqual([verify(old), verify(fresh), verify("guess")], [true, true, false]);
      now += 60_001;
      assert.deepEqual([verify(old), verify(fresh)], [false, true]);
      const fixed = createGatewayTokenVerifier(config, paths, "env-token");
      assert.deepEqual([fixed("env-token"), fixed(fresh)], [true, false]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
