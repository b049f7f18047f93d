/**
 * `warden secrets set|list|rotate`: secrets encrypted at rest in the state dir, under a master key kept in
 * the key directory apart from the data. Values are read from stdin or a hidden prompt (never argv, which
 * other users see in `ps` and shells keep in history) and are never printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { configSecretKeys, readRawConfig, unsetConfigValue } from "../../config/store.ts";
import { getDotted, isSecretKey } from "../../config/dotted.ts";
import { INTERNAL_SECRETS } from "../../app/ops-services.ts";
import { recordConfigChange, checkConfigIntegrity } from "../../app/config-drift.ts";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import { checkPasswordStrength } from "../../core/password-strength.ts";
import { withOpsState } from "../ops-state.ts";
import { noteRunningGateway } from "../restart-note.ts";

const MAX_SECRET_BYTES = 64 * 1024;

export function assertSettableSecretName(name: string): void {
  if (INTERNAL_SECRETS.includes(name)) {
    throw new WardenError(ErrorCode.BadRequest, `\`${name}\` is managed by Warden itself; use \`warden token rotate\` or \`warden secrets rotate\``);
  }
  if (!isSecretKey(configSecretKeys, name)) {
    throw new WardenError(ErrorCode.BadRequest, `\`${name}\` is not a secret setting; use one of ${configSecretKeys.map((k) => `\`${k}\``).join(", ")}`);
  }
}

export async function secretsSet(name: string, options: { stdin?: boolean }): Promise<number> {
  assertSettableSecretName(name);
  const value = options.stdin ? await readStdin() : await promptHidden(`Value for ${name} (input hidden): `);
  return secretsSetValue(name, value);
}

/** Stores `value` under the config secret key `name` and moves any plaintext copy out of the config file. */
export function secretsSetValue(name: string, value: string): Promise<number> {
  assertSettableSecretName(name);
  if (value === "") return Promise.reject(new WardenError(ErrorCode.BadRequest, `the value for \`${name}\` is empty; nothing was stored`));
  if (name === "gateway.auth.password") {
    const strength = checkPasswordStrength(value);
    if (!strength.ok) return Promise.reject(new WardenError(ErrorCode.BadRequest, `${strength.why}; nothing was stored`));
  }
  return withOpsState(({ ops }, ctx) => {
    ops.secrets.set(name, value);
    ops.activityLog.append({ kind: "secret", actor: "cli", summary: `secret \`${name}\` set`, data: { name } });
    process.stdout.write(`${name}: stored encrypted in the secret store.\n`);
    // A plaintext copy left in the config file would win over the store and sit in every backup: move it out.
    if (existsSync(ctx.paths.config) && getDotted(readRawConfig(ctx.paths.config), name) !== undefined) {
      checkConfigIntegrity(ops, readFileSync(ctx.paths.config, "utf8"));
      unsetConfigValue(ctx.paths.config, name);
      recordConfigChange(ops, readFileSync(ctx.paths.config, "utf8"), "cli");
      process.stdout.write(`${name}: removed the plaintext value from ${ctx.paths.config}.\n`);
    }
    noteRunningGateway(process.env);
    return 0;
  });
}

export function secretsList(options: { json?: boolean }): Promise<number> {
  return withOpsState(({ ops }) => {
    const list = ops.secrets.list().map((s) => ({ name: s.name, internal: INTERNAL_SECRETS.includes(s.name), updatedAt: new Date(s.updatedAt).toISOString() }));
    if (options.json) process.stdout.write(`${JSON.stringify(list)}\n`);
    else if (list.length === 0) process.stdout.write("No secrets stored.\n");
    else for (const s of list) process.stdout.write(`${s.name}${s.internal ? " (internal)" : ""}  updated ${s.updatedAt}\n`);
    return 0;
  });
}

export function secretsRotate(): Promise<number> {
  return withOpsState(({ ops }, ctx) => {
    const { keyId, count } = ops.secrets.rotate();
    ops.activityLog.append({ kind: "secret", actor: "cli", summary: `master key rotated to ${keyId} (${count} secrets re-encrypted)`, data: { keyId, count } });
    process.stdout.write(`Re-encrypted ${count} secret(s) under a new master key in ${ctx.paths.keys}; the old key was deleted. Back up the key directory again.\n`);
    return 0;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_SECRET_BYTES) throw new WardenError(ErrorCode.BadRequest, `a secret is at most ${MAX_SECRET_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(new WardenError(ErrorCode.BadRequest, "no terminal to prompt on; pipe the value with `--stdin` (e.g. `printf %s \"$KEY\" | warden secrets set NAME --stdin`)"));
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const done = (error?: Error): void => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer): void => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new WardenError(ErrorCode.Cancelled, "cancelled; nothing was stored"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
        if (value.length > MAX_SECRET_BYTES) return done(new WardenError(ErrorCode.BadRequest, `a secret is at most ${MAX_SECRET_BYTES} bytes`));
      }
    };
    input.on("data", onData);
  });
}
