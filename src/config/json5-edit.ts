/**
 * Minimal-edit writer for the JSON5 config file: turns "the file now holds `before`, make it hold `after`" into
 * text edits at exact ranges of the parsed file (momoa's syntax tree), so the owner's comments, indentation,
 * key and quote style and trailing commas survive every Warden write. Only what changed is touched: a new key is
 * inserted after its last sibling, a removed key is cut out with its comma and its own line, an array that grew
 * gets the new elements appended, anything else has its value replaced in place.
 *
 * INVARIANT: the result is re-parsed with the same JSON5 parser that loads the config and must equal `after`
 * exactly; otherwise nothing is returned and the caller writes nothing (fail closed).
 */
import { isDeepStrictEqual } from "node:util";
import { parse as parseTree, type DocumentNode, type ValueNode, type ObjectNode, type ArrayNode, type MemberNode, type Token } from "@humanwhocodes/momoa";
import JSON5 from "json5";
import type { Json } from "../core/types.ts";

type JsonObject = { [key: string]: Json };
type Step = string | number;
type Op =
  | { kind: "replace"; path: Step[]; value: Json }
  | { kind: "insert"; path: Step[]; key: string; value: Json }
  | { kind: "delete"; path: Step[]; key: string }
  | { kind: "append"; path: Step[]; values: Json[] };
type Style = { indent: string; quote: "'" | '"'; bareKeys: boolean; trailingCommas: boolean };
type Edit = { start: number; end: number; text: string };

export type Json5EditResult = { ok: true; text: string } | { ok: false; why: string };

const defaultStyle: Style = { indent: "  ", quote: "'", bareKeys: true, trailingCommas: false };
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function isPlainObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The primitive edits that turn `before` into `after`, outermost first. */
function diff(path: Step[], before: Json, after: Json, ops: Op[]): void {
  if (isDeepStrictEqual(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) ops.push({ kind: "delete", path, key });
    for (const [key, value] of Object.entries(after)) {
      if (Object.hasOwn(before, key)) diff([...path, key], before[key] as Json, value, ops);
      else ops.push({ kind: "insert", path, key, value });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (after.length > before.length && before.every((item, i) => isDeepStrictEqual(item, after[i]))) {
      ops.push({ kind: "append", path, values: after.slice(before.length) });
      return;
    }
    if (after.length === before.length) {
      after.forEach((item, i) => diff([...path, i], before[i] as Json, item, ops));
      return;
    }
  }
  ops.push({ kind: "replace", path, value: after });
}

function memberName(member: MemberNode): string {
  return member.name.type === "Identifier" ? member.name.name : member.name.value;
}

type Located = { loc: { start: { offset: number }; end: { offset: number } } };

function range(node: Located): [number, number] {
  return [node.loc.start.offset, node.loc.end.offset];
}

function locate(root: ValueNode, path: Step[]): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (const step of path) {
    if (node?.type === "Object" && typeof step === "string") node = node.members.findLast((m) => memberName(m) === step)?.value;
    else if (node?.type === "Array" && typeof step === "number") node = node.elements[step]?.value;
    else return undefined;
  }
  return node;
}

class Source {
  readonly text: string;
  readonly tokens: Token[];
  constructor(text: string, tokens: Token[]) {
    this.text = text;
    this.tokens = tokens;
  }
  lineStart(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }
  /** The whitespace that starts the line holding `offset`. */
  lineIndent(offset: number): string {
    return /^[ \t]*/.exec(this.text.slice(this.lineStart(offset)))?.[0] ?? "";
  }
  sameLine(a: number, b: number): boolean {
    return !this.text.slice(Math.min(a, b), Math.max(a, b)).includes("\n");
  }
  /** The first token starting at or after `offset` that is not a comment. */
  nextCode(offset: number): Token | undefined {
    return this.tokens.find((t) => range(t)[0] >= offset && t.type !== "LineComment" && t.type !== "BlockComment");
  }
  /** `offset` moved past comments that start on the same line (a comment trailing a member belongs to it). */
  pastTrailingComments(offset: number): number {
    let end = offset;
    for (const t of this.tokens) {
      const [s, e] = range(t);
      if (s < end) continue;
      if ((t.type !== "LineComment" && t.type !== "BlockComment") || !this.sameLine(end, s) || this.text.slice(end, s).trim() !== "") break;
      end = e;
    }
    return end;
  }
}

