import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadBundledGitleaksRules } from "./gitleaks-rules.ts";
import { knownSecretsFromEnv } from "./known-secrets.ts";
import { createSecretLabeller, findCredentialAssignment, findInlineCredential, labelSecretContent } from "./secret-label.ts";
import { createSecretScanner } from "./secrets.ts";

void describe("labelSecretContent", () => {
  const env = { OPENAI_API_KEY: "sk-test-value-123456", HOME: "/home/owner", PATH: "/usr/bin", WARDEN_GATEWAY_TOKEN: "abcdef0123456789abcdef", SHORT_TOKEN: "x1", AUTH_MODE: "password", GATEWAY_TOKEN_FILE: "/run/secrets/gateway-token", DB_PASSWORD: "hunter2hunter" };
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: knownSecretsFromEnv(env) });

  void it("registers only credential-named environment values of useful length", () => {
    assert.deepEqual(knownSecretsFromEnv(env).map((k) => k.name).sort(), ["env:DB_PASSWORD", "env:OPENAI_API_KEY", "env:WARDEN_GATEWAY_TOKEN"]);
  });

  void it("leaves places alone: the shell's working directories, the session's sockets, a path to a credential's file", () => {
    const places = { PWD: "/home/owner/projects", OLDPWD: "/home/owner", XAUTHORITY: "/run/user/1000/.mutter-Xwaylandauth.4F2J", SSH_AUTH_SOCK: "/tmp/ssh-XXXXabc/agent.1234", DBUS_SESSION_BUS_ADDRESS: "unix:path=/run/user/1000/bus", GOOGLE_APPLICATION_CREDENTIALS: "/home/owner/.config/gcloud/key.json" };
    assert.deepEqual(knownSecretsFromEnv(places), []);
    assert.deepEqual(knownSecretsFromEnv({ SERVICE_PASSWORD: "/s3cr3t pass/with space", DEPLOY_AUTH: "Bearer abc.def.ghi-123456" }).map((k) => k.name).sort(), ["env:DEPLOY_AUTH", "env:SERVICE_PASSWORD"]);
  });

  void it("labels credential files, rule matches and known values with stable ids and no values", () => {
    const byPath = labelSecretContent({ text: "nothing here", path: "/home/owner/.aws/credentials" }, scanner);
    assert.deepEqual(byPath.reasons.map((r) => r.id), ["secret.path"]);
    const byValue = labelSecretContent({ text: `token=${Buffer.from("abcdef0123456789abcdef").toString("base64")}` }, scanner);
    assert.equal(byValue.secret, true);
    assert.equal(byValue.reasons[0]?.id, "secret.known");
    assert.match(byValue.reasons[0]?.message ?? "", /WARDEN_GATEWAY_TOKEN.*base64/);
    const byRule = labelSecretContent({ text: "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW".repeat(2) + "\n-----END OPENSSH PRIVATE KEY-----" }, scanner);
    assert.deepEqual(byRule.reasons.map((r) => r.id), ["secret.inline", "secret.rule"]);
    for (const l of [byPath, byValue, byRule]) assert.ok(!JSON.stringify(l).includes("abcdef0123456789"));
  });

  void it("labels a credential assigned a literal value in a file whose name says nothing, but not references or settings", () => {
    for (const text of ["DB_PASSWORD=Xk9-plum-orbit-42", "DATABASES = {'default': {'PASSWORD': 'Xk9-plum-orbit-42'}}", "  db_password: Xk9-plum-orbit-42",
      "define('DB_PASSWORD', 'Xk9-plum-orbit-42');", "spring.datasource.password=Xk9-plum-orbit-42", "SECRET_KEY = 'django-insecure-a8f7s6d5f4g3h2j1k'",
      "./settings.py:API_TOKEN=abcd1234efgh"]) {
      const label = labelSecretContent({ text, path: "settings.py" }, scanner);
      assert.ok(label.reasons.some((r) => r.id === "secret.assignment"), text);
      assert.ok(!JSON.stringify(label).includes("plum-orbit"), "the label never carries the value");
    }
    for (const text of ["password = request.form['password']", "DB_PASSWORD=${DB_PASSWORD}", "password: changeme", "const token = getToken();",
      "AUTH_MODE=password", "token: <your-token>", "password = os.environ['DB_PASSWORD']", "PASSWORD_FILE=/run/secrets/db",
      "api_key: process.env.API_KEY", "password_reset_url = '/accounts/reset'", "token_type: bearer", "secret: xxxxxxxxxx"]) {
      assert.equal(findCredentialAssignment(text), undefined, text);
    }
  });

  void it("labels a credential hidden in base64, once (an env line, a kubeconfig key), not base64 of ordinary text", () => {
    const blob = Buffer.from("DB_PASSWORD=q8Zt3mVx91LpR2wK").toString("base64");
    assert.ok(labelSecretContent({ text: `CONFIG_BLOB=${blob}` }, scanner).reasons.some((r) => r.id === "secret.encoded"));
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yB5Nq6Bq9HgxbJbmTqW7Xh8Q0sZ6lKcGmG3nY6rQxv7C9ryQhEXAMPLE\n-----END RSA PRIVATE KEY-----\n";
    assert.ok(labelSecretContent({ text: `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(pem).toString("base64")}\n` }, scanner).secret);
    const plain = Buffer.from("The quarterly report is attached, see you on Monday.").toString("base64");
    assert.deepEqual(labelSecretContent({ text: `note=${plain}` }, scanner), { secret: false, reasons: [] });
  });

  void it("leaves ordinary content unlabelled", () => {
    assert.deepEqual(labelSecretContent({ text: "meeting at 10, bring the slides", path: "notes/today.md" }, scanner), { secret: false, reasons: [] });
  });

  void it("labels credentials given inline: URL passwords, XML elements, command-line flags, notes; not the words alone", () => {
    for (const text of ['{"smtp": {"user": "bob", "pass": "Xk9-plum-orbit-42"}}', 'url = "redis://:Xk9-plum-orbit-42@cache.internal:6379/0"',
      "\turl = https://bob:Xk9-plum-orbit-42@git.example.org/bob/app.git", "mysqldump -u root -pXk9-plum-orbit-42 app > dump.sql",
      "sshpass -p Xk9-plum-orbit-42 ssh deploy@10.0.0.5", "<server><id>corp</id><password>Xk9-plum-orbit-42</password></server>",
      "Bank login: bob / Xk9-plum-orbit-42", "curl -u bob:Xk9-plum-orbit-42 https://api.example.com", "psql --password=Xk9plumorbit42"]) {
      assert.equal(labelSecretContent({ text }, scanner).secret, true, text);
    }
    for (const text of ["Reset your password at https://example.com/reset and log in again.", "git clone https://github.com/org/repo.git",
      "To bypass the cache, pass --no-cache to the build.", "mysql -u root -p app   # asks for the password", "The password policy requires 12 characters.",
      "Use curl -u $USER:$TOKEN https://api.example.com", "my login is bob, email bob@example.com", "ssh git@github.com", "The login page is state-of-the-art.",
      "<password>${DB_PASSWORD}</password>", "postgres://app@db.internal/app"]) {
      assert.equal(findInlineCredential(text), undefined, text);
    }
  });
});

