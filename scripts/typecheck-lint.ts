/**
 * `tsc --noEmit -p .` and `eslint .` over one TypeScript program. The lint rules that matter here
 * (no-floating-promises, no-misused-promises, await-thenable) need type information; given their own project
 * service, ESLint builds and checks the whole program a second time, which was most of its ~70 s of CPU. Here
 * the compiler checks the program once and ESLint's typed rules ask the same, already warm, type checker: the
 * same diagnostics and lint results for about half the CPU. `npm run typecheck` and `npm run lint` stay the way to
 * run either alone. Exits 1 when either reports an error, and prints both reports first.
 */
import ts from "typescript";
import { ESLint } from "eslint";

const root = new URL("..", import.meta.url).pathname;

function typeCheck(): { program: ts.Program | undefined; errors: number; report: string } {
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
  const configErrors: ts.Diagnostic[] = [];
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d) });
  const program = config === undefined ? undefined : ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
  const diagnostics = [...configErrors, ...(config?.errors ?? []), ...(program === undefined ? [] : ts.getPreEmitDiagnostics(program))];
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  return { program, errors, report: diagnostics.length === 0 ? "" : format(diagnostics, host) };
}

async function lint(program: ts.Program): Promise<{ errors: number; report: string }> {
  const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parserOptions: { projectService: false, programs: [program] } } }] });
  const results = await eslint.lintFiles(["."]);
  const formatter = await eslint.loadFormatter("stylish");
  return { errors: results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0), report: await formatter.format(results) };
}

const types = typeCheck();
process.stdout.write(types.report);
process.stdout.write(`typecheck: ${types.errors === 0 ? "no errors" : `${types.errors} error(s)`}\n`);
if (types.program === undefined) {
  process.exitCode = 1;
} else {
  const lintResult = await lint(types.program);
  process.stdout.write(lintResult.report);
  process.stdout.write(`eslint: ${lintResult.errors === 0 ? "no errors" : `${lintResult.errors} error(s)`}\n`);
  if (types.errors > 0 || lintResult.errors > 0) process.exitCode = 1;
}
