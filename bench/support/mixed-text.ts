// The mixed text the scanner and labeller benches read: our benign prose and code, attack texts (the injection
// corpora when WARDEN_CORPORA or /work/shared/corpora holds them) and credential-shaped strings, ~5 MB, and the same
// text cut into 8 KB documents, the size of a typical tool result.
import { existsSync } from "node:fs";
import { loadBenign, loadCyberSecEval, loadInjecAgent } from "../../src/scan/eval/corpus.ts";

export function mixedText(corporaDir = process.env["WARDEN_CORPORA"] ?? "/work/shared/corpora"): { text: string; docs: string[]; mb: number } {
  const pieces: string[] = loadBenign().map((b) => b.text);
  if (existsSync(`${corporaDir}/injecagent/test_cases_dh_base.json`)) {
    pieces.push(...loadInjecAgent(corporaDir).slice(0, 60).map((t) => t.text));
    pieces.push(...loadCyberSecEval(corporaDir).slice(0, 60).map((t) => t.text));
  }
  pieces.push(
    "aws_access_key_id = AKIA" + "QWERTYUIOPASDFGH".split("").reverse().join(""),
    "export TOKEN=ghp_" + "Zq3Wm8Kx1Lp7Rt5Vb2Nc9Hd4Jf6Gs0Ya1Eu7",
    "function add(a, b) {\n  return a + b;\n}\nconst apiKey = process.env.API_KEY;",
  );
  const target = 5 * 1024 * 1024;
  let text = "";
  for (let i = 0; text.length < target; i++) text += (pieces[i % pieces.length] ?? "") + "\n\n";
  text = text.slice(0, target);
  const docSize = 8 * 1024;
  const docs: string[] = [];
  for (let i = 0; i < text.length; i += docSize) docs.push(text.slice(i, i + docSize));
  return { text, docs, mb: Buffer.byteLength(text) / (1024 * 1024) };
}

/** The least CPU time (user + system, seconds) of `repeats` runs of `fn`: the machine is shared, CPU time less so. */
export function bestCpuSeconds(fn: () => void, repeats = 3): number {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}
