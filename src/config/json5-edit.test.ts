import { describe, test } from "node:test";
import assert from "node:assert/strict";
import JSON5 from "json5";
import { editJson5 } from "./json5-edit.ts";
import { setDotted, unsetDotted } from "./dotted.ts";
import type { Json } from "../core/types.ts";

type JsonObject = { [key: string]: Json };

const owned = `// Warden config, kept by hand
{
  /* the gateway */
  gateway: {
    port: 18789, // my port
    'bind': 'loopback',
  },
  tools: {
    exec: {
      security: 'allowlist',
      allow: [
        { binary: '/usr/bin/cksum', argv: [], match: 'prefix' }, // checksums
      ],
    },
  },
  logging: { level: 'info' },
}
`;

function edit(text: string, change: (raw: JsonObject) => JsonObject): string {
  const before = JSON5.parse(text) as JsonObject;
  const after = change(before);
  const result = editJson5(text, before, after);
  assert.ok(result.ok, result.ok ? "" : result.why);
  assert.deepEqual(JSON5.parse(result.text), after, "the edited file holds exactly the intended value");
  return result.text;
}

function assertKeeps(text: string, ...fragments: string[]): void {
  for (const f of fragments) assert.ok(text.includes(f), `kept ${JSON.stringify(f)} in:\n${text}`);
}

describe("JSON5 minimal-edit writer", () => {
  test("changing a value touches only that value", () => {
    const out = edit(owned, (raw) => setDotted(raw, "gateway.port", 19000));
    assert.equal(out, owned.replace("18789", "19000"));
  });

  test("changing a single-quoted string keeps the quote style", () => {
    const out = edit(owned, (raw) => setDotted(raw, "gateway.bind", "lan"));
    assert.equal(out, owned.replace("'bind': 'loopback'", "'bind': 'lan'"));
  });

  test("a new nested key is inserted with the file's indentation, key style and trailing comma", () => {
    const out = edit(owned, (raw) => setDotted(raw, "channels.telegram.dmPolicy", "pairing"));
    assertKeeps(out, "// Warden config, kept by hand", "/* the gateway */", "// my port", "// checksums");
    assert.ok(out.includes("  logging: { level: 'info' },\n  channels: { telegram: { dmPolicy: 'pairing' } },\n}"), out);
    const long = edit(owned, (raw) => setDotted(raw, "channels.telegram.allowFrom", ["a".repeat(40), "b".repeat(40)]));
    assert.ok(long.includes(`  channels: {\n    telegram: {\n      allowFrom: [\n        '${"a".repeat(40)}',\n        '${"b".repeat(40)}',\n      ],\n    },\n  },\n}`), long);
  });

  test("a new key in an inline object stays inline", () => {
    const out = edit(owned, (raw) => setDotted(raw, "logging.redactSensitive", "tools"));
    assert.ok(out.includes("logging: { level: 'info', redactSensitive: 'tools' },"), out);
  });

  test("deleting a key removes its line and its comment, nothing else", () => {
    const out = edit(owned, (raw) => unsetDotted(raw, "gateway.port"));
    assert.equal(out, owned.replace("    port: 18789, // my port\n", ""));
  });

  test("deleting the last key of an object removes the emptied object too", () => {
    const out = edit(owned, (raw) => unsetDotted(raw, "logging.level"));
    assert.equal(out, owned.replace("  logging: { level: 'info' },\n", ""));
  });

  test("an allow rule is appended after the last one, the comment on the old one stays put", () => {
    const rule = { binary: "/usr/bin/uname", argv: ["-s"], match: "exact" };
    const out = edit(owned, (raw) => setDotted(raw, "tools.exec.allow", [...((raw.tools as { exec: { allow: Json[] } }).exec.allow), rule]));
    assert.ok(out.includes("{ binary: '/usr/bin/cksum', argv: [], match: 'prefix' }, // checksums\n        { binary: '/usr/bin/uname', argv: ['-s'], match: 'exact' },\n      ],"), out);
    assertKeeps(out, "// Warden config, kept by hand", "// my port");
  });

  test("a JSON-style file (double quotes, quoted keys, no trailing commas) stays in its style", () => {
    const json = `{\n  // note\n  "gateway": {\n    "port": 1\n  }\n}\n`;
    const out = edit(json, (raw) => setDotted(setDotted(raw, "gateway.bind", "lan"), "tools.exec.allow", [{ binary: "/bin/x", argv: [], match: "exact" }]));
    assert.ok(out.includes(`    "port": 1,\n    "bind": "lan"\n  },`), out);
    assert.ok(out.includes(`  },\n  "tools": {\n    "exec": { "allow": [{ "binary": "/bin/x", "argv": [], "match": "exact" }] }\n  }\n}`), out);
    assertKeeps(out, "// note");
  });

  test("appending to an empty array and inserting into an empty object", () => {
    const text = `{ a: {}, b: [], c: {\n  // nothing yet\n} }`;
    const out = edit(text, (raw) => setDotted(setDotted(setDotted(raw, "a.x", 1), "b", ["y"]), "c.z", true));
    assertKeeps(out, "// nothing yet");
  });

  test("a value whose type changes is replaced in place", () => {
    const out = edit(owned, (raw) => setDotted(raw, "gateway", "x"));
    assertKeeps(out, "// Warden config, kept by hand", "/* the gateway */", "gateway: 'x',\n  tools");
  });

  test("duplicate keys: the copy JSON5 reads is the one changed, every copy is deleted", () => {
    const text = `{ a: 1, a: 2, b: 3 }`;
    assert.equal(edit(text, (raw) => setDotted(raw, "a", 5)), `{ a: 1, a: 5, b: 3 }`);
    assert.equal(edit(text, (raw) => unsetDotted(raw, "a")), `{ b: 3 }`);
  });

  test("keys that are not identifiers are quoted", () => {
    const out = edit(`{\n  a: 1,\n}\n`, (raw) => setDotted(raw, "x-y", "it's"));
    assert.ok(out.includes(`  'x-y': 'it\\'s',\n}`), out);
  });

  test("a blank file is written afresh", () => {
    const result = editJson5("", {}, { gateway: { port: 1 } });
    assert.ok(result.ok);
    assert.deepEqual(JSON5.parse(result.text), { gateway: { port: 1 } });
  });

  test("when the text does not match what it should hold, nothing is produced (fail closed)", () => {
    const result = editJson5(`{ a: 1 }`, { a: 2 }, { a: 2, b: 1 });
    assert.equal(result.ok, false);
    const unparsable = editJson5(`{ a: `, { a: 1 }, { a: 2 });
    assert.equal(unparsable.ok, false);
  });
});
