/**
 * The exec sandbox. Wiring: at start-up `detectSandbox()` once; `describeSandboxFindings(availability, uid)`
 * feeds `warden security audit` and the start-up warning; `createSandboxRunner({ availability, limits? })`
 * goes to the exec tool, which calls `run()` after the gate allowed the command (with `hiddenPaths` =
 * [WARDEN_HOME, the user's home], `network` only when granted). When `runner.sandboxed` is false, every
 * command needs the owner's approval. `findGitConfigHazards(cwd, workspace)` tells the gate when a "read-only"
 * git command would run repository-defined programs; `inspectGitConfig` also gives the command-scope values that
 * disarm them, which the exec tool passes to every run that may start git. `createWorkspaceScanner()` finds the
 * credential files to mask (`maskPaths`) and the repositories to inspect, with a cache that keeps repeat scans cheap.
 */
export { detectSandbox } from "./detect.ts";
export { createSandboxRunner } from "./runner.ts";
export { buildServiceCommand } from "./service-command.ts";
export { DEFAULT_PATH } from "./environment.ts";
export type { GitIdentity } from "./environment.ts";
export { createGitIdentitySource, missingIdentityNote } from "./git-identity.ts";
export type { SandboxAvailability, SandboxRunner } from "./types.ts";
export type { EgressGrant } from "./egress-bridge.ts";
export { inspectGitConfig } from "./git-hazards.ts";
export { createWorkspaceScanner } from "./workspace-scan.ts";
export { findStoredCredentials } from "./git-stored.ts";
export type { WorkspaceScanner } from "./workspace-scan.ts";
