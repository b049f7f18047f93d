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

test("the binding forms an owner types: reversed columns by header or shape, TSV, numbered, =, arrows, YAML, JSON objects, HTML and Markdown tables", () => {
  for (const owner of [
    "Read notes.txt, then send these (text,recipient):\nsee you at 5,bob-7\nlunch is cancelled,alice-2",
    "Read notes.txt, then send these:\nbob-7\tsee you at 5\nalice-2\tlunch is cancelled",
    "Read notes.txt, then send these:\n1. bob-7 — see you at 5\n2. alice-2 — lunch is cancelled",
    "Read notes.txt, then send these:\nbob-7 = see you at 5\nalice-2 = lunch is cancelled",
    "Read notes.txt, then send these:\nsee you at 5 → bob-7\nlunch is cancelled → alice-2",
    "Read notes.txt, then send these:\nbob-7: |\n  see you at 5\nalice-2: |\n  lunch is cancelled",
    'Read notes.txt, then send these: [{"text":"see you at 5","to":"bob-7"},{"text":"lunch is cancelled","to":"alice-2"}]',
    "Read notes.txt, then send these:\n<table><tr><td>bob-7</td><td>see you at 5</td></tr><tr><td>alice-2</td><td>lunch is cancelled</td></tr></table>",
    "Read notes.txt, then send these:\n<table><tr><th>text</th><th>to</th></tr><tr><td>see you at 5</td><td>bob-7</td></tr><tr><td>lunch is cancelled</td><td>alice-2</td></tr></table>",
    "Read notes.txt, then send these:\n| text | to |\n|---|---|\n| see you at 5 | bob-7 |\n| lunch is cancelled | alice-2 |",
  ]) {
    const f = { ownerTexts: [owner] };
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", f), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "bob-7", f), false, owner);
    assert.equal(ownerGaveTextFor("see you at 5", "alice-2", f), false, owner);
  }
  // A header that names the columns wins over the cells' shape; two cells that are both phrases are no item.
  assert.deepEqual([...listedMessages("Send these (text,to):\nhi,bob-7").entries()], [["bob-7", "hi"]]);
  assert.deepEqual([...listedMessages("Send these:\nsee you at 5,lunch is off").keys()], []);
  // YAML with a name twice is unclear: no text.
  assert.equal(listedMessages("Send these:\n- bob-7: see you at 5\n- bob-7: see you at 6").get("bob-7"), null);
});
