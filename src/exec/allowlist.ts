import { checkArithmetic } from "./arith-rules.ts";
import { argumentRule, checkArgs, failed } from "./arg-rules.ts";
import type { AllowlistContext, ArgCheck, ArgSpec } from "./arg-rules.ts";
import { checkFind } from "./find-rules.ts";
import { awkNames, checkAwk } from "./awk-rules.ts";
import { checkSed, sedNames } from "./sed-rules.ts";
import { checkGit } from "./git-rules.ts";

const exec = (message: string) => ({ id: "exec.inline_code", message });
const writes = (message: string) => ({ id: "exec.writes", message });

const grepSpec: ArgSpec = {
  short: "EFGPiywxvcLloqsbHhnTZzraIU",
  shortValue: "emABCdD",
  shortPath: "f",
  long: ["--extended-regexp", "--fixed-strings", "--basic-regexp", "--perl-regexp", "--ignore-case", "--no-ignore-case",
    "--word-regexp", "--line-regexp", "--invert-match", "--count", "--files-with-matches", "--files-without-match",
    "--only-matching", "--quiet", "--silent", "--no-messages", "--byte-offset", "--with-filename", "--no-filename",
    "--line-number", "--no-line-number", "--initial-tab", "--null", "--null-data", "--recursive",
    "--text", "--binary", "--line-buffered"],
  longValue: ["--regexp", "--max-count", "--after-context", "--before-context", "--context", "--include", "--exclude",
    "--exclude-dir", "--label", "--binary-files", "--devices", "--directories"],
  longPath: ["--file", "--exclude-from"],
  longOptionalValue: ["--color", "--colour"],
  deny: { "-R": argumentRule("`grep -R` follows symlinks out of the workspace"),
    "--dereference-recursive": argumentRule("`grep --dereference-recursive` follows symlinks out of the workspace") },
  operands: "pattern-then-paths",
  readsCwdWithoutPaths: ["-r", "--recursive", "-d=recurse", "--directories=recurse"],
};

/**
 * jq's language has no effect but reading: it writes no file, runs no program and opens no socket. It reads the
 * files it is given, and modules or data files that `import`/`include` (and `modulemeta`) name, from any path:
 * those are refused in the filter, as are `env`/`$ENV` (the environment), options that read files by name
 * (`-f`, `-L`, `--slurpfile`, `--rawfile`) and two-value options the rule cannot read (`--arg`).
 */
function jqFilterRule(operand: string) {
  const word = /(?<![A-Za-z0-9_$])(import|include|modulemeta|env|\$ENV|get_search_list)(?![A-Za-z0-9_])/.exec(operand);
  return word === null ? null : argumentRule(`the jq filter uses \`${word[1] ?? ""}\`, which reads files or the environment`);
}
const jqSpec: ArgSpec = {
  short: "nrjascCMSeR",
  long: ["--null-input", "--raw-input", "--slurp", "--raw-output", "--join-output", "--ascii-output", "--compact-output",
    "--color-output", "--monochrome-output", "--sort-keys", "--exit-status", "--tab", "--seq", "--stream"],
  longValue: ["--indent"],
  deny: { "-f": argumentRule("`jq -f` reads its filter from a file"), "--from-file": argumentRule("`jq --from-file` reads its filter from a file"),
    "-L": argumentRule("`jq -L` loads modules from a directory"),
    "--arg": argumentRule("`jq --arg` is not on the allowlist"), "--argjson": argumentRule("`jq --argjson` is not on the allowlist"),
    "--slurpfile": argumentRule("`jq --slurpfile` reads a file by name"), "--rawfile": argumentRule("`jq --rawfile` reads a file by name"),
    "--args": argumentRule("`jq --args` is not on the allowlist"), "--jsonargs": argumentRule("`jq --jsonargs` is not on the allowlist"),
    "--run-tests": argumentRule("`jq --run-tests` is not needed") },
  operandRule: jqFilterRule,
  operands: "pattern-then-paths",
};

const checksumSpec: ArgSpec = {
  short: "bctwz",
  long: ["--binary", "--check", "--tag", "--text", "--zero", "--ignore-missing", "--quiet", "--status", "--strict", "--warn"],
  operands: "paths",
};

/**
 * The curated read-only allowlist: binary name → argument rule. A rule must never accept an option that
 * writes a file, runs a program or reaches the network.
 */
