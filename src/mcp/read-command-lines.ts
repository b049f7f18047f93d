/**
 * Whether a command line a read-only tool is given (`{"args": [".", "-name", "x"]}`, `{"command": "rg --pre=sh x"}`)
 * reads, by parsing its argv with the rules Warden's own exec allowlist uses: for a program Warden can name (the
 * line's first word, or a word of the tool's name: `find`, `tar_list`, `ripgrep`), every option must be one that
 * program's rule knows to only read, so `find -delete`/`-exec`/`-fprint`, `rg --pre` and `tar --to-command` act and
 * an option the rule does not know is `unclear`. For a program it cannot name, a named option that writes or runs a
 * program in any of the readers it knows (`--pre`, `-delete`, `-exec`, `--to-command`) is `unclear`. Never throws.
 */
import { checkAllowlisted } from "../exec/allowlist.ts";
import type { LanguageVerdict } from "./read-languages.ts";

/** Rule ids of the allowlist that say what an option does (rather than that it is unknown). */
const actingRules: ReadonlySet<string> = new Set(["exec.inline_code", "exec.destructive", "exec.writes", "exec.network"]);
/** Other names of the programs the rules know. */
const aliases: Readonly<Record<string, string>> = { ripgrep: "rg", gnutar: "tar", bsdtar: "tar" };
/** Readers whose rules are asked about the options of a program Warden cannot name. */
const readers = ["find", "rg", "grep", "tar"];
const MaxArgs = 256;

/** What `tar` would do with these arguments: a listing (`-t`) or comparison (`-d`) with read options reads. */
function checkTar(args: readonly string[], named: boolean): LanguageVerdict {
  // Old-style bundled letters without a dash (`tar xf a.tar`), when the program is known to be tar.
  const argv = named && args[0] !== undefined && /^[A-Za-z]+$/.test(args[0]) ? [`-${args[0]}`, ...args.slice(1)] : [...args];
  const modes = { t: "list", d: "compare" } as Record<string, string>;
  const writeModes = { x: "extracts files", c: "creates an archive", r: "appends to an archive", u: "updates an archive", A: "appends archives" } as Record<string, string>;
  const readFlags = "vzjJaOwkmpPsSBhilnoWUM";
  const valueFlags = "fCTXbHKNVLb";
  const acting: Readonly<Record<string, string>> = { F: "runs a script at each volume", I: "runs a compression program", g: "writes a snapshot file" };
  const longRead = /^--(?:list|diff|compare|verbose|gzip|gunzip|ungzip|bzip2|xz|lzma|lzip|lzop|zstd|auto-compress|to-stdout|wildcards|no-wildcards|anchored|no-anchored|ignore-case|numeric-owner|full-time|utc|show-transformed-names|totals|no-recursion|recursion|ignore-zeros|quiet|null|verbatim-files-from|(?:file|directory|exclude|files-from|blocking-factor|format|occurrence|strip-components|quoting-style|label|owner|group|mode|mtime|record-size|transform|xform|exclude-vcs|exclude-vcs-ignores|exclude-caches|tape-length|sort)(?:=.*)?)$/;
  const longWrite = /^--(?:extract|get|create|append|update|catenate|concatenate|delete|to-command|checkpoint-action|use-compress-program|rsh-command|info-script|new-volume-script|index-file|listed-incremental|remove-files|overwrite|unlink-first|backup)(?:=|$)/;
  let reads = false;
  for (let k = 0; k < Math.min(argv.length, MaxArgs); k++) {
    const a = argv[k] as string;
    if (a === "--") break;
    if (a.startsWith("--")) {
      const name = a.split("=")[0] ?? a;
      if (longWrite.test(a)) return { kind: "acts", why: `a \`tar\` command line whose option \`${name.slice(0, 30)}\` writes files or runs a program` };
      if (!longRead.test(a)) return { kind: "unclear", why: `a \`tar\` command line with the option \`${name.slice(0, 30)}\`, which Warden does not know to only read` };
      if (/^--(?:list|diff|compare)$/.test(a)) reads = true;
      if (!a.includes("=") && /^--(?:file|directory|exclude|files-from|blocking-factor|format|occurrence|strip-components|quoting-style|label|owner|group|mode|mtime|record-size|transform|xform|tape-length|sort)$/.test(a)) k++;
      continue;
    }
    if (!a.startsWith("-") || a === "-") continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j] as string;
      if (writeModes[c] !== undefined) return { kind: "acts", why: `a \`tar\` command line whose \`-${c}\` ${writeModes[c]}` };
      if (acting[c] !== undefined) return { kind: "acts", why: `a \`tar\` command line whose \`-${c}\` ${acting[c]}` };
      if (modes[c] !== undefined) reads = true;
      else if (valueFlags.includes(c)) {
        if (j === a.length - 1) k++;
        break;
      } else if (!readFlags.includes(c)) return { kind: "unclear", why: `a \`tar\` command line with the option \`-${c}\`, which Warden does not know to only read` };
    }
  }
  return reads ? { kind: "reads" } : { kind: "unclear", why: "a `tar` command line that neither lists (`-t`) nor compares (`-d`)" };
}

/** The verdict of one program's rule on its arguments: undefined when Warden has no rule for the program. */
function ruleVerdict(program: string, args: readonly string[], named = true): LanguageVerdict | undefined {
  if (program === "tar") return checkTar(args, named);
  const check = checkAllowlisted(program, args, { insideWorkspace: () => true });
  if (check === null) return undefined;
  // A rule's allowed write (`sort -o F`, `sed -i`) is the command acting on a file, not reading.
  if (check.ok && check.writePaths.length > 0) return { kind: "acts", why: `a \`${program}\` command line that writes \`${check.writePaths[0] ?? ""}\`` };
  if (check.ok) return { kind: "reads" };
  const reason = check.reasons[0];
  const why = `a \`${program}\` command line that ${reason?.message ?? "Warden's rule refuses"}`;
  return reason !== undefined && actingRules.has(reason.id) ? { kind: "acts", why } : { kind: "unclear", why: `${why}, not known to only read` };
}

function programName(word: string): string | undefined {
  const base = (word.split("/").pop() ?? "").toLowerCase();
  const name = aliases[base] ?? base;
  return name === "tar" || checkAllowlisted(name, [], { insideWorkspace: () => true }) !== null ? name : undefined;
}

/**
 * The verdict on one command's argv (see the file's header); `none` when neither the line nor the tool names a
 * program Warden has a rule for and no option is one a reader it knows acts with.
 */
export function commandLineVerdict(argv: readonly string[], toolWords: readonly string[]): LanguageVerdict {
  const words = argv.slice(0, MaxArgs);
  if (words.length === 0) return { kind: "none" };
  const first = programName(words[0] as string);
  if (first !== undefined) return ruleVerdict(first, words.slice(1)) ?? { kind: "none" };
  const named = toolWords.map(programName).find((p) => p !== undefined);
  if (named !== undefined) return ruleVerdict(named, words) ?? { kind: "none" };
  // One letter means something else in every program (`-o wide`, `-A`): only named options are asked about, each with
  // the word after it as its value.
  for (let k = 0; k < words.length; k++) {
    const option = words[k] as string;
    if (!/^--?[A-Za-z][\w-]{2,}/.test(option)) continue;
    for (const reader of readers) {
      const verdict = ruleVerdict(reader, [option, ...words.slice(k + 1, k + 2)], false);
      if (verdict?.kind === "acts") return { kind: "unclear", why: `a command line of a program Warden cannot name, with an option that acts in \`${reader}\` (${verdict.why})` };
    }
  }
  return { kind: "none" };
}
