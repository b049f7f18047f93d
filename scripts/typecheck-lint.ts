/**
 * `npm test`'s type check, import circles and lint, for less than half the CPU of `tsc --noEmit -p .` beside
 * `eslint .` (~80 CPU-s on a clean clone, most of it TypeScript 5.9 checking the program for the typed lint rules).
 *
 * - Type check and typed lint rules: one TypeScript 7 (native) program, through oxlint's `--type-aware --type-check`
 *   (oxlint-tsgolint, typescript-go inside): the compiler's diagnostics for every file of tsconfig.json, and the lint
 *   rules that need type information (no-floating-promises, no-misused-promises, await-thenable), with the rules and
 *   options read from eslint.config.js, so that file stays their one source. typescript-eslint cannot use
 *   TypeScript 7 yet (it has no compiler API); every rule it marks `requiresTypeChecking` that is on in
 *   eslint.config.js goes to oxlint, and one oxlint does not know is an error here, not a rule silently dropped.
 * - Every other ESLint rule: ESLint as configured, without type information (each file parsed on its own).
 * - Import circles among src/, test/ and bench/ (type-only and dynamic imports included, as `npm run lint:circles`
 *   counts them): from each file's syntax tree, resolved as the compiler resolves them. The trees are the ones ESLint
 *   parses anyway (a rule that reports nothing collects each file's import specifiers): parsing the ~950 files a
 *   second time with the compiler was ~4.4 of this script's ~25 CPU-s. A file ESLint did not read is parsed here.
 *
 * `npm run typecheck` (`tsc --noEmit -p .`, TypeScript 5.9) and `npm run lint` (`eslint .`, typed rules included)
 * stay the way to run either alone; on a tree broken on purpose both compilers reported the same errors (README.md).
 * Exits 1 when any check reports an error, and prints every report first.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";

const root = new URL("..", import.meta.url).pathname;
const require = createRequire(import.meta.url);

type Report = { errors: number; report: string };

/**
 * The typed rules oxlint runs as typescript-eslint does, each checked against ESLint's findings on a tree broken on
 * purpose (README.md). A typed rule on in eslint.config.js and not here is an error.
 */
const oxlintTypedRules = new Set(["typescript/no-floating-promises", "typescript/no-misused-promises", "typescript/await-thenable"]);

/** The files and compiler options of tsconfig.json, or the errors that kept it from being read. */
function readConfig(): { config: ts.ParsedCommandLine | undefined; report: Report } {
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
  const errors: ts.Diagnostic[] = [];
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => errors.push(d) });
  errors.push(...(config?.errors ?? []));
  return { config, report: { errors: errors.length, report: errors.length === 0 ? "" : ts.formatDiagnostics(errors, host) } };
}

/**
 * The rules on in eslint.config.js that need type information, each as `[severity, ...options]`, named as oxlint
 * names them (`typescript/no-floating-promises`); the same for every file (the config gives them to all `*.ts`).
 */
async function typedRules(eslint: ESLint): Promise<Record<string, unknown[]>> {
  const config = (await eslint.calculateConfigForFile(`${root}src/index.ts`)) as { rules?: Record<string, unknown> };
  const pluginRules = (tseslint.plugin as { rules?: Record<string, { meta?: { docs?: { requiresTypeChecking?: boolean } } } | undefined> }).rules ?? {};
  const out: Record<string, unknown[]> = {};
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const name = id.startsWith("@typescript-eslint/") ? id.slice("@typescript-eslint/".length) : undefined;
    const rule = name === undefined ? undefined : pluginRules[name];
    if (rule?.meta?.docs?.requiresTypeChecking !== true) continue;
    const [severity, ...options] = Array.isArray(entry) ? entry : [entry];
    if (severity === 0 || severity === "off") continue;
    out[`typescript/${name}`] = [severity === 2 ? "error" : severity === 1 ? "warn" : severity, ...options];
  }
  return out;
}

type OxDiagnostic = { message?: string; code?: string; severity?: string; filename?: string; labels?: { span?: { line?: number; column?: number } }[] };

