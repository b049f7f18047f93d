/**
 * Opens the state dir's database and ops services for one command, and closes them after. Loaded lazily so
 * `warden --help` and unrelated commands stay fast.
 */
export async function withOpsState<T>(work: (state: import("../app/ops-services.ts").OpsState, ctx: import("./context.ts").CliContext) => T): Promise<T> {
  const { loadContext } = await import("./context.ts");
  const { openOpsState } = await import("../app/ops-services.ts");
  const ctx = loadContext();
  const state = openOpsState({ paths: ctx.paths, config: ctx.config, env: ctx.env });
  try {
    return work(state, ctx);
  } finally {
    state.close();
  }
}
