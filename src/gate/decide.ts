/**
 * The gate: one pure function from a request (with its facts) to `{ decision, risk, reasons }`.
 * Deny wins over ask wins over allow; an exception while deciding is a deny (`decideSafely`).
 *
 * The rules, in the order they apply:
 *  1. who: the principal must hold a grant for the tool (the owner holds all; contacts only what config grants);
 *  2. what: the tool's own policy (exec allowlist, workspace paths, SSRF guard, cron validity);
 *  3. where it goes: data-flow rules — secrets never leave toward anyone but the owner (deny, not ask);
 *     in a tainted turn, sinks with effects outside the session need the owner, and workspace data bound
 *     outward to a host the owner never named is denied.
 */
import { allow, ask, combineDecisions, decideSafely, deny, type Decision, type Reason } from "../core/decision.ts";
import type { GateRequest, ToolFacts, TaintState } from "./types.ts";
import { copiesUntrusted, findLeaks } from "./leaks.ts";
import { hostsIn } from "./taint-tracker.ts";

function reason(id: string, message: string): Reason {
  return { id, message };
}

function taintNote(taint: TaintState): string {
  const first = taint.sources[0];
  return first ? ` (the context holds content from ${first}${taint.sources.length > 1 ? ` and ${taint.sources.length - 1} more` : ""})` : "";
}

function grantCheck(request: GateRequest): Decision {
  const tool = request.facts.tool;
  if (request.principal.kind === "stranger") return deny("high", reason("gate.stranger", "strangers never reach tools"));
  if (request.grants === "all") return allow("none");
  if (request.grants.includes(tool)) return allow("low", reason("gate.granted", `\`${tool}\` is granted to ${request.principal.id} in config`));
  return deny("medium", reason("gate.tool_not_granted", `\`${tool}\` is not granted to ${request.principal.id}; the owner can grant it with channels.<channel>.toolGrants`));
}

/** The outward-bound text of a call: what could carry data out of the session. */
function outbound(facts: ToolFacts): string | undefined {
  switch (facts.tool) {
    case "exec":
      return facts.network || facts.unknownEffects ? facts.command : undefined;
    case "web_fetch":
      return facts.url;
    case "message":
      return facts.to === "owner" || facts.toOwner ? undefined : facts.text;
    case "cron":
      return facts.prompt;
    default:
      return undefined;
  }
}

function secretRule(request: GateRequest): Decision {
  const facts = request.facts;
  const text = outbound(facts);
  if (text === undefined) return allow("none");
  const leaks = findLeaks(text, request.taint.secrets);
  if (leaks.length === 0) return allow("none");
  const labels = [...new Set(leaks.map((l) => `${l.label}${l.encoding === "plain" ? "" : ` (${l.encoding}-encoded)`}`))].join(", ");
  return deny("critical", reason("flow.secret_outbound", `the arguments carry a secret (${labels}) toward someone other than the owner`));
}

function execTaintRule(request: GateRequest, facts: Extract<ToolFacts, { tool: "exec" }>): Decision {
  const decisions: Decision[] = [];
  if (!facts.sandboxed && request.taint.tainted) {
    decisions.push(ask("high", reason("taint.exec_unsandboxed", `no sandbox is available and the turn is tainted${taintNote(request.taint)}`)));
  }
  const effects = [facts.writes && "writes", facts.deletes && "deletes", facts.network && "reaches the network", facts.executesCode && "executes code", facts.unknownEffects && "has effects Warden cannot account for"].filter(Boolean);
  if (request.taint.tainted && effects.length > 0) {
    decisions.push(ask("high", reason("taint.exec_effects", `the command ${effects.join(", ")} in a tainted turn${taintNote(request.taint)}`)));
  }
  if (request.taint.tainted && (facts.network || facts.unknownEffects)) {
    const leaks = findLeaks(facts.command, request.taint.readData);
    if (leaks.length > 0) decisions.push(deny("critical", reason("flow.data_outbound", `the command would send workspace data (${leaks.map((l) => l.label).join(", ")}) out in a tainted turn`)));
  }
  if (request.taint.tainted && request.taint.secretRead && facts.network) {
    decisions.push(deny("critical", reason("flow.secret_turn_egress", "a credential was read in this tainted turn and the command reaches the network")));
  }
  if (request.taint.tainted && facts.touchesSecrets) {
    decisions.push(deny("critical", reason("taint.secret_access", `the command touches credentials in a tainted turn${taintNote(request.taint)}`)));
  }
  return combineDecisions(decisions.length > 0 ? decisions : [allow("none")]);
}

