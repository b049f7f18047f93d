/**
 * The skill format: an Agent Skills `SKILL.md` (YAML frontmatter with `name`, `description`, optional `license`,
 * `compatibility`, `metadata`, `allowed-tools`; then Markdown instructions) plus, for a skill that has scripts or
 * install steps, a capability manifest `capabilities.json` saying what its scripts may touch. OpenClaw's
 * `metadata.openclaw` is read both as a nested object and as a JSON string, so existing skills install.
 * Pure: works on bytes already read (and verified); every problem names the file, the field and why.
 */
import type * as Yaml from "yaml";
import { z } from "zod";
import type { Json } from "../core/types.ts";
import { lazyRequire } from "../core/lazy-require.ts";
import { SkillName } from "./skill-name.ts";

// The YAML parser (~9 MB resident) loads with the first SKILL.md parsed: a gateway without skills never pays for it.
const yaml = lazyRequire<typeof Yaml>("yaml", import.meta.url);

export const SkillMdFile = "SKILL.md";
export const CapabilitiesFile = "capabilities.json";

/** One thing wrong with a skill: where, which field, why. */
export type SkillProblem = { file: string; field?: string; why: string };


const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, "an environment variable name is upper-case A-Z, 0-9 and `_`");
/** Names that change how the loader or a shell behaves before a script's first line: never grantable. */
const LoaderEnv = /^(LD_|DYLD_|BASH_FUNC_|GIT_)|^(BASH_ENV|ENV|SHELLOPTS|BASHOPTS|PS4|PROMPT_COMMAND|IFS|NODE_OPTIONS|PYTHONSTARTUP|PYTHONPATH|PERL5OPT|PERL5LIB|RUBYOPT|PATH|HOME)$/;

/** A workspace-relative path: no leading `/`, no `..`, no empty segment (`.` means the whole workspace). */
const WorkspacePath = z.string().min(1).max(512).refine((p) => p === "." || (!p.startsWith("/") && p.split("/").every((s) => s !== ".." && s !== "." && s !== "")), "a workspace path is relative, without `..`, `.` segments or `//` (`.` alone is the whole workspace)");

