import path from "node:path";
import { EGRESS_SOCKET_INSIDE } from "./egress-bridge.ts";
import type { SandboxFs } from "./types.ts";

/**
 * The system part of the sandbox, read-only. Not /etc as a whole: it holds secrets (shadow, ssh host keys,
 * ssl/private, sudoers, apt auth.conf.d, NetworkManager Wi-Fi passwords, fstab credentials, docker config).
 * Not /opt, /srv, /var, /run (the Docker socket lives there), /home, /root or /sys.
 */
export const SYSTEM_PATHS: readonly string[] = [
  "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
];

/** The /etc entries ordinary tools need: user and name lookups, the loader cache, TLS roots, time zone. */
export const ETC_ENTRIES: readonly string[] = [
  "passwd", "group", "nsswitch.conf", "hosts", "host.conf", "gai.conf", "protocols", "services",
  "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "alternatives",
  "ssl/certs", "ssl/openssl.cnf", "ca-certificates", "ca-certificates.conf", "pki/tls/certs",
  "mime.types", "magic", "magic.mime", "os-release", "debian_version", "lsb-release", "shells", "inputrc",
  "locale.alias", "perl", "python3",
];

export type ProfileInput = {
  workspace: string;
  cwd: string;
  hiddenPaths: readonly string[];
  /** Real paths inside the workspace to show empty (credential files): `/dev/null` over a file, an empty read-only tmpfs over a directory. */
  maskPaths?: readonly string[];
  network: boolean;
  /** The workspace inside the sandbox: read-write (default, exec), read-only, or not there (a service's grant). */
  workspaceAccess?: "write" | "read" | "none";
  /**
   * Opened directories or files inside the workspace bound read-write at their real path, whatever `workspaceAccess`
   * is (a skill's declared write grant): `fd` is the descriptor's number in bubblewrap's process, bound with
   * `--bind-fd`, so what is bound is what was opened and verified, never what the path resolves to by then.
   */
  writeGrants?: readonly { fd: number; real: string }[];
  /** Extra absolute paths bound read-only at their real path (a service's own install directory). */
  readPaths?: readonly string[];
  /**
   * The unix socket of an egress proxy, bound at `EGRESS_SOCKET_INSIDE`: the only way out of a sandbox that keeps
   * its own network namespace (host-scoped network). Never together with `network`.
   */
  egressSocket?: string;
  /**
   * Only these system files instead of the whole read-only system (`SYSTEM_PATHS`): a skill's declared
   * executables with what they need to start (see `executables.ts`). Real paths, bound read-only; symlinks made.
   */
  system?: { binds: readonly string[]; symlinks: readonly (readonly [string, string])[] };
  /** The size cap of each private tmpfs (/tmp, /var/tmp), in bytes; none when the bubblewrap here cannot set one. */
  tmpBytes?: number;
};

/** More masks than this is not a workspace a person keeps; refused rather than built into a huge mount table. */
export const MAX_MASKS = 4096;

export type Profile = { ok: true; args: string[]; workspace: string; cwd: string } | { ok: false; why: string };

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent === "/" ? "/" : `${parent}/`);
}

function realOrNull(fs: SandboxFs, p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** A system path becomes a read-only bind, or a symlink when it is one (merged-/usr layouts). */
function mountSystemPath(fs: SandboxFs, p: string, args: string[]): void {
  let st;
  try {
    st = fs.lstatSync(p);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) {
    args.push("--symlink", fs.readlinkSync(p), p);
  } else if (st.isDirectory()) {
    args.push("--ro-bind", p, p);
  }
}

/**
 * Mounts that cover credential files inside the workspace. A mask cannot be moved from inside (a mount point is
 * busy) and renaming one of its parents carries the mount along; the next command is masked afresh by name.
 */
function maskArgs(fs: SandboxFs, workspace: string, maskPaths: readonly string[]): { ok: true; args: string[] } | { ok: false; why: string } {
  if (maskPaths.length > MAX_MASKS) return { ok: false, why: `the workspace holds more than ${MAX_MASKS} credential files to mask` };
  const args: string[] = [];
  const sorted = [...new Set(maskPaths)].sort();
  const done: string[] = [];
  for (const p of sorted) {
    if (!path.isAbsolute(p) || p !== path.normalize(p)) return { ok: false, why: `the masked path \`${p}\` must be absolute and normal` };
    if (p === workspace || !isWithin(p, workspace)) return { ok: false, why: `the masked path \`${p}\` is not inside the workspace` };
    if (done.some((d) => isWithin(p, d))) continue; // already inside a masked directory
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      continue; // gone since the scan: nothing to show
    }
    // INVARIANT: never mount onto a symlink: bubblewrap would follow it to wherever it now points.
    if (st.isSymbolicLink() || realOrNull(fs, p) !== p) return { ok: false, why: `the credential path \`${p}\` changed into a link while the command was prepared` };
    if (st.isDirectory()) args.push("--tmpfs", p, "--remount-ro", p);
    else args.push("--ro-bind", "/dev/null", p);
    done.push(p);
  }
  return { ok: true, args };
}

/**
 * Builds the bubblewrap arguments for one command (everything before `--`). Refuses, with a reason, when the
 * request cannot be confined as promised: relative or missing paths, a cwd outside the workspace, or a
 * workspace that is itself a hidden path.
 */
