/**
 * What a client command (one that only talks to the running gateway) reads of the config file: where the gateway
 * listens, the token when the file sets one, and the agent's id. Only those keys are read, so such a command
 * neither loads the schema library nor builds the whole config schema (about half of its start-up,
 * bench/cli-start.bench.ts). The rest of the file is the gateway's to validate when it starts, and
 * `warden config validate`'s on demand.
 * INVARIANT: a value is taken here only where the full schema takes it as it is (client-config.test.ts holds the
 * two side by side); anything else (a bad value, a section that is not an object, a file that is not JSON5) goes
 * through the full validation, so the owner gets the same message naming the key and the fix.
 */
import { existsSync, readFileSync } from "node:fs";
import { agentIdPattern, clientKeyDefaults } from "./client-keys.ts";

export type ClientConfig = {
  gateway: { bind: string; port: number; auth: { token?: string } };
  agent: { id: string };
};

type Section = { [key: string]: unknown };

/** An object section, its default (`{}`) when absent, or undefined when it is anything else (`null` included). */
function section(value: unknown): Section | undefined {
  if (value === undefined) return {};
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Section) : undefined;
}

/**
 * The client's keys when each is absent or plainly valid; undefined sends the file to the full validation. JSON5 is
 * loaded only for a file that exists (5 modules a client command without a config file does not load).
 */
async function readPlainly(file: string): Promise<ClientConfig | undefined> {
  let raw: unknown;
  try {
    raw = existsSync(file) ? (await import("json5")).default.parse(readFileSync(file, "utf8")) : {};
  } catch {
    return undefined;
  }
  const root = raw === undefined ? undefined : section(raw);
  const gateway = section(root?.gateway);
  const auth = section(gateway?.auth);
  const agent = section(root?.agent);
  if (root === undefined || gateway === undefined || auth === undefined || agent === undefined) return undefined;
  const { bind = clientKeyDefaults.bind, port = clientKeyDefaults.port } = gateway;
  const { id = clientKeyDefaults.agentId } = agent;
  const token = auth.token;
  if (typeof bind !== "string" || bind.length < 1) return undefined;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  if (token !== undefined && (typeof token !== "string" || token.length < 1)) return undefined;
  if (typeof id !== "string" || !agentIdPattern.test(id)) return undefined;
  return { gateway: { bind, port, auth: token === undefined ? {} : { token } }, agent: { id } };
}

/**
 * The client's keys of the config file (defaults filled in). Throws the full validation's `WardenError` when one
 * of them, or the file itself, is not valid. Secrets kept in the secret store are not filled in here.
 */
export async function readClientConfig(file: string): Promise<ClientConfig> {
  const plain = await readPlainly(file);
  if (plain !== undefined) return plain;
  const { loadConfig } = await import("./store.ts");
  const full = loadConfig(file);
  const token = full.gateway.auth.token;
  return { gateway: { bind: full.gateway.bind, port: full.gateway.port, auth: token === undefined ? {} : { token } }, agent: { id: full.agent.id } };
}
