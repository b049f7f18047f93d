import { createHash } from "node:crypto";
import type { Reason } from "../core/decision.ts";
import { settingName } from "./known-secrets.ts";
import { decodedPayloads, findCredentialForm, markupAsText, passwordShaped, urlLineGate } from "./credential-forms.ts";
import { credentialNameGate, foldCredentialScript, passwordWordSource, wordCharClass } from "./credential-words.ts";
import { findAccessCode } from "./access-codes.ts";
import { findLabelledCode, findNameValueRecord, findNetworkKey, findOpeningValue, findPasswordShapedValue, findRecoveryPassword, findSecurityAnswer, instructionWord, looksLikePassword, notALiteral } from "./labelled-secrets.ts";
import { foldForSecrets } from "./normalize.ts";
import { linesHolding, textOfLinesHolding } from "./literal-lines.ts";
import { isSecretPath } from "./secret-path.ts";
import type { SecretScanner } from "./secrets.ts";

/** Whether content read by a tool is secret, with stable reason ids. It must never carry a secret value. */
export type SecretLabel = { secret: boolean; reasons: Reason[] };

/**
 * Labels what a tool read (a file, a command's output, a page): secret when the path is a credential file
 * (`secret.path`), a gitleaks rule matches (`secret.rule`) or a registered value appears (`secret.known`).
 * The gate uses the label to deny sinks that would send it outward.
 */
export function labelSecretContent(input: { text: string; path?: string }, scanner: SecretScanner): SecretLabel {
  const label = labelText(input, scanner);
  if (label.secret) return label;
  // The same text as a program using it would read it: a UTF-16 file, fullwidth or look-alike letters, invisible
  // characters, HTML character references; one spelling per script for the credential words (traditional Chinese,
  // hiragana).
  const folded = foldCredentialScript(foldForSecrets(input.text));
  if (folded === input.text) return label;
  const again = labelText({ text: folded }, scanner);
  return again.secret ? { secret: true, reasons: again.reasons.map((r) => ({ ...r, message: `${r.message} (once its spelling is folded)` })) } : label;
}

/**
 * `labelSecretContent` for content seen again and again (a session's history is labelled anew every turn): a text
 * that labelled clean is remembered by a digest of its path and text (never the text), so the next look costs a
 * hash instead of every rule. Only clean verdicts are kept, so no secret is held; they are all dropped when a known
 * secret is registered (a clean text may hold the new value). At most `maxRemembered`, the oldest dropped first.
 */
export function createSecretLabeller(scanner: SecretScanner, maxRemembered = 4096): { label(input: { text: string; path?: string }): SecretLabel; remembered(): number } {
  const clean = new Set<string>();
  let knownCount = scanner.knownSecretCount();
  return {
    label(input) {
      if (scanner.knownSecretCount() !== knownCount) {
        clean.clear();
        knownCount = scanner.knownSecretCount();
      }
      const path = input.path ?? "";
      const digest = createHash("sha256").update(`${input.path === undefined ? "-" : "+"}${path.length}:${path}`).update(input.text).digest("base64");
      if (clean.has(digest)) return { secret: false, reasons: [] };
      const label = labelSecretContent(input, scanner);
      if (!label.secret) {
        if (clean.size >= maxRemembered) clean.delete(clean.values().next().value as string);
        clean.add(digest);
      }
      return label;
    },
    remembered: () => clean.size,
  };
}

function labelText(input: { text: string; path?: string }, scanner: SecretScanner): SecretLabel {
  const reasons: Reason[] = [];
  if (input.path !== undefined && isSecretPath(input.path)) {
    reasons.push({ id: "secret.path", message: `\`${input.path}\` is a credential-like file` });
  }
  // Known values are looked up on their own: a rule match around them (a generic `token=…`) would
  // otherwise hide which value leaked.
  const known = scanner.containsKnownSecret(input.text);
  if (known !== undefined) {
    const how = known.encoding === "plain" ? "" : ` (${known.encoding})`;
    reasons.push({ id: "secret.known", message: `contains the value of \`${known.name}\`${how}` });
  }
  const assigned = findCredentialAssignment(input.text);
  if (assigned !== undefined) reasons.push({ id: "secret.assignment", message: `assigns a value to \`${assigned}\`` });
  const inline = findInlineCredential(input.text);
  if (inline !== undefined) reasons.push({ id: "secret.inline", message: `holds ${inline}` });
  // Two layers, not unbounded: a credential base64-, hex- or base32-encoded in the text is the credential.
  for (const decoded of decodedPayloads(input.text)) {
    const hidden = findCredentialAssignment(decoded) ?? findInlineCredential(decoded) ?? scanner.findSecrets(decoded).find((f) => !f.ruleId.startsWith("known:"))?.ruleId ??
      (passwordShaped(decoded.trim()) ? "a generated password" : undefined);
    if (hidden !== undefined) {
      reasons.push({ id: "secret.encoded", message: `holds an encoded credential (${hidden.startsWith("a ") ? hidden : `\`${hidden}\``})` });
      break;
    }
  }
  const seen = new Set<string>();
  for (const f of scanner.findSecrets(input.text)) {
    if (seen.has(f.ruleId) || f.ruleId.startsWith("known:")) continue;
    seen.add(f.ruleId);
    reasons.push({ id: "secret.rule", message: `matches secret rule \`${f.ruleId}\` (${f.preview})` });
  }
  return { secret: reasons.length > 0, reasons };
}

