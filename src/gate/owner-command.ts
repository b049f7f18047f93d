/**
 * The owner's own command: "Run `mkdir -p archive/2026` please", after which the model calls exec with exactly
 * `mkdir -p archive/2026`. The exec policy asks about a command off its read-only allowlist because the owner decides;
 * an owner who typed that command, whole, as what to run, in a request of this turn's message, has decided. Nothing of
 * it is the context's choice — not the program, not an argument, not the order — so it runs without asking, after
 * untrusted content too. It is bound as an act is (owner-actions.ts):
 *  - the command is the text of a code span (between backticks) of the owner's message that started this turn, byte
 *    for byte (outer blanks aside);
 *  - that span is what a run verb of the sentence governs: the sentence asks (an imperative or a request frame; not a
 *    question, a report, a condition, negated or taken back, by the sentence reader of naming.ts), the span comes
 *    after the verb with nothing between them but a few words that name a command ("run the tests with `…`", "lance la
 *    commande `…`"), and the sentence holds no other span ("run `ls` instead of `rm -rf src`" binds neither);
 *  - the sentence has not bound a command already in this turn (`FlowState.ownerActsTaken`): one run per request;
 *  - the exec policy asked only what typing answers (`ExecFactsIn.ownerAnswerable`): a command Warden could not fully
 *    read, a path outside the workspace, credentials, a file's commands it runs, a git hazard, no sandbox still ask.
 * Everything else the gate decides about the command (secrets, private data toward the network, folders that leave the
 * machine, the agent's marked bytes in its reach) still applies around it.
 */
import { actRequests } from "./naming.ts";
import type { ActReading } from "./owner-actions.ts";
import type { ExecFactsIn, FlowState, GateRequest } from "./types.ts";

/** The owner's words that ask for a command to be run, as a request writes them (lower case; without accents too). */
const RunVerbs: ReadonlySet<string> = new Set(`run rerun execute exec launch start invoke type
  lance lancer lancez exécute executer exécuter exécutez executez relance
  ejecuta ejecutar ejecute corre correr lanza lanzar
  führe fuehre ausführen ausfuehren starte starten
  esegui eseguire lancia lanciare
  executa executar execute rode roda rodar
  voer draai uitvoeren
  запусти выполни
  çalıştır calistir`.split(/\s+/).filter((w) => w !== ""));

/**
 * Words that may stand between the run verb and the span: they name the command or soften the request, never another
 * command or an exception ("except", "instead of" and anything unknown leave the span unbound).
 */
const CommandWords: ReadonlySet<string> = new Set(`please just now again quickly me for us the a this that command commands cmd line
  shell terminal test tests testsuite suite linter lint linters formatter build script it with using via by
  la le les l une un cette ce commande commandes test tests avec en moi stp svp
  el la los las un una este esta comando comandos pruebas con por favor
  den die das einen eine diesen diese befehl kommando tests test mit bitte mal
  il lo i gli un una questo questa comando comandi test con per favore
  o os um uma este esta comando comandos testes com por favor
  de het een dit deze commando opdracht tests met alsjeblieft
  команду команды тесты`.split(/\s+/).filter((w) => w !== ""));

/** Code spans of a text: single-backtick and fenced (``` … ```) runs, with where each starts. */
function codeSpans(text: string): { at: number; end: number; code: string }[] {
  const spans: { at: number; end: number; code: string }[] = [];
  for (const m of text.matchAll(/(`+)([^`]+?)\1(?!`)/g)) spans.push({ at: m.index, end: m.index + m[0].length, code: m[2] ?? "" });
  return spans;
}

/** The code in a span as a command: a fence's language tag line dropped, outer blanks trimmed. */
function spanCommand(code: string): string {
  const lines = code.split("\n");
  const tagged = lines.length > 1 && /^[A-Za-z0-9_+-]*$/.test(lines[0]?.trim() ?? "");
  return (tagged ? lines.slice(1).join("\n") : code).trim();
}

/** Whether the text between a run verb and the span names nothing but the command (`CommandWords`, `:` and `,`). */
function onlyCommandWords(between: string): boolean {
  if (/[^\p{L}\s:,'’-]/u.test(between)) return false;
  return between.toLowerCase().split(/[\s:,'’-]+/).filter((w) => w !== "").every((w) => CommandWords.has(w));
}

/**
 * Whether the owner typed this very command as what to run in a request of this turn's message, and that request is
 * not spent; the binding, or why not (for notes). Undefined where it does not apply at all: someone else's turn, a
 * job's composed task, a command the policy asks about for more than its programs' effects.
 */
export function ownerCommandReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<ExecFactsIn, "command" | "ownerAnswerable">): ActReading | undefined {
  const flow: Pick<FlowState, "turnText" | "ownerActsTaken" | "composedTask"> = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true || facts.ownerAnswerable !== true) return undefined;
  const turn = flow.turnText;
  const command = facts.command.trim();
  if (turn === undefined || command === "") return undefined;
  const taken = new Set(flow.ownerActsTaken ?? []);
  let spent = false;
  for (const req of actRequests(turn, (w) => RunVerbs.has(w), []).requests) {
    const text = req.sentence.text;
    const spans = codeSpans(text);
    const only = spans[0];
    if (spans.length !== 1 || only === undefined || only.at < req.at + req.word.length) continue;
    if (spanCommand(only.code) !== command || !onlyCommandWords(text.slice(req.at + req.word.length, only.at))) continue;
    const key = `exec@${req.sentence.start}`;
    if (taken.has(key)) {
      spent = true;
      continue;
    }
    return { binding: { key, why: `you typed this command (\`${command.length > 80 ? `${command.slice(0, 79)}…` : command}\`) in this message as what to run (“${req.word}”); one run per request` } };
  }
  return { note: spent ? "the sentence that asked for it ran it already in this turn (one run per request)" : "you did not type this command as what to run in this message" };
}
