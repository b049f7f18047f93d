/**
 * A permit: proof that the gate allowed exactly this call. A tool's `run` takes one and refuses a call whose
 * arguments are not the ones the permit names. The brand is not exported, so a permit cannot be written as a
 * literal: only the gate's `issuePermit` (src/gate/permit.ts) makes one, and skipping it is a compile error.
 */
import { createHash } from "node:crypto";

declare const permitBrand: unique symbol;

/**
 * Where the gate decided a call's paths lead: each path as the call names it, mapped to the real (absolute) path
 * of what the decision judged. The tool acts on that object or refuses (`fs.path_changed`); it never re-resolves
 * the name into something else.
 */
export type DecidedPaths = Readonly<Record<string, string>>;

export type Permit = { readonly [permitBrand]: true; readonly tool: string; readonly argsHash: string; readonly decided: DecidedPaths };

/** The hash a permit is bound to: the JSON of the parsed arguments the gate saw (the loop hands the same object to the tool). */
export function argumentsHash(args: unknown): string {
  return createHash("sha256").update(JSON.stringify(args ?? null) ?? "null").digest("hex");
}

/** Undefined when the permit covers this call; otherwise why not. */
export function permitProblem(permit: Permit | undefined, tool: string, args: unknown): string | undefined {
  if (permit === undefined) return `no permit for \`${tool}\``;
  if (permit.tool !== tool) return `the permit is for \`${permit.tool}\`, not \`${tool}\``;
  if (permit.argsHash !== argumentsHash(args)) return `the permit for \`${tool}\` covers other arguments`;
  return undefined;
}
