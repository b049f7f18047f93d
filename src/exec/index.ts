export { createShellAnalyzer } from "./shell-analyzer.ts";
export type { ShellAnalyzer } from "./shell-analyzer.ts";
export { decideExec } from "./decide-exec.ts";
export { canonicalAllowRule } from "./allow-rule.ts";
export type { AllowRule, ExecFacts, ExecPolicy } from "./decide-exec.ts";
