// Writes docs/threat-model.md from threat-model/threats.yaml: `node src/audit/threat-model/generate-docs.ts`.
import { writeFileSync } from "node:fs";
import { loadThreatModel } from "./schema.ts";
import { renderThreatModelDoc } from "./render-doc.ts";

const root = new URL("../../../", import.meta.url);
const model = loadThreatModel(new URL("threat-model/threats.yaml", root).pathname);
writeFileSync(new URL("docs/threat-model.md", root), renderThreatModelDoc(model));
process.stdout.write("docs/threat-model.md written\n");
