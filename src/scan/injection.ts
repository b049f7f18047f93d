import type { InjectionModel, SignalHit, SignalName } from "./injection-model.ts";
import { calibrate, overrideRules, shippedModel, structuralPatterns, structuralSignals, textLogit, withFloors } from "./injection-model.ts";
import { injectionRules } from "./injection-rules.ts";
import type { LiteralPrefilter } from "./required-literals.ts";
import { literalPrefilter } from "./required-literals.ts";
import { bidiPattern, decodeTagCharacters, matchingForms, tagCharPattern, zeroWidthPattern } from "./normalize.ts";

/** One rule that fired. `index` is an offset in the normalized text, or in the raw text for `hidden.*` rules. */
export type InjectionMatch = { rule: string; excerpt: string; index: number };

/** The scanner's signal for the gate and the owner. It must never be treated as a boundary.
 * `score` is a calibrated probability that the text carries an injection (learned model + rules +
 * structural signals); `matches` lists the rules (`override.*`, `role.*`, …) and the structural signals
 * (`signal.*`) that fired, so the owner sees why. */
export type InjectionResult = { verdict: "suspicious" | "clean"; score: number; matches: InjectionMatch[] };

/**
 * Probability at or above which a text is `suspicious`: the shipped model's 1% false-positive point on
 * the tuning benign texts (see EVALUATION.md, which also gives the 2% point; a test keeps this equal to
 * the value the training script recorded in the model file). If the model file cannot be loaded the
 * scanner falls back to the rules alone and their own threshold, `ruleThreshold`.
 */
export const defaultInjectionThreshold = 0.953;

/** The rules' own threshold (their tuning split's 1% point); a rule score at or above it is a feature. */
export const ruleThreshold = 0.26;

export type ScanInjectionOptions = {
  threshold?: number;
  /** Applied to decoded payloads (base64, hex, tag characters) before they are scanned and excerpted. */
  redact?: (text: string) => string;
};

/** `quoted`: a rule's match lies inside a quotation in prose (see `quotedMention`). */
type Weighted = InjectionMatch & { weight: number; quoted?: boolean };

/**
 * Whether offset `index` of `text` lies inside a quotation opened in prose: an unclosed straight double
 * quote or backtick, or an unclosed curly quote, in the 200 characters before it, whose opening mark does
 * not follow `:`, `[`, `{`, `,` or `=` (a JSON or key=value string, which is how tool results carry
 * instructions). A quoted override is usually a mention (an article, a test, a bug report), not an order.
 */
function quotedMention(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 200), index);
  const open = (mark: string): number => (before.split(mark).length % 2 === 0 ? before.lastIndexOf(mark) : -1);
  const curly = before.lastIndexOf("\u201c") > before.lastIndexOf("\u201d") ? before.lastIndexOf("\u201c") : -1;
  const at = Math.max(open('"'), open("`"), curly);
  return at !== -1 && !/[:[{,=]$/.test(before.slice(0, at).trimEnd());
}

// Texts larger than this are scanned in their first and last parts only: injection is cheap to pad, but
// the gate sees every result and a scanner that stalls on a 50 MB page is worse than a partial signal.
const maxScanChars = 2_000_000;
const maxDecodeDepth = 1;

function excerptAt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + Math.min(length, 80) + 20);
  return text.slice(start, end).replace(/\s+/g, " ").trim();
}

