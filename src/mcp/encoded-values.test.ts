// Encoded arguments (atk18 class 4): base64, hex and percent-encoding (over gzip or zlib too) are decoded and judged
// as the argument they stand for; one named as encoded that decodes to no text is opaque.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { decodeArgument } from "./encoded-values.ts";

describe("decodeArgument", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  it("base64 under `sql_b64` is `sql`", () => assert.deepEqual(decodeArgument("sql_b64", b64("DELETE FROM users")), { kind: "text", key: "sql", text: "DELETE FROM users", encoding: "base64" }));
  it("URL-safe base64 under `query_b64`", () => assert.equal((decodeArgument("query_b64", b64("SELECT 1; DELETE FROM users").replace(/\+/g, "-").replace(/\//g, "_")) as { text?: string }).text, "SELECT 1; DELETE FROM users"));
  it("hex under `sql_hex`", () => assert.deepEqual(decodeArgument("sql_hex", "44454c4554452046524f4d207573657273"), { kind: "text", key: "sql", text: "DELETE FROM users", encoding: "hex" }));
  it("gzip then base64, under `sql_gz_b64` as `sql`", () => assert.deepEqual(decodeArgument("sql_gz_b64", gzipSync("DROP TABLE t").toString("base64")), { kind: "text", key: "sql", text: "DROP TABLE t", encoding: "base64" }));
  it("percent-encoding", () => assert.equal((decodeArgument("sql", "DELETE%20FROM%20users") as { text?: string }).text, "DELETE FROM users"));
  it("an encoded name whose value decodes to no text is opaque", () => assert.equal(decodeArgument("sql_b64", "////////AAAA")?.kind, "opaque"));
  it("an encoded name with a short value is opaque", () => assert.equal(decodeArgument("payload_hex", "00ff")?.kind, "opaque"));
  for (const plain of ["Paris", "4471", "deadbeefcafebabe", "3f786850e387550fdab836ed7e6dc881de23001b", "abcdefgh12345678", "New York", "2026-12-04"]) {
    it(`${JSON.stringify(plain)} is plain`, () => assert.equal(decodeArgument("id", plain), undefined));
  }
});
