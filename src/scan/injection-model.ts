import { readFileSync } from "node:fs";

// The learned part of the injection scanner: hashed character and word n-grams plus a few structural
// signals, scored by a logistic regression trained in the repository (src/scan/eval/train.ts) and
// combined with the rules and structural signals by a small stacked logistic regression fitted on scores
// of attack sources the n-gram model never trained on, so the output is a calibrated probability.
// The weights ship as model/injection-model.json and load lazily on the first scan. Inference streams
// over the text without building a feature vector; training builds the same features as a sparse
// vector (`featurize`), and a test checks the two agree.

/** Hashed feature buckets (2^18): collisions cost little for a linear model of this size. */
export const hashBits = 18;
const hashSize = 1 << hashBits;
const hashMask = hashSize - 1;

/** Structural signals, each a dense feature after the hashed ones. Order is part of the model format. */
export const signalNames = [
  "rule_score",
  "rule_fires",
  "agent_address",
  "imperative_to_agent",
  "exfil_to_address",
  "private_data",
  "tool_mention",
  "recipient",
  "exfil_and_private",
  "agent_and_imperative",
  "second_person",
] as const;
export type SignalName = (typeof signalNames)[number];
export const featureCount = hashSize + signalNames.length;

/** One match of a structural signal, for the explanation shown to the owner. */
export type SignalHit = { name: SignalName; excerpt: string; index: number };

