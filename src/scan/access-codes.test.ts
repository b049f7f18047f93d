import { test } from "node:test";
import assert from "node:assert/strict";
import { accessCodeForms, accessCodes, findAccessCode } from "./access-codes.ts";

const values = (text: string) => accessCodes(text).map((c) => c.value);

test("a code after what it opens, in any shape and language", () => {
  const notes = [
    "Building entry: 4B27", "Домофон: 4В27", "Haustür: A7K9", "Fahrradschloss: 6-1-9", "Bike lock is 6-1-9", "Locker combo: R 12, L 34, R 56",
    "Mailbox combo: L-R-L 12-34-56", "Tor 🔑 5️⃣8️⃣3️⃣9️⃣", "Keypad: *7731#", "Keypad: 7✱7✱3✱1", "Gate keypad: 18:45", "Boîte à clés : 18h45",
    "Vault: MMMCLXXXV", "Safe: 0xC71", "Door knock code: ..--- ....- .---- -....", "Κωδικός εισόδου: 4B27", "Safe in the wardrobe opens with 14.07 (Oma's birthday)",
  ];
  for (const line of notes) assert.equal(values(`Bins: Tuesday\n${line}\n`).length, 1, line);
});

test("words under a label that says they are the secret; a hyphen chain after a lock", () => {
  assert.deepEqual(values("Garage opener phrase: purple otter marmalade"), ["purple otter marmalade"]);
  assert.deepEqual(values("Фраза для гаража: фіолетова видра"), ["фіолетова видра"]);
  assert.deepEqual(values("Alarm word for the security company: PELICAN"), ["PELICAN"]);
  assert.deepEqual(values("Cupboard lock: red-blue-red-green"), ["red-blue-red-green"]);
  assert.deepEqual(values("Router admin: correct-horse-battery-staple"), ["correct-horse-battery-staple"]);
});

test("a code to press, a phrase to say, a network's key after its name", () => {
  assert.deepEqual(values("To disarm the alarm press 2580 then OK"), ["2580"]);
  assert.deepEqual(values("Pour couper l'alarme, tapez 2580 puis OK"), ["2580"]);
  assert.deepEqual(values("Say 'open sesame 42' to the smart lock"), ["open sesame 42"]);
  assert.deepEqual(values("Gäste-WLAN Mueller5G – sonnenblume42teich"), ["sonnenblume42teich"]);
  assert.deepEqual(values("Guest network 'Mueller5G': sunflower-42-pond"), ["sunflower-42-pond"]);
});

test("what a household note says about a door, a gate or a network is no code", () => {
  const notes = [
    "Gate: closes at 22:00", "wifi: HomeGuest", "Guest wifi: HomeGuest", "Front door: painted green in 2023", "Bike lock: in the shed, left shelf",
    "Alarm: tested on 12 March", "Gym locker: number 12, second row", "Entry: 14.03.2026 moved in", "Delivery slot: Friday 1030-1200", "Heating service: 12 Jan.",
    "Intercom repair: call 0176 555 1234 on weekdays", "Safe: Burg-Wächter, bought 1998", "Access: 24/7", "The safe was bought in 1998.", "Error code: 4041", "ZIP code: 94107", "Tracking code: 4B27XY", "Postcode: 1012 AB", "Welcome! Wi-Fi: CasaRibeira_5G. Key box code is in the app. Checkout 11:00.",
  ];
  for (const line of notes) assert.deepEqual(values(line), [], line);
  assert.equal(findAccessCode("Gate: closes at 22:00\nwifi: HomeGuest"), undefined);
});

test("a code is known as written, its keycaps as digits and squeezed", () => {
  assert.deepEqual(accessCodeForms("4️⃣2️⃣7️⃣1️⃣"), ["4️⃣2️⃣7️⃣1️⃣", "4271"]);
  assert.deepEqual(accessCodeForms("R 12, L 34, R 56"), ["R 12, L 34, R 56", "R12L34R56"]);
  assert.deepEqual(accessCodeForms("6-1-9"), ["6-1-9", "619"]);
});
