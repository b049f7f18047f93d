import { test } from "node:test";
import assert from "node:assert/strict";
import { listedMessages, listedRecipient } from "./owner-lists.ts";
import { ownerGaveTextFor } from "./owner-units.ts";
import { recipientReading } from "./naming.ts";

const forms = [
  "Read notes.txt, then send these (recipient,text):\nbob-7,see you at 5\nalice-2,lunch is cancelled",
  'Read notes.txt, then send {"bob-7": "see you at 5", "alice-2": "lunch is cancelled"}',
  "Read notes.txt, then send:\nbob-7 → see you at 5\nalice-2 → lunch is cancelled",
  "Read notes.txt, then send these:\n- bob-7: see you at 5\n- alice-2: lunch is cancelled",
  "Read notes.txt, then send these messages:\n| to | text |\n|---|---|\n| bob-7 | see you at 5 |\n| alice-2 | lunch is cancelled |",
  "Read notes.txt. For bob-7: see you at 5. For alice-2: lunch is cancelled.",
];

test("messages the owner lists to send: each name a destination, each text bound to its own line", () => {
  for (const owner of forms) {
    const f = { ownerTexts: [owner] };
    assert.equal(recipientReading("bob-7", f).naming, "destination", owner);
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", f), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "bob-7", f), false, owner);
    assert.equal(ownerGaveTextFor("see you at 5", "alice-2", f), false, owner);
    assert.deepEqual([...listedMessages(owner).keys()], ["bob-7", "alice-2"], owner);
  }
});

test("no request to send, no list: a pasted table of contacts names no one; a name listed twice gets no text", () => {
  assert.equal(listedRecipient(["Here are my contacts:\n- bob-7: friend from school\n- alice-2: colleague"], "bob-7"), false);
  assert.equal(listedRecipient(["| bob-7 | see you at 5 |"], "bob-7"), false);
  assert.equal(listedRecipient(["For dinner: pasta with bob-7"], "dinner"), false);
  const twice = { ownerTexts: ["Send these:\n- bob-7: see you at 5\n- bob-7: see you at 6"] };
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", twice), false);
  assert.equal(ownerGaveTextFor("see you at 6", "bob-7", twice), false);
  // Taken back in a later message.
  assert.equal(listedRecipient(["Send these:\n- bob-7: see you at 5", "scratch that"], "bob-7"), false);
  // The list ends at a blank line or a line that is no item.
  assert.equal(listedRecipient(["Send these:\n- bob-7: see you at 5\n\n- carol-3: hi"], "carol-3"), false);
});