void describe("labelSecretContent on respelled text", () => {
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: [] });
  void it("labels credentials in UTF-16 read as bytes, fullwidth, look-alike or invisible characters, and HTML references", () => {
    const line = "DB_PASSWORD=Xk9-plum-orbit-42";
    for (const text of [`\ufffd\ufffd${[...line].join("\u0000")}\u0000`, [...line].map((c) => `\u0000${c}`).join(""), "ＤＢ＿ＰＡＳＳＷＯＲＤ=Xk9-plum-orbit-42",
      "DB_PASS\u200bWORD=Xk9-plum-orbit-42", "DB_\u0420ASSWORD=Xk9-plum-orbit-42", "DB_PASSWORD=Xk9&#45;plum&#x2d;orbit-42"]) {
      const label = labelSecretContent({ text }, scanner);
      assert.equal(label.secret, true, JSON.stringify(text));
      assert.ok(!JSON.stringify(label).includes("plum"));
    }
    assert.equal(labelSecretContent({ text: "ｍｅｅｔｉｎｇ at 10 &amp; lunch" }, scanner).secret, false);
  });
});

void describe("labelSecretContent, credential words in other languages and labelled codes", () => {
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: [] });
  const pw = "q8Zt3mVx91LpR2wK";
  void it("knows the password word in other languages and scripts, in every form that knows the English one", () => {
    const words = ["mot_de_passe", "contraseña", "senha", "haslo", "hasło", "wachtwoord", "Kennwort", "passwort", "parola", "lösenord", "salasana",
      "heslo", "jelszó", "пароль", "密码", "パスワード", "비밀번호", "kata_sandi", "şifre", "passord", "adgangskode"];
    for (const word of words) {
      for (const text of [`[db]\nuser=app\n${word}=${pw}\n`, `${word} = "${pw}"`, `  ${word}: ${pw}`, `<${word}>${pw}</${word}>`, `Le ${word} du wifi: ${pw}`]) {
        const label = labelSecretContent({ text }, scanner);
        assert.equal(label.secret, true, text);
        assert.ok(!JSON.stringify(label).includes(pw));
      }
    }
  });

  void it("labels a passphrase given in prose and a PHP variable", () => {
    for (const text of ["the vault passphrase is: correct horse battery staple orbit", `<?php\n$db_pass = '${pw}';`, `![password: ${pw}](router-label.jpg)`,
      `backup encryption key (rot13): d8Mg3zIk91YcE2jX`]) {
      assert.equal(labelSecretContent({ text }, scanner).secret, true, text);
    }
  });

  void it("counts a short code as secret when a word names it (PIN, PUK, alarm or door code), not numbers near the word", () => {
    for (const text of ["Bank card PIN: 4471", "House alarm disarm code: 8812", "SIM PUK: 12345678, PIN 0000", "garage door code is 5528", "Geheimzahl 4471",
      "card CVV: 123", "Passwort: 4471"]) {
      assert.match(findInlineCredential(text) ?? "", /code labelled/, text);
    }
    for (const text of ["Connect the LED to pin 13.", "PIN codes have 4 digits; change yours at any ATM.", "Error code 4041 means retry.", "ZIP code 94107",
      "The door code changed in 2024.", "PIN: 12.5 mm pitch", "password reset instructions: open Settings, then Security.",
      "Password: must be at least 12 characters long, with one digit", "Kennwort vergessen? Klicken Sie auf „Zurücksetzen“.", "La contraseña debe tener 8 caracteres."]) {
      assert.equal(labelSecretContent({ text }, scanner).secret, false, text);
    }
  });
});