/** oxlint's type check and typed rules over `files`: the compiler's errors and the rules' errors, counted apart. */
async function typeCheckAndTypedLint(files: readonly string[], rules: Record<string, unknown[]>): Promise<{ types: Report; lint: Report }> {
  const dir = mkdtempSync(join(tmpdir(), "warden-oxlint-"));
  try {
    const configFile = join(dir, "oxlintrc.json");
    // Only the typed rules: every other rule is ESLint's (categories off, no plugin's defaults).
    const off = Object.fromEntries(["correctness", "suspicious", "pedantic", "perf", "style", "restriction", "nursery"].map((c) => [c, "off"]));
    writeFileSync(configFile, JSON.stringify({ plugins: ["typescript"], categories: off, rules }));
    const oxlint = join(dirname(require.resolve("oxlint/package.json")), "bin", "oxlint");
    const args = [oxlint, "--type-aware", "--type-check", "--format", "json", "--config", configFile, "--tsconfig", `${root}tsconfig.json`, ...files];
    // The type checker is the one package.json pins (oxlint would otherwise look for one on its own).
    const tsgolint = createRequire(require.resolve("oxlint-tsgolint/package.json")).resolve(`@oxlint-tsgolint/${process.platform}-${process.arch}/tsgolint${process.platform === "win32" ? ".exe" : ""}`);
    const { code, stdout, stderr } = await capture(process.execPath, args, { ...process.env, OXLINT_TSGOLINT_PATH: tsgolint });
    let diagnostics: OxDiagnostic[];
    try {
      diagnostics = (JSON.parse(stdout) as { diagnostics: OxDiagnostic[] }).diagnostics;
    } catch {
      // No report to read (oxlint or its type checker failed to start): an error, with what it said.
      const failed = `oxlint --type-aware --type-check gave no report (exit ${code}):\n${stderr}${stdout}\n`;
      return { types: { errors: 1, report: failed }, lint: { errors: 0, report: "" } };
    }
    const line = (d: OxDiagnostic) => `${d.filename ?? "?"}:${d.labels?.[0]?.span?.line ?? 0}:${d.labels?.[0]?.span?.column ?? 0}: ${d.severity ?? "error"} ${d.code ?? ""}: ${d.message ?? ""}\n`;
    const isCompiler = (d: OxDiagnostic) => /^typescript\(TS\d+\)$/.test(d.code ?? "");
    const compiler = diagnostics.filter(isCompiler);
    const lint = diagnostics.filter((d) => !isCompiler(d));
    const errors = (ds: OxDiagnostic[]) => ds.filter((d) => d.severity !== "warning").length;
    // A non-zero exit with nothing reported is a failure of oxlint itself.
    const unexplained = code !== 0 && diagnostics.length === 0 ? `oxlint exited ${code} with no diagnostic:\n${stderr}\n` : "";
    return {
      types: { errors: errors(compiler) + (unexplained === "" ? 0 : 1), report: compiler.map(line).join("") + unexplained },
      lint: { errors: errors(lint), report: lint.map(line).join("") },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function capture(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => (stderr += `could not start oxlint: ${e.message}\n`));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** An ESTree node as far as the import collector reads it. */
type Node = { type: string; value?: unknown; expressions?: unknown[]; types?: unknown[]; quasis?: { value: { cooked: string | null } }[]; literal?: Node; source?: Node | null; argument?: Node };

/** The text of a string literal (or of a template without substitutions), as `ts.isStringLiteralLike` reads one. */
function stringOf(node: Node | null | undefined): string | undefined {
  if (node === null || node === undefined) return undefined;
  if (node.type === "Literal") return typeof node.value === "string" ? node.value : undefined;
  if (node.type === "TemplateLiteral" || node.type === "TSTemplateLiteralType") {
    return (node.expressions ?? node.types ?? []).length === 0 ? (node.quasis?.[0]?.value.cooked ?? undefined) : undefined;
  }
  if (node.type === "TSLiteralType") return stringOf(node.literal);
  return undefined;
}

/**
 * A rule that reports nothing and records every file's import specifiers in `into` (by absolute path): static
 * imports and re-exports (type-only ones too), `import()` calls and `import("…")` types, as `importCircles` reads them.
 */
function importCollector(into: Map<string, string[]>): ESLint.Plugin {
  return {
    rules: {
      imports: {
        meta: { type: "problem", schema: [] },
        create(context) {
          const specifiers: string[] = [];
          into.set(context.filename, specifiers);
          const add = (node: Node | null | undefined) => {
            const text = stringOf(node);
            if (text !== undefined) specifiers.push(text);
          };
          const fromSource = (node: unknown) => add((node as Node).source);
          return {
            ImportDeclaration: fromSource,
            ExportNamedDeclaration: fromSource,
            ExportAllDeclaration: fromSource,
            ImportExpression: fromSource,
            TSImportType: (node: unknown) => add((node as Node).argument),
          };
        },
      },
    },
  };
}

/**
 * ESLint as configured, less the typed rules (oxlint runs those), each file parsed without type information; each
 * file's import specifiers land in `imports`.
 */
async function untypedLint(rules: Record<string, unknown[]>, imports: Map<string, string[]>): Promise<Report> {
  const off = Object.fromEntries(Object.keys(rules).map((r) => [`@typescript-eslint/${r.slice("typescript/".length)}`, "off" as const]));
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ files: ["**/*.ts"], plugins: { warden: importCollector(imports) }, rules: { ...off, "warden/imports": "error" }, languageOptions: { parserOptions: { projectService: false } } }],
  });
  const results = await eslint.lintFiles(["."]);
  const formatter = await eslint.loadFormatter("stylish");
  return { errors: results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0), report: await formatter.format(results) };
}

