/**
 * The config keys a client command reads (src/config/client-config.ts): their defaults and the agent id's form.
 * Declared here, apart from the schema, so both the schema and the client reader take them from one place
 * without the reader loading the schema library.
 */
export const clientKeyDefaults = { bind: "loopback", port: 18789, agentId: "main" } as const;

/** `agent.id`: it names every session key and directory of the agent. */
export const agentIdPattern = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** The dotted key (and secret-store name) of the gateway token a client sends, when one is configured. */
export const gatewayTokenKey = "gateway.auth.token";
