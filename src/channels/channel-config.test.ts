import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveChannelSecret } from "./channel-config.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";

void test("secrets come from exactly one place; files must be safe", () => {
  const dir = mkdtempSync(join(tmpdir(), "warden-chcfg-"));
  try {
    const file = join(dir, "token");
    writePrivateFile(file, "1:file-token\n");
    assert.equal(resolveChannelSecret(undefined, file, "channels.telegram.botToken"), "1:file-token");
    assert.equal(resolveChannelSecret("inline", undefined, "x"), "inline");
    assert.throws(() => resolveChannelSecret("inline", file, "x"), /not both/);
    assert.throws(() => resolveChannelSecret(undefined, undefined, "channels.slack.signingSecret"), /not set/);
    const link = join(dir, "link");
    symlinkSync(file, link);
    assert.throws(() => resolveChannelSecret(undefined, link, "x"), (e: Error) => /symlink/.test(e.message) && !e.message.includes("file-token"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
