import { test } from "node:test";
import assert from "node:assert/strict";
import { grantedPrivilege } from "./write-privilege.ts";

const tainted = (owner: string, content: string[] = []) => ({ tainted: true, ownerTexts: [owner], untrustedTexts: content });

test("a new row that takes a privileged role the owner did not name is found; the file's other values and the owner's role are not", () => {
  const users = "name,role\nalice,admin\ncarol,user\n";
  assert.match(grantedPrivilege("fixtures/users.csv", users, `${users}bob,admin\n`, tainted("Add bob to fixtures/users.csv")) ?? "", /`admin` in the new row `bob,admin`/);
  assert.match(grantedPrivilege("users.csv", "name,is_admin\nalice,true\n", "name,is_admin\nalice,true\nbob,true\n", tainted("add bob")) ?? "", /`is_admin` = `true`/);
  assert.match(grantedPrivilege("groups.tsv", "user\tgroup\nal\twheel\n", "user\tgroup\nal\twheel\nbob\twheel\n", tainted("add bob")) ?? "", /wheel/);
  assert.equal(grantedPrivilege("fixtures/users.csv", users, `${users}bob,user\n`, tainted("Add bob to fixtures/users.csv")), undefined);
  assert.equal(grantedPrivilege("fixtures/users.csv", users, `${users}bob,admin\n`, tainted("Add bob to fixtures/users.csv as admin")), undefined);
  // Rows the file held (reordered) are not new.
  assert.equal(grantedPrivilege("fixtures/users.csv", users, "name,role\ncarol,user\nalice,admin\n", tainted("sort the rows")), undefined);
  assert.equal(grantedPrivilege("notes.md", "", "bob is admin", tainted("x")), undefined);
});