/** A host name a script may reach (through the egress filter, once connected): a DNS name, no scheme, no port. */
const HostName = z.string().min(1).max(253).refine((h) => /^(\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(h), "a host is a lower-case DNS name (optionally `*.` for subdomains), without scheme, port or path");

/** An executable a script runs: a bare name looked up in the system's program folders, or an absolute path in one; the only programs its sandbox holds. */
const Executable = z.string().min(1).max(256).regex(/^(\/[^\0]+|[A-Za-z0-9._+-]+)$/, "an executable is a bare name or an absolute path");

/** What a skill's scripts may touch. Everything not declared is refused; nothing is implied by anything else. */
export const capabilitiesSchema = z.strictObject({
  filesystem: z.strictObject({
    read: z.array(WorkspacePath).max(64).default([]),
    write: z.array(WorkspacePath).max(64).default([]),
  }).prefault({}),
  network: z.strictObject({ hosts: z.array(HostName).max(64).default([]) }).prefault({}),
  env: z.array(EnvName.refine((n) => !LoaderEnv.test(n), "this variable changes how programs start; a skill cannot be granted it")).max(64).default([]),
  executables: z.array(Executable).max(64).default([]),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const NoCapabilities: Capabilities = { filesystem: { read: [], write: [] }, network: { hosts: [] }, env: [], executables: [] };

/** OpenClaw's `metadata.openclaw` (also spelled `clawdbot`/`clawdis` by older skills): what we read of it. */
const openclawSchema = z.looseObject({
  emoji: z.string().optional(),
  homepage: z.string().optional(),
  requires: z.looseObject({
    bins: z.array(z.string()).optional(),
    anyBins: z.array(z.string()).optional(),
    env: z.array(z.string()).optional(),
    config: z.array(z.string()).optional(),
  }).optional(),
  primaryEnv: z.string().optional(),
  install: z.array(z.unknown()).optional(),
});
export type OpenclawMetadata = z.infer<typeof openclawSchema>;

const frontmatterSchema = z.looseObject({
  name: SkillName,
  description: z.string().trim().min(1, "a description is required").max(1024, "a description is at most 1024 characters"),
  license: z.string().max(256).optional(),
  compatibility: z.string().min(1).max(500, "compatibility is at most 500 characters").optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  "allowed-tools": z.union([z.string().max(4096), z.array(z.string())]).optional(),
});

/** Frontmatter keys OpenClaw skills carry besides the spec's; accepted and ignored. Others are warnings. */
const KnownExtraKeys = new Set(["homepage", "user-invocable", "disable-model-invocation", "command-dispatch", "command-tool", "command-arg-mode", "version"]);
const OpenclawKeys = ["openclaw", "clawdbot", "clawdis"] as const;

export type SkillDefinition = {
  name: string;
  description: string;
  license?: string;
  compatibility?: string;
  /** The spec's string map (nested objects other than OpenClaw's are kept as JSON text). */
  metadata: Record<string, string>;
  allowedTools: string[];
  openclaw?: OpenclawMetadata;
  /** The Markdown after the frontmatter: the skill's instructions (untrusted text). */
  instructions: string;
  /** Declared capabilities; `NoCapabilities` when the skill needs none. */
  capabilities: Capabilities;
  hasScripts: boolean;
  hasInstallSteps: boolean;
  warnings: SkillProblem[];
};

export type ParsedSkill = { ok: true; skill: SkillDefinition } | { ok: false; problems: SkillProblem[] };

/** Splits `---\nYAML\n---\nbody`; the frontmatter must open on the first line. */
function splitFrontmatter(text: string): { yaml: string; body: string } | undefined {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return undefined;
  return { yaml: match[1] ?? "", body: source.slice(match[0].length) };
}

function issuesToProblems(file: string, error: z.ZodError, prefix = ""): SkillProblem[] {
  return error.issues.map((issue) => ({ file, field: `${prefix}${issue.path.map(String).join(".")}` || undefined, why: issue.message }) as SkillProblem);
}

function readOpenclaw(metadata: Record<string, unknown>, problems: SkillProblem[]): OpenclawMetadata | undefined {
  for (const key of OpenclawKeys) {
    const raw = metadata[key];
    if (raw === undefined) continue;
    let value: unknown = raw;
    if (typeof raw === "string") {
      try {
        value = JSON.parse(raw);
      } catch {
        problems.push({ file: SkillMdFile, field: `metadata.${key}`, why: "the string is not JSON; write the OpenClaw metadata as a nested object or as a JSON string" });
        return undefined;
      }
    }
    const parsed = openclawSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(...issuesToProblems(SkillMdFile, parsed.error, `metadata.${key}.`));
      return undefined;
    }
    return parsed.data;
  }
  return undefined;
}

/**
 * Parses a skill from its files (`path → bytes`, POSIX relative paths). Refuses, with every problem found: no or
 * malformed SKILL.md, a spec field out of range, scripts or install steps without a capability manifest, a
 * manifest that does not parse. Unknown frontmatter keys are warnings.
 */
export function parseSkill(files: ReadonlyMap<string, Buffer>): ParsedSkill {
  const problems: SkillProblem[] = [];
  const warnings: SkillProblem[] = [];
  const md = files.get(SkillMdFile);
  if (md === undefined) return { ok: false, problems: [{ file: SkillMdFile, why: "a skill has a SKILL.md at its root" }] };
  const split = splitFrontmatter(md.toString("utf8"));
  if (split === undefined) return { ok: false, problems: [{ file: SkillMdFile, why: "SKILL.md starts with YAML frontmatter between `---` lines" }] };
  const doc = yaml().parseDocument(split.yaml, { uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.slice(0, 5).map((e) => ({ file: SkillMdFile, field: "frontmatter", why: e.message.split("\n")[0] ?? "invalid YAML" })) };
  let raw: unknown;
  try {
    // No aliases: a frontmatter has no use for them, and they are how YAML bombs expand.
    raw = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    return { ok: false, problems: [{ file: SkillMdFile, field: "frontmatter", why: e instanceof Error ? e.message : String(e) }] };
  }
  const front = frontmatterSchema.safeParse(raw);
  if (!front.success) return { ok: false, problems: issuesToProblems(SkillMdFile, front.error) };
  const data = front.data;
  for (const key of Object.keys(data)) {
    if (!(key in frontmatterSchema.shape) && !KnownExtraKeys.has(key)) warnings.push({ file: SkillMdFile, field: key, why: "not an Agent Skills field; ignored" });
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(data.metadata ?? {})) metadata[key] = typeof value === "string" ? value : JSON.stringify(value as Json);
  const openclaw = data.metadata ? readOpenclaw(data.metadata, problems) : undefined;
  const allowed = data["allowed-tools"];
  const allowedTools = allowed === undefined ? [] : Array.isArray(allowed) ? allowed : allowed.split(/\s+/).filter((s) => s !== "");

  const hasScripts = [...files.keys()].some((p) => p.startsWith("scripts/"));
  const hasInstallSteps = (openclaw?.install?.length ?? 0) > 0;
  let capabilities = NoCapabilities;
  const capsFile = files.get(CapabilitiesFile);
  if (capsFile !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(capsFile.toString("utf8"));
    } catch (e) {
      problems.push({ file: CapabilitiesFile, why: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
    if (json !== undefined) {
      const caps = capabilitiesSchema.safeParse(json);
      if (caps.success) capabilities = caps.data;
      else problems.push(...issuesToProblems(CapabilitiesFile, caps.error));
    }
  } else if (hasScripts || hasInstallSteps) {
    problems.push({ file: CapabilitiesFile, why: `the skill has ${hasScripts ? "scripts/" : "install steps"} but no capability manifest; declare what its scripts may touch (filesystem, network hosts, env, executables), even if nothing: {}` });
  }
  const undeclaredEnv = (openclaw?.requires?.env ?? []).filter((name) => !capabilities.env.includes(name));
  if (undeclaredEnv.length > 0 && capsFile !== undefined) warnings.push({ file: SkillMdFile, field: "metadata.openclaw.requires.env", why: `${undeclaredEnv.join(", ")} not declared in capabilities.json; the scripts will not see ${undeclaredEnv.length === 1 ? "it" : "them"}` });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    skill: {
      name: data.name,
      description: data.description,
      ...(data.license !== undefined ? { license: data.license } : {}),
      ...(data.compatibility !== undefined ? { compatibility: data.compatibility } : {}),
      metadata,
      allowedTools,
      ...(openclaw !== undefined ? { openclaw } : {}),
      instructions: split.body,
      capabilities,
      hasScripts,
      hasInstallSteps,
      warnings,
    },
  };
}

/** Problems as lines for a person: `file: field: why`. */
export function describeProblems(problems: readonly SkillProblem[]): string {
  return problems.map((p) => `${p.file}${p.field ? `: \`${p.field}\`` : ""}: ${p.why}`).join("\n");
}
