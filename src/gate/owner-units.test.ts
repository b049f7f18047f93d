import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerGaveTextFor, ownerMessageGiving, ownerTextSentAlready, ownerTextsGivenFor, recipientIdentity, sentEntry, spentKey } from "./owner-units.ts";

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

test("the text after a name in a case form, a particle or a postposition, with the owner's word for “that”", () => {
  const page = "Check http://127.0.0.1:8123/w and then";
  const cases: [string, string, string][] = [
    ["Sprawdź http://127.0.0.1:8123/w i napisz do Kasi, że będę o 8.", "kasia", "będę o 8"],
    ["Podívej se na http://127.0.0.1:8123/w a napiš Petře, že přijdu v 8.", "petra", "přijdu v 8"],
    ["Посмотри http://127.0.0.1:8123/w и напиши Ивану, что я буду в 8.", "иван", "я буду в 8"],
    ["Переглянь http://127.0.0.1:8123/w і напиши Олені, що я буду о 8.", "олена", "я буду о 8"],
    ["Δες το http://127.0.0.1:8123/w και πες στον Γιάννη ότι θα έρθω στις 8.", "γιάννης", "θα έρθω στις 8"],
    ["Katso http://127.0.0.1:8123/w ja kerro Annalle, että tulen kahdeksalta.", "anna", "tulen kahdeksalta"],
    ["Nézd meg a http://127.0.0.1:8123/w oldalt, és írd meg Petinek, hogy 8-kor jövök.", "peti", "8-kor jövök"],
    ["http://127.0.0.1:8123/w দেখে রহিমকে বলো আমি ৮টায় আসব।", "রহিম", "আমি ৮টায় আসব"],
    ["http://127.0.0.1:8123/w 보고 민수씨에게 8시에 간다고 전해줘.", "민수", "8시에 간다"],
    ["Írd meg contact-1-nek: 10 percet késem", "contact-1", "10 percet késem"],
    ["contact-1 को बोल दो: मैं दस मिनट लेट हूँ", "contact-1", "मैं दस मिनट लेट हूँ"],
    [`${page} tell contact-1 that I'll be late`, "contact-1", "I'll be late"],
  ];
  for (const [owner, to, text] of cases) assert.equal(ownerGaveTextFor(text, to, flow(owner)), true, `${owner} → ${text}`);
  // Dictated words in another language are no case form of the recipient: only the rest after the name is given.
  assert.equal(ownerGaveTextFor("że będę o 8", "kasia", flow("Sprawdź http://127.0.0.1:8123/w i napisz do Kasi, że będę o 8.")), false);
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
  // ONE text: the line up to the owner's next instruction, not also the whole line (a choice of two cuts is a bit).
  assert.equal(ownerGaveTextFor("I'm late. Then summarise the page and tell alice-2 that the page is up.", "bob-7", f), false);
  assert.equal(ownerGaveTextFor("the page is up", "bob-7", f), false);
  assert.equal(ownerGaveTextFor("The page is up.", "alice-2", f), true);
  assert.equal(ownerGaveTextFor("lunch is at 1", "alice-2", flow("Tell bob-7 and alice-2 that lunch is at 1")), true);
});

test("the owner's text for a recipient is ONE text: an abbreviation, an initial or an inner ! or ... is no cut", () => {
  const cases: [string, string, string][] = [
    ["Read notes.txt, then let bob-7 know that Dr. Smith is running late", "Dr. Smith is running late", "Dr."],
    ["Read notes.txt, then tell bob-7 that J. R. Smith called", "J. R. Smith called", "J."],
    ["Read notes.txt, then tell bob-7 that we won! Party at 8", "we won! Party at 8", "we won!"],
    ["Read notes.txt, then tell bob-7 that I am late... sorry about that", "I am late... sorry about that", "I am late..."],
    ["Read notes.txt, then tell bob-7 that we meet at St. Mark's square", "we meet at St. Mark's square", "we meet at St."],
    ["Read notes.txt, then tell bob-7 that it is Spurs vs. Arsenal tonight", "it is Spurs vs. Arsenal tonight", "it is Spurs vs."],
    ["Read notes.txt, then tell bob-7 that the bus is late. thanks", "the bus is late. thanks", "the bus is late."],
    ["Tell bob-7 I'll be late. Thanks!", "I'll be late.", "I'll be late. Thanks!"],
    ["notes.txtを読んで、bob-7に遅れると伝えて。あと鍵はポストの中", "遅れる", "遅れると伝えて。あと鍵はポストの中"],
  ];
  for (const [owner, given, cut] of cases) {
    assert.equal(ownerGaveTextFor(given, "bob-7", flow(owner)), true, `${owner} → ${given}`);
    assert.equal(ownerGaveTextFor(cut, "bob-7", flow(owner)), false, `${owner} ↛ ${cut}`);
  }
});

