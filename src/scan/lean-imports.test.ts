import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));

type Loaded = {
  /** The URLs of the packages' modules. */
  packages: string[];
  /** The URLs of Warden's own modules. */
  sources: string[];
  /** Node's own modules (`process.moduleLoadList`): `NativeModule internal/deps/undici/undici` is the bundled undici. */
  internals: string[];
  /** What ran ICU at import: segmenters made, texts normalized. */
  icu: string[];
};

/** What `modules` (paths relative to the repository) load when imported into a fresh Node. */
function whatLoads(modules: readonly string[]): Loaded {
  const script = `
    import { registerHooks } from "node:module";
    const loaded = [];
    registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
    const icu = [];
    const Segmenter = Intl.Segmenter;
    Intl.Segmenter = class extends Segmenter { constructor(...args) { icu.push("Intl.Segmenter " + JSON.stringify(args)); super(...args); } };
    const normalize = String.prototype.normalize;
    String.prototype.normalize = function (...args) { icu.push("normalize " + JSON.stringify(args)); return normalize.apply(this, args); };
    for (const m of ${JSON.stringify(modules)}) await import(new URL(m, ${JSON.stringify(`file://${repo}/`)}).href);
    process.stdout.write(JSON.stringify({ packages: loaded.filter((u) => u.includes("/node_modules/")), sources: loaded.filter((u) => u.includes("/src/")), internals: process.moduleLoadList, icu }));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Loaded;
}

const packagesLoadedBy = (modules: readonly string[]): string[] => whatLoads(modules).packages;

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

test("the gateway loads no HTTP adapter, WebSocket library, HTML, Markdown, YAML or TOML parser, diff library, Node's bundled undici or the gate's turn policy, and runs no ICU segmenter or normalization, until a client, a text or a turn needs one", () => {
  // The gateway command's whole import graph and the runtime it imports once it holds the state dir's lock: what a
  // started gateway holds before its first request.
  const loaded = whatLoads(["src/cli/commands/gateway.ts", "src/app/runtime.ts"]);
  const late = loaded.packages.filter((u) => /\/node_modules\/(@hono\/node-server|ws|htmlparser2|entities|domutils|dom-serializer|domhandler|undici|yaml|mdast-util-[^/]+|micromark[^/]*|smol-toml|diff)\//.test(u));
  assert.deepEqual(late, []);
  // A static `import … from "node:http"` reads the namespace's lazy WebSocket getter, which loads the bundled undici.
  assert.deepEqual(loaded.internals.filter((m) => /undici/.test(m)), []);
  assert.deepEqual(loaded.icu, []);
  // The readers of a connected service's query and command languages load with the first call they judge.
  assert.deepEqual(loaded.sources.filter((u) => /\/src\/mcp\/(read-only-check|query-kinds|read-languages|read-requests|sql-lexer)\.ts$/.test(u)), []);
  // The turn policy and the gate's readers of the owner's words load with the first turn.
  assert.deepEqual(loaded.sources.filter((u) => /\/src\/(app\/(policy-wiring|turn-policy)|gate\/(gate|decide|owner-relay|owner-slots))\.ts$/.test(u)), []);
});
