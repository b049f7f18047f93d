import type { Risk } from "../core/decision.ts";
import { awkNames, checkAwk } from "./awk-rules.ts";
import { checkSed, sedNames } from "./sed-rules.ts";
import { checkArithmetic } from "./arith-rules.ts";

/** A known effect of a binary that is not on the allowlist, so the owner sees what it would do. */
export type BinaryEffect = { id: string; risk: Risk; message: string; fact: "network" | "executesCode" | "deletes" | "writes" };

const shells = ["sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "csh", "tcsh", "ash", "rbash", "yash"];
const interpreters: Record<string, readonly string[]> = {
  python: ["-c"], python2: ["-c"], python3: ["-c"], perl: ["-e", "-E"], ruby: ["-e"], node: ["-e", "-p", "--eval", "--print"],
  nodejs: ["-e", "-p", "--eval", "--print"], deno: ["eval"], bun: ["-e", "--eval"], php: ["-r"], lua: ["-e"],
  luajit: ["-e"], tclsh: [], wish: [], busybox: [], osascript: ["-e"],
  R: ["-e"], Rscript: ["-e"], julia: ["-e"], pwsh: ["-c", "-Command"], expect: ["-c"], gdb: ["-ex"], vim: ["-c"],
  nvim: ["-c"], emacs: ["--eval"], ed: [], ex: ["-c"], pypy: ["-c"], pypy3: ["-c"],
};
const codeRunners = new Set(["make", "npx", "npm", "pnpm", "yarn", "cargo", "go", "pip", "pip3", "uv", "poetry",
  "gradle", "mvn", "watch", "script", "at", "batch", "crontab", "systemd-run", "nohup", "setsid", "strace", "ltrace",
  "unbuffer", "parallel", "flock", "chroot", "nsenter", "unshare", "bwrap", "docker", "podman", "kubectl", "ssh-agent",
  "eval", "exec", "source", ".", "trap", "alias", "xargs"]);
const network = new Set(["curl", "wget", "nc", "ncat", "netcat", "socat", "ssh", "scp", "sftp", "rsync", "ftp", "telnet",
  "ping", "ping6", "dig", "nslookup", "host", "whois", "http", "https", "xh", "aria2c", "lynx", "links", "w3m",
  "openssl", "nmap", "tftp", "ssh-keyscan", "mail", "sendmail", "mutt", "smbclient", "ldapsearch", "gh", "aws",
  "gcloud", "az", "git-remote-http", "traceroute", "mtr", "arp", "ip", "ifconfig", "tcpdump", "iptables"]);
const destructive = new Set(["rm", "rmdir", "shred", "unlink", "dd", "truncate", "wipefs", "fdisk", "parted", "sfdisk",
  "mkfs", "srm", "kill", "pkill", "killall", "reboot", "shutdown", "halt", "poweroff", "systemctl", "crontab"]);
const writers = new Set(["cp", "mv", "tee", "touch", "mkdir", "chmod", "chown", "chgrp", "ln", "install", "patch", "tar",
  "unzip", "gzip", "gunzip", "bzip2", "xz", "zip", "split", "csplit", "mktemp", "sponge", "rsync", "dd", "truncate",
  "setfacl", "chattr", "mkfifo", "mknod", "perl", "git", "base64", "xxd"]);
const gitNetwork = new Set(["fetch", "pull", "push", "clone", "ls-remote", "submodule", "remote", "archive", "send-email",
  "request-pull", "svn", "p4", "daemon", "http-fetch", "http-push", "upload-pack", "receive-pack"]);
const gitDestructive = new Set(["clean", "reset", "rm", "checkout", "restore", "stash", "gc", "prune", "filter-branch",
  "update-ref", "worktree"]);

/** Git's global options that take their value as the next argument (`git -C dir checkout …`). */
const gitGlobalWithValue = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--super-prefix", "--config-env", "--exec-path", "--list-cmds", "--attr-source"]);

/** The subcommand of `git ARGS` past its global options (`git -C proj checkout` is `checkout`), and what follows it. */
export function gitSubcommand(args: readonly string[]): { sub?: string; rest: readonly string[] } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (gitGlobalWithValue.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith("-")) return { sub: a, rest: args.slice(i + 1) };
  }
  return { rest: [] };
}

