/**
 * Owner chat commands: `/approve ID`, `/deny ID`, `/pair approve [CHANNEL] CODE`, `/pair list`. Parsed, not
 * pattern-matched loosely; anything else is not a command. Only the pipeline decides who may run them.
 */
export type OwnerCommand =
  | { kind: "approve"; id: string }
  | { kind: "deny"; id: string }
  | { kind: "pair-approve"; channel?: string; code: string }
  | { kind: "pair-list" };

const Id = /^[A-Za-z0-9_.:-]{1,128}$/;

/** True when the text is addressed as one of the owner commands (even a malformed one). */
export function looksLikeOwnerCommand(text: string): boolean {
  return /^\/(approve|deny|pair)(@\S+)?(\s|$)/i.test(text.trim());
}

/** Parses an owner command; undefined when the text is not a well-formed one. */
export function parseOwnerCommand(text: string): OwnerCommand | undefined {
  const words = text.trim().split(/\s+/);
  const head = (words[0] ?? "").toLowerCase().replace(/@\S+$/, ""); // Telegram: `/approve@my_bot`
  const args = words.slice(1);
  if ((head === "/approve" || head === "/deny") && args.length === 1 && Id.test(args[0] ?? "")) {
    return { kind: head === "/approve" ? "approve" : "deny", id: args[0] ?? "" };
  }
  if (head === "/pair") {
    const sub = (args[0] ?? "").toLowerCase();
    if (sub === "list" && args.length === 1) return { kind: "pair-list" };
    if (sub === "approve" && args.length === 2) return { kind: "pair-approve", code: args[1] ?? "" };
    if (sub === "approve" && args.length === 3 && Id.test(args[1] ?? "")) {
      return { kind: "pair-approve", channel: (args[1] ?? "").toLowerCase(), code: args[2] ?? "" };
    }
  }
  return undefined;
}

/** The owner's `/new` (and `/reset`): start the session over. */
export function isResetCommand(text: string): boolean {
  return /^\/(new|reset)(@\S+)?$/i.test(text.trim());
}
