/** Turns schema issues into messages that name the key and the fix. */
import type { z } from "zod";

export type ConfigProblem = { key: string; message: string; fix: string };

export function describeIssues(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "(root)";
    if (issue.code === "unrecognized_keys") {
      for (const extra of issue.keys) {
        const full = key === "(root)" ? extra : `${key}.${extra}`;
        problems.push({ key: full, message: `\`${full}\` is not a known setting`, fix: `remove it: warden config unset ${full}` });
      }
      continue;
    }
    let fix = `set a valid value: warden config set ${key} VALUE`;
    if (issue.code === "invalid_value" && "values" in issue) {
      fix = `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}: warden config set ${key} ${String(issue.values[0])}`;
    }
    problems.push({ key, message: `\`${key}\`: ${issue.message}`, fix });
  }
  return problems;
}

export function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  return [`The config file ${file} is not valid:`, ...problems.map((p) => `  - ${p.message} (fix: ${p.fix})`)].join("\n");
}
