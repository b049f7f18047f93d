import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cssTargets, dataUrlBody } from "./css-urls.ts";

void describe("cssTargets", () => {
  void it("decodes what a browser decodes: escapes in url(), strings, function names and at-keywords", () => {
    const cases: Array<[string, string]> = [
      ["div { background: url(\\68 ttp://a.example/p?d=1) }", "http://a.example/p?d=1"],
      ['@import "\\68ttp://a.example/i.css?d=2";', "http://a.example/i.css?d=2"],
      ['@\\69mport u\\72l("http://a.example/i.css?d=3");', "http://a.example/i.css?d=3"],
      ['div { background: image-set("\\000068ttp://a.example/p?d=4" 1x) }', "http://a.example/p?d=4"],
      ['@font-face { src: src("\\68\\74\\74\\70\\3a //a\\2e example/f?d=5") }', "http://a.example/f?d=5"],
      ["background-image: \\75rl(\\68ttp://a.example/p?d=6)", "http://a.example/p?d=6"],
      ['@import/**/"http://a.example/i?d=7"/**/;', "http://a.example/i?d=7"],
    ];
    for (const [css, url] of cases) assert.ok(cssTargets(css).includes(url), css);
  });

  void it("does not throw on broken CSS and reads a url() with a comment in it as the browser does (not at all)", () => {
    assert.deepEqual(cssTargets("div { background: url(/**/\"http://a.example/\") }"), []);
    assert.deepEqual(cssTargets('@import "unterminated'), ["unterminated"]);
    assert.deepEqual(cssTargets("}}}{{{((("), []);
  });
});

void describe("dataUrlBody", () => {
  void it("decodes percent-encoded and base64 bodies with their media type", () => {
    assert.deepEqual(dataUrlBody("data:text/css,%40import%20url(x)"), { type: "text/css", text: "@import url(x)", cut: false });
    assert.deepEqual(dataUrlBody(`data:image/svg+xml;base64,${Buffer.from("<svg/>").toString("base64")}`), { type: "image/svg+xml", text: "<svg/>", cut: false });
    assert.deepEqual(dataUrlBody("data:,a%zz"), { type: "text/plain", text: "a%zz", cut: false });
    assert.equal(dataUrlBody("https://a.example/"), undefined);
  });
});