/**
 * `git checkout -b NAME [START]` and `git switch -c NAME [START]`: a new branch, switched to, with the work tree's
 * changes carried over (git refuses when they conflict). `-B`/`-C` reset an existing branch, `-f`, `--` and paths
 * discard changes: any other argument is not this form.
 */
function createsBranchOnly(sub: string, rest: readonly string[]): boolean {
  const flag = sub === "checkout" ? "-b" : sub === "switch" ? "-c" : undefined;
  if (flag === undefined || rest[0] !== flag || rest.length < 2 || rest.length > 3) return false;
  return rest.slice(1).every((a) => a !== "" && !a.startsWith("-"));
}

export function isShell(name: string): boolean {
  return shells.includes(name);
}

/** What a binary is known to do, from its name and arguments. Empty for unknown binaries. */
export function classifyBinary(realName: string, args: readonly string[]): BinaryEffect[] {
  // `python3.12`, `perl5.36`, `lua5.4`: judged as the interpreter they are.
  const versioned = /^(python|pypy|perl|ruby|node|php|lua|tclsh|wish|pwsh)[\d.]*$/.exec(realName);
  const name = versioned !== null && versioned[1] !== undefined && !(realName in interpreters) ? (versioned[1] === "python" ? "python3" : versioned[1]) : realName;
  const effects: BinaryEffect[] = [];
  const mkfs = name.startsWith("mkfs");
  if ((isShell(name) || name in interpreters) && checkArithmetic(name, args)?.ok === true) {
    // Code that only computes and prints (arith-rules.ts): no effect to report.
  } else if (isShell(name) || name in interpreters) {
    const inline = isShell(name) ? ["-c"] : (interpreters[name] ?? []);
    const hasInline = args.some((a) => inline.includes(a) || (isShell(name) && /^-[a-z]*c[a-z]*$/.test(a)));
    const awkLike = ["ed", "busybox", "tclsh", "wish"].includes(name);
    const message = hasInline || awkLike
      ? `\`${name}\` runs inline code given on the command line (\`system()\`, \`-c\`, \`-e\`)`
      : `\`${name}\` runs a script or code read from its input`;
    effects.push({ id: "exec.inline_code", risk: "high", message, fact: "executesCode" });
  } else if (awkNames.has(name)) {
    // awk runs its program; what that program can reach is judged from its text (awk-rules.ts).
    const runs = checkAwk(name, args).reasons.find((r) => r.id === "exec.inline_code");
    if (runs !== undefined) effects.push({ id: "exec.inline_code", risk: "high", message: runs.message, fact: "executesCode" });
  } else if (sedNames.has(name)) {
    // sed runs its script; what that script can reach is judged from its text (sed-rules.ts).
    for (const r of checkSed(name, args).reasons) {
      if (r.id === "exec.inline_code") effects.push({ id: r.id, risk: "high", message: r.message, fact: "executesCode" });
      else if (r.id === "exec.writes") effects.push({ id: r.id, risk: "medium", message: r.message, fact: "writes" });
    }
  } else if (codeRunners.has(name)) {
    effects.push({ id: "exec.inline_code", risk: "high", message: `\`${name}\` runs other programs or project scripts`, fact: "executesCode" });
  }
  if (network.has(name)) {
    effects.push({ id: "exec.network", risk: "high", message: `\`${name}\` reaches the network`, fact: "network" });
  }
  if (destructive.has(name) || mkfs) {
    effects.push({ id: "exec.destructive", risk: "high", message: `\`${name}\` deletes or destroys data`, fact: "deletes" });
  }
  if (writers.has(name) && name !== "git") {
    effects.push({ id: "exec.writes", risk: "medium", message: `\`${name}\` writes files`, fact: "writes" });
  }
  if (name === "git") {
    const { sub, rest } = gitSubcommand(args);
    if (sub !== undefined && gitNetwork.has(sub)) {
      effects.push({ id: "exec.network", risk: "high", message: `\`git ${sub}\` reaches the network`, fact: "network" });
    }
    if (sub !== undefined && createsBranchOnly(sub, rest)) {
      effects.push({ id: "exec.writes", risk: "medium", message: `\`git ${sub} ${rest[0] ?? ""}\` creates a branch and switches to it (local changes are kept)`, fact: "writes" });
    } else if (sub !== undefined && gitDestructive.has(sub)) {
      effects.push({ id: "exec.destructive", risk: "high", message: `\`git ${sub}\` can discard work`, fact: "deletes" });
    }
  }
  return effects;
}
