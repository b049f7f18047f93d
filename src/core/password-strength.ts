/**
 * A conservative strength estimate for the gateway password (`gateway.auth.mode password`). Online guessing
 * is bounded by the gateway's global failure budget; the password itself must still be out of reach of an
 * offline-style dictionary, so short or repetitive passwords are refused. No dictionary: the estimate counts
 * character classes and distinct characters, which under-rates long passphrases only slightly.
 */

export const MIN_PASSWORD_LENGTH = 16;
export const MIN_PASSWORD_BITS = 64;

export type PasswordStrength = { ok: true; bits: number } | { ok: false; bits: number; why: string };

/** Estimated entropy in bits: log2 of the alphabet the characters come from, per distinct-ish character. */
export function estimatePasswordBits(password: string): number {
  const chars = [...password];
  let alphabet = 0;
  if (chars.some((c) => c >= "a" && c <= "z")) alphabet += 26;
  if (chars.some((c) => c >= "A" && c <= "Z")) alphabet += 26;
  if (chars.some((c) => c >= "0" && c <= "9")) alphabet += 10;
  if (chars.some((c) => c.charCodeAt(0) < 128 && !/[a-zA-Z0-9]/.test(c))) alphabet += 33;
  if (chars.some((c) => c.charCodeAt(0) >= 128)) alphabet += 100;
  const distinct = new Set(chars).size;
  const bigrams = new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`)).size;
  // Repetition (`aaaa…`, `passwordpassword`) adds little: count at most twice the distinct characters and one
  // more than the distinct pairs of neighbours.
  const counted = Math.min(chars.length, distinct * 2, bigrams + 1);
  return alphabet === 0 ? 0 : Math.floor(counted * Math.log2(alphabet));
}

/** Whether `password` is strong enough for the gateway; `why` says what is missing (never the password). */
export function checkPasswordStrength(password: string): PasswordStrength {
  const bits = estimatePasswordBits(password);
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return { ok: false, bits, why: `the gateway password has ${length} characters; use at least ${MIN_PASSWORD_LENGTH} (a passphrase of four or more random words, or \`openssl rand -base64 24\`)` };
  }
  if (bits < MIN_PASSWORD_BITS) {
    return { ok: false, bits, why: `the gateway password is too predictable (about ${bits} bits; at least ${MIN_PASSWORD_BITS} needed): mix more distinct characters or use a longer random passphrase` };
  }
  return { ok: true, bits };
}