function detectStyle(doc: DocumentNode, src: Source): Style {
  const style = { ...defaultStyle };
  const firstString = src.tokens.find((t) => t.type === "String");
  if (firstString !== undefined) style.quote = src.text[range(firstString)[0]] === '"' ? '"' : "'";
  const names: MemberNode[] = [];
  const walk = (node: ValueNode) => {
    if (node.type === "Object") for (const m of node.members) { names.push(m); walk(m.value); }
    if (node.type === "Array") for (const e of node.elements) walk(e.value);
  };
  walk(doc.body);
  if (names.length > 0) style.bareKeys = names.some((m) => m.name.type === "Identifier");
  const nested = names.find((m) => !src.sameLine(range(doc.body)[0], range(m)[0]));
  if (nested !== undefined) style.indent = src.lineIndent(range(nested)[0]) || defaultStyle.indent;
  const code = src.tokens.filter((t) => t.type !== "LineComment" && t.type !== "BlockComment");
  style.trailingCommas = code.some((t, i) => t.type === "Comma" && (code[i + 1]?.type === "RBrace" || code[i + 1]?.type === "RBracket"));
  return style;
}

function keyText(key: string, style: Style): string {
  return style.bareKeys && identifier.test(key) ? key : JSON5.stringify(key, { quote: style.quote });
}

