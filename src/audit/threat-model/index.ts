export { loadThreatModel, parseThreatModel, threatModelSchema, TACTICS, type ThreatModel, type Threat, type Mitigation, type Tactic } from "./schema.ts";
export { summarizeCoverage, renderCoverage, type Coverage, type TacticCoverage } from "./coverage.ts";
export { verifyThreatModel, exportsSymbol, mentionsControl, findScenarioIds, type VerifyReport } from "./verify.ts";
export { renderThreatModelDoc } from "./render-doc.ts";
