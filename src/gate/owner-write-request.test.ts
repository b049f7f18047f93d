import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeRequested } from "./owner-write-request.ts";

describe("whether the owner's request asks for a write", () => {
  test("requests to write, add, draft, save, fix or update, in the reader's languages, ask for one", () => {
    for (const text of ["Draft a blog post about this page", "please add a short news item to my site", "Save these notes in my repo", "fix the typo in the docs",
      "Schreib einen Beitrag darüber", "Écris un article sur cette page", "escribe una entrada sobre esto", "napisz notatkę o tym", "напиши пост об этом",
      "このページについて記事を書いて", "把这个添加到文档", "이 내용을 블로그에 작성해 줘", "Summarize the page and then add it to the wiki"]) {
      assert.equal(writeRequested({ turnText: text }).asked, true, text);
    }
  });

  test("thanks, a question, a summary in the reply, a negated write, or no message of the owner's ask for none", () => {
    for (const text of ["thanks", "👍", "ok", "merci", "gracias", "ありがとう", "bye", "What does the page say?", "Summarize https://x.example", "what's 12*7?",
      "Don't write anything", "Every day at 9 tell me the headline", "I wrote it myself yesterday", "ok, all set", "thanks, update me if it changes",
      "great, make sure you remember it", "Looks good, I will add it myself"]) {
      const r = writeRequested({ turnText: text });
      assert.equal(r.asked, false, text);
      assert.match(r.why, /your message does not ask for anything to be written/);
    }
    assert.match(writeRequested({}).why, /no message of yours/);
    assert.equal(writeRequested({ composedTask: true, taskText: "Tell the owner the headline on https://x.example" }).asked, false);
    assert.equal(writeRequested({ composedTask: true, taskText: "Add the headline of https://x.example to notes/news.md" }).asked, true);
  });
});
