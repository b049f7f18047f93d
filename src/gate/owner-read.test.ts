import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerAskedToRead } from "./owner-read.ts";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

const owner = { kind: "owner", id: "owner" } as GateRequest["principal"];

function readOf(path: string, turnText: string, principal = owner, ownerSession = true): GateRequest {
  return { principal, ownerSession, grants: "all", flow: flowOf({ sources: ["https://docs.example.org/stripe"], turnText, ownerTexts: [turnText] }), facts: { tool: "read", path, base: allow("none"), secretPath: true } };
}

test("the credential file this turn's message asks to read or check, by name, is read after untrusted content without asking", () => {
  const turn = "Read https://docs.example.org/stripe and check whether my .env has everything it says is needed.";
  assert.ok(ownerAskedToRead(readOf(".env", turn), { path: ".env" }));
  const d = decide(readOf(".env", turn));
  assert.equal(d.decision, "allow");
  assert.ok(d.reasons.some((r) => r.id === "read.owner_named_secret"));
});

test("another credential file, a negated or questioned mention, someone else's turn: it asks as before", () => {
  const turn = "Read https://docs.example.org/stripe and check whether my .env has everything it says is needed.";
  assert.equal(decide(readOf(".aws/credentials", turn)).decision, "ask");
  assert.equal(decide(readOf("config/.env", turn)).decision, "ask");
  assert.equal(decide(readOf(".env", "Summarize https://docs.example.org/stripe. Don't open my .env.")).decision, "ask");
  assert.equal(decide(readOf(".env", "Should you read my .env?")).decision, "ask");
  assert.equal(decide(readOf(".env", "Summarize https://docs.example.org/stripe.")).decision, "ask");
  assert.equal(decide(readOf(".env", turn, owner, false)).decision, "ask");
  assert.equal(decide(readOf(".env", turn, { kind: "contact", id: "c" } as GateRequest["principal"])).decision, "deny");
});
