// Methods named `noun.verb` in a request's path (Slack's Web API, atk21 class 2): read by their verb as method names
// are, so `chat.postMessage` acts and a verb Warden does not know is unclear; a file's or a host's name is no method.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { requestVerdict } from "./read-requests.ts";
import { redisVerdict } from "./read-languages.ts";

describe("requestVerdict of a `noun.verb` path segment", () => {
  const table: [string, string][] = [
    ["/api/chat.postMessage?channel=C1&text=hi", "acts"], ["/api/chat.scheduleMessage?channel=C1", "acts"], ["/api/conversations.kick?user=U1", "acts"],
    ["/api/conversations.archive?channel=C1", "acts"], ["/api/reactions.add?name=x", "acts"], ["/api/pins.add", "acts"], ["/api/reminders.add", "acts"],
    ["/api/files.delete?file=F1", "acts"], ["/api/conversations.history?channel=C1", "unclear"], ["/api/chat.frobnicateThing", "unclear"],
    ["/api/users.info?user=U1", "none"], ["/api/conversations.list", "none"], ["/api/search.messages?query=x", "none"], ["/docs/index.html", "none"],
    ["/whois/example.com", "none"], ["/v1.2/items", "none"], ["/feed.xml", "none"], ["/files/report.final.pdf", "none"], ["/pages/page.xhtml", "none"],
  ];
  for (const [path, kind] of table) it(`${path} ${kind}`, () => assert.equal(requestVerdict("path", path, ["http", "get"]).kind, kind));
  it("says which method and verb", () => {
    const v = requestVerdict("url", "https://slack.example/api/chat.postMessage", ["http", "get"]);
    assert.match(v.kind === "acts" ? v.why : "", /`chat\.postMessage`.*`post`/);
  });
  it("leaves a file's path alone", () => assert.equal(requestVerdict("path", "notes/chat.add", ["read", "file"]).kind, "none"));
});

describe("redisVerdict of the read-only variants", () => {
  for (const line of ["SORT_RO mylist LIMIT 0 10", "GEORADIUSBYMEMBER_RO k m 10 km"]) it(`${line} reads`, () => assert.equal(redisVerdict(line).kind, "reads"));
  it("SORT … STORE acts", () => assert.equal(redisVerdict("SORT mylist STORE dst").kind, "acts"));
});
