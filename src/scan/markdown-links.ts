/** Placeholder until the parser-based rewriter lands (same contract). */
export type LinkKind = "link" | "image" | "autolink" | "bare" | "definition" | "html";
export type LinkVerdict = { keep: true } | { keep: false };

export function rewriteLinks(markdown: string, judge: (url: string, kind: LinkKind) => LinkVerdict): { text: string; removed: { url: string; kind: LinkKind }[] } {
  const removed: { url: string; kind: LinkKind }[] = [];
  const text = markdown.replace(/(?:https?:)?\/\/[^\s<>"')\]]+/gi, (url) => {
    if (judge(url, "bare").keep) return url;
    removed.push({ url, kind: "bare" });
    return "[link removed by Warden]";
  });
  return { text, removed };
}
