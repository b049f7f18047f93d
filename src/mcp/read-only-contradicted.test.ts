// A tool the owner confirmed read-only whose own name or arguments say it acts: the confirmation widens nothing
// (atk12's "tools confirmed as read-only that act"). Names that only read stay read-only.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { actsDespiteReadOnly } from "./mcp-tool.ts";

describe("actsDespiteReadOnly", () => {
  const acting: [string, unknown][] = [
    ["send_email", {}], ["sendEmail", {}], ["invoice_pay", {}], ["deleteFile", {}], ["post_status", {}], ["transfer-funds", {}],
    ["create_event", {}], ["upload", {}], ["files_remove", {}], ["SMS", {}], ["lookup_contact", { recipients: ["x@y"] }],
    ["get_quote", { payee: "DE89" }], ["status", { webhook_url: "https://x" }], ["check", { BCC: "a@b" }],
  ];
  for (const [name, args] of acting) it(`${name} ${JSON.stringify(args)} acts`, () => assert.notEqual(actsDespiteReadOnly(name, args), undefined));
  const reading: [string, unknown][] = [
    ["search", { query: "x" }], ["forecast", { city: "Lyon" }], ["get_order_status", { id: 1 }], ["read_message", {}], ["list_posts", {}],
    ["convert_currency", { from: "EUR", to: "USD", amount: 3 }], ["translate", { text: "hi", to: "fr" }], ["define", { word: "x" }],
    ["get_call_log", {}], ["list_unread", {}], ["balance", {}], ["query", { sql: "select 1" }],
  ];
  for (const [name, args] of reading) it(`${name} ${JSON.stringify(args)} reads`, () => assert.equal(actsDespiteReadOnly(name, args), undefined));
});
