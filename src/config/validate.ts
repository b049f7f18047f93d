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
    // A list given as a bare word (`config set tools.exec.networkHosts github.com`): show the JSON it takes.
    if (issue.code === "invalid_type" && issue.expected === "array") fix = `give a JSON list, quoted for the shell: warden config set ${key} '["…"]'`;
    if (issue.code === "invalid_value" && "values" in issue) {
      fix = `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}: warden config set ${key} ${String(issue.values[0])}`;
    }
    problems.push({ key, message: `\`${key}\`: ${issue.message}`, fix });
  }
  return problems;
}

/** `refused`: the problems are those of a change Warden did not make (the file is as it was), not of the file. */
export function formatProblems(file: string, problems: readonly ConfigProblem[], refused = false): string {
  const head = refused ? `Not changed: with this change the config file ${file} would not be valid (it was left as it was):` : `The config file ${file} is not valid:`;
  return [head, ...problems.map((p) => `  - ${p.message} (fix: ${p.fix})`)].join("\n");
}
