// Heuristic prompt-injection rules. They run on normalized text (see normalize.ts: lower case, folded).
// Weights are probabilities-ish, combined by noisy-OR; they were tuned on the tuning split of
// src/scan/eval (see EVALUATION.md). A rule here is a signal, never a boundary.

/** One weighted pattern. A rule must never match on its own output (no captures are used). */
export type InjectionRule = {
  id: string;
  weight: number;
  pattern: RegExp;
  /** `plain`: match the text without look-alike folding (non-Latin scripts would be mangled by it). */
  form?: "folded" | "plain";
};

const override =
  "(?:ignore|ignoring|disregard|forget|skip|override|overlook|bypass|neglect|abandon|discard|drop|cancel|set aside|pay no attention to|do not follow|don'?t follow|stop following)";
const prior = "(?:all|any|the|your|my|these|those|every|of|about|that|what|you'?ve|have|been|previous|prior|above|earlier|preceding|original|initial|former|old|existing|system|current|given|other)";
const guidance =
  "(?:instructions?|instructed|prompts?|directions?|directives?|rules|guidelines?|commands?|orders?|programming|training|context|constraints?|restrictions?|guardrails?|safety|policy|policies|told|said)";

export const injectionRules: readonly InjectionRule[] = [
  // "Ignore previous instructions" and its many spellings.
  { id: "override.ignore_instructions", weight: 0.9, pattern: new RegExp(`\\b${override}\\b(?: ${prior}\\b){0,4} ${guidance}\\b`) },
  { id: "override.ignore_everything", weight: 0.75, pattern: new RegExp(`\\b${override} (?:everything|all|anything)(?: (?:else|above|before|previously|prior|you (?:have been|were|'?ve been) (?:told|instructed|given)))`) },
  { id: "override.ignore_content", weight: 0.7, pattern: /\b(?:ignore|disregard|forget) (?:the|this) (?:webpage|page|document|function|resume|email|article|text|table|paper|review|file|message|code|data|content|above|task)s? and\b/ },
  { id: "override.new_instructions", weight: 0.6, pattern: /\b(?:new|updated|real|actual|true|secret|hidden|additional) (?:instructions?|task|directive|orders?)\s?:/ },
  { id: "override.instead", weight: 0.35, pattern: /\b(?:instead,? (?:you (?:must|should|will)|please|do|say|state|output|print|respond|reply|write)|regardless of (?:previous|prior|the|your|any) (?:tasks?|instructions?|rules))/ },
  { id: "override.from_now_on", weight: 0.4, pattern: /\b(?:from now on|for the rest of (?:this|the) conversation|henceforth),? you (?:are|will|must|shall|should)\b/ },
  { id: "override.multilingual", weight: 0.9, form: "plain", pattern: /(?:ignorez|oubliez) .{0,40}\b(?:instructions|consignes|fonction|page)|(?:ignor(?:e|a|iere|ieren|ar|ate)|olvida|vergiss|vergessen sie|dimentica|esqueça)\b.{0,40}\b(?:instrucciones|instruções|anweisungen|istruzioni|consignes|fonction|función|página|la pagina|le istruzioni|indicaciones)|игнорир\S* .{0,20}инструкц|забудь\S* .{0,20}инструкц|αγνοήστε|αγνόησε|이전 지시|지시사항을 무시|निर्देशों की अनदेखी|निर्देशों को अनदेखा|無視して|指示を無視|忽略(?:之前|以前|先前|上述|所有)|忽略.{0,6}指令|تجاهل/ },
  // Role and system-prompt spoofing.
  { id: "role.chat_markup", weight: 0.85, pattern: /<\|(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|assistant|system_prompt|instructions?)>|^#{1,4} ?(?:system|instruction)s?\b/m },
  { id: "role.line_prefix", weight: 0.45, pattern: /(?:^|[\n.!?] ?)(?:system|assistant|developer|admin|administrator|root) ?(?:message|prompt|note|override)? ?: ?(?:you|ignore|the user|new|from now|important|always|never|do|execute|run|send|please)/m },
  { id: "role.mode_switch", weight: 0.75, pattern: /\b(?:developer|dev|god|admin|administrator|debug|maintenance|system|override|jailbreak|unrestricted|security override|law enforcement override|dan|sudo|root|test|diagnostic|knowledge verification) mode\b|\bdo anything now\b|\bdan\b.{0,30}\b(?:can|will|does)\b/ },
  { id: "role.jailbreak_word", weight: 0.2, pattern: /\bjailbr(?:eak|oken)\b/ },
  { id: "role.you_are_now", weight: 0.55, pattern: /\byou are (?:now|no longer)\b|\b(?:pretend|imagine) (?:that )?you(?:'re| are)\b|\bact as (?:if you were |an? )?(?:unrestricted|unfiltered|evil|dan|different|another)\b|\bimmerse yourself into the role\b|\broleplay as\b|\bhas no (?:special )?(?:filtering|restrictions|limitations)\b|\bno (?:ethical|moral) (?:guidelines|restrictions)\b/ },
  { id: "role.authority_claim", weight: 0.5, pattern: /\b(?:i am|i'm|this is) your (?:developer|creator|administrator|admin|owner|operator|programmer|god|master)\b|\bas your (?:creator|developer|administrator|owner)\b|\bi am god\b|\bas an ai (?:developed|created|made|trained) by\b/ },
  { id: "role.authority_weak", weight: 0.25, pattern: /\b(?:i am|i'm) (?:a|an|the) (?:developer|system administrator|police officer|president|security (?:team|officer|auditor)|government official)\b/ },
  { id: "role.address_model", weight: 0.55, pattern: /\b(?:note|message|instructions?|attention|reminder) (?:to|for) (?:the |any )?(?:ai|assistant|llm|language model|agent|chatbot|bot|model)\b|\bif you are an? (?:ai|llm|language model|assistant|agent|bot)\b|\b(?:ai|llm) (?:assistant|agent)s?,? (?:must|should|please|reading this)\b|\bdear (?:ai|assistant|agent|llm)\b/ },
  // Secrecy and extraction of the model's own context.
  { id: "secrecy.hide_from_user", weight: 0.55, pattern: /\b(?:do not|don'?t|never|without) (?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|mention(?:ing)?|let(?:ting)?|asking) (?:the user|the owner|anyone|them|him|her)\b|\bwithout (?:the user|the owner|them|anyone) (?:knowing|noticing|being aware)\b|\bkeep (?:this|it) (?:secret|hidden|confidential) from\b/ },
  { id: "extract.system_prompt", weight: 0.7, pattern: /\b(?:reveal|print|show|output|repeat|display|dump|leak|disclose|tell me|give me|write out|list) (?:me )?(?:your|the|all|any)? ?(?:system prompt|initial prompt|hidden prompt|original instructions|secret key|password|instructions (?:above|you were given)|api keys?|credentials|hidden instructions)\b|\bwhat (?:is|are|was|were) (?:your|the) (?:secret key|system prompt|password|instructions|initial instructions)\b/ },
  { id: "extract.credentials", weight: 0.5, pattern: /\b(?:share|tell me|give me|reveal|confirm|provide|disclose|send me|what(?:'s| is)) (?:me )?(?:your|the) (?:password|passphrase|passcode|secret (?:key|code|word)|confidential (?:string|code)|pin(?: code)?)\b|\b(?:cuál es|quel est|was ist|qual è|qual é|qual é a sua|wie lautet) (?:la |le |das |a |sua |a sua |dein |ihr )?(?:contraseña|mot de passe|passwort|password|senha|kennwort)\b|(?:compartilhe|comparta|comparte|partagez|teilen sie|condividi) (?:a |la |sua |su |tu |votre |ihr |il tuo |la tua )?(?:senha|contraseña|mot de passe|passwort|password)\b|パスワードは|비밀번호는|пароль\b/, form: "plain" },
  { id: "extract.personal_data", weight: 0.35, pattern: /\b(?:tell me|what(?:'s| is| are)|give me|share|list|reveal|print|provide|confirm) (?:me )?(?:the user'?s?|the users'|all (?:the )?users'?|[a-z]+'s|their|his|her) (?:full |current |exact |personal )?(?:email address(?:es)?|birth ?(?:date|year|day)|date of birth|home address|address|phone numbers?|social security(?: number)?|ssn|bank (?:balance|account)|current city|city of residence|passwords?|credit card)\b|\bwhere (?:does|do) (?:the user|[a-z]+ [a-z]+|[a-z]+) (?:currently )?live\b/ },
  { id: "extract.secret_transform", weight: 0.45, pattern: /\b(?:poem|haiku|acrostic|song|story|riddle|pig latin|reverse|backwards|base64|spell(?:ed)? out|rhyme)\b.{0,40}\b(?:the|your) (?:password|passphrase|secret key|secret code|secret word)\b|\b(?:the|your) (?:password|passphrase|secret key)\b.{0,40}\b(?:poem|haiku|acrostic|pig latin|in reverse|backwards|letter by letter|base64|each digit)\b/ },
  // Obfuscation and multi-shot techniques.
  { id: "framing.hypothetical", weight: 0.15, pattern: /\b(?:imagine (?:we'?re|we are|that|a world)|suppose (?:we'?re|we are|that)|let'?s (?:say|assume|pretend|imagine)|hypothetically|in a (?:parallel universe|fictional world|world where)|for a hypothetical)\b/ },
  { id: "technique.many_shot", weight: 0.2, pattern: /(?:\bq: .{1,400}? a: .{1,600}?){3,}/ },
  { id: "technique.payload_split", weight: 0.35, pattern: /\b(?:combine|concatenate|interlace|join|merge) (?:the )?(?:parts|strings|pieces|a, b,? and c|part 1 and part 2)\b|\bz ?= ?a ?\+ ?b\b|\bpart 1 is ".{1,80}", part 2 is "/ },
  // Ten identical words in a row are found by a word loop in injection.ts (a regex costs O(len²) here).
  { id: "technique.repeated_token", weight: 0.3, pattern: /\brepeat (?:the word |this |')?.{1,60}'? \d{2,} times\b/ },
  { id: "technique.decode_and_follow", weight: 0.3, pattern: /\b(?:decode|decipher|decrypt|translate) (?:this|the following)\b.{0,60}\b(?:and|then) (?:tell|follow|do|execute|say|answer|respond)\b|\b(?:rot13|caesar cipher|base64[- ]encoded (?:instructions|message))\b/ },
  // Tool-call coercion and dangerous actions.
  { id: "tool.coercion", weight: 0.55, pattern: /\b(?:call|invoke|use|trigger|run|execute) (?:the )?[`'"]?[a-z_]{3,40}[`'"]? (?:tool|function|command|api)\b(?! (?:is|was|returns|returned))|\b(?:execute|run) (?:the following|this) (?:command|code|script|shell)\b|"(?:tool|function_call|tool_calls|name)" ?: ?"/ },
  { id: "tool.shell_payload", weight: 0.6, pattern: /\b(?:curl|wget)\b[^\n|]{0,200}\| ?(?:ba|z)?sh\b|\brm -rf (?:\/|~|\$home|\*)|\bchmod \+x\b[^\n]{0,80}&&|\bnc -e\b|\/dev\/tcp\/|\bbase64 -d\b[^\n]{0,40}\|/ },
  // Exfiltration phrasing.
  { id: "exfil.send_sensitive", weight: 0.6, pattern: /\b(?:send|forward|email|e-mail|post|upload|share|transfer|leak|exfiltrate|copy|paste|submit|transmit) (?:all |every |the |my |your |his |her |their |any |these |those |this |a copy of )*(?:\w+ ){0,3}(?:passwords?|credentials?|api keys?|tokens?|secrets?|private keys?|ssh keys?|keys|cookies|session|conversation|chat history|history|emails?|messages|contacts|files|documents|data|contents?|notes|card (?:details|number|information)|bank (?:details|account)|ssn|social security)\b.{0,80}\b(?:to|at|via|into|with) (?:https?:|www\.|[\w.+-]+@|\S+\.(?:com|net|org|io|xyz|ru)\b|this (?:url|address|email|link|endpoint|server)|the following (?:url|address|email))/ },
  { id: "exfil.url_with_data", weight: 0.25, pattern: /https?:\/\/[^\s"'<>)]+[?&](?:data|d|q|c|p|payload|secret|token|key|password|pwd|pass|creds?|info|exfil|leak|content|msg|history|cookie|session)=(?:\{|\$|<|%7b|\[)/ },
  { id: "exfil.markdown_image", weight: 0.5, pattern: /!\[[^\]]{0,80}\]\(https?:\/\/[^)\s]+[?&][a-z_]+=[^)\s]*\)/ },
  { id: "exfil.word", weight: 0.25, pattern: /\bexfiltrat(?:e|ion|ing)\b/ },
  { id: "exfil.send_to_address", weight: 0.5, pattern: /\bsend (?:it|them|this|everything|the (?:results?|output|response|answer)) (?:silently |secretly |quietly )?to (?:https?:|www\.|[\w.+-]+@[\w-]+\.)/ },
  // Urgency and authority framing, common in indirect injection.
  { id: "framing.urgent", weight: 0.25, pattern: /(?:^|[\s(<[*#>-])(?:important|urgent|attention|warning|critical|notice|alert|priority|override)(?: instructions?| message| notice| update| note)? ?(?::|!{1,3}|>)/ },
  { id: "framing.must_now", weight: 0.25, pattern: /\byou (?:must|have to|need to|are required to|are instructed to|will now|shall now|are now required to|should immediately) (?:immediately |now |first |also )?(?:ignore|forget|send|forward|delete|transfer|grant|share|reveal|output|print|say|state|respond|reply|tell|execute|run|call|visit|navigate|click|download|install|list|write|change|disable)\b/ },
  { id: "framing.state_that", weight: 0.35, pattern: /\b(?:and|then|just|only|instead|simply) (?:state|say|declare|respond with|reply with|answer with|output|print|indica|indiquez|declara|dichiara|erkläre)(?:s)?(?: that| the following| only)?\s?:?\s?['"]/ },
  // Imperative requests on assets (payments, access, deletion): the InjecAgent style, hidden in data.
  // INVARIANT: each stays below the threshold alone; ordinary emails ask for these things all the time.
  { id: "action.financial", weight: 0.2, pattern: /\b(?:transfer|send|wire|pay|deposit|withdraw|sell|buy|initiate a payment of|move) (?:\$|usd ?|€|£)?[\d,.]+ ?(?:usd|dollars|eur|euros|bitcoin|btc|eth|units|k)?\b.{0,80}\b(?:to|from|for)\b|\b(?:sell|buy|withdraw|deposit) (?:all |\d+ ?(?:units|shares|bitcoin|btc|usd) ?(?:of )?)?(?:my )?(?:bitcoin|btc|ethereum|crypto|holdings|stocks?)\b/ },
  { id: "action.access_control", weight: 0.2, pattern: /\b(?:grant|give|share) (?:\w+ ){0,3}(?:permanent |full |admin |guest |remote )?(?:access|permissions?|password|control)\b|\b(?:unlock|open) (?:my|the) (?:front |back )?(?:door|lock|safe|garage)\b|\b(?:disable|turn off|deactivate|remove) (?:the |my )?(?:two[- ]factor|2fa|mfa|multi-factor|firewall|antivirus|security|alarm|camera)s?\b/ },
  { id: "action.destructive", weight: 0.2, pattern: /\b(?:delete|remove|erase|wipe|destroy|drop) (?:all (?:of )?|every |the entire )(?:my |the |your )?(?:\w+ ){0,2}(?:files|documents|records|repositor(?:y|ies)|emails|data|messages|backups|notes|database)\b|\bdelete my (?:project |github )?repository\b/ },
  { id: "action.redirect", weight: 0.2, pattern: /\b(?:redirect|reroute|change) (?:my|the) (?:shipment|package|delivery|order|payment|mail|email address|profile email|shipping address)\b|\bupdate my \w+ profile (?:email|password|phone)\b|\b(?:whitelist|allowlist|blacklist|blocklist) (?:policy|the following|these|domains?)\b|\bmove (?:all )?(?:the )?files (?:in|from) .{0,60} to\b/ },
  { id: "action.please_imperative", weight: 0.1, pattern: /(?:^|[.!?"'{:] ?)please (?:grant|transfer|unlock|delete|move|sell|withdraw|deposit|share|update|change|disable|schedule|dispatch|redirect|initiate|create|give|guide|leave|use|remove|send|forward|pay|install|download)\b/ },
];
