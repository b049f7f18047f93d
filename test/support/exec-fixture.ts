/**
 * The exec decision corpus's world: a real workspace with secrets, symlinks out and planted binaries, a home with
 * credentials, a state directory and a folder outside. Corpus commands name its places as `{{ws}}`, `{{home}}`,
 * `{{state}}`, `{{outside}}` and `{{bin:NAME}}`. Shared by the policy's table test and the CLI's batch test.
 */
import fs from "node:fs";
import path from "node:path";
import { createShellAnalyzer } from "../../src/exec/index.ts";
import { createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH, type SandboxAvailability } from "../../src/sandbox/index.ts";
import { createExecTool } from "../../src/tools/exec.ts";

export type ExecFixture = { root: string; ws: string; home: string; state: string; outside: string };

/** Builds the fixture under `root`. `withState: false` leaves the state dir for Warden itself to create. */
export function makeExecFixture(root: string, options: { withState: boolean } = { withState: true }): ExecFixture {
  const ws = path.join(root, "ws");
  const home = path.join(root, "home");
  const state = path.join(home, ".warden");
  const outside = path.join(root, "outside");
  const dirs = [ws, `${ws}/src`, `${ws}/bin`, `${ws}/tools`, `${ws}/config`, `${ws}/.git/hooks`, `${home}/.ssh`, `${home}/.aws`, outside];
  for (const d of options.withState ? [...dirs, state] : dirs) fs.mkdirSync(d, { recursive: true });
  const files: Record<string, string> = {
    [`${ws}/a.txt`]: "hi\nthere\n", [`${ws}/notes.md`]: "notes\n", [`${ws}/src/index.ts`]: "export {};\n",
    [`${ws}/.env`]: "KEY=canary\n", [`${ws}/prod.env`]: "KEY=canary\n", [`${ws}/config/.env`]: "KEY=1\n",
    [`${ws}/key.pem`]: "-----BEGIN-----\n", [`${ws}/--output=pwned`]: "", [`${home}/.ssh/id_rsa`]: "PRIVATE\n",
    [`${home}/.aws/credentials`]: "[default]\n", [`${home}/.bashrc`]: "", [`${outside}/secret.txt`]: "canary-7f3a\n",
  };
  if (options.withState) files[`${state}/token`] = "t0k3n\n";
  for (const [p, content] of Object.entries(files)) fs.writeFileSync(p, content);
  fs.writeFileSync(`${ws}/bin/ls`, "#!/bin/sh\nid\n", { mode: 0o755 });
  fs.symlinkSync("/usr/bin/rm", `${ws}/tools/ls`);
  fs.symlinkSync(outside, `${ws}/link-out`);
  return { root, ws, home, state, outside };
}

/** Replaces the corpus placeholders with the fixture's real paths. */
export function expandCorpusText(text: string, fx: ExecFixture): string {
  return text.replaceAll("{{ws}}", fx.ws).replaceAll("{{home}}", fx.home).replaceAll("{{state}}", fx.state)
    .replaceAll("{{outside}}", fx.outside)
    .replace(/\{\{bin:([a-z]+)\}\}/g, (_m, name: string) => fs.realpathSync(`/usr/bin/${name}`));
}

/** The exec tool as the gateway builds it by default (allowlist, bubblewrap, no network) over `ws`, home under `root`. */
export async function createDefaultExecTool(root: string, ws: string, availability: SandboxAvailability): Promise<ReturnType<typeof createExecTool>> {
  return createExecTool({
    analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability }), scanner: createWorkspaceScanner(),
    policy: () => ({ security: "allowlist", ask: "on-miss" }),
    workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"), pathEnv: DEFAULT_PATH,
    hiddenPaths: [path.join(root, "home")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
  });
}
