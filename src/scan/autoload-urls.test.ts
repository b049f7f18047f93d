import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autoLoadingUrls, ComputedUrl } from "./autoload-urls.ts";

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

  void it("does not count links a reader must click, relative images or plain prose", async () => {
    for (const text of ["Read [the docs](https://a.example/docs).", "![logo](images/logo.png)", "Visit https://a.example today.", "=HYPERLINK(\"https://a.example\")", "plain text"]) {
      assert.deepEqual(await autoLoadingUrls(text), [], text);
    }
  });
});
