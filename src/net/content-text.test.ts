import { test } from "node:test";
import assert from "node:assert/strict";
import { bodyToText } from "./content-text.ts";

const bytes = (s: string, enc: BufferEncoding = "utf8"): Uint8Array => Buffer.from(s, enc);

void test("content types: HTML to text, text and JSON as is, declared charsets, binary refused", () => {
  const html = bodyToText(bytes("<p>caf\u00e9 <b>bold</b></p><script>x()</script>"), "text/html; charset=UTF-8", false);
  assert.deepEqual(html, { kind: "text", text: "caf\u00e9 bold", mediaType: "text/html" });
  assert.equal(bodyToText(bytes('{"k":"v"}'), "application/vnd.api+json", false).kind, "text");
  const latin = bodyToText(bytes("caf\u00e9", "latin1"), "text/plain; charset=iso-8859-1", false);
  assert.equal(latin.kind === "text" ? latin.text : "", "caf\u00e9");
  assert.equal(bodyToText(bytes("%PDF-1.7"), "application/pdf", false).kind, "binary");
  assert.equal(bodyToText(new Uint8Array([0xff, 0xfe, 0x41]), null, false).kind, "binary");
  assert.equal(bodyToText(new Uint8Array([0x41, 0, 0x42]), "text/plain", false).kind, "binary");
  // A multi-byte character cut by the size limit is not binary.
  const cut = bytes("ok \u00e9").subarray(0, 4);
  assert.equal(bodyToText(cut, "text/plain", true).kind, "text");
});
