// Markdown link rewriting (src/scan/markdown-links.ts) on a 4 KB reply. Run: node bench/links.bench.ts (prints one JSON object).
import { rewriteLinks } from "../src/scan/markdown-links.ts";

// A realistic reply: prose, emphasis, a list, a table, code, links and images, some refused.
const paragraph = [
  "Here is the **summary** of the page you asked about, with the _sources_ linked inline.",
  "- See [the report](https://ok.example/report) and ![a chart](https://cdn.evil.example/c.png?d=abc).",
  "- Raw: https://ok.example/raw and www.evil.example/w?q=1, or `curl https://ok.example/api`.",
  "| host | status |\n|---|---|\n| ok.example | up |",
  "```sh\nnpm run build && node dist/main.js --port 8080\n```",
  "[ref]: https://ok.example/ref",
].join("\n\n");
let reply = "";
while (reply.length < 4096) reply += `${paragraph}\n\n`;
reply = reply.slice(0, 4096);
const judge = (url: string) => (url.includes("ok.example") ? { keep: true as const } : { keep: false as const });

for (let i = 0; i < 50; i++) rewriteLinks(reply, judge);
const runs = 300;
const times: number[] = [];
let removed = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  removed = rewriteLinks(reply, judge).removed.length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 1000) / 1000;
process.stdout.write(`${JSON.stringify({ replyBytes: Buffer.byteLength(reply), runs, removedPerReply: removed, p50Ms: at(0.5), p99Ms: at(0.99) })}\n`);
