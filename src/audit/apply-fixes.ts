/**
 * `--fix`: repairs what is safe to repair without asking — permissions of Warden's own state files, log
 * redaction and open group policies. It only ever tightens: it never rotates a secret, never loosens a
 * setting and never touches a file through a symlink or a file owned by another user.
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync } from "node:fs";
import { setConfigValue } from "../config/store.ts";
import { registeredChannelSettings } from "../channels/registry.ts";
import type { AuditInput, FileFacts } from "./types.ts";

export type FixChange = { checkId: string; target: string; change: string };
export type FixResult = { changes: FixChange[]; failures: { checkId: string; target: string; error: string }[] };

/** Tightens `file` to `mode` through an fd opened without following links, re-checking what was opened. */
function tighten(file: FileFacts, mode: number, uid: number | null): string | undefined {
  const fd = openSync(file.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (uid !== null && st.uid !== uid) throw new Error(`owned by uid ${st.uid}, not ${uid}; left alone`);
    const current = st.mode & 0o777;
    // INVARIANT: only bits are removed (current & mode); a fix never grants a permission.
    const next = current & mode;
    if (next === current) return undefined;
    fchmodSync(fd, next);
    return `mode ${current.toString(8)} -> ${next.toString(8)}`;
  } finally {
    closeSync(fd);
  }
}

export function applyFixes(input: AuditInput, configFile: string): FixResult {
  const result: FixResult = { changes: [], failures: [] };
  const chmod = (checkId: string, file: FileFacts | null, mode: number) => {
    if (file === null || file.isSymlink) return;
    try {
      const change = tighten(file, mode, input.uid);
      if (change) result.changes.push({ checkId, target: file.path, change });
    } catch (error) {
      result.failures.push({ checkId, target: file.path, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const dir = input.state.stateDir;
  chmod(dir && (dir.mode & 0o002) !== 0 ? "fs.state_dir.perms_world_writable" : "fs.state_dir.perms_readable", dir, 0o700);
  const cfg = input.state.config;
  chmod(cfg && (cfg.mode & 0o022) !== 0 ? "fs.config.perms_writable" : "fs.config.perms_world_readable", cfg, 0o600);
  for (const cred of input.state.credentials) chmod("fs.credentials.perms_readable", cred, cred.isDirectory ? 0o700 : 0o600);

  if (input.configError !== undefined) {
    if (input.config.logging.redactSensitive === "off" || Object.values(input.config.channels).some((c) => "groupPolicy" in c && c.groupPolicy === "open")) {
      result.failures.push({ checkId: "config.invalid", target: configFile, error: "the config does not load; settings were not changed" });
    }
    return result;
  }
  const setting = (checkId: string, key: string, from: string, to: string) => {
    try {
      setConfigValue(configFile, key, to);
      result.changes.push({ checkId, target: key, change: `${from} -> ${to}` });
    } catch (error) {
      result.failures.push({ checkId, target: key, error: error instanceof Error ? error.message : String(error) });
    }
  };
  if (input.config.logging.redactSensitive === "off") setting("logging.redact_off", "logging.redactSensitive", "off", "tools");
  for (const [name, access] of registeredChannelSettings(input.config.channels)) {
    if (access.groupPolicy === "open") setting("channels.group_policy_open", `channels.${name}.groupPolicy`, "open", "allowlist");
  }
  return result;
}