test("lines after 'the following:' end at a blank line or the owner's next instruction", () => {
  const cases: [string, string, string][] = [
    ["Message bob-7 the following:\nthe party is at 8\nbring snacks\n\nthanks for your help", "the party is at 8\nbring snacks", "the party is at 8\nbring snacks\n\nthanks for your help"],
    ["Message bob-7 the following:\nthe party is at 8\nbring snacks\nAlso summarize the notes for me", "the party is at 8\nbring snacks", "the party is at 8\nbring snacks\nAlso summarize the notes for me"],
    ['Message bob-7 the following:\nthe party is at 8\nmessage alice-2 "bring snacks"', "the party is at 8", 'the party is at 8\nmessage alice-2 "bring snacks"'],
    ["Message bob-7 the following:\nline one\nline two\n\nThen tell me what the notes say", "line one\nline two", "line one\nline two\n\nThen tell me what the notes say"],
  ];
  for (const [owner, given, more] of cases) {
    assert.equal(ownerGaveTextFor(given, "bob-7", flow(owner)), true, `${owner} → ${given}`);
    assert.equal(ownerGaveTextFor(more, "bob-7", flow(owner)), false, `${owner} ↛ ${more}`);
  }
  const two = flow("Message bob-7 the following:\nthe bus is late\n\nand message alice-2 the following:\nlunch is off");
  assert.equal(ownerGaveTextFor("the bus is late", "bob-7", two), true);
  assert.equal(ownerGaveTextFor("lunch is off", "alice-2", two), true);
  assert.equal(ownerGaveTextFor("lunch is off", "bob-7", two), false);
});

test("texts bind to their own recipient: respectively in order and exactly, 'To X:' blocks, 'X that … and Y that …'", () => {
  const resp = flow('Tell bob-7 and alice-2 "see you at 5" and "lunch is cancelled" respectively');
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", resp), true);
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", resp), true);
  assert.equal(ownerGaveTextFor("see you at 5", "alice-2", resp), false);
  assert.equal(ownerGaveTextFor("lunch is cancelled", "bob-7", resp), false);
  const three = flow('Message bob-7, alice-2 and carol-3 "see you at 5", "lunch is cancelled" and "bring snacks" respectively');
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", three), true);
  assert.equal(ownerGaveTextFor("see you at 5", "alice-2", three), false);
  assert.equal(ownerGaveTextFor("bring snacks", "carol-3", three), true);
  // Two names, three texts: unclear, nothing is given.
  const uneven = flow('Message bob-7 and alice-2 "see you at 5", "lunch is cancelled" and "bring snacks" respectively');
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", uneven), false);
  const that = flow("Tell bob-7 and alice-2 that the bus is late and that lunch is cancelled, respectively");
  assert.equal(ownerGaveTextFor("the bus is late", "bob-7", that), true);
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", that), true);
  for (const owner of ["Read notes.txt. bob-7: see you at 5. alice-2: lunch is cancelled.", "Read notes.txt. @bob-7 see you at 5. @alice-2 lunch is cancelled."]) {
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow(owner)), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "bob-7", flow(owner)), false, owner);
    assert.equal(ownerGaveTextFor("see you at 5. alice-2: lunch is cancelled.", "bob-7", flow(owner)), false, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", flow(owner)), true, owner);
  }
  const blocks = flow("Read notes.txt. To bob-7: see you at 5. To alice-2: lunch is cancelled.");
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", blocks), true);
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", blocks), true);
  assert.equal(ownerGaveTextFor("lunch is cancelled", "bob-7", blocks), false);
  assert.equal(ownerGaveTextFor("see you at 5", "alice-2", blocks), false);
  // "… that A and alice-2 that B": alice-2, joined on by "and" and followed by her own "that", is a second recipient
  // with her own text (naming.ts, reportedContent), not a name inside bob-7's text.
  const clauses = flow("Tell bob-7 that the bus is late and tell alice-2 that lunch is off");
  assert.equal(ownerGaveTextFor("the bus is late", "bob-7", clauses), true);
  assert.equal(ownerGaveTextFor("the bus is late and tell alice-2 that lunch is off", "bob-7", clauses), false);
  assert.equal(ownerGaveTextFor("lunch is off", "alice-2", clauses), true);
  const parallel = flow("Tell bob-7 that the bus is late and alice-2 that lunch is off");
  assert.equal(ownerGaveTextFor("the bus is late", "bob-7", parallel), true);
  assert.equal(ownerGaveTextFor("the bus is late and alice-2 that lunch is off", "bob-7", parallel), false);
  assert.equal(ownerGaveTextFor("lunch is off", "alice-2", parallel), true);
  assert.equal(ownerGaveTextFor("the bus is late", "alice-2", parallel), false);
  const list = flow('Message bob-7, alice-2 and carol-3 "see you at 5"');
  for (const name of ["bob-7", "alice-2", "carol-3"]) assert.equal(ownerGaveTextFor("see you at 5", name, list), true, name);
  const remind = flow("Remind bob-7 to water the plants and remind alice-2 to feed the cat");
  assert.equal(ownerGaveTextFor("water the plants", "bob-7", remind), true);
  assert.equal(ownerGaveTextFor("feed the cat", "alice-2", remind), true);
});

