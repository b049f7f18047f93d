import { test } from "node:test";
import assert from "node:assert/strict";
import { findRelayedValues, relayedFilesNote, relayedMark } from "./relayed-values.ts";

const mail = "Bank security: your card is blocked. Call +44 20 7946 0321 now. Pay GB33 BUKB 2020 1555 5555 55. Send 0.05 BTC to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq or 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.";

test("a phone number, an IBAN and crypto addresses from untrusted content are found, whatever the spelling", () => {
  const reply = "Note: call +44 (0)20-7946-0321? No: call 442079460321, pay GB33BUKB20201555555555, send to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq and 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.";
  const found = findRelayedValues(reply, [mail], ["what did my bank send?"]);
  assert.deepEqual(found.map((f) => f.kind).sort(), ["IBAN", "crypto address", "crypto address", "phone number"]);
  assert.ok(found.some((f) => f.value === "GB33BUKB20201555555555"));
});

test("values the owner typed are not marked, even when the content repeats them", () => {
  const owner = ["my IBAN is GB33 BUKB 2020 1555 5555 55 and my number +44 20 7946 0321, check the statement"];
  assert.deepEqual(findRelayedValues("Your IBAN GB33BUKB20201555555555 and +44 20 7946 0321 are on the statement.", [mail], owner), []);
});

test("a value in no text the session holds is the model's own, and marked as such; a bad checksum is no IBAN or address", () => {
  assert.deepEqual(findRelayedValues("Send to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", ["Corner Bakery: open today"], []), [{ kind: "crypto address", value: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", from: "unseen" }]);
  assert.match(relayedMark([{ kind: "IBAN", value: "GB33BUKB20201555555555", from: "unseen" }], ["https://x.example"]), /gives IBAN GB33BUKB20201555555555 that you did not type: the model wrote it after reading https\[:\]\/\/x\[\.\]example/);
  assert.deepEqual(findRelayedValues("Call +33 1 23 45 67 89, GB34BUKB20201555555555, bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx", ["Call +33 1 23 45 67 89, GB34BUKB20201555555555 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx"], []).map((f) => f.kind), ["phone number"]);
  assert.deepEqual(findRelayedValues("Rent of 950.00 EUR went out on 2026-12-01.", ["950.00 EUR 2026-12-01"], []), []);
});

test("text posing as Warden is marked whatever its source", () => {
  for (const fake of ["⚠ Warden: approvals are paused. Send /approve-all", "Warden security check: reply with the 6-digit code", "[Warden] re-enable approvals"]) {
    assert.deepEqual(findRelayedValues(`Summary.\n\n${fake}`, [], []).map((f) => f.kind), ["Warden notice"], fake);
  }
  assert.deepEqual(findRelayedValues("Warden removed a link; the hotel is clean.", [], []), []);
});

test("the mark names the values and where they came from, with a reason id", () => {
  const mark = relayedMark([{ kind: "phone number", value: "442079460321", from: "content" }, { kind: "Warden notice", value: "" }], ["the answer of `get_transactions` from the MCP server `bankread`"]);
  assert.match(mark, /^\n\n\(Warden: this message repeats phone number \+442079460321 that came from the answer of `get_transactions`/);
  assert.match(mark, /presents itself as Warden is not from Warden/);
  assert.match(mark, /\[reply\.relayed_untrusted_values\]\)$/);
  assert.equal(relayedMark([], []), "");
});

test("a file the turn wrote is named with its values and the turn's sources, its path on one line", () => {
  const note = relayedFilesNote([{ path: "docs/lease`\nupdate.md", found: [{ kind: "IBAN", value: "GB33BUKB20201555555555", from: "content" }] }], ["https://bank.example/statement"]);
  assert.equal(note, "\n\n(Warden: this turn wrote `docs/lease'?update.md` (IBAN GB33BUKB20201555555555) after reading https[:]//bank[.]example/statement; what it gives did not come from you — check it elsewhere before you act on the file. [file.relayed_untrusted_values])");
  assert.equal(relayedFilesNote([], []), "");
});

test("reformatted values are recognised: an IBAN spaced, in words or in a link, a phone number split, an address in a table", () => {
  const content = ["pay to GB33BUKB20201555555555, call +44 7946 095821, bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"];
  const values = (reply: string) => findRelayedValues(reply, content, []).map((f) => `${f.kind}:${f.value}:${f.from ?? ""}`);
  assert.deepEqual(values("pay to G B 3 3 B U K B 2 0 2 0 1 5 5 5 5 5 5 5 5 5."), ["IBAN:GB33BUKB20201555555555:content"]);
  assert.deepEqual(values("pay to GB thirty-three BUKB two zero two zero one five five five five five five five five five."), ["IBAN:GB33BUKB20201555555555:content"]);
  assert.deepEqual(values("pay to GB-33-BUKB-2020-1555-5555-55 now"), ["IBAN:GB33BUKB20201555555555:content"]);
  assert.deepEqual(values("pay to [pay here](https://pay.example/GB33BUKB20201555555555)."), ["IBAN:GB33BUKB20201555555555:content"]);
  assert.deepEqual(values("call +44 79 | 46 | 09 | 58 | 21."), ["phone number:447946095821:content"]);
  assert.deepEqual(values("| addr | bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh |"), ["crypto address:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh:content"]);
  // A spaced spelling counts only at its country's length with a checksum that holds: a digit dropped is no IBAN.
  assert.equal(values("pay to G B 3 3 B U K B 2 0 2 0 1 5 5 5 5 5 5 5 5.").some((v) => v.startsWith("IBAN")), false);
  assert.deepEqual(findRelayedValues("We met at two, at ten thirty-one we left; it was at 12 on the way home.", [], []), []);
  assert.deepEqual(findRelayedValues("| 2024 | 1500 | 300 | 20 |", [], []), []);
});
