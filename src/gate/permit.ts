/** The only place a permit is made: after the gate allowed a call (and the owner approved it, when asked). */
import { argumentsHash, type Permit } from "../core/permit.ts";

export function issuePermit(tool: string, args: unknown): Permit {
  return { tool, argsHash: argumentsHash(args) } as unknown as Permit;
}