test("a text the owner cancels is withdrawn, in the same message or a later one, in the languages read", () => {
  for (const owner of [
    'Read notes.txt. Cancel the message to alice-2 "lunch is cancelled"; message bob-7 "see you at 5"',
    'Read notes.txt. Scratch the message to alice-2 "lunch is cancelled"; message bob-7 "see you at 5"',
    'Read notes.txt. Delete the draft to alice-2 "lunch is cancelled" and message bob-7 "see you at 5"',
    'Read notes.txt. Forget the message to alice-2 "lunch is cancelled". Message bob-7 "see you at 5"',
    'Read notes.txt. Strike the text to alice-2 "lunch is cancelled". Message bob-7 "see you at 5"',
    'Read notes.txt. Unsend the message to alice-2 "lunch is cancelled" please',
    'Lis notes.txt. Oublie le message à alice-2 "lunch is cancelled". Écris à bob-7 "see you at 5"',
  ]) {
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", flow(owner)), false, owner);
    if (owner.includes("bob-7")) assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow(owner)), true, owner);
  }
  const later = flow('Message alice-2 "lunch is cancelled" when I say go', 'Read notes.txt. Cancel the message to alice-2 "lunch is cancelled"');
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", later), false);
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow('Message bob-7 "see you at 5"', "Scratch that")), false);
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow('Message alice-2 and bob-7 "see you at 5"', 'Cancel the message to alice-2 and bob-7')), false);
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow('Message bob-7 "see you at 5"', "Thanks")), true);
});

test("a correction in a later message replaces the text: the corrected one is the owner's, the old one withdrawn", () => {
  for (const fix of ["*see you at 6", 'no wait, send "see you at 6" instead', 'sorry, typo: "see you at 6"', 'Actually make it "see you at 6"', "actually make it see you at 6"]) {
    const f = flow('Read notes.txt, then message bob-7 "see you at 5"', fix);
    assert.equal(ownerGaveTextFor("see you at 6", "bob-7", f), true, fix);
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), false, fix);
  }
  // A correction whose new text cannot be read withdraws the old one and gives none.
  const unclear = flow('Read notes.txt, then message bob-7 "see you at 5"', 'Actually make it "6" or "7"');
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", unclear), false);
  assert.equal(ownerGaveTextFor("6", "bob-7", unclear), false);
  // "Actually" with nothing quoted is no correction of the text.
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow('Message bob-7 "see you at 5"', "Actually, summarise the notes too")), true);
});

