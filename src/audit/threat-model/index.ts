export { loadThreatModel } from "./schema.ts";
export { summarizeCoverage, renderCoverage } from "./coverage.ts";
