/**
 * The full data-bearing part of an approval request, beside its one-line summary: the unified diff a write or an
 * edit would make, the whole text of a message or a command, a URL with its query decoded. The owner approves
 * what is shown here, so it is never clipped silently: a part too long to keep says how much was left out.
 * Plain data (text); whoever shows it escapes it (the Control UI renders it as text, never as HTML).
 */
import type * as Diff from "diff";
import { lazyRequire } from "../core/lazy-require.ts";

// The diff library loads with the first approval that shows a diff, not at gateway start.
const diff = lazyRequire<typeof Diff>("diff", import.meta.url);

export type ApprovalDetail =
  | { kind: "diff"; path: string; diff: string; note?: string }
  | { kind: "text"; label: string; text: string }
  | { kind: "url"; url: string; parts: { name: string; value: string }[] };

/** The most of one detail text kept with a request (the approvals table holds it; the UI shows it all). */
export const MAX_DETAIL_CHARS = 64 * 1024;
/** Larger sides are not diffed (the diff would block the gateway); the owner is told the sizes instead. */
const MAX_DIFF_INPUT_CHARS = 1024 * 1024;

function bounded(text: string, max = MAX_DETAIL_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[… ${text.length - max} more characters not shown]`;
}

/**
 * The unified diff from `before` to `after` (`before` undefined: the file is new), with three lines of context.
 * Too large to diff in bounded time: the note says so and the diff is empty.
 */
export function diffDetail(path: string, before: string | undefined, after: string, note?: string): ApprovalDetail {
  const old = before ?? "";
  if (old.length > MAX_DIFF_INPUT_CHARS || after.length > MAX_DIFF_INPUT_CHARS) {
    return { kind: "diff", path, diff: "", note: `too large to show as a diff (${old.length} → ${after.length} characters)` };
  }
  const patch = diff().createTwoFilesPatch(before === undefined ? "/dev/null" : `a/${path}`, `b/${path}`, old, after, undefined, undefined, { context: 3, timeout: 2000 });
  if (patch === undefined) return { kind: "diff", path, diff: "", note: "the diff took too long to compute; it is not shown" };
  // The first line is jsdiff's `Index:`/`===` banner; the file headers and hunks follow.
  const body = patch.split("\n").filter((line) => !line.startsWith("=====")).join("\n");
  return { kind: "diff", path, diff: bounded(body), ...(note !== undefined ? { note } : {}) };
}

export function textDetail(label: string, text: string): ApprovalDetail {
  return { kind: "text", label, text: bounded(text) };
}

/** The URL and each query parameter decoded (where a value carries data out, it is plainly visible). */
export function urlDetail(url: string): ApprovalDetail {
  let parts: { name: string; value: string }[] = [];
  try {
    const parsed = new URL(url);
    parts = [...parsed.searchParams].slice(0, 200).map(([name, value]) => ({ name: bounded(name, 2000), value: bounded(value, 8000) }));
    if (parsed.hash.length > 1) parts.push({ name: "#fragment", value: bounded(decodeURIComponentSafe(parsed.hash.slice(1)), 8000) });
  } catch {
    // Not a URL the parser takes: the gate refuses it anyway; the text is shown as given.
  }
  return { kind: "url", url: bounded(url), parts };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A stored detail read back, or undefined when the column is empty or not what this version wrote. */
export function parseStoredDetail(json: string | null): ApprovalDetail | undefined {
  if (json === null) return undefined;
  try {
    const value = JSON.parse(json) as ApprovalDetail;
    return value !== null && typeof value === "object" && (value.kind === "diff" || value.kind === "text" || value.kind === "url") ? value : undefined;
  } catch {
    return undefined;
  }
}