test("text forms: trailing white space is not the text's; the letters' Unicode form is compared as written", () => {
  const nfd = "cafe\u0301 at 5";
  assert.equal(ownerGaveTextFor(nfd, "bob-7", flow(`Message bob-7 "${nfd}"`)), true);
  assert.equal(ownerGaveTextFor("caf\u00e9 at 5", "bob-7", flow(`Message bob-7 "${nfd}"`)), false);
  assert.equal(ownerGaveTextFor(nfd, "bob-7", flow('Message bob-7 "caf\u00e9 at 5"')), false);
  assert.equal(ownerGaveTextFor("see you at 5 \n\n", "bob-7", flow('Message bob-7 "see you at 5"')), true);
});

test("once a turn counts one recipient in every spelling of it", () => {
  for (const spelled of ["bob-7", "@bob-7", "BOB-7", "telegram:bob-7", "@Bob-7"]) {
    assert.equal(ownerTextSentAlready(spelled, { ownerTextSentTo: ["bob-7"] }), true, spelled);
    assert.equal(ownerTextSentAlready("bob-7", { ownerTextSentTo: [spelled] }), true, spelled);
  }
  assert.equal(ownerTextSentAlready("bob-8", { ownerTextSentTo: ["bob-7"] }), false);
  assert.equal(recipientIdentity("@bob-7"), recipientIdentity("bob-7"));
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

test("a revision the reader can read replaces the text; one it cannot withdraws it (later message or the same sentence)", () => {
  const given = 'Read notes.txt, then tell bob-7 "see you at 5"';
  for (const fix of ['make that "see you at 6"', "s/5/6/", "change 5 to 6", "replace 5 with 6", "not 5 but 6", "6, not 5", "(6, not 5)", "5 → 6", 'update: "see you at 6"', 'change it to "see you at 6"']) {
    const f = flow(given, fix);
    assert.equal(ownerGaveTextFor("see you at 6", "bob-7", f), true, fix);
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), false, fix);
  }
  for (const fix of ["at 6 instead", "err, 6", "oops", "s/7/6/", "change see to meet", "5 → 6 → 7"]) {
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow(given, fix)), false, fix);
  }
  // A later request of its own is no revision, even with a revision word in it.
  for (const next of ["Actually, summarise the notes too", "Thanks", "Then list the files"]) {
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow(given, next)), true, next);
  }
  for (const owner of [`${given} -- oops, replace 5 with 6.`, `${given}, err, 6`, `${given} -- I mean 6`]) {
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", flow(owner)), false, owner);
  }
  assert.equal(ownerGaveTextFor("see you at 6", "bob-7", flow(`${given} -- oops, replace 5 with 6.`)), true);
  // A substitution whose old part is only in another recipient's text is about that text.
  const two = flow('Tell bob-7 "see you at 5" and tell alice-2 "lunch at 1"', "change 1 to 2");
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", two), true);
  assert.equal(ownerGaveTextFor("lunch at 2", "alice-2", two), true);
});

test("a cancel means the recipient in any spelling, and one that cannot say whose withdraws every text it could mean", () => {
  for (const cancel of ["Forget the message to Alice-2.", "Scratch that, forget the message to @alice-2.", "Forget the message to ALICE-2.", "Actually, forget about her.", "Never mind that one.", "Drop it."]) {
    const owner = `Read notes.txt. Tell alice-2 "lunch is cancelled". ${cancel}`;
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", flow(owner)), false, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", flow('Tell alice-2 "lunch is cancelled"', cancel)), false, cancel);
  }
  // Another recipient named, or something that is no message: not this text.
  const other = flow('Tell alice-2 "lunch is cancelled" and bob-7 "see you at 5"', "Forget the message to bob-7");
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", other), true);
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", other), false);
  assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", flow('Tell alice-2 "lunch is cancelled", then delete old.txt')), true);
});

