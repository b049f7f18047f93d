import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Evaluation data for the injection scanner. Attack texts come from the public corpora (InjecAgent,
// CyberSecEval); benign texts are ours (benign.txt). Splits are by a stable hash of a group key so the
// same attacker instruction never lands on both sides.

export type EvalText = { id: string; kind: string; group: string; text: string };
export type Split = "tune" | "test";

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Stable 50/50 split by group key. */
export function splitOf(group: string): Split {
  return fnv1a(group) % 2 === 0 ? "tune" : "test";
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Our hand-written benign texts (`KIND<TAB>TEXT`, `\n` escapes allowed): `benign.txt` (split into tune and
 * test halves) or `benign-fresh.txt` (written after the first held-out run, never used for tuning).
 */
export function loadBenign(file: "benign.txt" | "benign-fresh.txt" | "benign-hard.txt" = "benign.txt"): EvalText[] {
  const raw = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
  const prefix = file === "benign.txt" ? "benign" : file === "benign-fresh.txt" ? "fresh" : "hard";
  const out: EvalText[] = [];
  for (const [i, line] of raw.split("\n").entries()) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const tab = line.indexOf("\t");
    if (tab === -1) continue;
    const text = line.slice(tab + 1).replace(/\\n/g, "\n");
    out.push({ id: `${prefix}-${i}`, kind: line.slice(0, tab), group: `${prefix}-${i}`, text });
  }
  return out;
}

/** InjecAgent tool responses carrying the attacker instruction, grouped by instruction. */
export function loadInjecAgent(corporaDir: string): EvalText[] {
  const data: unknown = JSON.parse(readFileSync(join(corporaDir, "injecagent", "test_cases_dh_base.json"), "utf8"));
  if (!Array.isArray(data)) throw new Error("injecagent: expected a JSON array");
  return data.map((item, i) => {
    const r = record(item);
    const instruction = String(r["Attacker Instruction"] ?? "");
    return { id: `injecagent-${i}`, kind: `injecagent:${String(r["Attack Type"] ?? "")}`, group: instruction, text: String(r["Tool Response"] ?? "") };
  });
}

/** CyberSecEval prompt-injection inputs (`user_input`), grouped by variant and index. */
export function loadCyberSecEval(corporaDir: string): EvalText[] {
  const data: unknown = JSON.parse(readFileSync(join(corporaDir, "cyberseceval", "prompt_injection.json"), "utf8"));
  if (!Array.isArray(data)) throw new Error("cyberseceval: expected a JSON array");
  return data.map((item, i) => {
    const r = record(item);
    return {
      id: `cyberseceval-${String(r["prompt_id"] ?? i)}`,
      kind: `cyberseceval:${String(r["injection_variant"] ?? "")}:${String(r["injection_type"] ?? "")}`,
      group: `cyberseceval-${String(r["prompt_id"] ?? i)}`,
      text: String(r["user_input"] ?? ""),
    };
  });
}

/**
 * Benign texts in the same wrapping as the InjecAgent attacks: each tool response template from
 * user_cases.jsonl with its `<Attacker Instruction>` slot filled by one of our benign texts.
 */
export function loadTemplatedBenign(corporaDir: string, benign: readonly EvalText[]): EvalText[] {
  const lines = readFileSync(join(corporaDir, "injecagent", "user_cases.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "");
  const fill = benign.filter((b) => !b.text.includes("\n") && b.kind !== "code");
  const out: EvalText[] = [];
  lines.forEach((line, t) => {
    const template = String(record(JSON.parse(line))["Tool Response Template"] ?? "");
    for (let k = 0; k < 12 && fill.length > 0; k++) {
      const b = fill[(t * 12 + k) % fill.length];
      if (b === undefined) continue;
      out.push({ id: `templated-${t}-${k}`, kind: `templated:${b.kind}`, group: b.group, text: template.replace("<Attacker Instruction>", b.text.replace(/'/g, "\\'")) });
    }
  });
  return out;
}

/**
 * The lowest probability threshold whose false-positive rate on `benign` is at most `maxFpr`: just above
 * the k-th highest benign score, k = floor(maxFpr × n).
 */
export function thresholdAt(benign: readonly number[], maxFpr: number): number {
  const sorted = [...benign].sort((a, b) => b - a);
  const k = Math.floor(maxFpr * sorted.length);
  const above = sorted[k];
  return above === undefined ? 0 : above + (1 - above) * 1e-9 + 1e-12;
}

/**
 * Benign texts flagged at `threshold`, per benign kind (`source:kind`, e.g. `ours:ticket`, `docs:readme`):
 * "flagged/total", so each kind of text is judged on its own and a kind with few texts is visible as such.
 */
export function flaggedByKind(texts: readonly { source: string; kind: string; score: number }[], threshold: number): Record<string, string> {
  const counts = new Map<string, [number, number]>();
  for (const t of texts) {
    const kind = t.kind.replace(/^(templated|augmented):/, "");
    const key = kind.startsWith(`${t.source}:`) ? kind : `${t.source}:${kind}`;
    const c = counts.get(key) ?? [0, 0];
    counts.set(key, [c[0] + (t.score >= threshold ? 1 : 0), c[1] + 1]);
  }
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, [f, n]]) => [k, `${f}/${n}`]));
}

/** A rate as a percentage with one decimal. */
export const pct = (x: number): number => Math.round(x * 1000) / 10;

/** Recall and false-positive rate of `scores` at a threshold (`score >= threshold` is positive). */
export function rateAt(scores: readonly number[], threshold: number): number {
  if (scores.length === 0) return 0;
  return scores.filter((s) => s >= threshold).length / scores.length;
}

/** Parses `{"text", "kind", "group"}` lines; ids and groups are prefixed with the source's name. */
function parseSourceLines(raw: string, source: string, part: "attacks" | "benign"): EvalText[] {
  return raw.split("\n").filter((l) => l.trim() !== "").map((line, i) => {
    const r = record(JSON.parse(line));
    return { id: `${source}-${part}-${i}`, kind: String(r["kind"] ?? source), group: `${source}:${String(r["group"] ?? i)}`, text: String(r["text"] ?? "") };
  });
}

/**
 * A source shipped in the repository (src/scan/eval/data/<source>/, license beside it): `attacks.jsonl`
 * and `benign.jsonl`, one `{"text", "kind", "group"}` object a line.
 */
export function loadShippedSource(source: string, part: "attacks" | "benign"): EvalText[] {
  return parseSourceLines(readFileSync(new URL(`./data/${source}/${part}.jsonl`, import.meta.url), "utf8"), source, part);
}

/**
 * Sampled extracts shipped under data/<source>/ (license beside them, same line format as the other
 * shipped sources; data/README.md says what was taken from each upstream and how). A source with benign
 * texts only (NotInject) adds hard benign texts to every fold and has no fold of its own.
 */
export const corporaSources = ["spikee", "tasktracker", "promptinject", "jailbreaks", "notinject"] as const;

/**
 * One of those sources' texts: data/<source>/ in the repository, else a folder of the same name in the
 * corpora folder (`<corporaDir>/<source>/`); none when neither has that part (NotInject has no attacks).
 */
export function loadCorporaSource(corporaDir: string, source: string, part: "attacks" | "benign"): EvalText[] {
  const file = [fileURLToPath(new URL(`./data/${source}/${part}.jsonl`, import.meta.url)), join(corporaDir, source, `${part}.jsonl`)].find((f) => existsSync(f));
  return file === undefined ? [] : parseSourceLines(readFileSync(file, "utf8"), source, part);
}

/** The corpora folder: WARDEN_CORPORA, else shared/corpora beside the repository, else /work/shared/corpora. */
export function defaultCorporaDir(): string {
  const besideRepo = fileURLToPath(new URL("../../../../shared/corpora", import.meta.url));
  return process.env["WARDEN_CORPORA"] ?? [besideRepo, "/work/shared/corpora"].find((d) => existsSync(d)) ?? besideRepo;
}

/** Stable three-way split by group key for benign texts: 60% train, 20% tune, 20% test. */
export function roleOf(group: string): "train" | "tune" | "test" {
  const h = fnv1a(`role:${group}`) % 10;
  return h < 6 ? "train" : h < 8 ? "tune" : "test";
}

/** A small deterministic PRNG (mulberry32): the evaluation's shuffles and resamples repeat run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A scored text with the group it was split by (one attacker instruction, one README, one email). */
type Scored = { group: string; score: number };

/** Draws groups with replacement (as many as there are) and returns the scores of every text in them. */
function resampleGroups(byGroup: readonly (readonly number[])[], rand: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < byGroup.length; i++) out.push(...byGroup[Math.floor(rand() * byGroup.length)]!);
  return out;
}

function groupScores(texts: readonly Scored[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const t of texts) {
    const scores = groups.get(t.group);
    if (scores === undefined) groups.set(t.group, [t.score]);
    else scores.push(t.score);
  }
  return [...groups.values()];
}

/**
 * 95% intervals (percentile cluster bootstrap, `rounds` draws, fixed seed) for recall and false-positive
 * rate at a threshold chosen as `thresholdAt(tune, maxFpr)`. Each draw resamples the groups of the attacks,
 * of the tune benign texts (so the threshold moves as it would with another benign sample) and of the test
 * benign texts. Attacks are resampled by group because texts sharing an instruction are not independent:
 * 323 InjecAgent texts carry 19 instructions, and the interval must say so.
 */
/**
 * Paired 95% intervals for the difference variant − control (in points) of recall and false-positive rate,
 * each at its own `thresholdAt(tune, maxFpr)`: every draw resamples the same groups for both scorers, so
 * what the two share (which instructions, which benign texts happen to be drawn) cancels, and the interval
 * is that of the difference, narrower than the gap between two unpaired intervals. The `control` and
 * `variant` arrays score the same texts in the same order.
 */
export function pairedBootstrapAt(control: { attacks: readonly Scored[]; tune: readonly Scored[]; test: readonly Scored[] }, variant: { attacks: readonly number[]; tune: readonly number[]; test: readonly number[] }, maxFpr: number, rounds = 1000): { recall: [number, number]; fpr: [number, number] } {
  const rand = prng(0x5eed);
  const indexGroups = (texts: readonly Scored[]): number[][] => {
    const groups = new Map<string, number[]>();
    texts.forEach((t, i) => {
      const g = groups.get(t.group);
      if (g === undefined) groups.set(t.group, [i]);
      else g.push(i);
    });
    return [...groups.values()];
  };
  const a = indexGroups(control.attacks), u = indexGroups(control.tune), b = indexGroups(control.test);
  const recalls: number[] = [], fprs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const ui = resampleGroups(u, rand), ai = resampleGroups(a, rand), bi = resampleGroups(b, rand);
    const c = thresholdAt(ui.map((i) => control.tune[i]!.score), maxFpr), v = thresholdAt(ui.map((i) => variant.tune[i]!), maxFpr);
    recalls.push(rateAt(ai.map((i) => variant.attacks[i]!), v) - rateAt(ai.map((i) => control.attacks[i]!.score), c));
    fprs.push(rateAt(bi.map((i) => variant.test[i]!), v) - rateAt(bi.map((i) => control.test[i]!.score), c));
  }
  const interval = (xs: number[]): [number, number] => {
    xs.sort((x, y) => x - y);
    return [pct(xs[Math.floor(0.025 * (xs.length - 1))] ?? 0), pct(xs[Math.ceil(0.975 * (xs.length - 1))] ?? 0)];
  };
  return { recall: interval(recalls), fpr: interval(fprs) };
}

export function bootstrapAt(attacks: readonly Scored[], tune: readonly Scored[], test: readonly Scored[], maxFpr: number, rounds = 1000): { recall: [number, number]; fpr: [number, number] } {
  const rand = prng(0x5eed);
  const a = groupScores(attacks), u = groupScores(tune), b = groupScores(test);
  const recalls: number[] = [], fprs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const threshold = thresholdAt(resampleGroups(u, rand), maxFpr);
    recalls.push(rateAt(resampleGroups(a, rand), threshold));
    fprs.push(rateAt(resampleGroups(b, rand), threshold));
  }
  const interval = (xs: number[]): [number, number] => {
    xs.sort((x, y) => x - y);
    return [pct(xs[Math.floor(0.025 * (xs.length - 1))] ?? 0), pct(xs[Math.ceil(0.975 * (xs.length - 1))] ?? 0)];
  };
  return { recall: interval(recalls), fpr: interval(fprs) };
}
