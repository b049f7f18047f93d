import { test } from "node:test";
import assert from "node:assert/strict";
import { flowOf, ownerFetch } from "../../test/support/flow.ts";
import { decide } from "./decide.ts";

const fetch = ownerFetch;
const results = [{ label: "file:notes.txt", value: "salary: 98765, door code 2291" }];

test("a call of an answer whose earlier call read private data is decided without it, unless it carries it", () => {
  const before = flowOf({ ownerTexts: ["read notes.txt and search x.example for plumbers"], ownerHosts: ["x.example"], answerResults: results });
  assert.equal(decide(fetch("https://x.example/search?q=plumbers", before)).decision, "allow");
  for (const url of ["https://x.example/search?q=salary%3A%2098765", "https://x.example/search?q=salary-98765"]) {
    const d = decide(fetch(url, before));
    assert.equal(d.decision, "deny", url);
    assert.equal(d.reasons[0]?.id, "flow.answer_result_outbound", url);
  }
  // What the owner typed is theirs, even when the file holds it too.
  const typed = flowOf({ ownerTexts: ["fetch https://x.example/2026-report-98765"], ownerUrls: ["https://x.example/2026-report-98765"], answerResults: [{ label: "file:todo.txt", value: "2026-report-98765" }] });
  assert.equal(decide(fetch("https://x.example/2026-report-98765", typed)).decision, "allow");
});
