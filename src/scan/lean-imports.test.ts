import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** The packages `modules` (paths relative to the repository) load when imported into a fresh Node, as URLs. */
function packagesLoadedBy(modules: readonly string[]): string[] {
  const script = `
    import { registerHooks } from "node:module";
    const loaded = [];
    registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
    for (const m of ${JSON.stringify(modules)}) await import(new URL(m, ${JSON.stringify(`file://${repo}/`)}).href);
    process.stdout.write(JSON.stringify(loaded.filter((u) => u.includes("/node_modules/"))));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[];
}

test("labelling content and the CLI's context load no Markdown, HTML or YAML parser until a text needs one", () => {
  const loaded = packagesLoadedBy(["src/cli/context.ts", "src/scan/secret-label.ts", "src/scan/known-secrets.ts"]);
  const parsers = loaded.filter((u) => /\/node_modules\/(yaml|htmlparser2|mdast-util-[^/]+|micromark[^/]*)\//.test(u));
  assert.deepEqual(parsers, []);
});

test("the gate and the run-later reader load no Markdown, HTML or YAML parser until a text needs one (an owner's list, a YAML file a write is judged for)", () => {
  const loaded = packagesLoadedBy(["src/gate/decide.ts", "src/gate/owner-lists.ts", "src/fs/run-later-names.ts"]);
  const parsers = loaded.filter((u) => /\/node_modules\/(yaml|htmlparser2|mdast-util-[^/]+|micromark[^/]*)\//.test(u));
  assert.deepEqual(parsers, []);
});

test("the outbound-folder reader loads no TOML, YAML or JSON5 parser until a publishing configuration is read", () => {
  const loaded = packagesLoadedBy(["src/fs/outbound-folders.ts", "src/fs/publish-configs.ts", "src/tools/files.ts"]);
  const parsers = loaded.filter((u) => /\/node_modules\/(smol-toml|yaml|json5)\//.test(u));
  assert.deepEqual(parsers, []);
});
