/**
 * `tsc --noEmit -p .` and `eslint .` over one TypeScript program. The lint rules that matter here
 * (no-floating-promises, no-misused-promises, await-thenable) need type information; given their own project
 * service, ESLint builds and checks the whole program a second time, which was most of its ~70 s of CPU. Here
 * the compiler checks the program once and ESLint's typed rules ask the same, already warm, type checker: the
 * same diagnostics and lint results for about half the CPU. `npm run typecheck` and `npm run lint` stay the way to
 * run either alone. Exits 1 when any check reports an error, and prints every report first.
 *
 * Import circles among src/, test/ and bench/ (type-only and dynamic imports included, as `npm run lint:circles`
 * counts them) are found from the same program's syntax trees, instead of madge parsing every file a third time.
 */
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import ts from "typescript";
import { ESLint } from "eslint";

const root = new URL("..", import.meta.url).pathname;

/**
 * The compiler's own incremental record (`.tsbuildinfo`: each file's content hash, what it depends on and its last
 * diagnostics), one per checkout under node_modules/.cache (checkouts may share node_modules, and the record names
 * files by path). A run after a change checks again only the files that changed and those whose types depend on
 * them; a first run (a fresh clone) checks everything, as before. `WARDEN_TSBUILDINFO` names another file.
 */
const buildInfoFile = process.env.WARDEN_TSBUILDINFO ?? `${root}node_modules/.cache/warden-tsc/${createHash("sha256").update(root).digest("hex").slice(0, 16)}.tsbuildinfo`;

function typeCheck(): { program: ts.Program | undefined; errors: number; report: string } {
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
  const configErrors: ts.Diagnostic[] = [];
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d) });
  const builder = config === undefined ? undefined : incrementalProgram(config);
  const program = builder?.getProgram();
  const diagnostics = [...configErrors, ...(config?.errors ?? []), ...(builder === undefined ? [] : checked(builder))];
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  return { program, errors, report: diagnostics.length === 0 ? "" : format(diagnostics, host) };
}

function incrementalProgram(config: ts.ParsedCommandLine): ts.EmitAndSemanticDiagnosticsBuilderProgram {
  const options: ts.CompilerOptions = { ...config.options, incremental: true, tsBuildInfoFile: buildInfoFile };
  const host = ts.createIncrementalCompilerHost(options);
  // Written whole, then renamed into place: two runs in one checkout never leave a half-written record.
  host.writeFile = (file, text) => {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  };
  return ts.createIncrementalProgram({ rootNames: config.fileNames, options, projectReferences: config.projectReferences, host });
}

/** `getPreEmitDiagnostics`' diagnostics, each file's semantic ones from the record when nothing it depends on changed; then the record is saved. */
function checked(builder: ts.EmitAndSemanticDiagnosticsBuilderProgram): ts.Diagnostic[] {
  const diagnostics = [
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  try {
    builder.emit(); // under noEmit, only the record
  } catch (e) {
    process.stderr.write(`could not save the type checker's record (the next run checks everything): ${(e as Error).message}\n`);
  }
  return [...ts.sortAndDeduplicateDiagnostics(diagnostics)];
}

async function lint(program: ts.Program): Promise<{ errors: number; report: string }> {
  const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parserOptions: { projectService: false, programs: [program] } } }] });
  const results = await eslint.lintFiles(["."]);
  const formatter = await eslint.loadFormatter("stylish");
  return { errors: results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0), report: await formatter.format(results) };
}

/** The module a specifier in `from` names, when it is one of the project's own files under src/, test/ or bench/. */
function ownModule(program: ts.Program, specifier: string, from: string): string | undefined {
  const resolved = ts.resolveModuleName(specifier, from, program.getCompilerOptions(), ts.sys).resolvedModule?.resolvedFileName;
  return resolved !== undefined && isOwn(resolved) ? resolved : undefined;
}

function isOwn(file: string): boolean {
  return ["src/", "test/", "bench/"].some((d) => file.startsWith(`${root}${d}`)) && !file.includes("/node_modules/");
}

/** Every import circle (a strongly connected set of modules, or a module importing itself), each as its files. */
function importCircles(program: ts.Program): string[][] {
  const imports = new Map<string, string[]>();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !isOwn(file.fileName)) continue;
    const targets: string[] = [];
    const visit = (node: ts.Node): void => {
      const specifier = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword ? node.arguments[0]
        : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) ? node.argument.literal
        : undefined;
      const target = specifier !== undefined && ts.isStringLiteralLike(specifier) ? ownModule(program, specifier.text, file.fileName) : undefined;
      if (target !== undefined) targets.push(target);
      ts.forEachChild(node, visit);
    };
    visit(file);
    imports.set(file.fileName, targets);
  }
  // Tarjan's strongly connected components, iterative (no recursion depth limit on long import chains).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  for (const start of imports.keys()) {
    if (index.has(start)) continue;
    const work: { file: string; next: number }[] = [{ file: start, next: 0 }];
    index.set(start, index.size);
    low.set(start, index.get(start) ?? 0);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { file: string; next: number };
      const targets = imports.get(top.file) ?? [];
      if (top.next < targets.length) {
        const target = targets[top.next++] as string;
        if (!index.has(target)) {
          index.set(target, index.size);
          low.set(target, index.get(target) ?? 0);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(top.file, Math.min(low.get(top.file) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.file, Math.min(low.get(parent.file) ?? 0, low.get(top.file) ?? 0));
      if (low.get(top.file) !== index.get(top.file)) continue;
      const members: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = member === top.file ? undefined : stack.pop()) {
        onStack.delete(member);
        members.push(member);
      }
      if (members.length > 1 || targets.includes(top.file)) circles.push(members.reverse().map((f) => f.slice(root.length)));
    }
  }
  return circles;
}

const types = typeCheck();
process.stdout.write(types.report);
process.stdout.write(`typecheck: ${types.errors === 0 ? "no errors" : `${types.errors} error(s)`}\n`);
if (types.program === undefined) {
  process.exitCode = 1;
} else {
  const circles = importCircles(types.program);
  for (const circle of circles) process.stdout.write(`import circle: ${circle.join(" > ")}\n`);
  process.stdout.write(`import circles: ${circles.length === 0 ? "none" : circles.length}\n`);
  const lintResult = await lint(types.program);
  process.stdout.write(lintResult.report);
  process.stdout.write(`eslint: ${lintResult.errors === 0 ? "no errors" : `${lintResult.errors} error(s)`}\n`);
  if (types.errors > 0 || circles.length > 0 || lintResult.errors > 0) process.exitCode = 1;
}
