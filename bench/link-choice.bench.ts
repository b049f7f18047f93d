/**
 * The link-choice covert channel (attack12 F4), measured on the real flow tracker and gate: a page on the
 * attacker's site lists 10,000 same-site links; the owner's turn then reads private data; every later fetch of one
 * of those links that the gate allows without the owner is a choice the site observes. For each shape — the one
 * page; the page plus `j` pages reached through its links before the private data (each with 10,000 links of its
 * own, each spending one of the turn's link fetches); four pages the owner typed — it counts the links the gate
 * still allows (`choosable`) and the bits one owner turn can carry: log2 of the number of distinct sequences of at
 * most the remaining link fetches over those links. Not a timing: no clock. Prints one JSON line.
 * Run: node bench/link-choice.bench.ts
 */
import { allow } from "../src/core/decision.ts";
import { decide, MaxLinkFetchesPerTurn } from "../src/gate/decide.ts";
import { createFlowTracker } from "../src/gate/flow-tracker.ts";

const site = "https://catalogue.example";
const page = (prefix: string) => Array.from({ length: 10_000 }, (_, i) => `${site}/${prefix}/${String(i).padStart(4, "0")}`).join(" ");

function measure(ownerPages: number, linkedPages: number): { choosable: number; fetchesLeft: number; bitsPerTurn: number } {
  const typed = Array.from({ length: ownerPages }, (_, i) => `${site}/p${i}`).join(" and ");
  const t = createFlowTracker({ history: [], userText: `Summarize ${typed}, then my notes`, userSource: "owner", label: () => [], baseSecrets: [], clock: () => 1 });
  const candidates: string[] = [];
  for (let p = 0; p < ownerPages + linkedPages; p++) {
    const text = page(`p${p}`);
    t.observe(`external:${site}/p${p}`, text, false);
    candidates.push(...text.split(" "));
    if (p >= ownerPages) t.noteLinkFetch();
  }
  t.observe("tool:read:notes.txt", "salary: 98765", false);
  const flow = t.state();
  let choosable = 0;
  for (const url of candidates) {
    const d = decide({ principal: { kind: "owner", id: "owner", channel: "webchat" }, ownerSession: true, grants: "all", flow, facts: { tool: "web_fetch", url, host: new URL(url).hostname, base: allow("low", { id: "url.public", message: "public" }) } });
    if (d.decision === "allow") choosable++;
  }
  const fetchesLeft = Math.max(0, MaxLinkFetchesPerTurn - linkedPages);
  // Sequences of 0..k fetches over M links: sum of M^i, in log2 (exact enough in floating point for these sizes).
  let sequences = 0;
  for (let i = 0; i <= fetchesLeft; i++) sequences += choosable ** i;
  return { choosable, fetchesLeft, bitsPerTurn: Math.round(Math.log2(Math.max(1, sequences)) * 10) / 10 };
}

const shapes: Record<string, ReturnType<typeof measure>> = { onePage: measure(1, 0) };
for (let j = 1; j <= 3; j++) shapes[`onePagePlus${j}Linked`] = measure(1, j);
shapes.fourOwnerPages = measure(4, 0);
const worst = Math.max(...Object.values(shapes).map((s) => s.bitsPerTurn));
process.stdout.write(`${JSON.stringify({ linkFetchesPerTurn: MaxLinkFetchesPerTurn, shapes, worstBitsPerTurn: worst })}\n`);
