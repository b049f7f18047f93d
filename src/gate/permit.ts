/** The only place a permit is made: after the gate allowed a call (and the owner approved it, when asked). */
import { argumentsHash, type DecidedPaths, type Permit } from "../core/permit.ts";

/** `decided`: the paths the allowed assessment resolved (its `decided`), which the tool must act on exactly. */
export function issuePermit(tool: string, args: unknown, decided: DecidedPaths = {}): Permit {
  return { tool, argsHash: argumentsHash(args), decided } as unknown as Permit;
}
