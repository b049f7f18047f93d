import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerGaveTextFor, ownerMessageGiving, spentKey } from "./owner-units.ts";

const flow = (...ownerTexts: string[]) => ({ ownerTexts });

test("a quote the owner gave for the recipient, whole, as a writer quotes it", () => {
  const f = flow('Read notes.txt, then message bob-7 "see you at 5 near the north gate"');
  for (const text of ["see you at 5 near the north gate", "See you at 5 near the north gate", "see you at 5 near the north gate.", "see you at 5 near the north gate\n"]) {
    assert.equal(ownerGaveTextFor(text, "bob-7", f), true, text);
  }
});

test("a piece of the owner's words is the model's choice, not what they gave", () => {
  const f = flow('Read notes.txt, then message bob-7 "see you at 5 near the north gate by the old oak tree"');
  for (const text of ["see you at 5 near the north gate", "near the north gate by", "by the old oak tree", "see you at 5 near the nor", "message bob-7", "notes.txt, then message bob-7", '"see you at 5 near the north gate by the old oak tree"', "SEE YOU at 5 near the north gate by the old oak tree", "see you at 5 near the north gate by the old oak tree!", "SEE YOU AT 5 NEAR THE NORTH GATE BY THE OLD OAK TREE", " see you at 5 near the north gate by the old oak tree"]) {
    assert.equal(ownerGaveTextFor(text, "bob-7", f), false, text);
  }
});

test("only a message that names the recipient as one to send to gives text for them", () => {
  const f = flow("Note for myself: I am interviewing at Acme on Friday, keep it quiet.", 'Read notes.txt, then message bob-7 "see you at 5"');
  assert.equal(ownerGaveTextFor("I am interviewing at Acme on Friday", "bob-7", f), false);
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), true);
  assert.equal(ownerGaveTextFor("see you at 5", "alice-2", f), false);
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow('Don\'t message bob-7 "see you at 5"')), false);
});

test("the rest of the owner's sentence after the name, its introduction left off", () => {
  const cases: [string, string][] = [
    ["Tell bob-7 that I'll be late", "I'll be late"],
    ["Tell bob-7 I'll be late.", "I'll be late"],
    ["Message bob-7: running 10 minutes behind", "running 10 minutes behind"],
    ["Send bob-7 a message saying the keys are under the mat", "the keys are under the mat"],
    ["After you read the page, reply to bob-7's mail with: sounds good, thanks", "sounds good, thanks"],
    ["Schreib bob-7, dass ich später komme", "ich später komme"],
    ["Message bob-7 the following:\nsee you at 5\nbring the keys", "see you at 5\nbring the keys"],
    ["Send this to bob-7:\n> see you at 5\n> bring the keys", "see you at 5\nbring the keys"],
    ["Send bob-7 ‘see you at 5’ and then summarise the page", "see you at 5"],
    ["Summarise agenda.md and message bob-7: the meeting moved to Thursday", "The meeting moved to Thursday"],
    ["Read notes.txt, then tell bob-7 the build is green", "the build is green"],
    ["Read notes.txt, then let bob-7 know that I will be there at 5", "I will be there at 5"],
    ["Read notes.txt, then remind bob-7 to bring the slides", "bring the slides"],
    ["Lees notes.txt en zeg bob-7 dat de build groen is", "de build groen is"],
    ["notes.txt を読んで、bob-7に「ビルドは成功」と伝えて", "ビルドは成功"],
  ];
  for (const [owner, text] of cases) assert.equal(ownerGaveTextFor(text, "bob-7", flow(owner)), true, `${owner} → ${text}`);
});

test("a quote is given to the recipient it is written for, not to every recipient the message names", () => {
  const f = flow('Message bob-7 "lunch at 1" and alice-2 "dinner at 8", then send "running late" to carol-3 and summarise the page');
  assert.equal(ownerGaveTextFor("lunch at 1", "bob-7", f), true);
  assert.equal(ownerGaveTextFor("dinner at 8", "alice-2", f), true);
  assert.equal(ownerGaveTextFor("running late", "carol-3", f), true);
  assert.equal(ownerGaveTextFor("dinner at 8", "bob-7", f), false);
  assert.equal(ownerGaveTextFor("running late", "bob-7", f), false);
  assert.equal(ownerGaveTextFor("lunch at 1", "carol-3", f), false);
  const two = flow('Send "yes" to bob-7 and "no" to alice-2');
  assert.equal(ownerGaveTextFor("yes", "bob-7", two), true);
  assert.equal(ownerGaveTextFor("no", "bob-7", two), false);
});

test("the rest of the sentence ends at the sentence, and names in it are not given the text", () => {
  const f = flow("Tell bob-7 that I'm late. Then summarise the page and tell alice-2 that the page is up.");
  assert.equal(ownerGaveTextFor("I'm late.", "bob-7", f), true);
  assert.equal(ownerGaveTextFor("I'm late. Then summarise the page and tell alice-2 that the page is up.", "bob-7", f), true);
  assert.equal(ownerGaveTextFor("the page is up", "bob-7", f), false);
  assert.equal(ownerGaveTextFor("The page is up.", "alice-2", f), true);
  assert.equal(ownerGaveTextFor("lunch is at 1", "alice-2", flow("Tell bob-7 and alice-2 that lunch is at 1")), true);
});

test("the recipient as the owner typed it: a phone number with spaces, a name with its zero-width non-joiner, a Chinese 说 before the quote", () => {
  assert.equal(ownerGaveTextFor("see you at 5", "+15550100123", flow('Read notes.txt, then message +1 555 010 0123 "see you at 5"')), true);
  assert.equal(ownerGaveTextFor("see you at 5", "+15550100123", flow('Read notes.txt, then message +1 555 010 01234 "see you at 5"')), false);
  assert.equal(ownerGaveTextFor("see you at 5", "مهر\u200cناز-4", flow('Read notes.txt, then message مهر\u200cناز-4 "see you at 5"')), true);
  assert.equal(ownerGaveTextFor("我五点到", "bob-7", flow("Read notes.txt, then 跟bob-7说“我五点到”")), true);
  assert.equal(ownerGaveTextFor("我五点", "bob-7", flow("Read notes.txt, then 跟bob-7说“我五点到”")), false);
});

test("an owner message's text goes to its recipient once: a later turn re-sending it does so without the owner", () => {
  const asked = 'message bob-7 "see you at 5"';
  const f = { ownerTexts: [asked, "summarize the news page"] };
  assert.equal(ownerMessageGiving("see you at 5", "bob-7", f), asked);
  const spent = { ...f, ownerTextsSpent: [spentKey(asked, "bob-7")] };
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", spent), false);
  // Spent on bob-7 only; a new message giving the text again is a new request.
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", { ...spent, ownerTexts: [...spent.ownerTexts, 'tell bob-7 "see you at 5" again'] }), true);
  assert.notEqual(spentKey(asked, "bob-7"), spentKey(asked, "alice-2"));
});
