/**
 * Base58Check, as Bitcoin writes addresses and keys: the text read in the Base58 alphabet (each leading `1` a zero
 * byte), the last four bytes the first four of the double SHA-256 of the rest. Never throws.
 */
import { createHash } from "node:crypto";

const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** The payload (version byte first, checksum removed) when `text` is Base58Check with a checksum that holds. */
export function base58CheckPayload(text: string): Buffer | undefined {
  let n = 0n;
  for (const ch of text) {
    const digit = alphabet.indexOf(ch);
    if (digit < 0) return undefined;
    n = n * 58n + BigInt(digit);
  }
  const hex = n === 0n ? "" : n.toString(16);
  const zeros = text.length - text.replace(/^1+/, "").length;
  const bytes = Buffer.concat([Buffer.alloc(zeros), Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, "hex")]);
  if (bytes.length < 5) return undefined;
  const body = bytes.subarray(0, bytes.length - 4);
  const sum = createHash("sha256").update(createHash("sha256").update(body).digest()).digest().subarray(0, 4);
  return sum.equals(bytes.subarray(bytes.length - 4)) ? body : undefined;
}
