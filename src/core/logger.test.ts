import { test } from "node:test";
import assert from "node:assert/strict";
import { createLogger, withRedaction } from "./logger.ts";

function capture(redactText?: (s: string) => string) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: "debug", ...(redactText ? { redactText } : {}), destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { log, lines };
}

void test("secret fields are censored by name; known secret values are replaced in the message and in string fields", () => {
  const { log, lines } = capture((s) => s.replaceAll("sk-known-123", "[redacted:k]"));
  log.warn({ token: "t0ken", nested: { apiKey: "k3y" }, error: "call failed with sk-known-123" }, "using sk-known-123");
  assert.deepEqual(lines[0], { level: 40, time: lines[0]?.time, token: "[REDACTED]", nested: { apiKey: "[REDACTED]" }, error: "call failed with [redacted:k]", msg: "using [redacted:k]" });
});

void test("a child keeps its bindings and the root's redaction; withRedaction adds an adapter's own secret, children included", () => {
  const { log, lines } = capture((s) => s.replaceAll("root-secret", "[r]"));
  const channel = withRedaction(log.child({ channel: "telegram" }), (s) => s.replaceAll("bot-token-9", "[bot]"));
  channel.info("root-secret and bot-token-9");
  channel.child({ part: "poll" }).error({ detail: "bot-token-9" }, "failed");
  assert.deepEqual(lines.map((l) => [l.channel, l.part, l.msg, l.detail]), [["telegram", undefined, "[r] and [bot]", undefined], ["telegram", "poll", "failed", "[bot]"]]);
  assert.equal(channel.level, "debug");
  assert.equal(channel.isLevelEnabled("trace"), false);
});