export function buildBubblewrapProfile(fs: SandboxFs, input: ProfileInput): Profile {
  if (!path.isAbsolute(input.workspace) || !path.isAbsolute(input.cwd)) {
    return { ok: false, why: `workspace \`${input.workspace}\` and cwd \`${input.cwd}\` must be absolute paths` };
  }
  const workspace = realOrNull(fs, input.workspace);
  if (workspace === null || !fs.statSync(workspace).isDirectory()) {
    return { ok: false, why: `the workspace \`${input.workspace}\` does not exist or is not a directory` };
  }
  if (workspace === "/") return { ok: false, why: "the workspace cannot be the root directory" };
  const cwd = realOrNull(fs, input.cwd);
  if (cwd === null || !isWithin(cwd, workspace)) {
    return { ok: false, why: `the cwd \`${input.cwd}\` does not exist or lies outside the workspace \`${input.workspace}\`` };
  }

  const args: string[] = [
    "--unshare-all",
    ...(input.network ? ["--share-net"] : []),
    "--die-with-parent",
    // A new session stops TIOCSTI keystroke injection into the gateway's terminal.
    "--new-session",
    // As root bubblewrap keeps every capability unless told; without this the command could remount / rw.
    "--cap-drop", "ALL",
    "--hostname", "warden-sandbox",
  ];
  const mounted: string[] = [];
  if (input.system === undefined) {
    for (const p of SYSTEM_PATHS) {
      mountSystemPath(fs, p, args);
      const real = realOrNull(fs, p);
      if (real !== null) mounted.push(real);
    }
  } else {
    for (const [target, link] of input.system.symlinks) args.push("--symlink", target, link);
    for (const p of input.system.binds) {
      if (!path.isAbsolute(p) || realOrNull(fs, p) !== p) return { ok: false, why: `the system file \`${p}\` is not a real absolute path` };
      args.push("--ro-bind", p, p);
      mounted.push(p);
    }
  }
  for (const entry of ETC_ENTRIES) {
    const p = `/etc/${entry}`;
    if (!fs.existsSync(p)) continue;
    args.push("--ro-bind", p, p);
    const real = realOrNull(fs, p);
    if (real !== null) mounted.push(real);
  }
  if (input.network && fs.existsSync("/etc/resolv.conf")) args.push("--ro-bind", "/etc/resolv.conf", "/etc/resolv.conf");
  const size = input.tmpBytes === undefined ? [] : ["--size", String(Math.max(1024 * 1024, Math.floor(input.tmpBytes)))];
  args.push("--proc", "/proc", "--dev", "/dev", ...size, "--tmpfs", "/tmp", ...size, "--tmpfs", "/var/tmp");
  if (input.egressSocket !== undefined) {
    if (input.network) return { ok: false, why: "a command gets either the whole network or host-scoped egress, not both" };
    if (!path.isAbsolute(input.egressSocket) || !fs.existsSync(input.egressSocket)) return { ok: false, why: `the egress proxy socket \`${input.egressSocket}\` does not exist; the command is not started without its filter` };
    args.push("--ro-bind", input.egressSocket, EGRESS_SOCKET_INSIDE);
  }
  for (const extra of input.readPaths ?? []) {
    const real = path.isAbsolute(extra) ? realOrNull(fs, extra) : null;
    if (real === null || real === "/") return { ok: false, why: `the read-only path \`${extra}\` must be an absolute path that exists (and not /)` };
    args.push("--ro-bind", real, real);
    mounted.push(real);
  }
  // INVARIANT: the workspace is bound after /tmp so a workspace under /tmp sits on top of the fresh tmpfs.
  const access = input.workspaceAccess ?? "write";
  if (access !== "none") {
    args.push(access === "write" ? "--bind" : "--ro-bind", workspace, workspace);
    mounted.push(workspace);
  }
  for (const granted of input.writeGrants ?? []) {
    const { real } = granted;
    // INVARIANT: a write grant never reaches outside the workspace; the caller verified the descriptor's real path.
    if (!path.isAbsolute(real) || real === workspace || !isWithin(real, workspace)) return { ok: false, why: `the write grant \`${real}\` must be an opened path inside the workspace (and not the workspace itself)` };
    args.push("--bind-fd", String(granted.fd), real);
    mounted.push(real);
  }
  const masked = maskArgs(fs, workspace, input.maskPaths ?? []);
  if (!masked.ok) return masked;
  args.push(...masked.args);

  for (const hidden of input.hiddenPaths) {
    if (!path.isAbsolute(hidden)) return { ok: false, why: `the hidden path \`${hidden}\` must be absolute` };
    const real = realOrNull(fs, hidden);
    if (real === null) continue; // nothing there to see
    if (isWithin(workspace, real)) {
      if (workspace === real) return { ok: false, why: `the workspace \`${input.workspace}\` is a hidden path; pick a workspace that does not hold Warden's state or the home directory` };
      continue; // only the workspace below it is bound; the rest of it does not exist in the sandbox
    }
    if (isWithin(real, workspace)) {
      // INVARIANT: never "cover" a hidden path inside the writable workspace: the command can rename one of its
      // parents (only the mount point itself is busy), and the next run would see it under the new name.
      return { ok: false, why: `the hidden path \`${hidden}\` lies inside the workspace \`${input.workspace}\`, where a command could move it into view; keep Warden's state and the home directory outside the workspace` };
    }
    if (!mounted.some((m) => isWithin(real, m))) continue;
    // A hidden path inside a read-only system mount: cover it (it cannot be moved from inside).
    if (fs.statSync(real).isDirectory()) args.push("--tmpfs", real, "--remount-ro", real);
    else args.push("--ro-bind", "/dev/null", real);
  }
  // The root is bubblewrap's own tmpfs; read-only so a write outside the workspace and /tmp fails loudly.
  const inside = access === "none" ? "/tmp" : cwd;
  args.push("--remount-ro", "/", "--chdir", inside);
  return { ok: true, args, workspace, cwd: inside };
}