const specs: Record<string, ArgSpec> = {
  jq: jqSpec,
  ls: {
    short: "aAbBcCdDfFgGhHiklmnNopqQrRsStuUvxXZ1",
    long: ["--all", "--almost-all", "--human-readable", "--recursive", "--reverse", "--directory", "--inode", "--size",
      "--full-time", "--group-directories-first", "--classify", "--no-group", "--numeric-uid-gid", "--si"],
    longValue: ["--sort", "--time-style", "--format", "--indicator-style", "--time", "--block-size", "--width", "--ignore",
      "--hide", "--quoting-style"],
    longOptionalValue: ["--color", "--colour", "--hyperlink"],
    operands: "paths",
    readsCwdWithoutPaths: "always",
  },
  cat: { short: "AbeEnstTuv", long: ["--show-all", "--number-nonblank", "--number", "--squeeze-blank", "--show-ends",
    "--show-tabs", "--show-nonprinting"], operands: "paths" },
  head: { short: "qvz", shortValue: "nc", long: ["--quiet", "--silent", "--verbose", "--zero-terminated"],
    longValue: ["--lines", "--bytes"], numericShort: true, operands: "paths" },
  tail: { short: "qvzr", shortValue: "nc", long: ["--quiet", "--silent", "--verbose", "--zero-terminated"],
    longValue: ["--lines", "--bytes"], numericShort: true, operands: "paths",
    deny: { "-f": argumentRule("`tail -f` never ends"), "-F": argumentRule("`tail -F` never ends"),
      "--follow": argumentRule("`tail --follow` never ends"), "--retry": argumentRule("`tail --retry` waits for files") } },
  wc: { short: "cmlLw", long: ["--bytes", "--chars", "--lines", "--max-line-length", "--words"], operands: "paths",
    deny: { "--files0-from": argumentRule("`wc --files0-from` reads file names from a file") } },
  grep: grepSpec,
  egrep: grepSpec,
  fgrep: grepSpec,
  rg: {
    short: "iSsnNlcvwxFuHIaUPz0qo.",
    shortValue: "gtTABCmeMjrE",
    shortPath: "f",
    long: ["--ignore-case", "--smart-case", "--case-sensitive", "--line-number", "--no-line-number", "--files-with-matches",
      "--files-without-match", "--count", "--count-matches", "--invert-match", "--word-regexp", "--line-regexp",
      "--fixed-strings", "--hidden", "--no-ignore", "--with-filename", "--no-filename", "--no-heading",
      "--heading", "--json", "--files", "--type-list", "--only-matching", "--vimgrep", "--multiline", "--text", "--null",
      "--quiet", "--stats", "--sort-files", "--column", "--trim", "--pcre2", "--no-messages", "--unrestricted"],
    longValue: ["--glob", "--iglob", "--type", "--type-not", "--after-context", "--before-context", "--context",
      "--max-count", "--regexp", "--max-depth", "--max-filesize", "--sort", "--sortr", "--colors", "--replace",
      "--threads", "--encoding"],
    longPath: ["--file"],
    longOptionalValue: ["--color"],
    pathsOnlyWith: ["--files", "--type-list"],
    deny: { "--pre": exec("`rg --pre` runs a program on every file"), "--pre-glob": exec("`rg --pre-glob` runs a preprocessor"),
      "-z": exec("`rg -z` runs decompression programs"), "--search-zip": exec("`rg --search-zip` runs decompression programs"),
      "--hostname-bin": exec("`rg --hostname-bin` runs a program"), "--type-add": argumentRule("`rg --type-add` is not needed") },
    operands: "pattern-then-paths",
    readsCwdWithoutPaths: "always",
  },
  sort: {
    short: "bdfgiMhnRrVcCsuz",
    shortValue: "ktS",
    long: ["--ignore-leading-blanks", "--dictionary-order", "--ignore-case", "--general-numeric-sort", "--ignore-nonprinting",
      "--month-sort", "--human-numeric-sort", "--numeric-sort", "--random-sort", "--reverse", "--version-sort", "--check",
      "--stable", "--unique", "--zero-terminated"],
    longValue: ["--key", "--field-separator", "--buffer-size", "--parallel", "--sort"],
    // `-o FILE` writes the sorted lines to FILE, and nothing else: a write the caller judges (`exec.writes`).
    shortWritePath: "o", longWritePath: ["--output"],
    deny: { "-T": writes("`sort -T` writes temporary files elsewhere"), "--temporary-directory": writes("`sort -T` writes temporary files elsewhere"),
      "--compress-program": exec("`sort --compress-program` runs a program"),
      "--random-source": argumentRule("`sort --random-source` reads a file"), "--files0-from": argumentRule("reads file names from a file") },
    operands: "paths",
  },
  uniq: { short: "cdDiuz", shortValue: "fsw", long: ["--count", "--repeated", "--ignore-case", "--unique", "--zero-terminated"],
    longValue: ["--skip-fields", "--skip-chars", "--check-chars", "--all-repeated", "--group"], operands: "paths", maxOperands: 1 },
  cut: { short: "snz", shortValue: "bcfd", long: ["--complement", "--only-delimited", "--zero-terminated"],
    longValue: ["--bytes", "--characters", "--fields", "--delimiter", "--output-delimiter"], operands: "paths" },
  tr: { short: "cCdst", long: ["--complement", "--delete", "--squeeze-repeats", "--truncate-set1"], operands: "text" },
  pwd: { short: "LP", operands: "none" },
  // Read-only forms only: `+FORMAT`, -u, -d, -r, -f, -I, -R, --rfc-3339. `-s` and a bare `MMDDhhmm[[CC]YY][.ss]`
  // operand set the clock (it fails only for lack of a capability, which is no rule to lean on).
  date: { short: "uR", shortValue: "dI", shortPath: "rf", long: ["--utc", "--universal", "--rfc-email"],
    longValue: ["--date"], longPath: ["--reference", "--file"], longOptionalValue: ["--iso-8601", "--rfc-3339"],
    deny: { "-s": argumentRule("`date -s` sets the clock"), "--set": argumentRule("`date --set` sets the clock") },
    operandRule: (o) => (o.startsWith("+") ? null : argumentRule(`\`date ${o}\` sets the clock; only a \`+FORMAT\` operand is read-only`)),
    operands: "text", maxOperands: 1 },
  diff: {
    short: "abBcdEiNpqstTuwyZ",
    shortValue: "CUWFIx",
    shortPath: "X",
    long: ["--brief", "--report-identical-files", "--unified", "--context", "--new-file", "--text",
      "--ignore-case", "--ignore-all-space", "--ignore-space-change", "--ignore-blank-lines", "--side-by-side",
      "--minimal", "--expand-tabs", "--initial-tab", "--suppress-common-lines", "--strip-trailing-cr", "--show-c-function"],
    longValue: ["--label", "--width", "--exclude", "--ignore-matching-lines"],
    longOptionalValue: ["--color"],
    deny: { "--from-file": argumentRule("`diff --from-file` is not needed"), "--to-file": argumentRule("`diff --to-file` is not needed") },
    operands: "paths",
  },
  stat: { short: "LftZ", shortValue: "c", long: ["--dereference", "--file-system", "--terse"],
    longValue: ["--format", "--printf"], operands: "paths" },
  file: { short: "bhiLkNprsE0", long: ["--brief", "--mime", "--mime-type", "--mime-encoding", "--no-dereference",
    "--dereference", "--keep-going", "--raw", "--special-files", "--preserve-date"],
    deny: { "-C": writes("`file -C` compiles a magic file"), "-z": exec("`file -z` runs decompressors"),
      "-Z": exec("`file -Z` runs decompressors"), "-m": argumentRule("`file -m` loads another magic file") },
    operands: "paths" },
  du: { short: "abchHkmPsSx0", shortValue: "dtB", shortPath: "X", long: ["--all", "--apparent-size", "--bytes", "--total",
    "--human-readable", "--summarize", "--one-file-system", "--si", "--separate-dirs", "--count-links"],
    longValue: ["--max-depth", "--threshold", "--block-size", "--exclude", "--time-style"], longOptionalValue: ["--time"],
    deny: { "--files0-from": argumentRule("reads file names from a file"), "--exclude-from": argumentRule("reads patterns from a file") },
    operands: "paths", readsCwdWithoutPaths: "always" },
  basename: { short: "az", shortValue: "s", long: ["--multiple", "--zero"], longValue: ["--suffix"], operands: "text" },
  dirname: { short: "z", long: ["--zero"], operands: "text" },
  realpath: { short: "emLPqsz", long: ["--canonicalize-existing", "--canonicalize-missing", "--logical", "--physical",
    "--quiet", "--strip", "--no-symlinks", "--zero"], longPath: ["--relative-to", "--relative-base"], operands: "paths" },
  true: { operands: "text" },
  false: { operands: "text" },
  nl: { short: "p", shortValue: "bdfhilnsvw", long: ["--no-renumber"], longValue: ["--body-numbering", "--section-delimiter",
    "--footer-numbering", "--header-numbering", "--line-increment", "--join-blank-lines", "--number-format",
    "--number-separator", "--starting-line-number", "--number-width"], operands: "paths" },
  tac: { short: "br", shortValue: "s", long: ["--before", "--regex"], longValue: ["--separator"], operands: "paths" },
  rev: { operands: "paths" },
  comm: { short: "123z", long: ["--check-order", "--nocheck-order", "--total", "--zero-terminated"],
    longValue: ["--output-delimiter"], operands: "paths", maxOperands: 2 },
  tree: { short: "adfxpsugDFqNrtvUCnhJA", shortValue: "LPI", long: ["--noreport", "--dirsfirst", "--du", "--prune",
    "--gitignore", "--inodes", "--device"], longValue: ["--filelimit", "--sort", "--charset", "--timefmt"],
    deny: { "-o": writes("`tree -o` writes a file"), "-R": writes("`tree -R` writes index files"),
      "-H": argumentRule("`tree -H` is not needed"), "--fromfile": argumentRule("`tree --fromfile` reads a listing") },
    operands: "paths", readsCwdWithoutPaths: "always" },
  // Checksums: read the files they are given (`-c` reads a list of sums and the files it names: read paths too, as
  // the check reads them inside the sandbox).
  md5sum: checksumSpec, sha1sum: checksumSpec, sha224sum: checksumSpec, sha256sum: checksumSpec, sha384sum: checksumSpec,
  sha512sum: checksumSpec, b2sum: { ...checksumSpec, shortValue: "l", longValue: ["--length"] },
  cksum: { ...checksumSpec, shortValue: "al", longValue: ["--algorithm", "--length"], long: [...checksumSpec.long ?? [], "--untagged", "--base64", "--raw", "--debug"] },
  // Text layout and arithmetic: no option writes a file or runs a program.
  column: { short: "deJLtx", shortValue: "cEHilnNoOprRsTW", long: ["--table-noheadings", "--table-header-repeat", "--json",
    "--keep-empty-lines", "--table", "--fillrows"], longValue: ["--output-width", "--table-noextreme", "--table-hide",
    "--tree-id", "--table-columns-limit", "--table-name", "--table-columns", "--output-separator", "--table-order",
    "--tree-parent", "--tree", "--table-right", "--separator", "--table-truncate", "--table-wrap"], operands: "paths" },
  // bc's language computes and prints; it has no statement that writes, runs or opens anything (its operands are
  // files of bc code, read).
  bc: { short: "ilqswv", long: ["--interactive", "--mathlib", "--quiet", "--standard", "--warn"], operands: "paths" },
  seq: { short: "w", shortValue: "fs", long: ["--equal-width"], longValue: ["--format", "--separator"], operands: "text", maxOperands: 3 },
  paste: { short: "sz", shortValue: "d", long: ["--serial", "--zero-terminated"], longValue: ["--delimiters"], operands: "paths" },
  join: { short: "iz", shortValue: "aeojtv12", long: ["--ignore-case", "--check-order", "--nocheck-order", "--header",
    "--zero-terminated"], operands: "paths", maxOperands: 2 },
  fold: { short: "bs", shortValue: "w", long: ["--bytes", "--spaces"], longValue: ["--width"], operands: "paths" },
  fmt: { short: "cstu", shortValue: "pwg", long: ["--crown-margin", "--split-only", "--tagged-paragraph", "--uniform-spacing"],
    longValue: ["--prefix", "--width", "--goal"], operands: "paths" },
  expand: { short: "i", shortValue: "t", long: ["--initial"], longValue: ["--tabs"], operands: "paths" },
  unexpand: { short: "a", shortValue: "t", long: ["--all", "--first-only"], longValue: ["--tabs"], operands: "paths" },
  expr: { operands: "text" },
  factor: { short: "h", long: ["--exponents"], operands: "text" },
  numfmt: { short: "z", shortValue: "d", long: ["--grouping", "--header", "--zero-terminated", "--debug"],
    longValue: ["--delimiter", "--field", "--format", "--from", "--from-unit", "--invalid", "--padding", "--round",
      "--suffix", "--to", "--to-unit"], longOptionalValue: ["--header"], operands: "text" },
  od: { short: "bcdfilosvx", shortValue: "AjNStw", long: ["--output-duplicates", "--traditional"],
    longValue: ["--address-radix", "--skip-bytes", "--read-bytes", "--strings", "--format", "--width", "--endian"], operands: "paths" },
};

const textOnly = new Set(["echo", "printf"]);

/** Applies the binary's argument rule. Returns null when the binary is not on the allowlist. */
export function checkAllowlisted(name: string, args: readonly string[], ctx: AllowlistContext): ArgCheck | null {
  if (textOnly.has(name)) {
    // `printf -v var` assigns a shell variable (and evaluates array subscripts).
    if (name === "printf" && args[0] !== undefined && args[0].startsWith("-v")) {
      return failed(argumentRule("`printf -v` assigns a shell variable"));
    }
    return { ok: true, reasons: [], readPaths: [], writePaths: [] };
  }
  if (name === "find") return checkFind(args);
  if (name === "git") return checkGit(args, ctx);
  if (awkNames.has(name)) return checkAwk(name, args);
  if (sedNames.has(name)) return checkSed(name, args);
  const arithmetic = checkArithmetic(name, args);
  if (arithmetic !== undefined) return arithmetic;
  const spec = specs[name];
  if (spec === undefined) return null;
  return checkArgs(name, args, spec);
}
