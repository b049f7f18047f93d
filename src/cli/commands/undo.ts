/** `warden undo [--list]`: puts back the workspace file changed last by the agent (every change keeps a snapshot). */
import { loadContext } from "../context.ts";

export async function runUndo(options: { list?: boolean; json?: boolean }): Promise<number> {
  const ctx = loadContext();
  const [{ openStateDatabase }, { createSnapshotStore, createWorkspaceFs }, { ensurePrivateDir }] = await Promise.all([
    import("../../app/migrations.ts"),
    import("../../fs/index.ts"),
    import("../../ops/secrets/private-files.ts"),
  ]);
  ensurePrivateDir(ctx.paths.workspace);
  const db = openStateDatabase(ctx.paths);
  try {
    // INVARIANT: the same workspace string the runtime gives the file layer, so the snapshots match.
    const fs = createWorkspaceFs({ workspace: ctx.paths.workspace, protectedDirs: [ctx.paths.home, ctx.paths.keys], snapshots: createSnapshotStore({ db, dir: ctx.paths.snapshots }) });
    if (options.list) {
      const snapshots = await fs.listSnapshots(50);
      if (options.json) process.stdout.write(`${JSON.stringify({ snapshots: snapshots.map((s) => ({ id: s.id, path: s.path, kind: s.kind, size: s.size, createdAt: new Date(s.createdAt).toISOString() })) })}\n`);
      else if (snapshots.length === 0) process.stdout.write("Nothing to undo.\n");
      else for (const s of snapshots) process.stdout.write(`${s.id}  ${new Date(s.createdAt).toISOString()}  ${s.kind}  ${s.path}  (${s.size} bytes)\n`);
      return 0;
    }
    const r = await fs.undoLast();
    if (!r.ok) {
      if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, reason: r.reason })}\n`);
      process.stderr.write(`warden: ${r.reason.message} [${r.reason.id}]\n`);
      return 1;
    }
    if (options.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else process.stdout.write(r.action === "removed" ? `Removed ${r.path} (it did not exist before; snapshot ${r.snapshotId}).\n` : `Restored ${r.path} (snapshot ${r.snapshotId}).\n`);
    return 0;
  } finally {
    db.close();
  }
}
