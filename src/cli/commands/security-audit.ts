/**
 * `warden security audit [--json] [--deep] [--fix]` and `warden security threats [--json]`.
 * Wiring: `registerAuditCommands(security)` from `registerSecurityCommands`. Heavy modules load inside the
 * actions. This file is the edge: it reads the environment and hands typed values to src/audit.
 */
import { InvalidArgumentError, type Command } from "commander";
import { fileURLToPath } from "node:url";
import { exitWith } from "../output.ts";
import type { FindSecrets } from "../../audit/types.ts";
import type { FixResult } from "../../audit/index.ts";

type AuditOptions = { json?: boolean; deep?: boolean; fix?: boolean; port?: number; offline?: boolean; osvUrl?: string; snapshot?: string };

const repoFile = (rel: string): string => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError("a port is a whole number from 1 to 65535");
  return n;
}

/** Optional wiring: the gitleaks-based secret rules from src/scan, loaded lazily. */
export type AuditCommandDeps = { loadFindSecrets?: () => Promise<FindSecrets> };

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("give an http(s) URL such as https://api.osv.dev");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidArgumentError("give an http(s) URL such as https://api.osv.dev");
  return url.href;
}

/** `--deep`'s dependency audit over this installation's lock file: osv.dev unless `--offline`, then the snapshot. */
export async function auditInstalledDependencies(options: AuditOptions, fs: typeof import("node:fs")) {
  const [{ auditDependencies }, { DEFAULT_OSV_URL }, { TRUSTED_SNAPSHOT_KEYS }, { SHIPPED_SNAPSHOT }] = await Promise.all([
    import("../../supply/audit-dependencies.ts"), import("../../supply/osv-client.ts"), import("../../supply/trusted-keys.ts"), import("./security-advisories.ts"),
  ]);
  const lockPath = repoFile("package-lock.json");
  let lockText: string;
  try {
    lockText = fs.readFileSync(lockPath, "utf8");
  } catch (error) {
    return { status: "error" as const, error: `\`${lockPath}\` could not be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  const snapshotPath = options.snapshot ?? SHIPPED_SNAPSHOT;
  let snapshotText: string | undefined;
  let snapshotMissing: string | undefined;
  try {
    snapshotText = fs.readFileSync(snapshotPath, "utf8");
  } catch (error) {
    snapshotMissing = `\`${snapshotPath}\` could not be read (${(error as NodeJS.ErrnoException).code ?? "error"})`;
  }
  return auditDependencies({
    lockText,
    snapshotText,
    ...(snapshotMissing === undefined ? {} : { snapshotMissing }),
    trustedKeys: TRUSTED_SNAPSHOT_KEYS,
    now: new Date(),
    ...(options.offline ? {} : { osv: { baseUrl: options.osvUrl ?? DEFAULT_OSV_URL, fetch: globalThis.fetch } }),
  });
}

export async function runSecurityAudit(options: AuditOptions, deps: AuditCommandDeps = {}, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [{ homeFromEnv }, audit, { detectSandbox }, fs] = await Promise.all([
    import("../home-env.ts"), import("../../audit/index.ts"), import("../../sandbox/index.ts"), import("node:fs"),
  ]);
  const { join } = await import("node:path");
  const { readGatewayEndpoint } = await import("../../state/gateway-endpoint.ts");
  const home = homeFromEnv(env);
  const findSecrets = deps.loadFindSecrets ? await deps.loadFindSecrets() : audit.findSecretsFallback;
  const envToken = env.WARDEN_GATEWAY_TOKEN?.trim() ? env.WARDEN_GATEWAY_TOKEN.trim() : undefined;
  const collect = () => audit.collectAuditInput({
    home,
    ...(envToken === undefined ? {} : { envToken }),
    nodeVersion: process.version,
    uid: typeof process.getuid === "function" ? process.getuid() : null,
    detectSandbox: () => detectSandbox(),
    findSecrets,
    ...(options.deep ? {
      deep: async (config, paths) => {
        const gateway = await audit.probeGateway({
          // The running gateway's own record first (it may listen elsewhere than gateway.port), as every client does.
          port: options.port ?? (() => {
            const found = readGatewayEndpoint(paths.home);
            return found.state === "live" ? found.endpoint.port : config.gateway.port;
          })(),
          readSocketTable: () => {
            const parts = ["/proc/net/tcp", "/proc/net/tcp6"].map((p) => { try { return fs.readFileSync(p, "utf8"); } catch { return ""; } });
            return parts.join("\n") === "\n" ? undefined : parts.join("\n");
          },
        });
        const skills = audit.scanTree(join(paths.home, "skills"), findSecrets);
        const dependencies = await auditInstalledDependencies(options, fs);
        return { gateway, ...(skills.skipped === undefined ? { skills } : {}), dependencies };
      },
    } : {}),
  });
  let input = await collect();
  let fixed: FixResult | undefined;
  if (options.fix) {
    const configFile = join(home, "config.json5");
    const before = fs.existsSync(configFile) ? fs.readFileSync(configFile, "utf8") : "";
    fixed = audit.applyFixes(input, configFile);
    const after = fs.existsSync(configFile) ? fs.readFileSync(configFile, "utf8") : "";
    if (after !== before) {
      // Warden's own write: recorded, so the next start does not report it as a change made outside Warden.
      const [{ withOpsState }, { checkConfigIntegrity, recordConfigChange }] = await Promise.all([import("../ops-state.ts"), import("../../app/config-drift.ts")]);
      await withOpsState(({ ops }) => {
        checkConfigIntegrity(ops, before);
        recordConfigChange(ops, after, "audit --fix");
      });
    }
    if (fixed.changes.length > 0) input = await collect();
  }
  const report = audit.runAudit(input);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(fixed ? { ...report, fixed } : report, null, 2)}\n`);
  } else {
    if (fixed) process.stdout.write(audit.renderFixResult(fixed));
    process.stdout.write(audit.renderAuditReport(report));
  }
  return audit.auditExitCode(report);
}

export async function runSecurityThreats(options: { json?: boolean }): Promise<number> {
  const { loadThreatModel, summarizeCoverage, renderCoverage } = await import("../../audit/threat-model/index.ts");
  const model = loadThreatModel(repoFile("threat-model/threats.yaml"));
  const coverage = summarizeCoverage(model);
  process.stdout.write(options.json ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverage(coverage));
  return 0;
}

export function registerAuditCommands(security: Command, deps: AuditCommandDeps = {}): void {
  security
    .command("audit")
    .description("check this deployment's settings and state files; exit 0 = clean or info only, 1 = warnings, 2 = critical findings")
    .option("--json", "print { findings, summary } as JSON")
    .option("--deep", "also probe the running gateway, scan installed skills and check dependencies against OSV advisories (osv.dev, else the signed snapshot)")
    .option("--fix", "repair what is safe (file modes, log redaction, open group policy) and print what changed")
    .option("--port <n>", "gateway port to probe with --deep (default gateway.port)", port)
    .option("--offline", "with --deep: do not ask osv.dev; check dependencies against the signed snapshot only")
    .option("--osv-url <url>", "with --deep: osv.dev's API or a mirror of it (default https://api.osv.dev)", httpUrl)
    .option("--snapshot <file>", "with --deep: the signed advisory snapshot (default advisories/npm-snapshot.json)")
    .action((opts: AuditOptions) => exitWith(() => runSecurityAudit(opts, deps)));
  security
    .command("threats")
    .description("threat model coverage per tactic: threats, mitigated, partial, accepted, tests")
    .option("--json", "print the coverage as JSON")
    .action((opts: { json?: boolean }) => exitWith(() => runSecurityThreats(opts)));
}