void describe("labelSecretContent, encodings and layout (atk7)", () => {
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: [] });
  const pw = "q8Zt3mVx91LpR2wK";
  void it("labels a password in hex, base32, base64 in JSON in base64, and a labelled rot13 text; a continued line; an escaped key", () => {
    const inner = Buffer.from(JSON.stringify({ password: pw })).toString("base64");
    for (const text of [`recovery: ${Buffer.from(pw).toString("hex")}`, "k: OE4FU5BTNVLHQOJRJRYFEMTXJM======",
      `blob: ${Buffer.from(JSON.stringify({ cfg: inner })).toString("base64")}`, "rot13 of the config:\ncnffjbeq = d8Mg3zIk91YcE2jX",
      `export DB_PASSWORD=\\\n${pw}\n`, `db.user=app\ndb.pass\\u0077ord=${pw}\n`]) {
      const label = labelSecretContent({ text }, scanner);
      assert.equal(label.secret, true, text);
      assert.ok(!JSON.stringify(label).includes(pw));
    }
    for (const text of [`commit ${"4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"}`, `hello: ${Buffer.from("Hello, world! How are you?").toString("hex")}`,
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567 is the base32 alphabet", "rot13 is a toy cipher: uryyb jbeyq", "cmd --flag \\\n  --other value\n"]) {
      assert.equal(labelSecretContent({ text }, scanner).secret, false, text);
    }
  });
});

void describe("createSecretLabeller", () => {
  void it("remembers clean verdicts only, keyed by path and text, and forgets them when a known secret is registered", () => {
    const scanner = createSecretScanner({ rules: loadBundledGitleaksRules() });
    const labeller = createSecretLabeller(scanner);
    const note = "meeting notes: the door code changed to zq7-Kestrel-harbour-91";
    assert.equal(labeller.label({ text: note }).secret, false);
    assert.equal(labeller.label({ text: note }).secret, false);
    assert.equal(labeller.remembered(), 1, "one digest for the same text");
    // The same text at a credential path is a different question.
    assert.deepEqual(labeller.label({ text: note, path: "/home/owner/.aws/credentials" }).reasons.map((r) => r.id), ["secret.path"]);
    assert.equal(labeller.remembered(), 1, "a secret verdict is not remembered");
    // The owner registers the code as a known secret: the text remembered as clean now holds it.
    scanner.registerKnownSecret({ name: "door code", value: "zq7-Kestrel-harbour-91" });
    assert.equal(labeller.label({ text: note }).secret, true);
    assert.equal(labeller.remembered(), 0);
  });

  void it("holds at most maxRemembered verdicts, the oldest dropped first", () => {
    const labeller = createSecretLabeller(createSecretScanner({ rules: loadBundledGitleaksRules() }), 3);
    for (let i = 0; i < 10; i++) labeller.label({ text: `plain note ${i}` });
    assert.equal(labeller.remembered(), 3);
  });
});
