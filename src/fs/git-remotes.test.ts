import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemoteLookup, remoteHost, remotesOf } from "./git-remotes.ts";

describe("a repository's public-host remote", () => {
  test("remote URLs in each of git's spellings; local paths are no host", () => {
    assert.equal(remoteHost("https://github.com/anna/notes.git"), "github.com");
    assert.equal(remoteHost("git@gitlab.com:anna/site.git"), "gitlab.com");
    assert.equal(remoteHost("ssh://git@Codeberg.org:22/anna/x"), "codeberg.org");
    assert.equal(remoteHost("git+https://bitbucket.org/a/b"), "bitbucket.org");
    assert.equal(remoteHost("../other-repo"), undefined);
    assert.equal(remoteHost("/srv/git/x.git"), undefined);
    assert.equal(remoteHost("file:///srv/git/x.git"), undefined);
  });

  test("git's configuration format: sections, quoted names, comments, url and pushurl", () => {
    const text = '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://git.example.org/x.git ; private server\n\tpushurl = "git@github.com:anna/x.git"\n# [remote "fake"]\n[branch "main"]\n\turl = https://github.com/not/a-remote\n';
    assert.deepEqual(remotesOf(text), [
      { name: "origin", key: "url", url: "https://git.example.org/x.git" },
      { name: "origin", key: "pushurl", url: "git@github.com:anna/x.git" },
    ]);
  });

  test("the innermost repository holding a path, when it pushes to a public host; a token in the URL is never shown", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-remote-"));
    try {
      mkdirSync(join(dir, "proj/.git"), { recursive: true });
      writeFileSync(join(dir, "proj/.git/config"), '[remote "origin"]\n\turl = https://anna:ghp_secrettoken123@github.com/anna/public-notes.git\n');
      mkdirSync(join(dir, "proj/vendor/lib/.git"), { recursive: true });
      writeFileSync(join(dir, "proj/vendor/lib/.git/config"), '[remote "origin"]\n\turl = /srv/git/lib.git\n');
      mkdirSync(join(dir, "work/.git"), { recursive: true });
      writeFileSync(join(dir, "work/.git/config"), '[remote "origin"]\n\turl = git@git.corp.example:team/work.git\n');
      const lookup = createRemoteLookup(dir);
      const found = lookup("proj/NOTES.md");
      assert.equal(found?.folder, "proj");
      assert.match(found?.why ?? "", /GitHub/);
      assert.doesNotMatch(found?.why ?? "", /ghp_secrettoken123|anna:/);
      assert.equal(lookup("proj/vendor/lib/x.c"), undefined);
      assert.equal(lookup("work/a.txt"), undefined);
      assert.equal(lookup("notes/private.md"), undefined);
      assert.equal(lookup("../outside"), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test("a remote reached through `[include]`/`[includeIf]`, an `insteadOf` rewrite, a worktree's `commondir`; an include outside the workspace is not read (atk44 repo)", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-remote-"));
    const put = (path: string, text: string) => {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    try {
      put("inc/.git/config", '[include]\n\tpath = ../remote.inc\n');
      put("inc/remote.inc", '[remote "origin"]\n\turl = https://github.com/me/notes.git\n');
      put("incif/.git/config", '[includeIf "gitdir:~/work/"]\n\tpath = "../r.cfg"\n');
      put("incif/r.cfg", '[remote "o"]\n\turl = git@gitlab.com:me/x.git\n');
      put("rw/.git/config", '[url "https://github.com/"]\n\tinsteadOf = gh:\n[remote "origin"]\n\turl = gh:me/notes\n');
      put("prw/.git/config", '[url "git@codeberg.org:"]\n\tpushInsteadOf = mine:\n[remote "origin"]\n\turl = /srv/x.git\n\tpushurl = mine:me/x\n');
      put("wt/.git", "gitdir: ../.bare/worktrees/main\n");
      put(".bare/worktrees/main/commondir", "../..\n");
      put(".bare/config", '[remote "origin"]\n\turl = https://github.com/me/notes.git\n');
      put("out/.git/config", "[include]\n\tpath = ../../../etc/gitconfig\n");
      put("local/.git/config", '[url "https://github.com/"]\n\tinsteadOf = gh:\n[remote "origin"]\n\turl = /srv/git/gh:x\n');
      const lookup = createRemoteLookup(dir);
      assert.match(lookup("inc/news.md")?.why ?? "", /`inc\/remote\.inc` names the remote `origin` at GitHub/);
      assert.equal(lookup("incif/a.md")?.folder, "incif");
      assert.match(lookup("rw/news.md")?.why ?? "", /GitHub.*`gh:me\/notes` rewritten by `insteadOf`/);
      assert.match(lookup("prw/a.md")?.why ?? "", /Codeberg/);
      assert.match(lookup("wt/news.md")?.why ?? "", /`\.bare\/config` names the remote `origin` at GitHub/);
      assert.equal(lookup("out/a.md"), undefined);
      assert.equal(lookup("local/a.md"), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