function isOwn(file: string): boolean {
  return ["src/", "test/", "bench/"].some((d) => file.startsWith(`${root}${d}`)) && !file.includes("/node_modules/");
}

/** A file's import specifiers read from its syntax tree, for a file ESLint did not parse. */
function parsedSpecifiers(fileName: string): string[] {
  const text = ts.sys.readFile(fileName);
  if (text === undefined) return [];
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) ? node.moduleSpecifier
      : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword ? node.arguments[0]
      : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) ? node.argument.literal
      : undefined;
    if (specifier !== undefined && ts.isStringLiteralLike(specifier)) specifiers.push(specifier.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers;
}

/**
 * Every import circle (a strongly connected set of modules, or a module importing itself), each as its files.
 * `collected`: the specifiers ESLint's parse found, by file.
 */
function importCircles(config: ts.ParsedCommandLine, collected: ReadonlyMap<string, readonly string[]>): string[][] {
  const options = config.options;
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  const ownModule = (specifier: string, from: string): string | undefined => {
    const resolved = ts.resolveModuleName(specifier, from, options, ts.sys, cache).resolvedModule?.resolvedFileName;
    return resolved !== undefined && isOwn(resolved) ? resolved : undefined;
  };
  const imports = new Map<string, string[]>();
  for (const fileName of config.fileNames) {
    if (!isOwn(fileName) || fileName.endsWith(".d.ts")) continue;
    const specifiers = collected.get(fileName) ?? parsedSpecifiers(fileName);
    imports.set(fileName, specifiers.map((specifier) => ownModule(specifier, fileName)).filter((t): t is string => t !== undefined));
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

const { config, report: configReport } = readConfig();
process.stdout.write(configReport.report);
if (config === undefined) {
  process.stdout.write("typecheck: tsconfig.json could not be read\n");
  process.exitCode = 1;
} else {
  const rules = await typedRules(new ESLint({ cwd: root }));
  const unknown = Object.keys(rules).filter((r) => !oxlintTypedRules.has(r));
  // oxlint in a child process beside ESLint in this one: the two use both cores.
  const typed = typeCheckAndTypedLint(config.fileNames, rules);
  const collected = new Map<string, string[]>();
  const untyped = await untypedLint(rules, collected);
  const circles = importCircles(config, collected);
  const { types, lint } = await typed;
  process.stdout.write(types.report);
  const typeErrors = types.errors + configReport.errors;
  process.stdout.write(`typecheck: ${typeErrors === 0 ? "no errors" : `${typeErrors} error(s)`}\n`);
  for (const circle of circles) process.stdout.write(`import circle: ${circle.join(" > ")}\n`);
  process.stdout.write(`import circles: ${circles.length === 0 ? "none" : circles.length}\n`);
  for (const r of unknown) process.stdout.write(`eslint.config.js turns on ${r}, which needs type information and which oxlint does not run: add it to oxlintTypedRules in scripts/typecheck-lint.ts once oxlint has it, or run \`npm run lint\`\n`);
  process.stdout.write(lint.report + untyped.report);
  const lintErrors = lint.errors + untyped.errors + unknown.length;
  process.stdout.write(`eslint: ${lintErrors === 0 ? "no errors" : `${lintErrors} error(s)`}\n`);
  if (typeErrors > 0 || circles.length > 0 || lintErrors > 0) process.exitCode = 1;
}
