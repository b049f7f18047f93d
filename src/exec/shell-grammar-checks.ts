// Checks of the bash grammar's known blind spots, found by comparing its trees with what real bash runs.
import type { Node, Tree } from "web-tree-sitter";

/** Reports a problem with a stable reason id. */
export type ProblemFn = (id: string, message: string) => void;

// Characters after which bash starts a comment at `#`.
const commentStarters = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);

/**
 * Every character of the command must belong to a token of the tree or be a blank between tokens, and a comment
 * must start where bash would start one. The grammar silently drops text bash keeps: `ls \ #; rm x` is one
 * comment to the grammar but runs `rm x` in bash.
 */
export function checkCoverage(tree: Tree, source: string, problem: ProblemFn): void {
  const cursor = tree.walk();
  let at = 0;
  const report = (what: string) => problem("exec.parse_error", `the grammar and bash read \`${what.slice(0, 40)}\` differently`);
  try {
    for (;;) {
      const type = cursor.nodeType;
      const isLeaf = type === "heredoc_body" || type === "comment" || !cursor.gotoFirstChild();
      if (isLeaf) {
        const start = cursor.startIndex;
        if (start > at && !/^[ \t\n]*$/.test(source.slice(at, start))) report(source.slice(at, start));
        if (type === "comment" && start > 0 && !commentStarters.has(source[start - 1] ?? "")) report(source.slice(start - 1));
        at = Math.max(at, cursor.endIndex);
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) {
            if (at < source.length && !/^[ \t\n]*$/.test(source.slice(at))) report(source.slice(at));
            return;
          }
        }
      }
    }
  } finally {
    cursor.delete();
  }
}

const redirectTypes = new Set(["file_redirect", "heredoc_redirect", "herestring_redirect"]);

/** A word may touch a following redirect operator (`a.txt>out`), but nothing else may touch. */
export function mayAbut(previous: Node, next: Node): boolean {
  return !redirectTypes.has(previous.type) && redirectTypes.has(next.type) && next.childForFieldName("descriptor") === null
    && /^[<>&]/.test(next.text);
}

/**
 * Text between a node's children that the grammar skipped. Only blanks may separate words; anything else
 * (`\ ` escaped spaces, for one) is text bash keeps and the grammar dropped.
 */
export function checkGaps(node: Node, problem: ProblemFn): void {
  const text = node.text;
  const base = node.startIndex;
  let at = base;
  for (const child of node.children) {
    if (child === null) continue;
    const gap = text.slice(at - base, child.startIndex - base);
    if (child.type !== "heredoc_body" && !/^[ \t]*$/.test(gap)) {
      problem("exec.parse_error", `the grammar skipped \`${gap}\` in \`${text.slice(0, 40)}\``);
    }
    at = Math.max(at, child.endIndex);
  }
}
