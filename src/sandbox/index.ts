export { detectSandbox } from "./detect.ts";
export type { DetectDeps } from "./detect.ts";
export { createSandboxRunner } from "./runner.ts";
export type { SandboxRunnerOptions } from "./runner.ts";
export { buildSandboxEnv, GIT_HARDENING, DEFAULT_PATH } from "./environment.ts";
export { DEFAULT_LIMITS } from "./limits.ts";
export { SYSTEM_PATHS, ETC_ENTRIES } from "./profile.ts";
export type { ExecRequest, ExecResult, ResourceLimits, SandboxAvailability, SandboxRunner, SpawnFn } from "./types.ts";
