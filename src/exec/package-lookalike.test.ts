import { test } from "node:test";
import assert from "node:assert/strict";
import { packageLookalikeOf } from "./package-lookalike.ts";

test("names one or two edits from a well-known package, or with its separators moved, are look-alikes", () => {
  const cases: [string, string][] = [["coloures-cli", "colors"], ["expresss", "express"], ["lodahs", "lodash"], ["djnago", "django"], ["electorn", "electron"], ["crossenv", "cross-env"], ["discordjs", "discord.js"], ["reqeusts", "request"]];
  for (const [name, like] of cases) assert.equal(packageLookalikeOf(name), like, name);
});

test("well-known packages, their affixed tools and unrelated names are not", () => {
  for (const name of ["express", "requests", "chalk-cli", "webpack-cli", "@types/node", "typescript@5.4", "left-pad", "my-company-utils", "pandera", "vuex", "python-dotenv", "flask-cors", "", "x".repeat(200)]) assert.equal(packageLookalikeOf(name), undefined, name);
});