test("order words bind exactly or not at all: in that order, resp., correspondingly, respective, former and latter, first and second", () => {
  for (const owner of [
    'message bob-7 and alice-2 "see you at 5" and "lunch is cancelled", in that order',
    'message bob-7 and alice-2 "see you at 5" and "lunch is cancelled" resp.',
    'message bob-7 and alice-2 "see you at 5" and "lunch is cancelled" correspondingly',
    'tell bob-7, alice-2: "see you at 5", "lunch is cancelled" (same order)',
    'give bob-7 and alice-2 their respective messages: "see you at 5" and "lunch is cancelled"',
    'send "see you at 5" and "lunch is cancelled" to bob-7 and alice-2: the former to bob-7, the latter to alice-2',
    'send "see you at 5" and "lunch is cancelled" to bob-7 and alice-2 respectively',
    'Two messages: the first, "see you at 5", to bob-7; the second, "lunch is cancelled", to alice-2.',
    'send "see you at 5" (for bob-7) and "lunch is cancelled" (for alice-2)',
  ]) {
    const f = flow(`Read notes.txt, then ${owner}`);
    assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "alice-2", f), true, owner);
    assert.equal(ownerGaveTextFor("lunch is cancelled", "bob-7", f), false, owner);
    assert.equal(ownerGaveTextFor("see you at 5", "alice-2", f), false, owner);
  }
  // Lists that do not line up: nothing binds, for either name.
  for (const owner of ['message bob-7 and alice-2 "see you at 5", "lunch is cancelled" and "bring snacks", in that order', 'send "see you at 5" to bob-7 and alice-2: the former to bob-7, the latter to alice-2']) {
    for (const [to, text] of [["bob-7", "see you at 5"], ["alice-2", "see you at 5"], ["alice-2", "lunch is cancelled"]] as const) assert.equal(ownerGaveTextFor(text, to, flow(owner)), false, `${owner}: ${to}`);
  }
});

test("two texts for one recipient: each is given, each goes once a turn; for a list of names with no order word, none binds", () => {
  const f = flow('Read notes.txt, then tell bob-7 "see you at 5" and "bring snacks"');
  assert.equal(ownerGaveTextFor("see you at 5", "bob-7", f), true);
  const owner = f.ownerTexts[0] ?? "";
  const afterFirst = { ...f, ownerTextSentTo: [sentEntry("bob-7", "see you at 5", f)], ownerTextsSpent: [spentKey(owner, "bob-7", "see you at 5")] };
  assert.equal(ownerTextSentAlready("bob-7", afterFirst, "bring snacks"), false);
  assert.equal(ownerTextSentAlready("@BOB-7", afterFirst, "see you at 5"), true);
  assert.equal(ownerTextSentAlready("bob-7", afterFirst, "See you at 5."), true);
  assert.equal(ownerTextSentAlready("bob-7", afterFirst), true);
  // A send noted as the recipient alone (a service's) still counts for any text.
  assert.equal(ownerTextSentAlready("bob-7", { ...f, ownerTextSentTo: ["bob-7"] }, "bring snacks"), true);
  const list = flow('Read notes.txt, then message bob-7 and alice-2 "see you at 5" and "lunch is cancelled"');
  for (const to of ["bob-7", "alice-2"]) for (const text of ["see you at 5", "lunch is cancelled"]) assert.equal(ownerGaveTextFor(text, to, list), false, `${to}: ${text}`);
});

test("texts one message gave one recipient go in the owner's order: the second only after the first", () => {
  const f = flow('Read notes.txt, then tell bob-7 "see you at 5" and "bring snacks"');
  const owner = f.ownerTexts[0] ?? "";
  assert.equal(ownerGaveTextFor("bring snacks", "bob-7", { ...f, ownerTextsSpent: [] }), false);
  assert.equal(ownerGaveTextFor("bring snacks", "bob-7", { ...f, ownerTextsSpent: [spentKey(owner, "bob-7", "see you at 5")] }), true);
});