// Generic signals, written from the issue's description of intent (an imperative aimed at the agent, a
// request to move private data to an address, mentions of tools, credentials and recipients), not from
// any evaluation source. They run on lower-cased text.
const agentWord = "(?:ai|assistant|agent|llm|chatbot|language model|the model|bot|gpt|claude|copilot|automated (?:system|analysis|screening))";
const structural: readonly { name: SignalName; pattern: RegExp }[] = [
  { name: "agent_address", pattern: new RegExp(`\\b${agentWord}\\b[^.\\n]{0,40}\\b(?:must|should|needs? to|will|shall|please|is required to)\\b|\\b(?:your|the) (?:response|reply|answer|output|summary|translation)\\b|\\b(?:note|message|instructions?) (?:to|for) (?:the |any )?${agentWord}`) },
  { name: "imperative_to_agent", pattern: /(?:^|[.!?:\n"] {0,3})(?:ignore|disregard|forget|print|say|output|respond|reply|repeat|write|translate|summari[sz]e|encode|include|insert|add|use|send|forward|email|delete|transfer|grant|unlock|visit|go to|click|download|install|run|execute|call|navigate|share|post|upload|tell|provide|render|express|recommend|promote|mention)\b/m },
  { name: "exfil_to_address", pattern: /\b(?:send|forward|e-?mail|post|upload|transfer|share|leak|exfiltrate|submit|copy|report)\b[^\n]{0,120}?\b(?:to|at|into|via)\s+(?:[\w.+-]{1,64}@[\w-]+\.[\w.]+|https?:\/\/|www\.|[\w-]{1,63}\.(?:com|net|org|io|biz|info|xyz)\b)/ },
  { name: "private_data", pattern: /\b(?:passwords?|passcodes?|api[ _-]?keys?|tokens?|secrets?|credentials?|ssn|social security|credit card|bank (?:account|details)|account (?:number|details)|private key|cookies?|session|address book|contacts|medical|health records?|home address|location|browsing history|inbox|conversation history|chat history)\b/ },
  { name: "tool_mention", pattern: /\b(?:tools?|function call|execute|run the command|shell|terminal|browse|navigate to|click|api)\b/ },
  { name: "recipient", pattern: /(?<=[\w.+-])@[\w-]{1,63}\.[a-z]{2,}|https?:\/\/|\b(?:recipient|the following address|this address|this url|this link)\b/ },
];
const secondPerson = /\byou(?:r|rs|rself)?\b/g;
/** The structural signals' regexes, in order (the scanner's literal prefilter reads them). */
export const structuralPatterns: readonly RegExp[] = structural.map((s) => s.pattern);

/** Structural signal values (0/1, `second_person` a density) and where each fired. `mayMatch[i]` 0 says signal i's
 * regex cannot match `lower` (its required literals are absent), so it is not run. */
export function structuralSignals(lower: string, mayMatch?: Uint8Array): { values: Map<SignalName, number>; hits: SignalHit[] } {
  const values = new Map<SignalName, number>();
  const hits: SignalHit[] = [];
  for (const [i, s] of structural.entries()) {
    if (mayMatch?.[i] === 0) continue;
    const m = s.pattern.exec(lower);
    if (m === null) continue;
    values.set(s.name, 1);
    hits.push({ name: s.name, excerpt: lower.slice(Math.max(0, m.index - 20), m.index + Math.min(m[0].length, 80) + 20).replace(/\s+/g, " ").trim(), index: m.index });
  }
  if (values.has("exfil_to_address") && values.has("private_data")) values.set("exfil_and_private", 1);
  if (values.has("agent_address") && values.has("imperative_to_agent")) values.set("agent_and_imperative", 1);
  const words = Math.max(1, lower.length / 6);
  const you = Math.min(200, lower.match(secondPerson)?.length ?? 0);
  values.set("second_person", Math.min(1, (you / words) * 10));
  return { values, hits };
}

/** Texts are scored in windows of this many characters (max over windows), so a short instruction
 * buried in a long document is not diluted by the document around it. */
export const windowChars = 2000;
const windowStride = 1000;

/** Start offsets of the windows covering `text` (one window for short texts). */
export function windowStarts(length: number): number[] {
  if (length <= windowChars) return [0];
  const out: number[] = [];
  for (let s = 0; s < length; s += windowStride) {
    out.push(s);
    if (s + windowChars >= length) break;
  }
  return out;
}

const fnvPrime = 0x01000193;
const fnvBasis = 0x811c9dc5;
const charSalt = [0, 0, 0, 0x9e3779b1, 0x85ebca6b, 0xc2b2ae35];
const wordSalt = 0x27d4eb2f;
const bigramSalt = 0x165667b1;

/**
 * Intent classes: words the walk maps to the role they play in an instruction, so the model also sees the
 * shape of a clause apart from its wording ("please · move · private · to · @" whatever the verb, the data
 * or the address). Class bigrams and trigrams within a clause (sentence ends, line breaks, quotes and
 * brackets end one) go to the word block. Written from the issue's description of intent (an imperative
 * aimed at the reader, an action on money, access or private data, a third-party recipient), not from
 * any evaluation source.
 */
const intentClasses = {
  addressee: "you your yours yourself assistant ai agent model chatbot bot gpt claude llm copilot",
  self: "i me my mine we us our",
  polite: "please kindly pls",
  urgency: "must should need needs required immediately now urgently asap important instead",
  override: "ignore disregard forget override bypass skip neglect",
  move: "send forward email e-mail transfer wire pay upload post share move copy deposit export leak submit transmit paste withdraw",
  act: "grant give add invite allow authorize authorise unlock open enable disable reset change update delete remove erase wipe cancel install download run execute visit click navigate book buy order purchase schedule sell donate call dispatch",
  say: "say print output respond reply write repeat include insert mention tell answer translate summarize summarise recommend state display reveal show append",
  private: "access permission permissions admin password passwords passcode key keys token tokens credential credentials secret secrets ssn account accounts bank card contacts inbox emails messages history address location data files documents medical records calendar photos details information",
  money: "money funds payment dollars usd eur btc bitcoin crypto balance",
  instructions: "instructions instruction prompt prompts rules task tasks directive directives guidelines",
  to: "to into via",
  link: "http https www com net org io",
} as const;
type IntentClass = keyof typeof intentClasses | "number" | "at" | "start";
const classIds: readonly IntentClass[] = [...(Object.keys(intentClasses) as (keyof typeof intentClasses)[]), "number", "at", "start"];
const classStart = classIds.indexOf("start") + 1, classNumber = classIds.indexOf("number") + 1, classAt = classIds.indexOf("at") + 1, classMoney = classIds.indexOf("money") + 1;

/** The walk's word hash of `word` (lower case, no digits), salted as in `walk`. */
function wordBucketHash(word: string): number {
  let h = fnvBasis;
  for (let i = 0; i < word.length; i++) h = Math.imul((h ^ word.charCodeAt(i)) >>> 0, fnvPrime);
  return (h ^ wordSalt) >>> 0;
}

// An open-addressed table from word hash to class id (0: no class): one probe for most words, no Map.
const classTableBits = 10;
const classKeys = new Uint32Array(1 << classTableBits), classValues = new Uint8Array(1 << classTableBits);
for (const [name, words] of Object.entries(intentClasses)) {
  for (const w of words.split(" ")) {
    const h = wordBucketHash(w);
    let slot = h >>> (32 - classTableBits);
    while (classValues[slot] !== 0 && classKeys[slot] !== h) slot = (slot + 1) & ((1 << classTableBits) - 1);
    classKeys[slot] = h;
    classValues[slot] = classIds.indexOf(name as IntentClass) + 1;
  }
}
function classOfWord(h: number): number {
  for (let slot = h >>> (32 - classTableBits); classValues[slot] !== 0; slot = (slot + 1) & ((1 << classTableBits) - 1)) if (classKeys[slot] === h) return classValues[slot]!;
  return 0;
}
const classSalt2 = 0x3c6ef372, classSalt3 = 0xa54ff53a;

/** ASCII characters the class n-grams act on: 1 ends a clause (. ! ? ; : line break, double quote, brackets, pipe), 2 is `@`, 3 is `$`. */
const asciiRole = new Uint8Array(128);
for (const c of ".!?;:\n\"{}[]|") asciiRole[c.charCodeAt(0)] = 1;
asciiRole[64] = 2;
asciiRole[36] = 3;

/** Maps one UTF-16 code unit to the character the n-grams see: digits fold to 0, whitespace to a space. */
function foldChar(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0) return 32;
  return c;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 48 || c === 39 || (c > 127 && c !== 0xa0 && c < 0x2000);
}

/**
 * Walks the hashed features of a lower-cased text once: character 3-, 4- and 5-grams (whitespace runs
 * folded to one space), word unigrams and bigrams. `visit(bucket, block, at)` is called once per
 * occurrence; block 0 is characters, 1 words; `at` is the offset where the n-gram ends, which decides
 * the windows it belongs to.
 */
function walk(lower: string, visit: (bucket: number, block: 0 | 1, at: number) => void, onClass?: (cls: IntentClass, at: number) => void): void {
  let c1 = -1, c2 = -1, c3 = -1, c4 = -1;
  let wordHash = 0x811c9dc5, wordLen = 0, prevWord = -1, allDigits = true, beforeQuote = -1;
  // The last two intent classes of the current clause (0: none yet).
  let k1 = classStart, k2 = 0;
  const emitClass = (k: number, at: number): void => {
    const h2 = Math.imul((Math.imul((fnvBasis ^ k1) >>> 0, fnvPrime) ^ k) >>> 0, fnvPrime);
    visit(((h2 ^ classSalt2) >>> 0) & hashMask, 1, at);
    if (k2 !== 0) visit(((Math.imul((h2 ^ k2) >>> 0, fnvPrime) ^ classSalt3) >>> 0) & hashMask, 1, at);
    onClass?.(classIds[k - 1]!, at);
    k2 = k1;
    k1 = k;
  };
  let lastWasSpace = true;
  const end = lower.length;
  for (let i = 0; i <= end; i++) {
    const raw = i < end ? lower.charCodeAt(i) : 10;
    const c = i < end ? foldChar(raw) : 32;
    if (c === 32 && lastWasSpace && i < end) {
      if (raw === 10) {
        k1 = classStart;
        k2 = 0;
      }
      continue;
    }
    lastWasSpace = c === 32;
    const at = Math.min(i, end - 1);
    if (i < end) {
      // Character n-grams ending here, over the last five folded characters.
      if (c2 >= 0) {
        let h = Math.imul((Math.imul((0x811c9dc5 ^ c2) >>> 0, fnvPrime) ^ c1) >>> 0, fnvPrime);
        h = Math.imul((h ^ c) >>> 0, fnvPrime);
        visit(((h ^ charSalt[3]!) >>> 0) & hashMask, 0, at);
        if (c3 >= 0) {
          let h4 = Math.imul((0x811c9dc5 ^ c3) >>> 0, fnvPrime);
          h4 = Math.imul((Math.imul((Math.imul((h4 ^ c2) >>> 0, fnvPrime) ^ c1) >>> 0, fnvPrime) ^ c) >>> 0, fnvPrime);
          visit(((h4 ^ charSalt[4]!) >>> 0) & hashMask, 0, at);
          if (c4 >= 0) {
            let h5 = Math.imul((0x811c9dc5 ^ c4) >>> 0, fnvPrime);
            h5 = Math.imul((Math.imul((Math.imul((Math.imul((h5 ^ c3) >>> 0, fnvPrime) ^ c2) >>> 0, fnvPrime) ^ c1) >>> 0, fnvPrime) ^ c) >>> 0, fnvPrime);
            visit(((h5 ^ charSalt[5]!) >>> 0) & hashMask, 0, at);
          }
        }
      }
      c4 = c3; c3 = c2; c2 = c1; c1 = c;
    }
    // A quote mark opening a word ('please in a Python dict's repr) is punctuation, not part of the word.
    if (isWordChar(c) && !(c === 39 && wordLen === 0)) {
      beforeQuote = c === 39 ? wordHash : -1;
      wordHash = Math.imul((wordHash ^ c) >>> 0, fnvPrime);
      wordLen++;
      if (c !== 48) allDigits = false;
    } else if (wordLen > 0) {
      const w = (wordHash ^ wordSalt) >>> 0;
      visit(w & hashMask, 1, at);
      if (prevWord >= 0) visit((Math.imul((prevWord ^ bigramSalt) >>> 0, fnvPrime) ^ w) >>> 0 & hashMask, 1, at);
      // A closing quote mark ("lock'") does not hide the word's class.
      const k = allDigits ? classNumber : classOfWord(beforeQuote === -1 ? w : (beforeQuote ^ wordSalt) >>> 0);
      if (k !== 0) emitClass(k, at);
      // Punctuation ends the bigram chain: "send. the" is not a phrase.
      prevWord = c === 32 ? w : -1;
      wordHash = 0x811c9dc5;
      wordLen = 0;
      allDigits = true;
    } else if (c !== 32) {
      prevWord = -1;
    }
    const role = raw < 128 ? asciiRole[raw]! : 0;
    if (role === 1) {
      k1 = classStart;
      k2 = 0;
    } else if (role === 2 && i < end) emitClass(classAt, at);
    else if (role === 3 && i < end) emitClass(classMoney, at);
  }
}

/** The intent classes a lower-cased text's words fall in, in order (for tests and explanations). */
export function intentClassSequence(lower: string): IntentClass[] {
  const out: IntentClass[] = [];
  walk(lower, () => undefined, (cls) => out.push(cls));
  return out;
}

/** A sparse feature vector (training side). Indices are unique and sorted. */
export type SparseVector = { indices: Int32Array; values: Float32Array };

/**
 * The hashed features of every window of a text as sparse vectors (one per `windowStarts` entry), each
 * block scaled by 1/sqrt(occurrences) so long and short texts score on one scale. `dense` carries the
 * structural signals.
 */
export function featurizeWindows(lower: string, dense: ReadonlyMap<SignalName, number>): SparseVector[] {
  const events: { bucket: number; block: 0 | 1; at: number }[] = [];
  walk(lower, (bucket, block, at) => events.push({ bucket, block, at }));
  return windowStarts(lower.length).map((start) => {
    const end = start + windowChars;
    const counts = [new Map<number, number>(), new Map<number, number>()];
    const totals = [0, 0];
    for (const e of events) {
      if (e.at < start || e.at >= end) continue;
      counts[e.block]!.set(e.bucket, (counts[e.block]!.get(e.bucket) ?? 0) + 1);
      totals[e.block]!++;
    }
    const merged = new Map<number, number>();
    for (const block of [0, 1] as const) {
      const scale = 1 / Math.sqrt(Math.max(1, totals[block]!));
      for (const [b, n] of counts[block]!) merged.set(b, (merged.get(b) ?? 0) + n * scale);
    }
    signalNames.forEach((name, i) => {
      const v = dense.get(name) ?? 0;
      if (v !== 0) merged.set(hashSize + i, v);
    });
    const indices = Int32Array.from([...merged.keys()].sort((a, b) => a - b));
    return { indices, values: Float32Array.from(indices, (i) => merged.get(i) ?? 0) };
  });
}

/**
 * A trained model: n-gram weights over `featureCount` features and a bias, then the stacker:
 * probability = sigmoid(stack[0] + stack[1] × n-gram logit + Σ stack[2 + i] × signal i).
 */
export type InjectionModel = {
  weights: Float32Array;
  bias: number;
  stack: readonly number[];
  /** Rule score (quoted mentions left out) at or above which the probability is at least `ruleFloorProbability` (see `withFloors`). */
  ruleFloor: number;
};

export const stackSize = 2 + signalNames.length;

/**
 * The highest window logit of a lower-cased text, streamed: one walk sums the weights per stride-sized
 * block (no vector is built) and each window adds up its blocks. Must equal the best
 * `dot(featurizeWindows(...)[k])` (a test checks it).
 */
export function textLogit(model: InjectionModel, lower: string, dense: ReadonlyMap<SignalName, number>): number {
  const w = model.weights;
  const blocks = Math.max(1, Math.ceil(lower.length / windowStride));
  const sums = new Float64Array(blocks * 2), counts = new Uint32Array(blocks * 2);
  walk(lower, (b, block, at) => {
    const k = Math.floor(at / windowStride) * 2 + block;
    sums[k]! += w[b]!;
    counts[k]!++;
  });
  let signals = model.bias;
  signalNames.forEach((name, i) => {
    signals += (dense.get(name) ?? 0) * w[hashSize + i]!;
  });
  let best = -Infinity;
  for (const start of windowStarts(lower.length)) {
    const first = start / windowStride, last = Math.min(blocks, first + windowChars / windowStride);
    let cs = 0, cn = 0, ws = 0, wn = 0;
    for (let k = first; k < last; k++) {
      cs += sums[k * 2]!; cn += counts[k * 2]!;
      ws += sums[k * 2 + 1]!; wn += counts[k * 2 + 1]!;
    }
    best = Math.max(best, signals + cs / Math.sqrt(Math.max(1, cn)) + ws / Math.sqrt(Math.max(1, wn)));
  }
  return best;
}

/** The probability from the n-gram logit and the signals, through the stacker. */
export function calibrate(stack: readonly number[], logit: number, dense: ReadonlyMap<SignalName, number>): number {
  let z = (stack[0] ?? 0) + (stack[1] ?? 0) * logit;
  signalNames.forEach((name, i) => {
    z += (stack[2 + i] ?? 0) * (dense.get(name) ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * Rules whose match alone makes a text suspicious: an explicit "ignore previous instructions" in any of the
 * rules' languages. Out-of-source the n-gram model is unsure of a short override in a language it saw
 * little of, so the probability never drops below `overrideFloor` when one of these fires.
 */
export const overrideRules: ReadonlySet<string> = new Set(["override.ignore_instructions", "override.multilingual"]);
export const overrideFloor = 0.99;

/**
 * The probability a text gets at least when the rules' combined score, leaving out matches inside a
 * quotation in prose (a mention, as for the override floor), reaches the model's `ruleFloor`.
 * The stacker is fitted on out-of-source scores, where the rules (written on two sources) add little
 * beyond the n-gram model and may get no weight at all; the floor keeps their strongest evidence counted
 * whatever the stacker learned, so a rule hit never lowers a score. `ruleFloor` is chosen by the training
 * script on benign tuning texts only (the lowest rule score that at most `ruleFloorFpr` of them reach), so
 * it is fitted without any attack source and, in a fold, without the held-out source's texts.
 */
export const ruleFloorProbability = 0.99;
export const ruleFloorFpr = 0.005;

/** The scanner's probability: the stacker's, raised to the floors when an override rule fired or the rules' unquoted score (`floorScore`) reached `ruleFloor`. */
export function withFloors(model: Pick<InjectionModel, "ruleFloor">, probability: number, f: { override: boolean; floorScore: number }): number {
  let p = probability;
  if (f.override) p = Math.max(p, overrideFloor);
  if (f.floorScore >= model.ruleFloor) p = Math.max(p, ruleFloorProbability);
  return p;
}

/** On-disk form: JSON with the weights as base64 of little-endian float32. */
export type ModelFile = { format: "warden-injection-lr/3"; hashBits: number; signals: readonly string[]; bias: number; stack: readonly number[]; ruleFloor: number; weights: string; trainedOn: Record<string, number> };

export function encodeModel(model: InjectionModel, trainedOn: Record<string, number>): ModelFile {
  return {
    format: "warden-injection-lr/3",
    hashBits,
    signals: signalNames,
    bias: model.bias,
    stack: model.stack,
    ruleFloor: model.ruleFloor,
    weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString("base64"),
    trainedOn,
  };
}

/** Parses a model file, refusing one whose layout does not match this code (fail closed: no model). */
export function decodeModel(raw: unknown): InjectionModel {
  const f = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<ModelFile>;
  if (f.format !== "warden-injection-lr/3") throw new Error(`injection model: unknown format ${String(f.format)}`);
  if (f.hashBits !== hashBits || JSON.stringify(f.signals) !== JSON.stringify(signalNames)) throw new Error("injection model: feature layout differs from this code; retrain with npm run eval:injection");
  const bytes = Buffer.from(String(f.weights), "base64");
  if (bytes.length !== featureCount * 4) throw new Error(`injection model: expected ${featureCount} weights, got ${bytes.length / 4}`);
  const weights = new Float32Array(featureCount);
  for (let i = 0; i < featureCount; i++) weights[i] = bytes.readFloatLE(i * 4);
  const num = (v: unknown, name: string): number => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`injection model: ${name} is not a number`);
    return v;
  };
  if (!Array.isArray(f.stack) || f.stack.length !== stackSize) throw new Error(`injection model: expected ${stackSize} stacker weights`);
  const ruleFloor = num(f.ruleFloor, "ruleFloor");
  if (ruleFloor <= 0) throw new Error("injection model: ruleFloor must be above 0");
  return { weights, bias: num(f.bias, "bias"), stack: f.stack.map((v, i) => num(v, `stack[${i}]`)), ruleFloor };
}

export const modelUrl = new URL("./model/injection-model.json", import.meta.url);

let loaded: InjectionModel | Error | undefined;

/** The shipped model, read on first use. A missing or corrupt file yields the error (the caller falls back to rules). */
export function shippedModel(): InjectionModel | Error {
  if (loaded === undefined) {
    try {
      loaded = decodeModel(JSON.parse(readFileSync(modelUrl, "utf8")));
    } catch (e) {
      loaded = e instanceof Error ? e : new Error(String(e));
    }
  }
  return loaded;
}
