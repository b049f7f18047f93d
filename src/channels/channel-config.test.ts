import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChannelAccessConfig, SlackChannelConfig, TelegramChannelConfig, resolveChannelSecret, resolveGrantedTools, toAccessPolicy } from "./channel-config.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";

void test("defaults are the secure ones; unknown keys are rejected", () => {
  const c = ChannelAccessConfig.parse({});
  assert.deepEqual(toAccessPolicy(c), { dmPolicy: "pairing", groupPolicy: "allowlist", requireMention: true });
  assert.equal(ChannelAccessConfig.safeParse({ dmpolicy: "open" }).success, false);
  assert.equal(ChannelAccessConfig.safeParse({ dmPolicy: "everyone" }).success, false);
});

void test("open requires an explicit `*`; owners cannot be `*`", () => {
  assert.equal(ChannelAccessConfig.safeParse({ dmPolicy: "open" }).success, false);
  assert.equal(ChannelAccessConfig.safeParse({ dmPolicy: "open", allowFrom: ["*"] }).success, true);
  assert.equal(TelegramChannelConfig.safeParse({ groupPolicy: "open", groupAllowFrom: ["1"] }).success, false);
  assert.equal(ChannelAccessConfig.safeParse({ ownerIds: ["*"] }).success, false);
});

void test("secrets are marked for redaction; connection settings validated", () => {
  const t = TelegramChannelConfig.parse({ botToken: "1:x", apiRoot: "http://127.0.0.1:8081" });
  assert.equal(t.pollTimeoutSeconds, 30);
  assert.equal(TelegramChannelConfig.safeParse({ apiRoot: "http://127.0.0.1:8081/" }).success, false);
  assert.equal(TelegramChannelConfig.safeParse({ apiRoot: "file:///etc/passwd" }).success, false);
  assert.equal(SlackChannelConfig.safeParse({ apiUrl: "http://127.0.0.1:1/api" }).success, false);
  const shape = SlackChannelConfig.shape;
  assert.deepEqual(z.globalRegistry.get(shape.signingSecret.unwrap()), { secret: true });
  assert.deepEqual(z.globalRegistry.get(shape.botToken.unwrap()), { secret: true });
});

void test("contacts get conversation only unless config grants tools", () => {
  const grants = { senders: { "42": ["web_fetch"] }, groups: { "-5": ["read"] } };
  const owner = { kind: "owner", id: "telegram:1", channel: "telegram" } as const;
  const contact = { kind: "contact", id: "telegram:42", channel: "telegram" } as const;
  const other = { kind: "contact", id: "telegram:43", channel: "telegram" } as const;
  assert.deepEqual(resolveGrantedTools(owner, "1", { kind: "dm", id: "1" }, undefined), { all: true });
  assert.deepEqual(resolveGrantedTools(other, "43", { kind: "dm", id: "43" }, grants), { all: false, tools: [] });
  assert.deepEqual(resolveGrantedTools(contact, "42", { kind: "dm", id: "42" }, undefined), { all: false, tools: [] });
  assert.deepEqual(resolveGrantedTools(contact, "42", { kind: "group", id: "-5" }, grants), { all: false, tools: ["read", "web_fetch"] });
  assert.equal(ChannelAccessConfig.safeParse({ tools: { senders: { "42": ["*"] } } }).success, false, "no wildcard tool grants");
});

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
