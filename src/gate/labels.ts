/**
 * Labels on everything the model can see (information-flow control, as in FIDES and CaMeL).
 *
 * Every context item has a provenance, parsed once from the source string stored with the transcript
 * (`owner`, `external:https://x.example`, `tool:read:notes.txt`, …) into a discriminated union. From the
 * provenance follow two labels:
 *  - integrity: `owner` only for what the owner typed in this session (and Warden's own system notes);
 *    everything else — file contents, command output, fetched pages, messages from anyone else, forwarded or
 *    quoted text, the output of any tool, prompts of jobs created in an untrusted turn — is `untrusted`;
 *  - confidentiality: `public` (the owner's words, fetched public pages, Warden's notes), `private` (workspace
 *    data, command output, transcripts, a contact's or a forwarded message) or `secret` (credentials, known
 *    secret values; assigned by the secret labeler, not by provenance).
 * The model's own output carries the join of its context: a session stays untrusted until the owner resets it.
 */
import { hostOf } from "./urls.ts";

export type Confidentiality = "public" | "private" | "secret";

export type Provenance =
  | { kind: "owner" }
  | { kind: "system" }
  | { kind: "model" }
  | { kind: "web"; origin: string }
  /**
   * `written`: the bytes are the agent's own write, composed in a context of that confidentiality (see
   * fs/file-marks.ts); `unasked`: that context held private data nobody asked for; `described`: `path` is not one
   * file's path but words for what a command or script could read ("files in the workspace").
   */
  | { kind: "file"; path: string; written?: Confidentiality; unasked?: boolean; outside?: boolean; described?: boolean }
  | { kind: "exec" }
  | { kind: "tool"; name: string }
  | { kind: "contact"; id: string }
  | { kind: "stranger"; id: string }
  | { kind: "forwarded"; from: string }
  | { kind: "quoted"; from: string }
  | { kind: "job"; id: string }
  | { kind: "service"; server: string; tool: string }
  /** An installed skill's text (`skill:<name>`, its publisher's words) or its script's output (`skill:<name>/run`). */
  | { kind: "skill"; name: string; run: boolean }
  | { kind: "unknown"; raw: string };

/** Parses a stored source string. Anything not recognised is `unknown`, which is untrusted and private. */
export function parseSource(source: string): Provenance {
  if (source === "owner") return { kind: "owner" };
  if (source === "system") return { kind: "system" };
  if (source === "model") return { kind: "model" };
  const colon = source.indexOf(":");
  const head = colon < 0 ? source : source.slice(0, colon);
  const rest = colon < 0 ? "" : source.slice(colon + 1);
  switch (head) {
    case "external":
      return { kind: "web", origin: rest };
    case "tool":
      if (rest.startsWith("read:")) return { kind: "file", path: rest.slice("read:".length) };
      if (rest.startsWith("agent-file:")) {
        const [tag = "", ...path] = rest.slice("agent-file:".length).split(":");
        const [level, ...flags] = tag.split("+");
        // A level Warden did not write is the worst one.
        const written: Confidentiality = level === "public" || level === "private" ? level : "secret";
        return {
          kind: "file", path: path.join(":"), written,
          ...(flags.includes("unasked") ? { unasked: true } : {}), ...(flags.includes("outside") ? { outside: true } : {}), ...(flags.includes("described") ? { described: true } : {}),
        };
      }
      if (rest === "exec") return { kind: "exec" };
      return { kind: "tool", name: rest };
    case "contact":
      return { kind: "contact", id: rest };
    case "stranger":
      return { kind: "stranger", id: rest };
    case "forwarded":
      return { kind: "forwarded", from: rest };
    case "quoted":
      return { kind: "quoted", from: rest };
    case "job":
      return { kind: "job", id: rest };
    case "mcp": {
      // `mcp:<server>/<tool>`: a connected service's result, the server as its origin.
      const slash = rest.indexOf("/");
      return slash < 0 ? { kind: "service", server: rest, tool: "" } : { kind: "service", server: rest.slice(0, slash), tool: rest.slice(slash + 1) };
    }
    case "skill":
      return rest.endsWith("/run") ? { kind: "skill", name: rest.slice(0, -"/run".length), run: true } : { kind: "skill", name: rest, run: false };
    default:
      return { kind: "unknown", raw: source };
  }
}

/** The one place that says what is untrusted. The model's output is judged by its context, not here. */
export function isUntrusted(p: Provenance): boolean {
  return !(p.kind === "owner" || p.kind === "system" || p.kind === "model");
}

/** Confidentiality by provenance alone; secrets found by the labeler raise it to `secret`. */
export function confidentialityOf(p: Provenance): Confidentiality {
  switch (p.kind) {
    case "owner":
    case "system":
    case "model":
    case "web":
      return "public";
    case "skill":
      // A skill's own text is its publisher's, like a page; what its script printed may hold workspace data.
      return p.run ? "private" : "public";
    case "file":
      return joinConfidentiality("private", p.written ?? "private");
    default:
      return "private";
  }
}

const order: readonly Confidentiality[] = ["public", "private", "secret"];

export function joinConfidentiality(a: Confidentiality, b: Confidentiality): Confidentiality {
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

/**
 * The source of a read of bytes the agent wrote, composed in a context with these labels (its file mark): one file
 * by its path, or (`described`) words for what a command or script could read.
 */
export function agentFileSource(path: string, written: { confidentiality: Confidentiality; unasked?: boolean; outside?: boolean }, described = false): string {
  return `tool:agent-file:${written.confidentiality}${written.unasked === true ? "+unasked" : ""}${written.outside === true ? "+outside" : ""}${described ? "+described" : ""}:${path}`;
}

/**
 * A short human description of where a context item came from, for reasons and approval prompts. A noun phrase
 * without a trailing clause: it is set inside sentences and lists ("… after X entered the context", "(the context
 * holds content from X and 2 more)").
 */
export function describeProvenance(p: Provenance): string {
  switch (p.kind) {
    case "owner":
      return "your own message";
    case "system":
      return "Warden";
    case "model":
      return "the model";
    case "web":
      return p.origin;
    case "file":
      return p.described === true ? p.path : `the file ${p.path}`;
    case "exec":
      return "command output";
    case "tool":
      return `the ${p.name} tool`;
    case "contact":
      return `a message from ${p.id}`;
    case "stranger":
      return `a message from ${p.id}`;
    case "forwarded":
      return `a forwarded message (${p.from})`;
    case "quoted":
      return `quoted text (${p.from})`;
    case "job":
      return `the prompt of scheduled job #${p.id} written in an untrusted turn`;
    case "service":
      return p.tool ? `the answer of \`${p.tool}\` from the MCP server \`${p.server}\`` : `the MCP server \`${p.server}\``;
    case "skill":
      return p.run ? `the output of the skill \`${p.name}\`'s script` : `the text of the skill \`${p.name}\` as its publisher wrote it`;
    case "unknown":
      return p.raw;
  }
}

/** The host a web provenance came from, lower-case, or undefined. */
export function hostOfProvenance(p: Provenance): string | undefined {
  return p.kind === "web" ? hostOf(p.origin) : undefined;
}
