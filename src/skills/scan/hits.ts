/** What a rule reports inside one piece of text, before it is placed in a file; shared by the rule modules. */
import { clientUrl } from "../../scan/url-spans.ts";
import { classifyHost, isRawPublicIp } from "./indicators.ts";
import type { RuleId, Severity } from "./types.ts";

/** `index` is an offset into the text the rule read. */
export type Hit = { ruleId: RuleId; severity: Severity; index: number; evidence: string; message: string };

/** The text at `index`, on one line, at most 160 characters. */
export function evidenceAt(text: string, index: number, length = 120): string {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const start = Math.max(lineStart, index - 30);
  const lineEnd = text.indexOf("\n", index);
  const end = Math.min(lineEnd === -1 ? text.length : lineEnd, index + length);
  const slice = text.slice(start, Math.max(end, start + 1)).replace(/\s+/g, " ").trim();
  return slice.length > 160 ? `${slice.slice(0, 157)}…` : slice;
}

/**
 * How bad it is to fetch code from `raw`: critical from a raw public IP, plain http, a paste, tunnel or
 * request-catcher site; medium from a vendor installer or a documentation host; high from any other host or
 * from a URL that is not written out. `why` is said in the finding's message.
 */
export function sourceSeverity(raw: string | undefined): { severity: Severity; why: string } {
  if (raw === undefined) return { severity: "high", why: "from a location that is not written out" };
  const url = clientUrl(raw.replace(/^(?:git|svn|hg|bzr)\+/i, ""));
  if (url === undefined) return { severity: "high", why: `from \`${raw.slice(0, 80)}\`` };
  if (isRawPublicIp(url)) return { severity: "critical", why: `from the raw IP address ${url.hostname}` };
  const host = classifyHost(url);
  if (host === "paste" || host === "exfil" || host === "tunnel") return { severity: "critical", why: `from ${url.hostname}, a ${host === "paste" ? "paste or file-sharing" : host === "tunnel" ? "tunnel" : "request-catcher"} host` };
  if (host === "installer") return { severity: "medium", why: `from ${url.hostname}, a vendor's documented installer` };
  if (host === "example") return { severity: "medium", why: `from ${url.hostname}, a documentation placeholder` };
  if (url.protocol === "http:") return { severity: "critical", why: `over plain http from ${url.hostname}` };
  return { severity: "high", why: `from ${url.hostname}` };
}