/** `value` as JSON5 in the file's style; multi-line containers are indented from `base`, inline ones kept on one line. */
function render(value: Json, style: Style, base: string, inline: boolean): string {
  if (value === null || typeof value !== "object") return JSON5.stringify(value, { quote: style.quote });
  const items = Array.isArray(value)
    ? value.map((item) => (inner: string) => render(item, style, inner, inline))
    : Object.entries(value).map(([k, item]) => (inner: string) => `${keyText(k, style)}: ${render(item, style, inner, inline)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (items.length === 0) return `${open}${close}`;
  const pad = Array.isArray(value) ? "" : " ";
  const oneLine = `${open}${pad}${items.map((f) => f("")).join(", ")}${pad}${close}`;
  // Short values (an allow rule) stay on one line, as a person would write them.
  if (inline || (!oneLine.includes("\n") && base.length + oneLine.length <= 80)) return oneLine;
  const inner = base + style.indent;
  return `${open}\n${items.map((f) => inner + f(inner)).join(",\n")}${style.trailingCommas ? "," : ""}\n${base}${close}`;
}

/** Edits that add `entries` (already rendered per indent) after the last child of `container`. */
function addChildren(container: ObjectNode | ArrayNode, isRoot: boolean, children: readonly Located[], entries: ((indent: string, inline: boolean) => string)[], style: Style, src: Source): Edit[] {
  const [open, closeEnd] = range(container);
  const close = closeEnd - 1;
  const last = children.at(-1);
  if (last === undefined && !isRoot && src.sameLine(open, close) && src.text.slice(open + 1, close).trim() === "") {
    const pad = container.type === "Array" ? "" : " ";
    return [{ start: open + 1, end: close, text: `${pad}${entries.map((f) => f("", true)).join(", ")}${pad}` }];
  }
  if (last === undefined) {
    const parentIndent = src.lineIndent(open);
    const indent = parentIndent + style.indent;
    const body = entries.map((f) => `\n${indent}${f(indent, false)}`).join(",") + (style.trailingCommas ? "," : "");
    if (src.sameLine(open, close)) return [{ start: open + 1, end: close, text: `${body}\n${parentIndent}` }];
    const at = src.pastTrailingComments(open + 1);
    return [{ start: at, end: at, text: body }];
  }
  const lastEnd = range(last)[1];
  const after = src.nextCode(lastEnd);
  const hasComma = after?.type === "Comma";
  const at = src.pastTrailingComments(hasComma ? range(after)[1] : lastEnd);
  const body = src.sameLine(open, range(last)[0])
    ? ` ${entries.map((f) => f("", true)).join(", ")}${hasComma ? "," : ""}`
    : entries.map((f) => `\n${src.lineIndent(range(last)[0])}${f(src.lineIndent(range(last)[0]), false)}`).join(",") + (hasComma ? "," : "");
  // INVARIANT: one edit per position, so the comma always lands before the new entries.
  if (hasComma) return [{ start: at, end: at, text: body }];
  if (at === lastEnd) return [{ start: at, end: at, text: `,${body}` }];
  return [{ start: lastEnd, end: lastEnd, text: "," }, { start: at, end: at, text: body }];
}

function deleteMember(obj: ObjectNode, member: MemberNode, style: Style, src: Source): Edit[] {
  let [start, end] = range(member);
  const after = src.nextCode(end);
  if (after?.type === "Comma") end = range(after)[1];
  end = src.pastTrailingComments(end);
  const lineStart = src.lineStart(start);
  const lineEnd = src.text.indexOf("\n", end);
  if (src.text.slice(lineStart, start).trim() === "" && src.text.slice(end, lineEnd === -1 ? undefined : lineEnd).trim() === "") {
    start = lineStart;
    end = lineEnd === -1 ? src.text.length : lineEnd + 1;
  } else {
    end += /^[ \t]*/.exec(src.text.slice(end))?.[0].length ?? 0;
  }
  const edits: Edit[] = [{ start, end, text: "" }];
  // Removing the last member leaves the one before with a trailing comma: drop it where the file has none.
  const index = obj.members.indexOf(member);
  const previous = obj.members[index - 1];
  if (index === obj.members.length - 1 && after?.type !== "Comma" && previous !== undefined && !style.trailingCommas) {
    const comma = src.nextCode(range(previous)[1]);
    if (comma?.type === "Comma") edits.push({ start: range(comma)[0], end: range(comma)[1], text: "" });
  }
  return edits;
}

function isInline(container: ValueNode | undefined, src: Source): boolean {
  if (container === undefined) return false;
  const [s, e] = range(container);
  return src.sameLine(s, e);
}

function editsFor(op: Op, doc: DocumentNode, src: Source, style: Style): Edit[] | string {
  const node = locate(doc.body, op.path);
  const where = op.path.join(".") || "(top level)";
  if (node === undefined) return `\`${where}\` was not found in the file`;
  switch (op.kind) {
    case "replace": {
      const parent = op.path.length === 0 ? undefined : locate(doc.body, op.path.slice(0, -1));
      const [start, end] = range(node);
      return [{ start, end, text: render(op.value, style, src.lineIndent(start), isInline(parent, src)) }];
    }
    case "insert":
      if (node.type !== "Object") return `\`${where}\` is not an object`;
      return addChildren(node, op.path.length === 0, node.members, [(indent, inline) => `${keyText(op.key, style)}: ${render(op.value, style, indent, inline)}`], style, src);
    case "append":
      if (node.type !== "Array") return `\`${where}\` is not an array`;
      return addChildren(node, op.path.length === 0, node.elements, op.values.map((v) => (indent: string, inline: boolean) => render(v, style, indent, inline)), style, src);
    case "delete": {
      if (node.type !== "Object") return `\`${where}\` is not an object`;
      const member = node.members.findLast((m) => memberName(m) === op.key);
      return member === undefined ? [] : deleteMember(node, member, style, src);
    }
  }
}

function apply(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function parseSource(text: string): { doc: DocumentNode; src: Source } {
  const doc = parseTree(text, { mode: "json5", tokens: true });
  return { doc, src: new Source(text, doc.tokens ?? []) };
}

/**
 * The text of `text` (a JSON5 file that parses to `before`) edited to parse to `after`, with everything else
 * left as it was. `{ ok: false, why }` when that cannot be done exactly; a blank file is written afresh.
 */
export function editJson5(text: string, before: JsonObject, after: JsonObject): Json5EditResult {
  if (text.trim() === "") return { ok: true, text: `${render(after, defaultStyle, "", false)}\n` };
  let out = text;
  try {
    const ops: Op[] = [];
    diff([], before, after, ops);
    const first = parseSource(text);
    const style = detectStyle(first.doc, first.src);
    for (const op of ops) {
      // Duplicate keys: JSON5 keeps the last one, so every copy of a deleted key goes.
      for (let round = 0; round < 100; round++) {
        const { doc, src } = parseSource(out);
        const edits = editsFor(op, doc, src, style);
        if (typeof edits === "string") return { ok: false, why: edits };
        if (edits.length === 0) break;
        out = apply(out, edits);
        if (op.kind !== "delete") break;
      }
    }
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  }
  let reparsed: unknown;
  try {
    reparsed = JSON5.parse(out);
  } catch (error) {
    return { ok: false, why: `the edited text would not parse (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isDeepStrictEqual(reparsed, after)) return { ok: false, why: "the edited text would not hold exactly the intended settings" };
  return { ok: true, text: out };
}