// `DB_PASSWORD=…`, `'PASSWORD': '…'`, `password: …`, `define('DB_PASSWORD', '…')`, `spring.datasource.password=…`: a
// name that says credential, then a literal value (quoted, or a bare word up to the end of the line).
// The name may be in any language (`mot_de_passe`, `Kennwort`, `密码`: the shared vocabulary) and may be a PHP or Perl
// variable (`$db_pass`).
const credentialAssignment = new RegExp(
  String.raw`(?:^|[\s{,(;:"'$@])((?:[\w\u00c0-\uffff.-]*(?:${passwordWordSource}|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?)|(?:[\w.-]*[_.-])?(?:pass|pw))(?:[_-]?(?:key|value))?)["']?` +
  String.raw`\s*(?:[:=]|=>|,)\s*(?:"([^"\n]{8,200})"|'([^'\n]{8,200})'|([^\s"'#;,)}\]]{8,200})\s*(?:$|[#;,)}\]]))`,
  "gim",
);

/**
 * The name of the first credential-named setting that is given a literal value that looks like a credential
 * (eight characters or more, with a digit or a symbol, not a reference or a placeholder); undefined otherwise.
 * Catches passwords that no gitleaks rule describes, in files whose names say nothing (`settings.py`).
 */
export function findCredentialAssignment(text: string): string | undefined {
  let i = 0;
  for (const region of assignmentRegions(text)) {
    credentialAssignment.lastIndex = 0;
    for (let m = credentialAssignment.exec(region); m !== null && i < 10_000; i++, m = credentialAssignment.exec(region)) {
      const name = m[1] as string;
      const value = (m[2] ?? m[3] ?? m[4] ?? "").trim();
      if (settingName.test(name) || notALiteral.test(value) || /\s/.test(value)) continue;
      if (!/[\d\W_]/.test(value) && value.length < 16) continue;
      return name;
    }
  }
  return undefined;
}

/**
 * The parts of a text an assignment can be in, in order: from each line that names a credential (the name gate; a
 * name is on one line) to the second non-blank line after it (the `=` and the value may each follow on the next
 * non-blank line: `\s*` crosses line breaks), windows that touch merged. Each part starts and ends at a line's edge,
 * where `^`, `$` and the class before the name read as they do in the whole text, so the regex finds there what it
 * finds in the text, and nothing else.
 */
function* assignmentRegions(text: string): Generator<string> {
  const named = linesHolding(text, credentialNameGate);
  if (named.size === 0) return;
  const lines = text.split("\n");
  let [start, end] = [-1, -1];
  for (const k of named) {
    let last = k;
    for (let j = k + 1, nonBlank = 0; j < lines.length && nonBlank < 2; j++) {
      last = j;
      if (!/^\s*$/.test(lines[j] as string)) nonBlank++;
    }
    if (start >= 0 && k <= end + 1) end = Math.max(end, last);
    else {
      if (start >= 0) yield lines.slice(start, end + 1).join("\n");
      [start, end] = [k, last];
    }
  }
  yield lines.slice(start, end + 1).join("\n");
}

