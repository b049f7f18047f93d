/**
 * Files that run later known by what they are, not by a list of names: `backup.sh`, `scripts/deploy.sh`, a
 * `crontab.txt`, a `jobs.md` an agent works through, a file of shell lines called `nightly`. The list of
 * execute-later.ts names the files tools look for; this reads the file itself, as a person would tell a script from a
 * note:
 *
 * - a script by its extension (`.sh`, `.ps1`, `.py`, `.bat`, …) or its `#!` line: whoever runs it runs every line;
 * - a crontab entry on any line (five time fields and a command, or `@daily` and a command): once installed, cron runs
 *   the command on schedule;
 * - a scheduled instruction on any line ("Daily: summarize unread mail", "Every Monday at 9 - send the report"): a
 *   scheduler or an agent that works through the list acts on it, outside any turn;
 * - lines that are mostly shell commands (a command's name first, or shell syntax), in a file that is not a Markdown-
 *   like document (whose code blocks are judged as advice: document-commands.ts): a script whatever its name.
 *
 * The caller judges both the file as it is and as it would be: a change to either is a change to something that runs.
 * Pure and bounded: reads at most `MaxLines` lines of `MaxChars` characters; never throws.
 */
import { extensionOf } from "../core/file-extension.ts";

export type RunLaterKind = "script" | "crontab" | "jobs" | "commands";
export type RunLaterContent = { readonly kind: RunLaterKind; readonly why: string };

const MaxChars = 256 * 1024;
const MaxLines = 4000;

/** Extensions of programs and scripts: the file is run, sourced or imported as code. */
const ScriptExtensions: ReadonlySet<string> = new Set([
  "sh", "bash", "zsh", "ksh", "mksh", "dash", "csh", "tcsh", "fish", "command", "tool",
  "ps1", "psm1", "psd1", "bat", "cmd", "vbs", "vbe", "wsf", "js", "mjs", "cjs", "jse", "ts", "mts", "cts",
  "py", "pyw", "rb", "pl", "pm", "php", "lua", "tcl", "r", "awk", "sed", "applescript", "scpt", "ahk", "nu", "xsh", "elv",
]);

/** Markdown-like documents: their commands are read as a reader's advice (document-commands.ts), not as a script. */
const MarkupExtensions: ReadonlySet<string> = new Set(["md", "markdown", "mdx", "rst", "adoc", "asciidoc", "org", "html", "htm", "tex", "rtf"]);

/** Names a shell line starts with: commands a script is made of (the common ones; a script is mostly these). */
const Commands: ReadonlySet<string> = new Set(`
  cd ls cp mv rm mkdir rmdir ln chmod chown chgrp touch cat tac head tail less more grep egrep fgrep rg find xargs sort uniq
  wc cut tr sed awk tee echo printf read test true false sleep date env export unset set source exec eval trap exit return
  shift local declare readonly alias tar gzip gunzip zip unzip bzip2 xz zstd 7z rsync scp ssh sftp curl wget git make cmake
  npm npx pnpm yarn node deno bun python python3 pip pip3 pipx uv ruby gem bundle perl php go cargo rustc java mvn gradle
  docker podman kubectl helm terraform ansible ansible-playbook systemctl service launchctl crontab sudo doas su kill pkill
  killall nohup timeout watch du df mount umount ps top nc ncat socat openssl base64 gpg age jq yq sqlite3 psql mysql
  pg_dump mysqldump mongodump redis-cli aws gcloud az gsutil rclone restic borg duplicity b2 s3cmd mc ffmpeg convert
  magick pandoc notify-send osascript open xdg-open say mail sendmail mutt msmtp install dd shred truncate mktemp
  basename dirname realpath readlink stat file which command type hash wait bg fg jobs disown trap ulimit umask nice
  chattr lsof ip ifconfig ping dig host nslookup systemd-run at batch logger journalctl apt apt-get dnf yum brew snap
  flatpak pacman zypper apk pwsh powershell iwr irm
`.trim().split(/\s+/u));

