/**
 * The migration shape every ops store exports. Same shape as `src/state/database.ts`; declared here so the
 * ops libraries do not depend on the state module (the lead unifies the two).
 */
export type Migration = { id: string; sql: string };
