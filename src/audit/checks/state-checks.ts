/** Permissions of the state directory, the config and credential files, and secrets left in the workspace. */
import type { AuditInput, FileFacts, Finding } from "../types.ts";
import { describeLayoutProblem } from "../../state/layout.ts";

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(3, "0");

function ownerFinding(file: FileFacts, uid: number | null, what: string): Finding[] {
  if (uid === null || file.uid === uid) return [];
  return [{
    checkId: "fs.state.owner_mismatch",
    severity: "warn",
    title: `The ${what} belongs to another user`,
    detail: `\`${file.path}\` is owned by uid ${file.uid}, not by the gateway's uid ${uid}: that user can change Warden's state.`,
    fix: `chown ${uid} '${file.path}'`,
  }];
}

export function checkStateDir(input: Pick<AuditInput, "state" | "uid">): Finding[] {
  const findings: Finding[] = input.state.insideWorkspace.map((problem) => {
    const { message, fix } = describeLayoutProblem(problem);
    return {
      checkId: "fs.state_dir.inside_workspace",
      severity: "critical",
      title: `Warden's ${problem.what} is inside the agent workspace`,
      detail: `${message}; the gateway refuses to start with this layout.`,
      fix: fix.charAt(0).toUpperCase() + fix.slice(1),
    } satisfies Finding;
  });
  const dir = input.state.stateDir;
  if (dir === null) return findings;
  if (dir.isSymlink || !dir.isDirectory) {
    findings.push({
      checkId: "fs.state_dir.symlink",
      severity: "critical",
      title: "The state directory is a symlink or not a directory",
      detail: `\`${dir.path}\` must be a real directory; a link can redirect Warden's credentials and logs elsewhere.`,
      fix: "Move the link away and let Warden create the directory (mode 0700).",
    });
    return findings;
  }
  if ((dir.mode & 0o002) !== 0) {
    findings.push({
      checkId: "fs.state_dir.perms_world_writable",
      severity: "critical",
      title: "Anyone can write into the state directory",
      detail: `\`${dir.path}\` has mode ${octal(dir.mode)}: any local user can replace the config, credentials or activity log.`,
      fix: `chmod 700 '${dir.path}'   (warden security audit --fix does this)`,
    });
  } else if ((dir.mode & 0o020) !== 0) {
    findings.push({
      checkId: "fs.state_dir.perms_group_writable",
      severity: "warn",
      title: "The group can write into the state directory",
      detail: `\`${dir.path}\` has mode ${octal(dir.mode)}.`,
      fix: `chmod 700 '${dir.path}'   (warden security audit --fix does this)`,
    });
  }
  if ((dir.mode & 0o005) !== 0 || (dir.mode & 0o050) !== 0) {
    findings.push({
      checkId: "fs.state_dir.perms_readable",
      severity: "warn",
      title: "Other users can list the state directory",
      detail: `\`${dir.path}\` has mode ${octal(dir.mode)}; it should be 700 so that other users cannot see or reach the files in it.`,
      fix: `chmod 700 '${dir.path}'   (warden security audit --fix does this)`,
    });
  }
  findings.push(...ownerFinding(dir, input.uid, "state directory"));
  return findings;
}

export function checkConfigFile(input: Pick<AuditInput, "state" | "uid" | "configHoldsSecrets">): Finding[] {
  const file = input.state.config;
  if (file === null) return [];
  const findings: Finding[] = [];
  if (file.isSymlink) {
    findings.push({
      checkId: "fs.config.symlink",
      severity: "warn",
      title: "The config file is a symlink",
      detail: `\`${file.path}\` is a link: whoever controls its target controls Warden's settings.`,
      fix: "Replace the link with a regular file (mode 600).",
    });
    return findings;
  }
  if ((file.mode & 0o022) !== 0) {
    findings.push({
      checkId: "fs.config.perms_writable",
      severity: "critical",
      title: "Other users can change the config",
      detail: `\`${file.path}\` has mode ${octal(file.mode)}: another user could turn off authentication or allow every command.`,
      fix: `chmod 600 '${file.path}'   (warden security audit --fix does this)`,
    });
  }
  if ((file.mode & 0o044) !== 0) {
    findings.push({
      checkId: "fs.config.perms_world_readable",
      severity: input.configHoldsSecrets ? "critical" : "warn",
      title: "Other users can read the config",
      detail: `\`${file.path}\` has mode ${octal(file.mode)}${input.configHoldsSecrets ? " and holds credentials (tokens or API keys)" : ""}.`,
      fix: `chmod 600 '${file.path}'   (warden security audit --fix does this)`,
    });
  }
  findings.push(...ownerFinding(file, input.uid, "config file"));
  return findings;
}

export function checkCredentialFiles(input: Pick<AuditInput, "state" | "uid">): Finding[] {
  const findings: Finding[] = [];
  for (const file of input.state.credentials) {
    if (file.isSymlink) {
      findings.push({
        checkId: "fs.credentials.symlink",
        severity: "critical",
        title: "A credential file is a symlink",
        detail: `\`${file.path}\` is a link; Warden refuses to read credentials through links.`,
        fix: "Replace the link with the real file (mode 600).",
      });
      continue;
    }
    if ((file.mode & 0o077) !== 0) {
      findings.push({
        checkId: "fs.credentials.perms_readable",
        severity: "critical",
        title: "Other users can reach a credential file",
        detail: `\`${file.path}\` has mode ${octal(file.mode)}; credentials must be ${file.isDirectory ? "700" : "600"} (owner only).`,
        fix: `chmod ${file.isDirectory ? "700" : "600"} '${file.path}'   (warden security audit --fix does this)`,
      });
    }
  }
  return findings;
}

export function checkWorkspace(input: AuditInput): Finding[] {
  const ws = input.workspace;
  const findings: Finding[] = [];
  if (ws.secrets.length > 0) {
    const shown = ws.secrets.slice(0, 10).map((s) => `\`${s.path}\`:${s.line} (${s.ruleId})`).join(", ");
    const more = ws.secrets.length > 10 ? ` and ${ws.secrets.length - 10} more` : "";
    findings.push({
      checkId: "workspace.secrets_present",
      severity: "warn",
      title: "Credentials sit in the agent's workspace",
      detail: `The agent reads the workspace, so these secrets reach the model and anything it is tricked into sending: ${shown}${more}.`,
      fix: "Move the credentials out of the workspace (into the environment or `warden secrets`), then rotate any that a model or log has already seen.",
    });
  }
  const outbound = input.outboundFolders ?? [];
  if (outbound.length > 0) {
    const shown = outbound.slice(0, 10).map((f) => `\`${f.folder}/\` (${f.signal}: ${f.why})`).join("; ");
    findings.push({
      checkId: "workspace.outbound_folders",
      severity: "info",
      title: "Workspace folders that leave the machine",
      detail: `A write into these folders is judged as a send (asked after untrusted content, refused when a secret is in the context): ${shown}${outbound.length > 10 ? ` and ${outbound.length - 10} more` : ""}.`,
      fix: "If one stays local, say so with `warden config set workspace.localFolders '[\"FOLDER\"]'`; list folders that leave the machine but carry no marker in `workspace.outboundFolders`.",
    });
  }
  if (ws.truncated) {
    findings.push({
      checkId: "workspace.scan_truncated",
      severity: "info",
      title: "The workspace scan stopped at its limits",
      detail: `${ws.filesScanned} files under \`${ws.root}\` were scanned before a size, depth or count cap was reached; the rest was not checked.`,
      fix: "Keep large data sets outside the agent workspace.",
    });
  }
  return findings;
}
