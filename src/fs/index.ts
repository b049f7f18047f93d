export {
  createWorkspaceFs,
  type WorkspaceFs,
  type WorkspaceFsOptions,
  type FsFailure,
  type ReadResult,
  type WriteResult,
  type RemoveResult,
  type RestoreResult,
} from "./workspace-fs.ts";
export { decidePath, type PathQuery } from "./decide-path.ts";
export { findTrustedTarget } from "./trusted-targets.ts";
export { createSnapshotStore, snapshotMigrations, type Snapshot, type SnapshotKind, type SnapshotStore, type SaveSnapshot } from "./snapshots.ts";
