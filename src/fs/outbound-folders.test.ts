import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOutboundLookup, listOutboundFolders, matchesFolderGlob, NoOutboundConfig, outboundFolderOf } from "./outbound-folders.ts";
import { resolveThroughLinks } from "./outbound-links.ts";

function workspaceWith(files: Record<string, string>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "warden-outbound-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    if (path.endsWith("/")) mkdirSync(join(dir, path), { recursive: true });
    else writeFileSync(join(dir, path), content);
  }
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("outbound folders", () => {
  test("folders named by convention leave the machine, matched whole and without regard to case", () => {
    const w = workspaceWith({});
    try {
      for (const path of ["shared/keys.txt", "Public/a.txt", "www/ads.txt", "site/public_html/robots.txt", "htdocs/x.html", "OneDrive - Acme/q.md", "Dropbox/notes/x.md"]) {
        const found = outboundFolderOf(w.dir, path, NoOutboundConfig);
        assert.equal(found?.signal, "name", path);
      }
      assert.equal(outboundFolderOf(w.dir, "site/public_html/robots.txt", NoOutboundConfig)?.folder, "site/public_html");
      // As a reader sees the name (atk24): fullwidth, an invisible character, an accent, Windows' trailing dot or space.
      // Letters of another script drawn as Latin ones (atk24: a Cyrillic `Р`, a Greek `ο`), small capitals.
      for (const path of ["Ｐｕｂｌｉｃ/a.txt", "Pub\u200blic/a.txt", "Publiç/a.txt", "shared./a.txt", "shared /a.txt", "MEGA/a.txt", "Box/a.txt", "SynologyDrive/a.txt", "\u0420ublic/a.txt", "Dr\u03bfpbox/a.txt", "\u0455hared/a.txt", "sʜared/a.txt"]) {
        assert.equal(outboundFolderOf(w.dir, path, NoOutboundConfig)?.signal, "name", JSON.stringify(path));
      }
      // A name only containing one of the words, or a file (not a folder) with one of the names, is not one.
      for (const path of ["shared-notes/x.md", "notes/hotel-adler.md", "shared", "wwwx/a.txt", "notes/public.md", "src/sync/README.md"]) {
        assert.equal(outboundFolderOf(w.dir, path, NoOutboundConfig), undefined, path);
      }
    } finally {
      w.done();
    }
  });

  test("a link inside the workspace takes a write where its target is: the resolved path is judged too", () => {
    const w = workspaceWith({ "Public/README.txt": "", "notes/a.md": "" });
    try {
      symlinkSync("Public", join(w.dir, "exports"));
      symlinkSync("../Public", join(w.dir, "notes", "out"));
      for (const path of ["exports/card.txt", "notes/out/x/y.txt", "exports/"]) {
        const found = outboundFolderOf(w.dir, path, NoOutboundConfig, path.endsWith("/"));
        assert.equal(found?.folder, "Public", path);
        assert.match(found?.why ?? "", /leads there through a link/, path);
      }
      assert.equal(outboundFolderOf(w.dir, "notes/a.md", NoOutboundConfig), undefined);
      // A link out of the workspace is the path rules' matter.
      symlinkSync(tmpdir(), join(w.dir, "tmp-link"));
      assert.equal(outboundFolderOf(w.dir, "tmp-link/x.txt", NoOutboundConfig), undefined);
    } finally {
      w.done();
    }
  });

  test("markers sync clients and publishers leave make their folder (and all below it) leave the machine", () => {
    const w = workspaceWith({ "team/.stfolder/": "", "box/.dropbox": "", "cloud/.sync_3f2a9c.db": "", "site/CNAME": "anna.example", "r/.sync/": "", "plain/README.md": "This folder is synced with Bob (Syncthing)." });
    try {
      assert.match(outboundFolderOf(w.dir, "team/a/b.md", NoOutboundConfig)?.why ?? "", /Syncthing/);
      assert.equal(outboundFolderOf(w.dir, "team/a/b.md", NoOutboundConfig)?.folder, "team");
      assert.match(outboundFolderOf(w.dir, "box/x.txt", NoOutboundConfig)?.why ?? "", /Dropbox/);
      assert.match(outboundFolderOf(w.dir, "cloud/x.txt", NoOutboundConfig)?.why ?? "", /Nextcloud/);
      assert.match(outboundFolderOf(w.dir, "site/ads.txt", NoOutboundConfig)?.why ?? "", /GitHub Pages/);
      assert.match(outboundFolderOf(w.dir, "r/x.txt", NoOutboundConfig)?.why ?? "", /Resilio/);
      // Prose is not a signal.
      assert.equal(outboundFolderOf(w.dir, "plain/x.md", NoOutboundConfig), undefined);
    } finally {
      w.done();
    }
  });

  test("a marker at the workspace's top makes every write leave", () => {
    const w = workspaceWith({ ".stfolder/": "" });
    try {
      assert.equal(outboundFolderOf(w.dir, "notes/x.md", NoOutboundConfig)?.folder, ".");
    } finally {
      w.done();
    }
  });

  test("the owner's config: outbound globs win, local globs silence names and markers below them", () => {
    const w = workspaceWith({ "shared/.stfolder/": "" });
    try {
      const policy = { outbound: ["exports/**", "clients/*/out"], local: ["shared", "www"] };
      assert.equal(outboundFolderOf(w.dir, "exports/2026/a.csv", policy)?.signal, "config");
      assert.equal(outboundFolderOf(w.dir, "clients/acme/out/r.md", policy)?.folder, "clients/acme/out");
      assert.equal(outboundFolderOf(w.dir, "clients/acme/in/r.md", policy), undefined);
      assert.equal(outboundFolderOf(w.dir, "shared/x.md", policy), undefined);
      assert.equal(outboundFolderOf(w.dir, "www/x.md", policy), undefined);
      assert.equal(outboundFolderOf(w.dir, "www/x.md", { outbound: ["www"], local: ["www"] })?.signal, "config");
    } finally {
      w.done();
    }
  });

  test("a folder written into by a command (`cp x shared/`) counts itself; a path outside the workspace is not judged here", () => {
    const w = workspaceWith({ "shared/": "" });
    try {
      assert.equal(outboundFolderOf(w.dir, join(w.dir, "shared"), NoOutboundConfig, true)?.folder, "shared");
      assert.equal(outboundFolderOf(w.dir, join(w.dir, "shared"), NoOutboundConfig, false), undefined);
      assert.equal(outboundFolderOf(w.dir, "../elsewhere/shared/x", NoOutboundConfig), undefined);
    } finally {
      w.done();
    }
  });

  test("globs: `*` within a name, `**` across folders, nothing else", () => {
    assert.ok(matchesFolderGlob("a/*/c", "a/b/c"));
    assert.ok(!matchesFolderGlob("a/*/c", "a/b/d/c"));
    assert.ok(matchesFolderGlob("a/**/c", "a/b/d/c"));
    assert.ok(matchesFolderGlob("./out/", "out"));
    assert.ok(!matchesFolderGlob("o.t", "out"));
    assert.ok(!matchesFolderGlob("", "."));
  });

  test("the audit lists the top two levels with their signals", () => {
    const w = workspaceWith({ "shared/a.md": "", "docs/site/CNAME": "x", "notes/a.md": "", "drafts/a.md": "", "web/netlify.toml": "[build]\npublish = 'out'", "web/out/": "" });
    try {
      symlinkSync("../drafts", join(w.dir, "shared", "drafts"));
      const found = listOutboundFolders(w.dir, NoOutboundConfig).map((f) => `${f.folder}:${f.signal}`).sort();
      assert.deepEqual(found, ["docs/site:marker", "drafts:link", "shared:name", "web/out:site"]);
    } finally {
      w.done();
    }
  });

  test("a link that lies in an outbound folder makes its target outbound, dangling or not, and the reason names it (atk24)", () => {
    const w = workspaceWith({ "drafts/.keep": "", "site/.keep": "", "notes/.keep": "", "home/drafts2/.keep": "", "www/": "", "sync/.stfolder/": "" });
    try {
      symlinkSync("drafts", join(w.dir, "shared"));
      symlinkSync("site", join(w.dir, "Public"));
      symlinkSync("../notes/index.html", join(w.dir, "www", "index.html"));
      symlinkSync("../home/drafts2", join(w.dir, "sync", "drafts"));
      const cases: [string, string, RegExp][] = [
        ["drafts/URGENT.md", "shared", /`shared` is a link to `drafts`/],
        ["site/a/b.md", "Public", /`Public` is a link to `site`/],
        ["notes/index.html", "www", /`www\/index\.html` is a link to `notes\/index\.html`/],
        ["home/drafts2/x.md", "sync", /Syncthing/],
      ];
      for (const [path, folder, why] of cases) {
        const found = outboundFolderOf(w.dir, path, NoOutboundConfig);
        assert.equal(found?.folder, folder, path);
        assert.equal(found?.signal, "link", path);
        assert.match(found?.why ?? "", why, path);
      }
      // Beside the link's target, not through it.
      assert.equal(outboundFolderOf(w.dir, "notes/other.html", NoOutboundConfig), undefined);
      assert.equal(outboundFolderOf(w.dir, "home/x.md", NoOutboundConfig), undefined);
      // A link that lies in an ordinary folder makes nothing outbound; a path through it into a target still is.
      symlinkSync("../notes", join(w.dir, "home", "n"));
      assert.equal(outboundFolderOf(w.dir, "notes/other.html", NoOutboundConfig), undefined);
      symlinkSync("../site", join(w.dir, "notes", "s"));
      assert.equal(outboundFolderOf(w.dir, "notes/s/x", NoOutboundConfig)?.folder, "Public");
    } finally {
      w.done();
    }
  });

  test("links resolve as the file system does, dangling tails kept; loops resolve to nothing", () => {
    const w = workspaceWith({ "a/.keep": "" });
    try {
      symlinkSync("a", join(w.dir, "b"));
      symlinkSync("../b/missing/x", join(w.dir, "a", "d"));
      symlinkSync("loop2", join(w.dir, "loop1"));
      symlinkSync("loop1", join(w.dir, "loop2"));
      assert.equal(resolveThroughLinks(join(w.dir, "a", "d", "y")), join(resolveThroughLinks(w.dir) ?? "", "a", "missing", "x", "y"));
      assert.equal(resolveThroughLinks(join(w.dir, "loop1", "x")), undefined);
    } finally {
      w.done();
    }
  });

  test("a folder a publishing tool's configuration publishes leaves the machine; the owner's local glob silences it", () => {
    const w = workspaceWith({ "web/netlify.toml": '[build]\npublish = "."', "dist/a.js": "" });
    try {
      assert.equal(outboundFolderOf(w.dir, "web/x.md", NoOutboundConfig)?.signal, "site");
      assert.equal(outboundFolderOf(w.dir, "web/x.md", { outbound: [], local: ["web"] }), undefined);
      assert.equal(outboundFolderOf(w.dir, "dist/a.js", NoOutboundConfig), undefined);
    } finally {
      w.done();
    }
  });

  test("writing a marker or a publishing configuration is a change to what leaves the machine", () => {
    const w = workspaceWith({ "notes/a.md": "" });
    try {
      const lookup = createOutboundLookup(w.dir, NoOutboundConfig);
      for (const name of ["CNAME", ".nojekyll", ".htaccess", ".stfolder"]) {
        assert.equal(lookup.publishingWrite(`notes/${name}`, "x")?.folder, "notes", name);
      }
      assert.match(lookup.publishingWrite("notes/netlify.toml", '[build]\npublish = "."')?.why ?? "", /would publish it: Netlify's `build\.publish`/);
      assert.equal(lookup.publishingWrite("notes/netlify.toml", "[build]\ncommand = 'x'"), undefined);
      assert.equal(lookup.publishingWrite("notes/b.md", "x"), undefined);
    } finally {
      w.done();
    }
  });
});
