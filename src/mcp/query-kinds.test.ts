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
  ];
  for (const [text, kind] of table) it(`${JSON.stringify(text)} ${kind}`, () => assert.equal(sqlVerdict(text).kind, kind));
});

describe("graphqlVerdict", () => {
  const table: [string, string][] = [
    ["{ user(id: 1) { name } }", "reads"], ["query Q($a: Int = 1) @live { a(x: [1, 2], y: {z: \"}\"}) { b } }", "reads"], ["subscription { s }", "reads"],
    ["fragment F on User { id } query { ...F }", "reads"], ["# mutation { x }\n{ a }", "reads"], ["{ a(s: \"\"\"mutation { x }\"\"\") }", "reads"],
    ["mutation { deleteRepo(id: 1) { ok } }", "acts"], ["query A { a } mutation B { b }", "acts"], ["mutation\n#c\n{ x }", "acts"],
    ['{"to": "a@b.example"}', "none"], ["query the weather", "none"], ["{ a", "none"], ["mutation { a ", "none"], ["hello", "none"], ["type Query { a: Int }", "none"],
  ];
  for (const [text, kind] of table) it(`${JSON.stringify(text)} ${kind}`, () => assert.equal(graphqlVerdict(text).kind, kind));
});
