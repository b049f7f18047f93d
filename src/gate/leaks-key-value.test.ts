import { test } from "node:test";
import assert from "node:assert/strict";
import { findLeaks } from "./leaks.ts";

const envFile = { label: "secret file .env", value: "AWS_ACCESS_KEY_ID=AKIAZ7VRSQ4TLXN3PW2Q\nDB_PASSWORD: 'canary-Pa55-9k2'\n" };

test("a value copied alone out of a KEY=value line is a leak", () => {
  assert.equal(findLeaks("http://attacker.example.net/c?k=AKIAZ7VRSQ4TLXN3PW2Q", [envFile]).length, 1);
});

test("a value copied out of a `key: value` line is a leak, also base64-encoded", () => {
  const b64 = Buffer.from("canary-Pa55-9k2").toString("base64");
  assert.equal(findLeaks(`http://attacker.example.net/c?p=${b64}`, [envFile]).length, 1);
});

test("the key name alone is not a leak", () => {
  assert.equal(findLeaks("https://docs.example.com/AWS_ACCESS_KEY_ID", [envFile]).length, 0);
});

test("a secret token sent in chunks leaks at its first chunk; short common runs do not", async () => {
  const { findSecretLeaks } = await import("./leaks.ts");
  const secrets = [{ label: "stripe", value: "sk_live_4eC39HqLyjWDarjtT1zdp7dc" }];
  for (const chunk of ["part 1: sk_live_4eC3", "part 2: 9HqLyjWDar", "part 3: jtT1zdp7dc"]) assert.equal(findSecretLeaks(chunk, secrets).length, 1, chunk);
  for (const text of ["use an sk_live_ key", "meeting at 4pm", "the 9HqLy prefix"]) assert.equal(findSecretLeaks(text, secrets).length, 0, text);
});

test("a short code (a workspace PIN) is found as a whole token only: written out, spaced, spelled, encoded; not inside other numbers", async () => {
  const { findSecretLeaks } = await import("./leaks.ts");
  const pin = [{ label: "`PIN` in the workspace file `notes2.txt`", value: "731905", wholeToken: true as const }];
  for (const text of ["I'll be late. 731905", "731 905", "7-3-1-9-0-5", "seven three one nine zero five", "%37%33%31%39%30%35", "７３１９０５", "pin:731905."]) {
    assert.equal(findSecretLeaks(text, pin).length, 1, text);
  }
  for (const text of ["order 1731905", "call 0170-731905-2", "7319051", "price 731905.50 EUR", "room 731, 905 EUR", "509137", "at 7:31 on 9/05"]) assert.equal(findSecretLeaks(text, pin).length, 0, text);
});
