import { test } from "node:test";
import assert from "node:assert/strict";
import { configSchema, type WardenConfigInput } from "../config/schema.ts";
import { runAudit, auditExitCode } from "./run-audit.ts";
import type { AuditInput, Severity } from "./types.ts";

function input(config: WardenConfigInput = {}, overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    config: configSchema.parse(config),
    configHoldsSecrets: false,
    credentialLength: 43,
    passwordWeakness: null,
    implicitOwners: [],
    state: {
      stateDir: { path: "/h", isSymlink: false, isDirectory: true, mode: 0o700, uid: 1000 },
      insideWorkspace: [],
      config: { path: "/h/config.json5", isSymlink: false, isDirectory: false, mode: 0o600, uid: 1000 },
      credentials: [
        { path: "/h/credentials", isSymlink: false, isDirectory: true, mode: 0o700, uid: 1000 },
        { path: "/h/credentials/gateway-token", isSymlink: false, isDirectory: false, mode: 0o600, uid: 1000 },
      ],
    },
    uid: 1000,
    sandbox: { kind: "bubblewrap", path: "/usr/bin/bwrap", shell: "/bin/bash" },
    nodeVersion: "v24.21.0",
    workspace: { root: "/h/workspace", filesScanned: 0, truncated: false, secrets: [] },
    ...overrides,
  };
}

const withMode = (base: AuditInput, which: "stateDir" | "config", mode: number): AuditInput => {
  const facts = base.state[which];
  assert.ok(facts);
  return { ...base, state: { ...base.state, [which]: { ...facts, mode } } };
};

test("the default configuration on a healthy host has no warning or critical finding", () => {
  const report = runAudit(input());
  assert.deepEqual(report.findings.filter((f) => f.severity !== "info"), []);
  assert.equal(auditExitCode(report), 0);
});

test("exec granted network hosts is reported, naming them; the whole network stays a warning", () => {
  const scoped = runAudit(input({ tools: { exec: { networkHosts: ["api.github.com"] } } })).findings.find((f) => f.checkId === "tools.exec.network_hosts");
  assert.equal(scoped?.severity, "info");
  assert.match(scoped?.detail ?? "", /api\.github\.com/);
});

test("an MCP server granted network hosts is reported, naming them (info: the grant is filtered and was approved)", () => {
  const report = runAudit(input({ mcp: { servers: { gh: { command: "gh-server", network: { allow: ["api.github.com"] } } } } }));
  const found = report.findings.find((f) => f.checkId === "mcp.server_network_granted");
  assert.equal(found?.severity, "info");
  assert.match(found?.detail ?? "", /api\.github\.com/);
});

