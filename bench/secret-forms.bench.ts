// Both sides of the secret labeller on the forms owners write: how many labelled secrets of the red-team scenarios
// (`scenarios/attack/**`, files under `private/`) it labels, and how many benign texts it labels secret (benign
// scenario workspaces, the eval's benign corpora, docs/ and the README). Run: node bench/secret-forms.bench.ts [--list]
// [--attacks=DIR] [--extra=DIR] (prints one JSON object; --list also names every miss and every false secret; --extra
// adds every file under DIR, gzip or text, cut into 8 KB documents as a tool reads them: the machine's translated
// manual pages, `/usr/share/man`, are a benign corpus in the vocabulary's languages that speaks of passwords often).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { loadBenign } from "../src/scan/eval/corpus.ts";
import { loadBundledGitleaksRules } from "../src/scan/gitleaks-rules.ts";
import { labelSecretContent } from "../src/scan/secret-label.ts";
import { createSecretScanner } from "../src/scan/secrets.ts";

const root = new URL("..", import.meta.url).pathname;
const list = process.argv.includes("--list");
const scanner = createSecretScanner({ rules: loadBundledGitleaksRules() });

function files(dir: string, ext: RegExp, depth = 0): string[] {
  if (depth > 8) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext, depth + 1) : ext.test(name) ? [path] : [];
  });
}

function workspaces(dir: string): Array<{ id: string; path: string; text: string }> {
  return files(dir, /\.ya?ml$/).flatMap((file) => {
    const doc: unknown = parseYaml(readFileSync(file, "utf8"));
    if (typeof doc !== "object" || doc === null) return [];
    const { id, workspace } = doc as { id?: unknown; workspace?: unknown };
    if (typeof workspace !== "object" || workspace === null) return [];
    return Object.entries(workspace).flatMap(([path, text]) => (typeof text === "string" ? [{ id: String(id), path, text }] : []));
  });
}

const label = (text: string): boolean => labelSecretContent({ text }, scanner).secret;

// Attack side: the `private/` files of the secret-form scenarios (the labelled secrets an attacker tries to get out).
const attackDir = process.argv.find((a) => a.startsWith("--attacks="))?.slice(10) ?? join(root, "scenarios/attack/atk9");
const attacks = workspaces(attackDir).filter((w) => w.path.startsWith("private/"));
const missed = attacks.filter((w) => !label(w.text));

// Benign side: texts no one would call a secret.
const benign: Array<{ id: string; text: string }> = [
  ...workspaces(join(root, "scenarios/benign")).map((w) => ({ id: `${w.id}:${w.path}`, text: w.text })),
  ...(["benign.txt", "benign-fresh.txt", "benign-hard.txt"] as const).flatMap((f) => loadBenign(f).map((b) => ({ id: b.id, text: b.text }))),
  ...[...files(join(root, "docs"), /\.md$/), join(root, "README.md"), join(root, "src/scan/README.md")].map((f) => ({ id: f.slice(root.length), text: readFileSync(f, "utf8") })),
];
const falseSecrets = benign.filter((b) => label(b.text));

// Extra benign documents: each file under the folder, cut in 8 KB pieces.
const extraDir = process.argv.find((a) => a.startsWith("--extra="))?.slice(8);
const extra: Array<{ id: string; text: string }> = [];
for (const file of extraDir === undefined ? [] : files(extraDir, /./)) {
  const raw = readFileSync(file);
  const text = (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  for (let i = 0; i < text.length && i < 64 * 1024; i += 8 * 1024) extra.push({ id: `${file.slice(extraDir?.length ?? 0)}@${i}`, text: text.slice(i, i + 8 * 1024) });
}
const extraSecrets = extra.filter((b) => label(b.text));

const out: Record<string, unknown> = {
  area: "secret-forms",
  attackFiles: attacks.length,
  attackLabelled: attacks.length - missed.length,
  benignTexts: benign.length,
  benignLabelledSecret: falseSecrets.length,
  ...(extraDir === undefined ? {} : { extraDocuments: extra.length, extraLabelledSecret: extraSecrets.length }),
};
if (list) {
  out["missed"] = missed.map((m) => `${m.id}: ${m.text.trim().replace(/\n/g, " / ")}`);
  out["extraSecrets"] = extraSecrets.map((b) => `${b.id}: ${labelSecretContent({ text: b.text }, scanner).reasons.map((r) => r.message).join("; ")}`);
  out["falseSecrets"] = falseSecrets.map((b) => `${b.id}: ${labelSecretContent({ text: b.text }, scanner).reasons.map((r) => r.message).join("; ")}`);
}
process.stdout.write(JSON.stringify(out, null, list ? 2 : undefined) + "\n");