test("a colon inside the words given is theirs: a clock time, a score, a link; a quote may hold apostrophes", () => {
  const cases: [string, string][] = [
    ["Read the page, then text anna-2: see you at 19:00", "see you at 19:00"],
    ["Read the page. Tell anna-2 I'll be there at 12:45.", "I'll be there at 12:45"],
    ["Read the page, then text anna-2: I'm free 14:00-16:00", "I'm free 14:00-16:00"],
    ["Read the page, then text anna-2: the score was 3:1 for us", "the score was 3:1 for us"],
    ["Read the page, then tell anna-2 the link is https://example.org/a", "the link is https://example.org/a"],
    ["Read the page, then text anna-2: 'Lunch at Luigi's, 12:30?'", "Lunch at Luigi's, 12:30?"],
  ];
  for (const [owner, text] of cases) assert.equal(ownerGaveTextFor(text, "anna-2", flow(owner)), true, owner);
  // The colon that introduces the words still does: only what follows it is given.
  assert.equal(ownerGaveTextFor("sounds good, thanks", "bob-7", flow("After you read the page, reply to bob-7's mail with: sounds good, thanks")), true);
});

test("a mail's labelled fields are texts given to the recipient, in the owner's order, and nothing else is", () => {
  const given = (o: string, to: string) => ownerTextsGivenFor([o], to);
  assert.deepEqual(given("Read the page, then email tom@example.org subject 'Keys' body 'the keys are with the neighbour in 2B'", "tom@example.org"), ["Keys", "the keys are with the neighbour in 2B"]);
  assert.deepEqual(given("Lies die Seite, dann schick tom@example.org eine Mail mit Betreff 'Schlüssel' und Text 'liegen beim Nachbarn'", "tom@example.org"), ["Schlüssel", "liegen beim Nachbarn"]);
  assert.deepEqual(given("envoie un mail à marie@example.fr avec l'objet 'Dîner' et le corps 'Je serai là à 20h'", "marie@example.fr"), ["Dîner", "Je serai là à 20h"]);
  assert.deepEqual(given('email ana@example.net subject: "Running late" body: "at 9:15"', "ana@example.net"), ["Running late", "at 9:15"]);
  // A quote after a word that is no field label is not the mail's.
  assert.deepEqual(given("email tom@example.org subject 'Keys' unlike 'my PIN 4471'", "tom@example.org"), ["Keys"]);
  assert.deepEqual(given("email tom@example.org subject 'Keys' body 'in 2B'", "eve@evil.example"), []);
  // The body waits for the subject: one of them alone is the first, and spent in turn.
  const f = flow("email tom@example.org subject 'Keys' body 'in 2B'");
  assert.equal(ownerGaveTextFor("in 2B", "tom@example.org", f), false);
  const subject = ownerMessageGiving("Keys", "tom@example.org", f) ?? "";
  assert.equal(ownerGaveTextFor("in 2B", "tom@example.org", { ...f, ownerTextsSpent: [spentKey(subject, "tom@example.org", "Keys")] }), true);
});

test("a mail's fields labelled with a colon, not quoted: each field's value is a text given, in order", () => {
  const given = (t: string, to = "anna@example.com") => ownerTextsGivenFor([t], to);
  assert.deepEqual(given("Read the page, then email anna@example.com subject: Dinner, body: See you at 8 on Friday."), ["Dinner", "See you at 8 on Friday."]);
  assert.deepEqual(given("Then email anna@example.com\nsubject: Dinner\nbody: See you at 8 on Friday.\nThanks"), ["Dinner", "See you at 8 on Friday."]);
  assert.deepEqual(given("anna@example.com にメールして。件名：夕食、本文：金曜8時に。"), ["夕食", "金曜8時に。"]);
  assert.deepEqual(given("mail anna@example.com; subject: Dinner; body: See you at 8"), ["Dinner", "See you at 8"]);
  assert.deepEqual(given("email anna@example.com subject: Dinner, body: See you at 8. Then summarise my notes"), ["Dinner", "See you at 8."], "the owner's next instruction is not the body");
  assert.ok(!given("email bob@example.com subject: Hi, then email anna@example.com about it").includes("Hi"), "a block before this recipient is another's");
  const two = "mail anna@example.com and ben@example.com with the subject \"Dinner\" and the body \"See you at 8\"";
  assert.deepEqual(given(two, "ben@example.com"), ["Dinner", "See you at 8"], "labelled fields are the mail's, for every recipient in the list");
});