function hiddenMatches(raw: string, redact: (text: string) => string): Weighted[] {
  const out: Weighted[] = [];
  const zw = raw.search(zeroWidthPattern);
  // A single BOM at the very start is ordinary; zero-width characters between letters are not.
  if (zw !== -1 && /\p{L}[\u00ad\u200b-\u200d\u2060-\u2064\ufeff]+\p{L}/u.test(raw)) {
    out.push({ rule: "hidden.zero_width", excerpt: excerptAt(raw.replace(zeroWidthPattern, "·"), zw, 10), index: zw, weight: 0.45 });
  }
  const bidi = raw.search(bidiPattern);
  if (bidi !== -1 && /[\u202a-\u202e\u2066-\u2069]/.test(raw)) {
    out.push({ rule: "hidden.bidi_control", excerpt: excerptAt(raw.replace(bidiPattern, "·"), bidi, 10), index: bidi, weight: 0.45 });
  }
  const tag = raw.search(tagCharPattern);
  if (tag !== -1) {
    out.push({ rule: "hidden.tag_characters", excerpt: redact(decodeTagCharacters(raw)).slice(0, 80), index: tag, weight: 0.8 });
  }
  const comment = /<!--([\s\S]{0,2000}?)-->/g;
  for (let m = comment.exec(raw), guard = 0; m !== null && guard < 1000; m = comment.exec(raw), guard++) {
    const body = m[1] ?? "";
    if (/\b(?:you|ignore|instead|assistant|ai|send|print|state|say|must|tell|instructions?|mode)\b/i.test(body) || /[A-Za-z0-9+/]{24,}={0,2}/.test(body)) {
      out.push({ rule: "hidden.html_comment", excerpt: excerptAt(raw, m.index, m[0].length), index: m.index, weight: 0.3 });
      break;
    }
  }
  const invisibleCss = /(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*[;"']|color\s*:\s*(?:#fff(?:fff)?|white)\s*;?\s*background(?:-color)?\s*:\s*(?:#fff(?:fff)?|white)|opacity\s*:\s*0\s*[;"'])/i.exec(raw);
  if (invisibleCss !== null) {
    out.push({ rule: "hidden.invisible_css", excerpt: excerptAt(raw, invisibleCss.index, invisibleCss[0].length), index: invisibleCss.index, weight: 0.3 });
  }
  return out;
}

/** Whether `raw` holds 32 base64 alphabet characters in a row; one pass over char codes (a regex retries at each offset). */
function hasBase64Run(raw: string): boolean {
  let run = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const b64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    run = b64 ? run + 1 : 0;
    if (run >= 32) return true;
  }
  return false;
}

function decodeCandidates(raw: string): { kind: string; index: number; text: string }[] {
  const out: { kind: string; index: number; text: string }[] = [];
  let b64Count = 0;
  let searchFrom = 0;
  // A split on the complement class is one linear pass; a regex for long runs costs O(len²) on prose.
  // Most texts hold no run of 32 base64 characters; skip the split for them.
  for (const token of hasBase64Run(raw) ? raw.split(/[^A-Za-z0-9+/=]+/) : []) {
    if (token.length < 32 || !/^[A-Za-z0-9+/]{32,}={0,2}$/.test(token) || ++b64Count > 200) continue;
    const index = raw.indexOf(token, searchFrom);
    searchFrom = index + token.length;
    const decoded = Buffer.from(token, "base64").toString("utf8");
    // Only keep decodings that are mostly readable text: random tokens decode to binary noise.
    const printable = decoded.replace(/[^\x20-\x7e\n\t]/g, "").length;
    if (decoded.length > 0 && printable / decoded.length > 0.95 && / [a-z]{2,} /i.test(decoded)) out.push({ kind: "base64", index, text: decoded });
  }
  const binary = /(?:[01]{8}[\s,]?){6,}/g;
  for (let m = binary.exec(raw), guard = 0; m !== null && guard < 50; m = binary.exec(raw), guard++) {
    const bytes = (m[0].match(/[01]{8}/g) ?? []).map((b) => Number.parseInt(b, 2));
    out.push({ kind: "binary", index: m.index, text: String.fromCharCode(...bytes) });
  }
  // Printable ASCII is 0x20-0x7e, so every byte of hidden text starts with a digit 2-7: cheap to anchor.
  const hex = /(?:[2-7][0-9a-f][\s:]?){16,}/gi;
  for (let m = hex.exec(raw), guard = 0; m !== null && guard < 50; m = hex.exec(raw), guard++) {
    const decoded = Buffer.from(m[0].replace(/[\s:]/g, ""), "hex").toString("utf8");
    if (/^[\x20-\x7e\n\t]+$/.test(decoded) && / [a-z]{2,} /i.test(decoded)) out.push({ kind: "hex", index: m.index, text: decoded });
  }
  return out;
}

/** The same word ten or more times in a row (`cake cake cake …`): a repeated-token attack. One pass over
 * the text; a word is sliced only when it is as long as the one before it. */
function repeatedToken(folded: string): Weighted | undefined {
  const separator = (c: number): boolean => c === 32 || c === 44;
  let run = 1, prevStart = 0, prevLen = 0;
  for (let i = 0; i < folded.length; ) {
    while (i < folded.length && separator(folded.charCodeAt(i))) i++;
    const start = i;
    while (i < folded.length && !separator(folded.charCodeAt(i))) i++;
    const len = i - start;
    run = len >= 2 && len === prevLen && folded.startsWith(folded.slice(prevStart, prevStart + len), start) ? run + 1 : 1;
    if (run >= 10) return { rule: "technique.repeated_token", excerpt: `${folded.slice(start, i)} ×10`, index: start, weight: 0.3 };
    prevStart = start;
    prevLen = len;
  }
  return undefined;
}

// Which rules and structural signals can match a text, from one scan for the literals each one's matches must hold
// (required-literals.ts): one whose literals are absent is not run. Built on the first scan.
let prefilter: LiteralPrefilter | undefined;
type Candidates = { folded: Uint8Array; plain: Uint8Array };

/** Rules first (by index in `injectionRules`), then the structural signals (offset by the rules' count). */
function candidatesOf(forms: ReturnType<typeof matchingForms>): Candidates {
  prefilter ??= literalPrefilter([...injectionRules.map((r) => r.pattern), ...structuralPatterns]);
  // The scan reads white-space runs as one space, so scanning `lines` answers for `folded` too; `plain` is the
  // same string as `folded` when nothing was mapped.
  const folded = prefilter.candidates(forms.lines);
  return { folded, plain: forms.plain === forms.folded ? folded : prefilter.candidates(forms.plain) };
}

/** `forms` are `matchingForms(raw)` when the caller has them already (the scanner folds once). */
function ruleMatches(raw: string, forms = matchingForms(raw), candidates = candidatesOf(forms)): Weighted[] {
  const { plain, folded } = forms;
  const out: Weighted[] = [];
  for (const [i, rule] of injectionRules.entries()) {
    if (candidates[rule.form === "plain" ? "plain" : "folded"][i] === 0) continue;
    const target = rule.form === "plain" ? plain : folded;
    const m = rule.pattern.exec(target);
    if (m === null) continue;
    out.push({ rule: rule.id, excerpt: excerptAt(target, m.index, m[0].length), index: m.index, weight: rule.weight, quoted: quotedMention(target, m.index) });
  }
  const repeated = repeatedToken(folded);
  if (repeated !== undefined && !out.some((m) => m.rule === repeated.rule)) out.push(repeated);
  return out;
}

function collect(raw: string, depth: number, redact: (text: string) => string, forms?: ReturnType<typeof matchingForms>, candidates?: Candidates): Weighted[] {
  const matches = [...hiddenMatches(raw, redact), ...ruleMatches(raw, forms, candidates)];
  const tags = raw.search(tagCharPattern) === -1 ? "" : redact(decodeTagCharacters(raw));
  if (tags.length > 0) matches.push(...ruleMatches(tags).map((m) => ({ ...m, rule: `hidden.tag_characters:${m.rule}` })));
  if (depth < maxDecodeDepth) {
    for (const c of decodeCandidates(raw)) {
      const decoded = redact(c.text);
      const inner = collect(decoded, depth + 1, redact);
      matches.push({ rule: `encoded.${c.kind}`, excerpt: decoded.slice(0, 80), index: c.index, weight: inner.length > 0 ? 0.5 : 0.35 });
      matches.push(...inner.map((m) => ({ ...m, rule: `encoded.${c.kind}:${m.rule}`, index: c.index })));
    }
  }
  return matches;
}

/** Combines weights by noisy-OR over distinct rules: independent weak signals add up, none reaches 1. */
function combine(matches: readonly Weighted[]): number {
  const best = new Map<string, number>();
  for (const m of matches) best.set(m.rule, Math.max(best.get(m.rule) ?? 0, m.weight));
  let miss = 1;
  for (const w of best.values()) miss *= 1 - w;
  return Math.round((1 - miss) * 1000) / 1000;
}

/** What the learned model reads from one text: its lower-cased form, the dense signals and the rules' verdict. */
export type InjectionFeatures = { lower: string; dense: Map<SignalName, number>; hits: SignalHit[]; ruleScore: number; floorScore: number; matches: InjectionMatch[]; override: boolean };

function bounded(text: string): string {
  return text.length > maxScanChars ? text.slice(0, maxScanChars / 2) + "\n" + text.slice(-maxScanChars / 2) : text;
}

/** Rules and structural signals of one text (used by the scanner and by the training script). */
export function injectionFeatures(text: string, redact: (text: string) => string = (t) => t): InjectionFeatures {
  const raw = bounded(text);
  // The model reads the rules' folded form (homoglyphs, leetspeak, fullwidth, invisibles) with line breaks kept.
  const forms = matchingForms(raw);
  const lower = forms.lines;
  const candidates = candidatesOf(forms);
  const weighted = collect(raw, 0, redact, forms, candidates);
  const ruleScore = combine(weighted);
  const { values, hits } = structuralSignals(lower, candidates.folded.subarray(injectionRules.length));
  values.set("rule_score", ruleScore);
  if (ruleScore >= ruleThreshold) values.set("rule_fires", 1);
  // Decoded and hidden payloads count too (`encoded.base64:override.ignore_instructions`); a quoted mention does not.
  const override = weighted.some((w) => w.quoted === false && overrideRules.has(w.rule.slice(w.rule.lastIndexOf(":") + 1)));
  // The rule floor counts what is not a quoted mention, as the override floor does (hidden and decoded payloads count).
  const floorScore = combine(weighted.filter((w) => w.quoted !== true));
  return { lower, dense: values, hits, ruleScore, floorScore, matches: weighted.map(({ rule, excerpt, index }) => ({ rule, excerpt, index })), override };
}

/** The calibrated probability for features under `model`. */
export function modelProbability(model: InjectionModel, f: InjectionFeatures): number {
  return withFloors(model, calibrate(model.stack, textLogit(model, f.lower, f.dense), f.dense), f);
}

/**
 * Prompt-injection scan: the learned model scores the text (with the rules and structural signals as
 * features) and the result lists the rules and signals that fired, so the owner sees why. Pure and
 * synchronous; it must never throw on any string. Without a loadable model it scores by rules alone.
 */
export function scanInjection(text: string, options: ScanInjectionOptions = {}): InjectionResult {
  const f = injectionFeatures(text, options.redact);
  const model = shippedModel();
  const threshold = options.threshold ?? (model instanceof Error ? ruleThreshold : defaultInjectionThreshold);
  const score = model instanceof Error ? f.ruleScore : Math.round(modelProbability(model, f) * 1000) / 1000;
  const signals: InjectionMatch[] = f.hits.map((h) => ({ rule: `signal.${h.name}`, excerpt: h.excerpt, index: h.index }));
  return { verdict: score >= threshold ? "suspicious" : "clean", score, matches: [...f.matches, ...signals] };
}
