/**
 * What an argument carries under an encoding: base64 (standard or URL-safe), hex and URL percent-encoding, each maybe
 * over gzip or zlib (`{"sql_b64": "REVMRVRF…"}`, `{"query_hex": "44454c…"}`). The decoded text is judged as the
 * argument it stands for (`sql_b64` as `sql`). An argument whose name says it is encoded and that does not decode to
 * text is reported: Warden cannot read what the server will run. Never throws; output and work are bounded.
 */
import { gunzipSync, inflateSync } from "node:zlib";

const MaxEncodedChars = 96 * 1024;
const MaxDecodedBytes = 64 * 1024;

/** An encoding named at the start or end of an argument's name (`sql_b64`, `query-hex`, `b64_sql`, `encodedQuery`). */
const encodingName = /^(?:b64|base64|hex|encoded|urlencoded|gz|gzip|zlib|deflate|compressed)[_-]?|[_-]?(?:b64|base64|hex|encoded|urlencoded|url_encoded|gz|gzip|zlib|deflate|compressed)$/i;

export type Decoded = { kind: "text"; key: string; text: string; encoding: string } | { kind: "opaque"; key: string; why: string };

/** Text when the bytes are UTF-8 with no control characters other than tab and line breaks. */
function textOf(bytes: Buffer): string | undefined {
  let data = bytes;
  try {
    if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data, { maxOutputLength: MaxDecodedBytes });
    else if (data[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(data[1] ?? 0)) data = inflateSync(data, { maxOutputLength: MaxDecodedBytes });
    const text = new TextDecoder("utf-8", { fatal: true }).decode(data);
    return text.length >= 4 && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text an argument decodes to, under the name it stands for; `opaque` when its name says it is encoded and it
 * decodes to no text; undefined for a value that is plain.
 */
export function decodeArgument(key: string, value: string): Decoded | undefined {
  const named = encodingName.test(key);
  // `sql_gz_b64` stands for `sql`: each encoding named is taken off.
  let plainKey = key;
  for (let k = 0; k < 4 && encodingName.test(plainKey); k++) plainKey = plainKey.replace(encodingName, "") || plainKey;
  const v = value.trim();
  if (v.length < 8 || v.length > MaxEncodedChars) {
    return named && v.length > 0 ? { kind: "opaque", key: plainKey, why: `its argument \`${key.slice(0, 40)}\` is encoded, in a form Warden cannot decode` } : undefined;
  }
  const tries: [string, () => Buffer | undefined][] = [
    ["hex", () => (/^(?:[0-9a-fA-F]{2})+$/.test(v) ? Buffer.from(v, "hex") : undefined)],
    ["base64", () => (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && v.replace(/=+$/, "").length % 4 !== 1 ? Buffer.from(v, "base64") : undefined)],
    ["URL-encoding", () => {
      if (!/%[0-9a-fA-F]{2}/.test(v)) return undefined;
      try {
        return Buffer.from(decodeURIComponent(v.replace(/\+/g, " ")), "utf8");
      } catch {
        return undefined;
      }
    }],
  ];
  for (const [encoding, decode] of tries) {
    const bytes = decode();
    if (bytes === undefined) continue;
    const text = textOf(bytes);
    if (text !== undefined && text !== v) return { kind: "text", key: plainKey, text, encoding };
  }
  return named ? { kind: "opaque", key: plainKey, why: `its argument \`${key.slice(0, 40)}\` is encoded, in a form Warden cannot decode to text` } : undefined;
}
