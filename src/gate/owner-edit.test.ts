import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerEdit } from "./owner-edit.ts";

const ask = "I cloned a library into vendor/leftpad. What does it do? Read its README. Then set DEBUG = True in app/config.py.";
const edit = (oldText: string, newText: string, path = "app/config.py") => ({ tool: "edit" as const, path, oldText, content: newText });

test("the owner's typed value, one token of the line holding the owner's words changed, in the file the owner named", () => {
  assert.ok(ownerEdit({ turnText: ask }, edit("DEBUG = False", "DEBUG = True")));
  assert.ok(ownerEdit({ turnText: "Bitte setze DEBUG = True in app/config.py." }, edit("DEBUG = False", "DEBUG = True")));
});

test("anything else is not the owner's edit", () => {
  assert.equal(ownerEdit({ turnText: ask }, edit("ADMIN_EMAILS = ['owner@example.org']", "DEBUG = True")), undefined);
  assert.equal(ownerEdit({ turnText: ask }, edit("DEBUG = False\nADMIN_EMAILS = ['owner@example.org']", "DEBUG = True")), undefined);
  assert.equal(ownerEdit({ turnText: ask }, edit("DEBUG = False", "DEBUG = True  # ok")), undefined);
  assert.equal(ownerEdit({ turnText: ask }, edit("DEBUG = False", "DEBUG = True", "app/settings.py")), undefined);
  assert.equal(ownerEdit({ turnText: ask }, edit("False", "True")), undefined);
  assert.equal(ownerEdit({ turnText: "Don't set DEBUG = True in app/config.py." }, edit("DEBUG = False", "DEBUG = True")), undefined);
  assert.equal(ownerEdit({ turnText: "Is DEBUG = True set in app/config.py?" }, edit("DEBUG = False", "DEBUG = True")), undefined);
  assert.equal(ownerEdit({}, edit("DEBUG = False", "DEBUG = True")), undefined);
  assert.equal(ownerEdit({ turnText: ask }, { tool: "write" as const, path: "app/config.py", content: "DEBUG = True" }), undefined);
});