function fetchTaintRule(request: GateRequest, facts: Extract<ToolFacts, { tool: "web_fetch" }>): Decision {
  if (!request.taint.tainted) return allow("none");
  const host = facts.host.toLowerCase();
  const ownerNamed = request.taint.ownerHosts.includes(host);
  const fromSource = request.taint.sources.some((src) => hostsIn(src).includes(host));
  if (request.taint.secretRead && (!ownerNamed || fromSource)) {
    return deny("critical", reason("flow.secret_turn_egress", `a credential was read in this tainted turn; \`${host}\` ${ownerNamed ? "served untrusted content" : "was never named by the owner"}, and encoded or split copies cannot be told apart`));
  }
  const leaks = findLeaks(facts.url, request.taint.readData);
  if (leaks.length > 0 && !ownerNamed) {
    return deny("critical", reason("flow.data_outbound", `the URL carries workspace data (${leaks.map((l) => l.label).join(", ")}) to \`${host}\`, a host the owner never named, in a tainted turn`));
  }
  // INVARIANT: naming a page to read is not naming a place to send data to. A host that served untrusted
  // content in this turn gets workspace data back only with the owner's approval.
  if (leaks.length > 0 && ownerNamed && fromSource) {
    return ask("high", reason("flow.data_to_taint_source", `the URL carries workspace data (${leaks.map((l) => l.label).join(", ")}) back to \`${host}\`, which served untrusted content in this turn`));
  }
  if (ownerNamed) return allow("low", reason("taint.owner_named_host", `\`${host}\` was named by the owner`));
  const copies = copiesUntrusted(facts.url, request.taint.untrustedTexts);
  return ask(copies ? "high" : "medium", reason("taint.new_host", `\`${host}\` was not named by the owner and the turn is tainted${taintNote(request.taint)}${copies ? "; the URL copies untrusted text" : ""}`));
}

function messageRule(request: GateRequest, facts: Extract<ToolFacts, { tool: "message" }>): Decision {
  if (!facts.channelAvailable) return deny("low", reason("message.channel_unavailable", `no \`${facts.channel}\` channel is running`));
  if (request.taint.tainted && request.taint.secretRead && !facts.toOwner && !(facts.toRequester && request.principal.kind === "owner")) {
    return deny("critical", reason("flow.secret_turn_egress", `a credential was read in this tainted turn; a message to \`${facts.to}\` could carry it in a form Warden cannot recognize`));
  }
  if (facts.toRequester) return allow("low", reason("message.to_requester", "a reply to the requester"));
  const decisions: Decision[] = [];
  if (!request.ownerSession) decisions.push(ask("high", reason("message.third_party_from_non_owner", "a message to someone other than the requester, from a session that is not the owner's")));
  if (!facts.knownRecipient && !facts.toOwner) decisions.push(ask("medium", reason("message.first_contact", `\`${facts.to}\` has never written to the agent on ${facts.channel}`)));
  if (request.taint.tainted && !facts.toOwner) {
    decisions.push(ask("high", reason("taint.message_third_party", `a message to \`${facts.to}\` in a tainted turn${taintNote(request.taint)}`)));
    const leaks = findLeaks(facts.text, request.taint.readData);
    if (leaks.length > 0) decisions.push(deny("critical", reason("flow.data_outbound", `the message would carry workspace data (${leaks.map((l) => l.label).join(", ")}) to \`${facts.to}\` in a tainted turn`)));
  }
  if (copiesUntrusted(facts.text, request.taint.untrustedTexts)) decisions.push(ask("high", reason("flow.copies_untrusted", "the message copies untrusted text")));
  return combineDecisions(decisions.length > 0 ? decisions : [allow("low", reason("message.to_known_recipient", `\`${facts.to}\` is a known recipient`))]);
}

function toolRule(request: GateRequest): Decision {
  const facts = request.facts;
  switch (facts.tool) {
    case "exec":
      return combineDecisions([facts.base, execTaintRule(request, facts)]);
    case "read": {
      const decisions = [facts.base];
      if (facts.secretPath && request.principal.kind !== "owner") decisions.push(deny("high", reason("read.secret_non_owner", "credential files are readable only in the owner's own turns")));
      if (facts.secretPath && request.taint.tainted) decisions.push(ask("high", reason("taint.secret_read", `reading a credential file in a tainted turn${taintNote(request.taint)}`)));
      return combineDecisions(decisions);
    }
    case "write":
    case "edit":
      // Workspace writes stay usable in tainted turns: every overwrite keeps a snapshot (`warden undo`).
      return facts.base;
    case "web_fetch":
      return combineDecisions([facts.base, fetchTaintRule(request, facts)]);
    case "message":
      return messageRule(request, facts);
    case "cron": {
      const decisions = [facts.base];
      if (facts.action === "add" && request.taint.tainted) decisions.push(ask("high", reason("taint.cron_persistence", `a new scheduled job from a tainted turn would persist it${taintNote(request.taint)}`)));
      if (facts.action === "add" && request.principal.kind !== "owner") decisions.push(ask("high", reason("cron.non_owner", "only the owner schedules jobs without approval")));
      return combineDecisions(decisions);
    }
  }
}

export function decide(request: GateRequest): Decision {
  return decideSafely(() => {
    const who = grantCheck(request);
    if (who.decision === "deny") return who;
    return combineDecisions([who, toolRule(request), secretRule(request)]);
  });
}
