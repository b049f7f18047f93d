export { createWorkspaceFs, type WorkspaceFs } from "./workspace-fs.ts";
export { decidePath, decidePathTarget } from "./decide-path.ts";
export { createSnapshotStore } from "./snapshots.ts";
export { createFileMarks } from "./file-marks.ts";
