// The statement kinds of SQL and the operation types of GraphQL, read from tokens in every dialect's reading.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { graphqlVerdict, sqlVerdict } from "./query-kinds.ts";

describe("sqlVerdict", () => {
  const table: [string, string][] = [
    ["SELECT 1", "reads"], ["select * from t where a = 'x; drop table t'", "reads"], ["-- drop table t\nselect 1", "reads"], ["/* delete from t */ select 1", "reads"],
    ["show tables", "reads"], ["explain select 1", "reads"], ["begin; select 1; commit", "reads"], ["(select 1) union (select 2)", "reads"],
    ["DROP TABLE users", "acts"], ["select 1; drop table t", "acts"], ["explain analyze delete from t", "acts"], ["select * from t for update", "acts"],
    ["insert into t values (1)", "acts"], ["truncate t", "acts"], ["pragma writable_schema = 1", "acts"], ["set role admin", "acts"],
    ["select 'a\\'' ; drop table t; -- '", "acts"], ["select $q$; drop table t; $q$", "acts"], ["select \"x\\\"; drop table t; \"", "acts"],
    ["select 1 /* /* */ ; drop table t; */", "acts"], ["/*!50000 drop table t */ select 1", "acts"], ["select E'\\''; drop table t; --'", "acts"],
    ["drop the ball", "none"], ["update my profile photo", "none"], ["delete account help", "none"], ["hello world", "none"], ["", "none"],
    // A fragment a server pastes into its own query (a filter, a table name), then a statement (atk17).
    ["paid = false; DELETE FROM invoices", "acts"], ["invoices; DROP TABLE users", "acts"], ["1=1; delete from t", "acts"],
    ["id IN (WITH x AS (UPDATE invoices SET paid=true RETURNING id) SELECT id FROM x)", "acts"], ["paid = false; select 1", "unclear"],
    ["photos (delete from phone)", "none"], ["best pizza; update me later", "none"], ["paid = false", "none"],
    // Statement kinds the reader had no shape for (atk18 class 1), given where a query is expected.
    ["SHUTDOWN", "acts"], ["KILL 12", "acts"], ["KILL QUERY 12", "acts"], ["INSTALL PLUGIN x SONAME 'x.so'", "acts"], ["LOAD '/tmp/evil.so'", "acts"],
    ["RESET MASTER", "acts"], ["PURGE BINARY LOGS BEFORE '2030-01-01'", "acts"], ["FLUSH TABLES WITH READ LOCK", "acts"], ["CLUSTER users USING users_pkey", "acts"],
    ["COMMENT ON TABLE users IS 'x'", "acts"], ["SECURITY LABEL ON TABLE users IS 'public'", "acts"], ["REASSIGN OWNED BY app TO attacker", "acts"],
    ["COMMIT PREPARED 'tx'", "acts"], ["ROLLBACK PREPARED 'tx'", "acts"], ["notify payments, 'refund'", "acts"], ["LISTEN payments", "acts"], ["UNLISTEN *", "acts"],
    ["ANALYZE users", "acts"], ["ANALYZE VERBOSE", "acts"], ["DROP MEASUREMENT cpu", "acts"], ["DROP SERIES FROM cpu", "acts"],
    ["begin; select 1; rollback", "reads"], ["rollback to savepoint a; select 1", "reads"], ["commit work", "none"],
    ["listen to this song", "none"], ["comment about the weather", "none"], ["reset my password", "none"], ["flush the cache please", "none"],
    // A carriage return ends a `--` comment in PostgreSQL (atk18 class 2); a line feed in every dialect.
    ["SELECT 1 -- note\rDELETE FROM users", "acts"], ["SELECT id FROM users -- list\r; DROP TABLE users", "acts"], ["SELECT 1 -- x\r\nSELECT 2", "reads"],
    // Known-pure functions only unqualified or in a system schema (atk18 class 3).
    ["SELECT app.lower(name) FROM users", "unclear"], ["SELECT public.lower(id) FROM users", "unclear"], ["SELECT app . lower(name) FROM t", "unclear"],
    ["SELECT \"app\".lower(name) FROM t", "unclear"], ["SELECT pg_catalog.lower(name) FROM users", "reads"], ["SELECT pg_catalog.setval('s', 1)", "acts"],
    ["SELECT app.nextval('s')", "acts"], ["SELECT u.name, lower(u.email) FROM app.users u JOIN app.teams t ON t.id = u.team", "reads"],
  ];
  for (const [text, kind] of table) it(`${JSON.stringify(text)} ${kind}`, () => assert.equal(sqlVerdict(text).kind, kind));
});