const cases: [string, AuditInput, string, Severity][] = [
  ["bind lan + auth none", input({ gateway: { bind: "lan", auth: { mode: "none" } } }, { credentialLength: null }), "gateway.bind_no_auth", "critical"],
  ["loopback + auth none", input({ gateway: { auth: { mode: "none" } } }, { credentialLength: null }), "gateway.loopback_no_auth", "warn"],
  ["short token on lan", input({ gateway: { bind: "lan" } }, { credentialLength: 12 }), "gateway.token_too_short", "critical"],
  ["short token on loopback", input({}, { credentialLength: 12 }), "gateway.token_too_short", "warn"],
  ["short password", input({ gateway: { auth: { mode: "password" } } }, { credentialLength: 7 }), "gateway.token_too_short", "warn"],
  ["loose auth rate limit", input({ gateway: { bind: "lan", auth: { rateLimit: { maxFailures: 1000, lockoutMs: 1000 } } } }), "gateway.auth_no_rate_limit", "warn"],
  ["open DM policy, enabled", input({ channels: { telegram: { enabled: true, dmPolicy: "open", allowFrom: ["*"] } } }), "channels.dm_policy_open", "critical"],
  ["open DM policy, disabled channel", input({ channels: { slack: { dmPolicy: "open", allowFrom: ["*"] } } }), "channels.dm_policy_open", "warn"],
  ["open DM without *", input({ channels: { telegram: { enabled: true, dmPolicy: "open" } } }), "channels.allow_from_missing", "warn"],
  ["allowlist with no one", input({ channels: { telegram: { enabled: true, dmPolicy: "allowlist" } } }), "channels.allow_from_missing", "warn"],
  ["open groups", input({ channels: { slack: { enabled: true, groupPolicy: "open" } } }), "channels.group_policy_open", "warn"],
  ["open groups without mention", input({ channels: { slack: { enabled: true, groupPolicy: "open", requireMention: false } } }), "channels.group_policy_open", "critical"],
  ["open channel + exec grant", input({ channels: { telegram: { enabled: true, dmPolicy: "open", allowFrom: ["*"], toolGrants: { "*": ["exec"] } } } }), "exposure.open_channel_exec", "critical"],
  ["open channel + exec full", input({ tools: { exec: { security: "full" } }, channels: { slack: { enabled: true, groupPolicy: "open" } } }), "exposure.open_channel_exec", "critical"],
  ["open channel + file tools", input({ channels: { telegram: { enabled: true, dmPolicy: "open", allowFrom: ["*"], toolGrants: { "*": ["read", "write"] } } } }), "exposure.open_channel_fs", "critical"],
  ["exec full", input({ tools: { exec: { security: "full" } } }), "tools.exec.security_full_configured", "critical"],
  ["MCP server unsandboxed", input({ mcp: { servers: { fs: { command: "fs-server", sandbox: "off" } } } }), "mcp.server_unsandboxed", "critical"],
  ["MCP server may write the workspace", input({ mcp: { servers: { fs: { command: "fs-server", workspace: "write" } } } }), "mcp.server_workspace_write", "warn"],
  ["MCP server unsandboxed with a network grant", input({ mcp: { servers: { gh: { command: "gh-server", sandbox: "off", network: { allow: ["api.github.com"] } } } } }), "mcp.server_network_granted", "warn"],
  ["MCP server over plain http", input({ mcp: { servers: { api: { url: "http://api.example/mcp" } } } }), "mcp.server_plain_http", "warn"],
  ["MCP tool changed after approval", input({ mcp: { servers: { api: { url: "https://api.example/mcp" } } } }, { mcpTools: [{ server: "api", tool: "search", status: "changed" }] }), "mcp.tools_changed", "warn"],
  ["sandbox missing", input({}, { sandbox: { kind: "none", why: "bubblewrap is not installed", shell: "/bin/bash" } }), "tools.exec.sandbox_unavailable", "warn"],
  ["sandbox missing + exec full", input({ tools: { exec: { security: "full" } } }, { sandbox: { kind: "none", why: "no", shell: "/bin/bash" } }), "tools.exec.sandbox_unavailable", "critical"],
  ["sandbox off", input({ tools: { exec: { sandbox: "off" } } }), "tools.exec.sandbox_unavailable", "warn"],
  ["exec network", input({ tools: { exec: { network: true } } }), "tools.exec.network_on", "warn"],
  ["redaction off", input({ logging: { redactSensitive: "off" } }), "logging.redact_off", "warn"],
  ["AWS key in workspace", input({}, { workspace: { root: "/w", filesScanned: 3, truncated: false, secrets: [{ path: "notes/aws.txt", ruleId: "aws-access-token", line: 2 }] } }), "workspace.secrets_present", "warn"],
  ["state dir world-writable", withMode(input(), "stateDir", 0o777), "fs.state_dir.perms_world_writable", "critical"],
  ["state dir readable", withMode(input(), "stateDir", 0o755), "fs.state_dir.perms_readable", "warn"],
  ["config world-readable", withMode(input(), "config", 0o644), "fs.config.perms_world_readable", "warn"],
  ["config world-readable with secrets", withMode(input({}, { configHoldsSecrets: true }), "config", 0o644), "fs.config.perms_world_readable", "critical"],
  ["config writable by others", withMode(input(), "config", 0o666), "fs.config.perms_writable", "critical"],
  ["token readable", input({}, { state: { ...input().state, credentials: [{ path: "/h/credentials/gateway-token", isSymlink: false, isDirectory: false, mode: 0o644, uid: 1000 }] } }), "fs.credentials.perms_readable", "critical"],
  ["state owned by someone else", input({}, { uid: 1001 }), "fs.state.owner_mismatch", "warn"],
  ["old node", input({}, { nodeVersion: "v20.20.2" }), "runtime.node_unsupported", "warn"],
  ["config that does not load", input({}, { configError: "bad" }), "config.invalid", "critical"],
  ["implicit owner", input({ channels: { telegram: { enabled: true } } }, { implicitOwners: [{ channel: "telegram", senderId: "42" }] }), "channels.owner_implicit", "warn"],
  ["weak password on loopback", input({ gateway: { auth: { mode: "password" } } }, { passwordWeakness: "the gateway password has 7 characters" }), "gateway.password_weak", "critical"],
  ["weak password beyond loopback", input({ gateway: { bind: "lan", auth: { mode: "password" } } }, { passwordWeakness: "too predictable" }), "gateway.password_weak", "critical"],
];

