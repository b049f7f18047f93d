// What the write and edit tools read from a document before the gate decides (src/tools/files.ts `newUrls`): the URLs it
// loads by itself (`autoLoadingUrls`) and the ones a reader can follow (`linkedUrls`), on the same documents each run:
// an 8 KB Markdown report (prose, links, images, a table, raw HTML with a style attribute and a <style> block, bare
// domains), the same with YAML front matter, an 8 KB style sheet, and plain 8 KB text. The same file runs against an
// older tree to compare (copy it there and run it with that tree's node). Clock: CPU time of the process per document
// after warm-up, wall time percentiles beside it. Run: node bench/written-doc-urls.bench.ts (prints one JSON object).
import { loadavg } from "node:os";
import { autoLoadingUrls, linkedUrls } from "../src/scan/autoload-urls.ts";

const fill = (part: string, size = 8192) => {
  let out = "";
  while (out.length < size) out += part;
  return out.slice(0, size);
};
const paragraph = [
  "## Findings\n\nThe **summary** of the page, with sources: [the report](https://ok.example/report) and ![a chart](https://cdn.example/c.png).",
  "- Raw data at docs.example.org/data?q=1 and www.example.com/w, mirror example.net:8080/m; files notes.txt, v1.2.3.",
  "| host | status |\n|---|---|\n| ok.example | up |",
  '<div style="color: #333; background: url(img/bg.png) no-repeat">Q3</div>',
  "<style>.note { border: 1px solid #ccc; background-image: url(\"https://cdn.example/n.png\") }</style>",
  "Questions: [mail](mailto:team@example.com?subject=Q3)",
].join("\n\n");
const docs: Record<string, [string, string]> = {
  markdown: ["report.md", fill(`${paragraph}\n\n`)],
  frontMatter: ["post.md", `---\ntitle: Q3\ncover: https://cdn.example/cover.png\ntags: [a, b]\n---\n${fill(`${paragraph}\n\n`, 8000)}`],
  css: ["site.css", fill('.a { color: #333; background: url(img/a.png) } @font-face { font-family: x; src: url("fonts/x.woff2") format("woff2") }\n')],
  text: ["notes.txt", fill("Meeting notes: budget agreed, next steps for the team, see the shared drive.\n")],
};

const once = async (path: string, text: string) => linkedUrls(text, path, await autoLoadingUrls(text, path));
for (let i = 0; i < 30; i++) for (const [path, text] of Object.values(docs)) await once(path, text);
const runs = 200;
const perDoc: Record<string, { cpuUsPerDocument: number; p50Us: number; p99Us: number; urls: number }> = {};
for (const [name, [path, text]] of Object.entries(docs)) {
  const times: number[] = [];
  let urls = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    urls = (await once(path, text)).length;
    times.push((performance.now() - t0) * 1000);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN);
  perDoc[name] = { cpuUsPerDocument: Math.round((cpu.user + cpu.system) / runs), p50Us: at(0.5), p99Us: at(0.99), urls };
}
process.stdout.write(`${JSON.stringify({ area: "written-doc-urls", loadAverage: loadavg()[0], bytes: Object.fromEntries(Object.entries(docs).map(([k, [, t]]) => [k, t.length])), perDoc })}\n`);
