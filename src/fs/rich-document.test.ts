// An HTML, SVG or RTF report that only lays out text and pictures is a document; one that runs, frames, forms,
// redirects, templates or embeds is not (what either loads is judged apart, by the autoload reading).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { richDocumentActs } from "./rich-document.ts";

describe("richDocumentActs", () => {
  const plain: [string, string][] = [
    ["html", '<html><head><meta charset="utf-8"><base target="_blank"><style>h1{color:red}</style></head><body><h1>Report</h1><p>98765 EUR</p><img src="chart.png"><a href="notes.md">notes</a></body></html>'],
    ["htm", "<!DOCTYPE html><table><tr><th>Q</th><td>3</td></tr></table>"],
    ["svg", '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="9" height="9" fill="url(#g)"/><use href="#g"/><text>98765</text></svg>'],
    ["rtf", "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}{\\*\\generator Riched20}{\\b Report}\\par Salary 98765 EUR \\\\field\\par}"],
  ];
  for (const [ext, text] of plain) it(`plain ${ext}: ${text.slice(0, 50)}`, () => assert.equal(richDocumentActs(ext, text), undefined));
  const acting: [string, string, RegExp][] = [
    ["html", "<script>fetch('/x')</script>", /`<script>` element/], ["html", "<p onclick=alert(1)>x</p>", /event handler \(`onclick`\)/],
    ["html", "<img src=x/onerror=alert(1)>", /onerror/], ["html", '<a href="jav&#x09;ascript:alert(1)">x</a>', /runs or opens code/],
    ["html", '<meta http-equiv="refresh" content="0;url=x">', /http-equiv/], ["html", "<iframe srcdoc='x'></iframe>", /iframe/],
    ["html", "<form action=x><input type=image src=y></form>", /form/], ["html", "<p>{{ config.SECRET_KEY }}</p>", /template or server code/],
    ["html", "<?php system($_GET['c']); ?>", /template or server code/], ["html", '<!--#exec cmd="ls" -->', /template or server code/],
    ["html", "<scr<script>ipt>alert(1)</script>", /script/], ["svg", "<svg><foreignObject><p>x</p></foreignObject></svg>", /foreignobject/],
    ["svg", "<svg><animate attributeName=href to=javascript:alert(1) /></svg>", /animate/], ["svg", "<svg><script>1</script></svg>", /script/],
    ["rtf", '{\\rtf1{\\field{\\*\\fldinst INCLUDEPICTURE "http://x/p.png" \\\\d}}}', /\\field/], ["rtf", "{\\rtf1{\\object\\objautlink{\\*\\objdata 01}}}", /\\object/],
    ["rtf", "{\\rtf1{\\*\\htmltag64 <script>}}", /\\htmltag/], ["rtf", "not rtf at all", /does not start as RTF/], ["md", "# x", /not a format/],
  ];
  for (const [ext, text, why] of acting) it(`acts ${ext}: ${text.slice(0, 50)}`, () => assert.match(richDocumentActs(ext, text) ?? "", why));
  it("never throws on odd input", () => {
    for (const text of ["<".repeat(100_000), "{\\rtf" + "\\".repeat(100_000), "<svg " + "a=".repeat(50_000)]) {
      assert.doesNotThrow(() => richDocumentActs("html", text));
      assert.doesNotThrow(() => richDocumentActs("rtf", text));
    }
  });
});