for (const [name, auditInput, checkId, severity] of cases) {
  test(`${name} → ${checkId} (${severity})`, () => {
    const report = runAudit(auditInput);
    const found = report.findings.find((f) => f.checkId === checkId && f.severity === severity);
    assert.ok(found, `expected ${checkId}/${severity}, got ${JSON.stringify(report.findings.map((f) => `${f.checkId}/${f.severity}`))}`);
    assert.ok(found.fix.length > 0 && found.detail.length > 0);
    assert.equal(auditExitCode(report), report.summary.critical > 0 ? 2 : 1);
  });
}

test("workspace folders that leave the machine are listed with their signals, as information", () => {
  const report = runAudit(input({}, { outboundFolders: [{ folder: "shared", signal: "marker", why: "Syncthing marks the folders it syncs with `.stfolder`, and it is there" }] }));
  const found = report.findings.find((f) => f.checkId === "workspace.outbound_folders");
  assert.equal(found?.severity, "info");
  assert.match(found?.detail ?? "", /`shared\/` \(marker: Syncthing/);
  assert.equal(auditExitCode(report), 0);
});

test("an MCP server never approved is an info finding: it is configured but never started", () => {
  const report = runAudit(input({ mcp: { servers: { api: { url: "https://api.example/mcp" } } } }));
  assert.ok(report.findings.some((f) => f.checkId === "mcp.server_unapproved" && f.severity === "info"));
  assert.equal(auditExitCode(report), 0);
});

test("findings never carry the secret text, only where it is", () => {
  const report = runAudit(input({}, { workspace: { root: "/w", filesScanned: 1, truncated: false, secrets: [{ path: "k.txt", ruleId: "aws-access-token", line: 1 }] } }));
  assert.doesNotMatch(JSON.stringify(report), /AKIA/);
});

test("summary counts and ordering: critical first, then by check id", () => {
  const report = runAudit(input({ tools: { exec: { security: "full" } }, logging: { redactSensitive: "off" } }));
  assert.equal(report.findings[0]?.severity, "critical");
  assert.equal(report.summary.total, report.findings.length);
  assert.equal(report.summary.worst, "critical");
  assert.equal(report.summary.critical + report.summary.warn + report.summary.info, report.summary.total);
});

test("deep probe results become findings: unauthenticated API, WebSocket, cross-site origin, bind mismatch", () => {
  const deep = input({}, {
    deep: {
      gateway: { reachable: true, url: "http://127.0.0.1:1", apiUnauthenticatedStatus: 200, apiCrossOriginStatus: 200, wsUnauthenticatedAccepted: true, wsCrossOriginAccepted: true, windowMs: 20_000, listenAddresses: ["0.0.0.0"] },
      dependencies: {
        status: "checked", packagesChecked: 1, source: "signed snapshot of 2026-11-25T00:00:00.000Z (1 advisories)", snapshotDate: "2026-11-25T00:00:00.000Z", reasons: [], project: null,
        matches: [{ package: "ws", version: "8.0.0", id: "GHSA-x", aliases: [], summary: "t", severity: "high", url: "https://example.invalid/", affected: "<8.17.1" }],
      },
    },
  });
  const ids = runAudit(deep).findings.map((f) => f.checkId);
  for (const id of ["gateway.probe.api_unauthenticated", "gateway.probe.ws_unauthenticated", "gateway.probe.origin_not_checked", "gateway.probe.bind_mismatch", "dependencies.vulnerable", "dependencies.checked"]) {
    assert.ok(ids.includes(id), id);
  }
  const unrun = runAudit(input({}, { deep: { dependencies: { status: "unrun", packagesChecked: 3, source: null, snapshotDate: "2026-11-01T00:00:00.000Z", reasons: ["snapshot refused: the snapshot is 30 days old"], matches: [], project: null } } }));
  const finding = unrun.findings.find((f) => f.checkId === "dependencies.unrun");
  assert.equal(finding?.severity, "warn");
  assert.match(finding?.detail ?? "", /NOT checked.*2026-11-01.*30 days old/);
  assert.ok(!unrun.findings.some((f) => f.checkId === "dependencies.checked"), "unrun is never reported as checked");
  const healthy = runAudit(input({}, { deep: { gateway: { reachable: true, url: "u", apiUnauthenticatedStatus: 401, apiCrossOriginStatus: 403, wsUnauthenticatedAccepted: false, wsCrossOriginAccepted: false, windowMs: 20_000, listenAddresses: ["127.0.0.1"] } } }));
  assert.deepEqual(healthy.findings.filter((f) => f.severity !== "info"), []);
});

test("a probe the gateway did not answer is reported as not made: neither a pass nor a cross-site finding", () => {
  const busy = runAudit(input({}, { deep: { gateway: { reachable: true, url: "http://127.0.0.1:1", apiUnauthenticatedStatus: 401, apiCrossOriginStatus: null, wsUnauthenticatedAccepted: null, wsCrossOriginAccepted: null, windowMs: 20_000, listenAddresses: null } } }));
  const ids = busy.findings.map((f) => f.checkId);
  assert.ok(!ids.includes("gateway.probe.origin_not_checked") && !ids.includes("gateway.probe.ws_unauthenticated"), ids.join(", "));
  const unanswered = busy.findings.find((f) => f.checkId === "gateway.probe.unanswered");
  assert.equal(unanswered?.severity, "warn");
  assert.match(unanswered?.detail ?? "", /did not answer \/api with a cross-site Origin, a WebSocket method call without a credential, a WebSocket upgrade with a cross-site Origin within 20 s, so those checks were NOT made/);
  // One unanswered probe beside a refusal still reports the refusal it got.
  const half = runAudit(input({}, { deep: { gateway: { reachable: true, url: "u", apiUnauthenticatedStatus: 401, apiCrossOriginStatus: 200, wsUnauthenticatedAccepted: false, wsCrossOriginAccepted: null, windowMs: 20_000, listenAddresses: null } } }));
  assert.ok(half.findings.some((f) => f.checkId === "gateway.probe.origin_not_checked" && /answered HTTP 200.*upgrade unanswered/.test(f.detail)));
  assert.match(half.findings.find((f) => f.checkId === "gateway.probe.unanswered")?.detail ?? "", /did not answer a WebSocket upgrade with a cross-site Origin within/);
});

test("installed skills: modified, revoked, unsigned and over-privileged skills are findings; a clean signed one is not", () => {
  const caps = (over: object = {}) => ({ filesystem: { read: [], write: [] }, network: { hosts: [] }, env: [], executables: [], ...over });
  const skill = { state: "ok" as const, signer: "ed25519:00", publisher: "acme", reason: null, verified: true, problem: null, capabilities: caps() };
  const report = runAudit(input({ skills: { allowUnsigned: true } }, {
    skills: {
      lockError: null,
      skills: [
        { ...skill, name: "clean" },
        { ...skill, name: "changed", verified: false, problem: "the installed files changed: `SKILL.md` does not match its SHA-256 in the manifest", capabilities: null },
        { ...skill, name: "gone", state: "revoked", verified: false, reason: "revoked by `ed25519:11`: malware", capabilities: null },
        { ...skill, name: "local", signer: null, publisher: null },
        { ...skill, name: "greedy", capabilities: caps({ filesystem: { read: ["."], write: [".git/hooks"] }, network: { hosts: ["*.example.com"] } }) },
      ],
    },
  }));
  const got = report.findings.filter((f) => f.checkId.startsWith("skills.")).map((f) => `${f.checkId} ${f.severity} ${f.title}`);
  assert.deepEqual(got.sort(), [
    "skills.modified critical Skill `changed` changed after it was installed",
    "skills.over_privileged warn Skill `greedy` asks for broad capabilities",
    "skills.revoked warn Skill `gone` is revoked (disabled)",
    "skills.unsigned warn Skill `local` is unsigned",
    "skills.unsigned_allowed warn Unsigned local skills may be installed",
  ]);
  assert.match(report.findings.find((f) => f.checkId === "skills.over_privileged")?.detail ?? "", /reads the whole workspace; writes where something executes or trusts later \(\.git\/hooks\); reaches any subdomain of example\.com/);
});
