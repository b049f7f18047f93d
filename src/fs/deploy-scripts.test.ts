import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createShellAnalyzer } from "../exec/shell-analyzer.ts";
import { deployedBy } from "./deploy-scripts.ts";
import { createPublishScan } from "./publish-configs.ts";

const analyzer = await createShellAnalyzer();

function workspaceWith(files: Record<string, string>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "warden-deploy-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const never = () => false;

describe("folders a project's deploy scripts upload", () => {
  test("each kind of script, parsed as shell: wrappers, `cd`, quotes and Makefile variables followed", () => {
    const d = (rel: string, text: string) => deployedBy(rel, text, analyzer).map((x) => `${x.base}|${x.operand}`);
    assert.deepEqual(d("app/package.json", '{"scripts": {"build": "vite build", "deploy": "npm run build && gh-pages -d dist"}}'), ["app|dist"]);
    assert.deepEqual(d("Makefile", "OUT := outbox\ndeploy:\n\trsync -a $(OUT)/ anna@files.example:/var/www/\n"), ["|outbox/"]);
    assert.deepEqual(d("sync.sh", "#!/bin/sh\nset -e\ncd site && env AWS_PROFILE=p timeout 60 aws s3 sync 'public dir' s3://anna-public\n"), ["site|public dir"]);
    assert.deepEqual(d("scripts/publish", "#!/usr/bin/env bash\nnetlify deploy --prod --dir=build\n"), ["scripts|build", "|build"]);
    assert.deepEqual(d("scripts/notes", "not a script at all\n"), []);
    assert.deepEqual(d("justfile", "deploy:\n    surge out anna.surge.sh\n"), ["|out"]);
    assert.deepEqual(d(".github/workflows/ci.yml", "jobs:\n  d:\n    steps:\n      - run: |\n          npm ci\n          npx wrangler pages deploy dist\n        working-directory: web\n"), ["web|dist"]);
    assert.deepEqual(d("notes-sync.sh", "#!/bin/sh\ncd vault\ngit add -A\ngit commit -m sync\ngit push\n"), ["vault|."]);
    assert.deepEqual(d("package.json", '{"scripts": {"release": "npm version patch && git push --follow-tags"}}'), []);
    assert.deepEqual(d(".gitlab-ci.yml", "deploy:\n  script:\n    - scp -r public deploy@host:/srv\n"), ["|public"]);
  });

  test("what is not an upload: a local copy, a download, a variable folder, text in a comment or a string", () => {
    const d = (rel: string, text: string) => deployedBy(rel, text, analyzer);
    assert.deepEqual(d("Makefile", "backup:\n\trsync -a notes/ backup/\n"), []);
    assert.deepEqual(d("get.sh", "aws s3 sync s3://bucket/data data\n"), []);
    assert.deepEqual(d("up.sh", 'rsync -a "$OUT/" host:/srv\n'), []);
    assert.deepEqual(d("x.sh", "# rsync -a secret/ host:/srv\necho 'rsync -a notes/ host:/x'\n"), []);
  });

  test("the publish scan names the script and its command; a write below the folder is published", () => {
    const w = workspaceWith({
      "Makefile": "deploy:\n\trsync -a outbox/ anna@files.example:/var/www/\n",
      "app/package.json": '{"scripts": {"deploy": "gh-pages -d dist"}}',
      "sync.sh": "aws s3 sync s3-bucket s3://anna-public\n",
      "notes/private.md": "x",
    });
    try {
      const scan = createPublishScan(w.dir, never, { analyzer, cache: new Map() });
      assert.match(scan.publishing("outbox/notes.txt")?.why ?? "", /`Makefile` uploads it: the target `deploy` of `Makefile` runs `rsync -a outbox\/ anna@files.example:\/var\/www\/`/);
      assert.equal(scan.publishing("app/dist/notes.html")?.folder, "app/dist");
      assert.equal(scan.publishing("s3-bucket/notes.txt")?.folder, "s3-bucket");
      assert.equal(scan.publishing("notes/private.md"), undefined);
      // Without an analyzer the scripts are not read, and the caller is told one was there.
      let told = false;
      const bare = createPublishScan(w.dir, never, { onDeployScript: () => (told = true) });
      assert.equal(bare.publishing("outbox/notes.txt"), undefined);
      assert.equal(told, true);
    } finally {
      w.done();
    }
  });

  test("a site generator's sources are built into the site; its own `_` folders are not pages (Jekyll's `_posts` and `_drafts` are)", () => {
    const w = workspaceWith({
      "site-src/mkdocs.yml": "site_name: Anna\n",
      "site-src/docs/index.md": "# Hi",
      "docs/_config.yml": "theme: minima\n",
      "proj/.github/workflows/pages.yml": "on: push\njobs:\n  deploy:\n    uses: actions/deploy-pages@v4\n",
      "proj/docs/index.md": "# Docs",
    });
    try {
      const scan = createPublishScan(w.dir, never);
      assert.equal(scan.builds("site-src/docs/notes.md")?.folder, "site-src/docs");
      assert.equal(scan.builds("docs/notes.md")?.folder, "docs");
      assert.equal(scan.builds("docs/_posts/2026-12-05-x.md")?.folder, "docs");
      assert.equal(scan.builds("docs/_drafts/x.md")?.folder, "docs");
      assert.equal(scan.builds("docs/about/_index.md")?.folder, "docs");
      assert.match(scan.builds("proj/docs/notes.md")?.why ?? "", /deploy-pages/);
      assert.equal(scan.builds("site-src/notes.md"), undefined);
      // What a site builds into (its `site_dir`, `_site`) is published, not built.
      assert.equal(scan.publishing("site-src/site/x.html")?.folder, "site-src/site");
    } finally {
      w.done();
    }
  });
});