const urlWithUserinfo = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/?#@"'<>]*@[^\s"'<>]+/gi;
const credentialElement = new RegExp(
  String.raw`<((?:[\w-]*[_-])?(?:${passwordWordSource}|pass|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret|private[_-]?key))(?![\w\u00c0-\uffff])[^>]*>\s*([^<\s][^<]{2,200}?)\s*<\/\1>`,
  "gi",
);
// A password given to a command on its command line, in any file (a script, notes, a README).
const commandLinePasswords = [
  /(?:^|[\s;|&"'])--(?:password|passwd|pass|http-password|ftp-password)(?:=|\s+)["']?([^\s"']{4,200})/gim,
  /\bsshpass\s+-p\s*["']?([^\s"']{4,200})/gi,
  /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n]*?\s-p["']?([^\s"']{4,200})/gi,
  /\b(?:curl|wget|http)\b[^\n]*?\s(?:-u|--user)\s*["']?[^\s:"']*:([^\s"'@]{4,200})/gi,
];
// `Authorization: Bearer …`, a bare `Bearer …` header value, `Basic …` credentials.
const authorizationValue = /\b(?:bearer|basic|token)\s+([A-Za-z0-9._~+/=-]{12,400})/gi;
// .NET and similar settings: `<add key="DbPassword" value="…"/>`, `name="api_token" content="…"`.
const namedValueAttribute = new RegExp(
  String.raw`\b(?:key|name)\s*=\s*["']([\w\u00c0-\uffff.:-]*(?:${passwordWordSource}|pwd|secret|token|api[_-]?key|apikey|credential)[\w\u00c0-\uffff.:-]*)["'][^>]{0,80}?\b(?:value|content)\s*=\s*["']([^"']{4,200})["']`,
  "gi",
);
// A password or passphrase given a whole line of words (`DB_PASSWORD=correct horse battery staple`).
// Also in prose: "the vault passphrase is: correct horse battery staple orbit".
const passphraseLine = new RegExp(
  String.raw`^[ \t]*(?:export[ \t]+)?(?:[^\n:=]{0,40}?[ \t])?[\w\u00c0-\uffff.-]*${passwordWordSource}[\w\u00c0-\uffff.-]*(?:[ \t]+(?:is|was|ist|est|es|é|är|er|on|jest))?[ \t]*[=:][ \t]*["']?([^\n"']{12,200}?)["']?[ \t]*$`,
  "gim",
);
// A line of notes that names a credential and then gives something shaped like one ("Bank login: bob / Xk9-…").
// The word may be in any language of the shared vocabulary, or a named key ("backup encryption key (rot13): …"); not
// the end of an identifier (`check_password(text)`, `OSSL_PASSPHRASE_PARAM`).
const credentialWordLine = new RegExp(
  String.raw`(?<![\w.$@-])(?:${passwordWordSource}|(?<!${wordCharClass})(?:pw|pwd|pin|login|credentials?|(?:encryption|decryption|backup|recovery|master|licen[cs]e|wi-?fi|wlan|wpa|network|secret|private|api|access|vault)[ _-]?key)(?![a-z]))[^\n]{0,80}`,
  "gi",
);

/**
 * A credential given in content in a form no assignment names: the password of a URL (`redis://:pw@host`,
 * `https://bob:pw@git…`), an XML element (`<password>…</password>`), a password flag on a command line
 * (`mysqldump -pXk9…`, `sshpass -p …`, `curl -u bob:…`), or a line of notes that names a login and gives a
 * password-shaped word, or one of the forms `findCredentialForm` parses (key bodies, cookies, credential columns,
 * `.pgpass`, SQL, Wi-Fi keys, registry auth). Says which, never the value.
 */
export function findInlineCredential(text: string): string | undefined {
  for (const m of textOfLinesHolding(text, urlLineGate).matchAll(urlWithUserinfo)) {
    let password = "";
    try {
      password = decodeURIComponent(new URL(m[0]).password);
    } catch {
      continue;
    }
    if (password.length >= 4 && !notALiteral.test(password)) return "a password in a URL";
  }
  for (const m of text.matchAll(credentialElement)) {
    const value = (m[2] ?? "").trim();
    if (value.length >= 4 && !notALiteral.test(value) && !/\s/.test(value)) return `a value in \`<${m[1] ?? ""}>\``;
  }
  for (const m of text.matchAll(authorizationValue)) if (/\d/.test(m[1] ?? "") && /[a-z]/i.test(m[1] ?? "") && !notALiteral.test(m[1] ?? "")) return "a credential in an authorization header";
  for (const m of text.matchAll(namedValueAttribute)) if (!notALiteral.test(m[2] ?? "")) return `a value for \`${m[1] ?? ""}\``;
  // Both line forms stay on one line and name a credential there: only the lines the name gate lets through are read.
  const named = textOfLinesHolding(text, credentialNameGate);
  for (const m of named.matchAll(passphraseLine)) {
    const value = (m[1] ?? "").trim();
    if (value.split(/\s+/).length >= 3 && !notALiteral.test(value) && !instructionWord.test(value)) return "a passphrase";
  }
  for (const re of commandLinePasswords) {
    for (const m of text.matchAll(re)) if (!notALiteral.test(m[1] ?? "")) return "a password on a command line";
  }
  for (const m of named.matchAll(credentialWordLine)) {
    // Split on markup and separators too: a Markdown image's alt text (`![password: …](label.jpg)`), a table cell, `密码：…`.
    // The word's own token is skipped (`password_policy=…` names a setting), but for what follows a colon in it (`密码：…`).
    const [first = "", ...rest] = m[0].split(/[\s[\]()|]+/);
    const afterColon = /[:：]/.test(first) ? first.slice(first.search(/[:：][^:：]*$/) + 1) : "";
    if ([afterColon, ...rest].some(looksLikePassword)) return "a password in a line about a login";
  }
  const found = findLabelledCode(text) ?? findNetworkKey(text) ?? findOpeningValue(text) ?? findSecurityAnswer(text) ?? findNameValueRecord(text) ?? findRecoveryPassword(text) ??
    findPasswordShapedValue(text) ?? findAccessCode(text) ?? findCredentialForm(text);
  if (found !== undefined) return found;
  // HTML read as text: a label and its value in different elements (`<dt>`/`<dd>`, `<th>`/`<td>`, `<label>`).
  const read = markupAsText(text);
  const inMarkup = read === undefined || read === text ? undefined : findInlineCredential(read);
  return inMarkup === undefined ? undefined : `${inMarkup} (in markup)`;
}
