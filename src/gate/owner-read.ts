/**
 * The owner's own credential file, asked for by name: "Read <page> and check whether my .env has everything it says is
 * needed". Reading a credential file into an untrusted context asks (`taint.secret_read`) because the context could
 * steer what is done with it; when this turn's message asks, in a request (not a question, a report, negated or taken
 * back), to read or check that very file, which file is read is the owner's choice, not the context's. What can then be
 * done with the secret is unchanged: nothing composed after it entered leaves toward anyone but the owner
 * (`flow.secret_egress`, `flow.secret_outbound`), and a file the owner did not name asks as before.
 */
import { actRequests } from "./naming.ts";
import { fileNamedByOwner } from "./provenance.ts";
import type { FileFactsIn, FlowState, GateRequest } from "./types.ts";

/** The owner's words that ask for a file to be read or looked at (lower case; without accents too). */
const ReadVerbs: ReadonlySet<string> = new Set(`read check open look show compare verify inspect view examine print display cat review scan
  lis lire vérifie verifie vérifier verifier ouvre ouvrir compare comparer montre regarde
  lee leer revisa revisar comprueba comprobar abre abrir muestra mira compara verifica
  lies lesen prüfe pruefe prüfen öffne oeffne zeige schau vergleiche
  leggi leggere controlla controllare apri mostra guarda confronta
  leia ler verifique abra mostre olhe confira
  lees controleer open toon bekijk vergelijk
  прочитай проверь открой покажи oku kontrol aç göster`.split(/\s+/).filter((w) => w !== ""));

/**
 * Whether this turn's message of the owner asks to read or check this very file (the clause from the verb on names
 * it, as the file system spells it). Only the owner's own turn in the owner's session.
 */
export function ownerAskedToRead(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<FileFactsIn, "path" | "caseFolds">): string | undefined {
  const flow: Pick<FlowState, "turnText" | "composedTask"> = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true || flow.turnText === undefined) return undefined;
  for (const req of actRequests(flow.turnText, (w) => ReadVerbs.has(w), []).requests) {
    const said = { ownerTexts: [req.sentence.text.slice(req.at)] } as unknown as FlowState;
    if (fileNamedByOwner(facts.path, said, facts.caseFolds === true)) return req.word;
  }
  return undefined;
}
