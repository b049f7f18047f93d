export { createShellAnalyzer, deferShellAnalyzer } from "./shell-analyzer.ts";
export type { DeferredShellAnalyzer, ShellAnalyzer } from "./shell-analyzer.ts";
export { decideExec } from "./decide-exec.ts";
export { createApproveAlways } from "./allow-rule.ts";
export type { ApproveAlways } from "./allow-rule.ts";
export type { AllowRule, ExecFacts, ExecPolicy } from "./decide-exec.ts";
export { answeredByTyping } from "./owner-answerable.ts";
