// Lint rules that matter for security code: an un-awaited check is a check that did not happen.
// Production code under src/ never imports test support (fakes, harnesses): only tests do.
// Import circles are checked by madge (`npm run lint:circles`) and, in `npm test`, by scripts/typecheck-lint.ts; both
// see type-only and dynamic imports.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "src/webchat/dist/**", "coverage/**", "eslint.config.js", "skills-corpus/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": ["error", { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite", "before", "after", "beforeEach", "afterEach"] }] }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-syntax": ["error",
        { selector: "TSEnumDeclaration", message: "Enums do not survive type stripping; use an `as const` object." },
        { selector: "TSModuleDeclaration[kind='namespace']", message: "No namespaces (type stripping)." },
        { selector: "TSParameterProperty", message: "No constructor parameter properties (type stripping)." },
        { selector: "Property[key.name='source'] Literal[value='system']", message: "`system` is owner integrity: write it through `systemNote` (constants and the call's own arguments only), or label the output by the origin of what it quotes." }]
    }
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/**/*.fixture.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{
        regex: "(^|/)test/support(/|$)",
        message: "Production code must not import test support; fakes live in test/support and only tests use them.",
      }] }],
      // Importing `node:http` as an ES module reads its lazy `WebSocket` getter, which loads Node's bundled undici
      // (~15 MB resident) into every process that imports it: take its functions from src/core/node-http.ts.
      "@typescript-eslint/no-restricted-imports": ["error", { paths: ["node:http", "http"].map((name) => ({
        name,
        allowTypeImports: true,
        message: "Import `node:http` for types only; take its functions from src/core/node-http.ts (the ES module namespace loads Node's bundled undici, ~15 MB).",
      })) }],
    }
  }
);