describe("sqlVerdict across the dialects' quoting (atk21)", () => {
  // A second statement hidden by quoting one dialect knows and another does not acts, and names the dialects that see it.
  const acts: [string, string][] = [
    ["SELECT [it's] FROM t; DELETE FROM users; --'", "SQL Server"], ["SELECT [a]]'] FROM t; DELETE FROM users; --'", "SQL Server"],
    ["SELECT [x'] FROM t\nDELETE FROM users\n--'", "SQLite"], ["SELECT [--] FROM t; DELETE FROM users", "SQLite"], ["SELECT [/*] FROM t; DELETE FROM users; --*/]", "SQLite"],
    ["SELECT '''it's''' ; DELETE FROM users; --'", "BigQuery"], ["SELECT q'[it's]' FROM dual; DELETE FROM users; --'", "Oracle"],
    ["SELECT q'<it's>' FROM dual; DELETE FROM users; --'", "Oracle"], ["SELECT nq'!it's!' FROM dual; DELETE FROM users; --'", "Oracle"],
    ["SELECT $ä$'$ä$; DELETE FROM users; --'", "PostgreSQL"], ["SELECT $тег$'$тег$; DELETE FROM users; --'", "PostgreSQL"],
    ["SELECT 1 /* /* */ ' */ ; DELETE FROM users; -- '", "PostgreSQL"], ["SELECT 1 /* a /* b /* c */ */ ' */ ; DELETE FROM users; -- '", "SQL Server"],
    ["SELECT 1 /*M! ; DELETE FROM users */", "MariaDB"], ["SELECT 1 /*M!100100 ; DELETE FROM users */", "MariaDB"], ["SELECT 1 /*!50100 ; DELETE FROM users */", "MySQL"],
    ["SELECT 1 --1; DELETE FROM users", "MySQL"], ["SELECT 1 --'x'; DELETE FROM users", "MySQL"], ["SELECT 1 # '\n; DELETE FROM users; -- '", "MySQL"],
    ["SELECT 1 // '\n; DELETE FROM users; -- '", "Snowflake"], ["SELECT \"a\\\"\" ; DELETE FROM users; -- \"", "MySQL"], ["SELECT `a\\`` ; DELETE FROM users; -- `", "BigQuery"],
  ];
  for (const [text, dialect] of acts) {
    it(`${JSON.stringify(text)} acts as ${dialect} reads it`, () => {
      const v = sqlVerdict(text);
      assert.equal(v.kind, "acts", JSON.stringify(v));
      assert.match(v.kind === "acts" ? v.reading ?? "" : "", new RegExp(dialect));
    });
  }
  // Every dialect reads it as the same reads: a read. Where they split it differently, or a reading cannot account for
  // a quote, a comment or a character, it is not recognised as a read.
  const table: [string, string][] = [
    ["SELECT [order], [name] FROM [dbo].[t]", "reads"], ["SELECT q'[it''s]' FROM dual", "reads"], ["SELECT 'it''s' FROM t", "reads"],
    ["SELECT $ä$x$ä$", "reads"], ["SELECT /*+ INDEX(t i) */ * FROM t", "reads"], ["SELECT 1 /* a /* b */ c */", "reads"], ["SELECT tags[1] FROM t", "reads"],
    ["SELECT [it's] FROM t", "unclear"], ["SELECT 'a\\'b' FROM t", "unclear"], ["SELECT 1 /* never closed", "unclear"], ["SELECT {fn now()}", "unclear"],
    ["SELECT a\u00a0FROM t", "unclear"], ["SELECT 1\uff1b SELECT 2", "unclear"], ["SELECT 1 # a; b", "unclear"],
    ["SELECT 1 -- it's", "reads"], ["SELECT 1 --it's", "unclear"], ["--checkpoint=1", "none"], ["SELECT 'x' || 'y'", "reads"], ["SELECT 1" + " ".repeat(70 * 1024), "unclear"],
  ];
  for (const [text, kind] of table) it(`${JSON.stringify(text).slice(0, 80)} ${kind}`, () => assert.equal(sqlVerdict(text).kind, kind, JSON.stringify(sqlVerdict(text))));
  it("explains a split it cannot settle", () => {
    const v = sqlVerdict("SELECT [it's] FROM t");
    assert.match(v.kind === "unclear" ? v.why ?? "" : "", /a string that does not end/);
  });
  it("never throws on odd input", () => {
    for (const text of ["[".repeat(5000), "$ä$", "q'", "q'[", "/*".repeat(3000), "'''", "`\\", "\uD800;", "/*M!"]) assert.doesNotThrow(() => sqlVerdict(text));
  });
});

describe("sqlVerdict of an argument declared SQL by its name", () => {
  // A statement is a read only when its kind is a known read: any other kind acts, known to Warden or not.
  const table: [string, string][] = [
    ["SELECT 1", "reads"], ["WITH a AS (SELECT 1) SELECT * FROM a", "reads"], ["SHOW TABLES", "reads"], ["EXPLAIN SELECT 1", "reads"], ["VALUES (1)", "reads"],
    ["TABLE users", "reads"], ["DESCRIBE users", "reads"], ["frobnicate the table", "acts"], ["SHUTDOWN", "acts"], ["NOTIFY payments", "acts"],
    ["XA COMMIT 'x'", "acts"], ["SELECT 1; USE other", "acts"], ["paid = false", "acts"], ["BEGIN; SELECT 1; COMMIT", "reads"],
  ];
  for (const [text, kind] of table) it(`${JSON.stringify(text)} ${kind}`, () => assert.equal(sqlVerdict(text, { declared: true }).kind, kind));
});

describe("graphqlVerdict", () => {
  const table: [string, string][] = [
    ["{ user(id: 1) { name } }", "reads"], ["query Q($a: Int = 1) @live { a(x: [1, 2], y: {z: \"}\"}) { b } }", "reads"], ["subscription { s }", "unclear"],
    ["fragment F on User { id } query { ...F }", "reads"], ["# mutation { x }\n{ a }", "reads"], ["{ a(s: \"\"\"mutation { x }\"\"\") }", "reads"],
    ["mutation { deleteRepo(id: 1) { ok } }", "acts"], ["query A { a } mutation B { b }", "acts"], ["mutation\n#c\n{ x }", "acts"],
    ['{"to": "a@b.example"}', "none"], ["query the weather", "none"], ["{ a", "none"], ["mutation { a ", "none"], ["hello", "none"], ["type Query { a: Int }", "none"],
  ];
  for (const [text, kind] of table) it(`${JSON.stringify(text)} ${kind}`, () => assert.equal(graphqlVerdict(text).kind, kind));
});