/** Shell keywords that open or close a compound command: a line of them is shell. */
const Keywords: ReadonlySet<string> = new Set(["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "select", "{", "}"]);

/**
 * A crontab entry: five time fields (numbers, ranges, steps, lists, `*`, month and day names) and a command, or an
 * `@reboot`/`@daily`-style schedule and a command. A user crontab's line, or a system one's with a user name.
 */
const CronField = String.raw`(?:\*|\d{1,2}(?:-\d{1,2})?|[a-z]{3}(?:-[a-z]{3})?)(?:\/\d{1,2})?(?:,(?:\*|\d{1,2}(?:-\d{1,2})?|[a-z]{3}(?:-[a-z]{3})?)(?:\/\d{1,2})?)*`;
const CronLine = new RegExp(String.raw`^[ \t]*(?:${CronField}[ \t]+){4}${CronField}[ \t]+(\S.*)$|^[ \t]*@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)[ \t]+(\S.*)$`, "iu");

/**
 * A scheduled instruction: a line (a list item, a table row's cell, a heading's text) that opens with when it recurs —
 * "Daily", "Every weekday", "Mondays at 9", "Each night", "At 07:30", in a few languages — then a colon or a dash, then
 * what to do. Dates of a diary ("Monday: dentist") are not instructions: what follows must start with a verb of acting.
 */
const When = String.raw`(?:(?:every|each)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:day|night|morning|evening|hour|week|month|year|weekday|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+[ \t]*(?:min(?:ute)?s?|h(?:ours?)?|days?))|daily|nightly|hourly|weekly|monthly|yearly|weekdays|weekends|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|at[ \t]+\d{1,2}(?::\d{2})?[ \t]*(?:am|pm)?|\d{1,2}(?::\d{2})[ \t]*(?:am|pm)?|\d{1,2}[ \t]*(?:am|pm)|täglich|taeglich|jeden[ \t]+(?:tag|morgen|abend|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|wöchentlich|stündlich|quotidien|chaque[ \t]+(?:jour|matin|soir|semaine|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|tous[ \t]+les[ \t]+jours|diario|diariamente|cada[ \t]+(?:día|dia|mañana|noche|semana|lunes|hora)|todos[ \t]+los[ \t]+días|todos[ \t]+os[ \t]+dias|ogni[ \t]+(?:giorno|mattina|sera|settimana|lunedì)|quotidianamente|elke[ \t]+dag|dagelijks|codziennie|каждый[ \t]+день|ежедневно|毎日|毎朝|毎晩|每天|每日|매일)(?:[ \t]+(?:at|um|à|a[ \t]+las|alle)[ \t]+\d{1,2}(?:[:.h]\d{2})?[ \t]*(?:am|pm|uhr)?)?`;
const JobLine = new RegExp(String.raw`^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|#{1,6}[ \t]+|\|[ \t]*)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?(${When})(?:\*\*|__)?[ \t]*(?:[:：—–-]|\|)[ \t]*(?:\*\*|__)?[ \t]*(\p{L}+)`, "iu");

/** Verbs of acting that open an instruction (what an agent or a runner does), in a few languages. */
const ActVerbs: ReadonlySet<string> = new Set(`
  summarize summarise send forward email mail post publish reply message text notify remind ping check run execute
  back backup sync upload download fetch pull push deploy build test clean delete remove archive move copy pay transfer
  book order buy renew update upgrade install restart rotate export import scan review compile generate collect gather
  report write draft file sort tidy purge prune empty clear water feed call share invite cancel ask tell alert read open
  zusammenfassen fasse sende schicke leite prüfe lösche sichere zahle überweise poste erinnere
  résume résumer envoie envoyer transfère transférer vérifie supprime sauvegarde paie payer publie rappelle
  resume resumir envía envia enviar reenvía reenvia revisa borra elimina respalda paga pagar publica recuerda
  riassumi invia inoltra controlla cancella paga pubblica ricorda
  podsumuj wyślij przekaż sprawdź usuń zapłać
`.trim().split(/\s+/u));


function clipLine(line: string): string {
  const t = line.trim();
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}

/** Whether one line reads as a shell command line: a known command or a keyword first, a path run, an assignment. */
function shellLine(line: string): boolean {
  const t = line.trim().replace(/^(?:sudo|doas|nohup|time|exec|command|builtin|env)[ \t]+/u, "");
  if (/^[A-Za-z_][A-Za-z0-9_]*=(?:\S*|"[^"]*"|'[^']*')(?:[ \t]|$)/u.test(t)) return true;
  if (/^(?:\.{0,2}\/|~\/)[\w./-]+(?:[ \t]|$)/u.test(t)) return true;
  const first = /^[^\s;|&()<>]+/u.exec(t)?.[0] ?? "";
  if (Keywords.has(first)) return true;
  if (!Commands.has(first)) return false;
  // A prose sentence can open with `find`, `make`, `sort` or `test`: a command line has no sentence's ending, or has
  // shell's own marks (an option, a pipe, a redirect, a variable, a list).
  return /(?:^|[ \t])--?[A-Za-z]|[|&;<>]|\$\w|\$\{|\$\(|`/u.test(t) || !/[.!?]$/u.test(t);
}

/**
 * Why what `text` (the file at `path`) holds runs later, or undefined: a script by its extension or `#!` line, a
 * crontab entry, a scheduled instruction, or lines mostly of shell commands (outside Markdown-like documents).
 */
export function runLaterContent(path: string, text: string | undefined): RunLaterContent | undefined {
  const ext = extensionOf(path);
  if (ScriptExtensions.has(ext)) return { kind: "script", why: `a \`.${ext}\` file is a script or a program: whoever runs it, or imports it, runs every line it holds` };
  if (text === undefined) return undefined;
  const body = text.slice(0, MaxChars).replace(/^\uFEFF/u, "");
  if (/^#!/u.test(body)) return { kind: "script", why: `its first line \`${clipLine(body.split(/\r?\n/u)[0] ?? "")}\` makes it a program: running it runs every line it holds` };
  const lines = body.split(/\r?\n/u).slice(0, MaxLines);
  for (const line of lines) {
    if (/^[ \t]*#/u.test(line)) continue;
    const cron = CronLine.exec(line);
    const command = cron?.[1] ?? cron?.[2];
    // A table of numbers (`1 2 3 4 5 6`) is not a crontab: the command must be words, not another number.
    if (command !== undefined && /[A-Za-z/~.$]/u.test(command.charAt(0))) return { kind: "crontab", why: `its line \`${clipLine(line)}\` is a crontab entry (a schedule and a command): installed, cron runs the command on that schedule, outside any turn` };
  }
  for (const line of lines) {
    const job = JobLine.exec(line);
    const verb = job?.[2]?.toLowerCase();
    if (verb !== undefined && ActVerbs.has(verb)) return { kind: "jobs", why: `its line \`${clipLine(line)}\` is a scheduled instruction: a scheduler or an agent working through this list acts on it when it comes due, outside any turn` };
  }
  if (MarkupExtensions.has(ext)) return undefined;
  const meaningful = lines.map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  if (meaningful.length < 2) return undefined;
  const shell = meaningful.filter(shellLine);
  if (shell.length * 3 >= meaningful.length * 2) return { kind: "commands", why: `${shell.length} of its ${meaningful.length} lines are shell command lines (\`${clipLine(shell[0] ?? "")}\`): it is a script, whatever its name` };
  return undefined;
}

/** `runLaterContent` of the file as it is and as a change would leave it: either one running later is enough. */
export function runLaterContentOfChange(path: string, before: string | undefined, after: string | undefined): RunLaterContent | undefined {
  return runLaterContent(path, after) ?? (before === undefined ? undefined : runLaterContent(path, before));
}
