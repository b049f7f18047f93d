import { test } from "node:test";
import assert from "node:assert/strict";
import { credentialNamed, credentialValuesIn } from "./credential-values.ts";

const values = (text: string, path: string) => credentialValuesIn(text, path).map((v) => `${v.name}=${v.value}`);

test("a dotenv file gives its credential-named values, not its settings", () => {
  const env = "DB_HOST=db.internal.example\nDB_PASSWORD=Xk9-plum-orbit-42\nexport API_TOKEN='tok_93af01bc77'\nPORT=3000\nNODE_ENV=production\nPASSWORD_FILE=/run/secrets/db\n";
  assert.deepEqual(values(env, ".env"), ["DB_PASSWORD=Xk9-plum-orbit-42", "API_TOKEN=tok_93af01bc77"]);
});

test("JSON, YAML and TOML settings: pretty-printed lines and minified JSON alike", () => {
  assert.deepEqual(values('{"name":"app","auth":{"token":"ghx-77Qw-1130-zz"},"author":"https://me.example"}', "config.json"), ["token=ghx-77Qw-1130-zz"]);
  assert.deepEqual(values('{\n  "apiKey": "k-2291-aa-bb",\n  "sortKey": "created_at_desc"\n}\n', "settings.json"), ["apiKey=k-2291-aa-bb"]);
  assert.deepEqual(values("db:\n  password: s3cr3t-Value!\n  user: bob_the_builder\n", "app.yaml"), ["password=s3cr3t-Value!"]);
  assert.deepEqual(values('client_secret = "cs_live_0912ab"  # rotate monthly\n', "deploy.toml"), ["client_secret=cs_live_0912ab"]);
});

test("placeholders, references, plain words and URLs are not credentials", () => {
  assert.deepEqual(values("DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=changeme\nSECRET=short\nAUTH_URL=https://auth.example.com/login\nTOKEN=your-token-here\n", ".env"), []);
});

test("a credential file's generated values count whatever their name; a URL's password anywhere", () => {
  assert.deepEqual(values("primary=Qw8zLm2PxT7vRk4N\n", "secrets.yml"), ["primary=Qw8zLm2PxT7vRk4N"]);
  // A password's shape in a setting's slot is a candidate whatever the setting's name (credential-slots.ts).
  assert.deepEqual(values("primary=Qw8zLm2PxT7vRk4N\n", "app.ini"), ["primary=Qw8zLm2PxT7vRk4N"]);
  assert.deepEqual(values("primary=release-candidate\n", "app.ini"), []);
  assert.deepEqual(values("DATABASE_URL=postgres://app:Pw9-river-stone@db:5432/app\n", "app.env"), ["the password of a URL=Pw9-river-stone"]);
});

test(".netrc and .pgpass passwords", () => {
  assert.deepEqual(values("machine api.example.com login bob password n3tRc-pass-77\n", ".netrc"), ["password=n3tRc-pass-77"]);
  assert.deepEqual(values("db.example:5432:app:bob:Pg-pass-9911\n", ".pgpass"), ["password=Pg-pass-9911"]);
});

test("what the secret rules span is kept under the rule's id", () => {
  const text = "x = AKIAIOSFODNN7EXAMPLE\n";
  assert.deepEqual(credentialValuesIn(text, "notes.conf", [{ ruleId: "aws-access-token", start: 4, end: 24 }]), [{ name: "aws-access-token", value: "AKIAIOSFODNN7EXAMPLE" }]);
});

test("names: a credential, not a setting about one", () => {
  for (const n of ["DB_PASSWORD", "apiKey", "client-secret", "_auth", "SECRET_KEY", "githubToken", "key"]) assert.equal(credentialNamed(n), true, n);
  for (const n of ["PASSWORD_FILE", "token_url", "sort_key", "primary_key", "author", "keywords", "TOKEN_TTL", "name"]) assert.equal(credentialNamed(n), false, n);
});

test("make, PHP, Django and shell start-up files; a CSV's credential columns", () => {
  assert.deepEqual(values("DEPLOY_TOKEN := dpl_Fh6Kq1Zx8Wn3Lr5Tv2\nCC ?= gcc\nAPI_KEY ?= k-77-aa-bb-cc\n", "Makefile"), ["DEPLOY_TOKEN=dpl_Fh6Kq1Zx8Wn3Lr5Tv2", "API_KEY=k-77-aa-bb-cc"]);
  assert.deepEqual(values("<?php\ndefine('DB_PASSWORD', 'wp-Pl4um-77!');\ndefine('DB_NAME', 'wordpress');\n$db_pass = \"x9-Kite-2201\";\n", "wp-config.php"), ["DB_PASSWORD=wp-Pl4um-77!", "db_pass=x9-Kite-2201"]);
  assert.deepEqual(values("SECRET_KEY = 'dj4n9o-k3y-w7x2p5q8r1t6y3u0'\nDEBUG = True\n", "mysite/settings.py"), ["SECRET_KEY=dj4n9o-k3y-w7x2p5q8r1t6y3u0"]);
  assert.deepEqual(values("GITHUB_PAT=github_pat_11AB7QZ0a9Xk3Lm8Nv2Rt5\n", ".Renviron"), ["GITHUB_PAT=github_pat_11AB7QZ0a9Xk3Lm8Nv2Rt5"]);
  assert.deepEqual(values("export OPENAI_API_KEY=sk-proj-Qw12Er34Ty56\nalias ll='ls -l'\n", ".bashrc"), ["OPENAI_API_KEY=sk-proj-Qw12Er34Ty56"]);
  assert.deepEqual(values("User name,Password,Access key ID,Secret access key\nbob,,AKIAQ7W2E5R8T1Y4U6I3,wJa9Lr3Xk7Vn2Qp5Tz8Md1Fy4Hs6Gc0Bu\n", "credentials.csv"), ["Secret access key=wJa9Lr3Xk7Vn2Qp5Tz8Md1Fy4Hs6Gc0Bu"]);
});

test("a credential written in base64 is known decoded too; `user:password` gives the password", () => {
  assert.deepEqual(values('{"auths":{"ghcr.io":{"auth":"Ym9iOlZlbHZldC1DYW55b24tNDQxOQ=="}}}', ".docker/config.json"), ["auth=Ym9iOlZlbHZldC1DYW55b24tNDQxOQ==", "auth (base64-decoded)=Velvet-Canyon-4419"]);
  assert.deepEqual(values("apiVersion: v1\nkind: Secret\ndata:\n  password: Q29iYWx0LVByYWlyaWUtMTE4Ng==\n", "k8s/secret.yaml"), ["password=Q29iYWx0LVByYWlyaWUtMTE4Ng==", "password (base64-decoded)=Cobalt-Prairie-1186"]);
  // Not base64 text: kept as written only.
  assert.deepEqual(values("API_TOKEN=tok_93af01bc77\n", ".env"), ["API_TOKEN=tok_93af01bc77"]);
});

test("short codes under a label that says secret are kept short (a whole token); ordinary numbers are not codes", () => {
  const short = (text: string, path: string) => credentialValuesIn(text, path).map((v) => `${v.value}${v.short === true ? " (short)" : ""}`);
  assert.deepEqual(short("bank PIN = 731905\n", "notes2.txt"), ["731905 (short)"]);
  assert.deepEqual(short("banka şifresi = 731905\n", "notlar.txt"), ["731905 (short)"]);
  assert.deepEqual(short("salary review: 98765 EUR; front door code 4471; passport X81-552-903", "private/notes.txt"), ["4471 (short)"]);
  assert.deepEqual(short("Tresor-Kombination: 24-11-63\nMy card PIN is four seven one one\n", "haus.md"), ["241163 (short)", "4711 (short)"]);
  assert.deepEqual(short('{"card":{"pin":"4471","cvv":"771"},"room":"4471"}', "cards.json"), ["4471 (short)", "771 (short)"]);
  assert.deepEqual(short("ALARM_CODE=8812\nPORT=8080\nZIP_CODE=94107\n", ".env"), ["8812 (short)"]);
  // A long code is an ordinary value.
  assert.deepEqual(short("Safe PIN: 12345678\n", "n.txt"), ["12345678"]);
  for (const text of ["Meeting at 1430 in room 4471, budget 2500 EUR", "zip code 94107", "The door code changed in 2024", "Error code 4041", "PIN length: 6 digits", "order 731905 shipped"]) {
    assert.deepEqual(short(text, "notes.txt"), [], text);
  }
});

test("lists of logins without a header: CSV, TSV, `site user pass` lines, a Markdown table whose header names no credential", () => {
  const rows = (text: string, path: string) => credentialValuesIn(text, path).map((v) => v.value);
  assert.deepEqual(rows("github,bob,Ochre-Badger-1185\nbank,bob.k,Slate-Ibis-9021\n", "accounts.csv"), ["Ochre-Badger-1185", "Slate-Ibis-9021"]);
  assert.deepEqual(rows("bank\tbob.k\tSlate-Ibis-9021\nmail\tbob\tOchre-Badger-1185\n", "logins.tsv"), ["Slate-Ibis-9021", "Ochre-Badger-1185"]);
  assert.deepEqual(rows("bank bob.k Slate-Ibis-9021\nmail bob Ochre-Badger-1185\n", "pw.txt"), ["Slate-Ibis-9021", "Ochre-Badger-1185"]);
  assert.deepEqual(rows("# Where\n\n| Where | Who | What |\n|---|---|---|\n| bank | bob.k | Slate-Ibis-9021 |\n", "where.md"), ["Slate-Ibis-9021"]);
  assert.deepEqual(rows("Notes\nbank;bob@mail.example;Slate!ibis9021\nbring milk\n", "n.txt"), ["Slate!ibis9021"]);
  // Order, product and trip lists: identifiers are not passwords (no lower case, or no user before them).
  for (const text of ["2024-05-01,ACME,INV-2024-0042\n2024-05-02,Globex,INV-2024-0043\n", "widget,blue,SKU-1234-X\n", "Berlin,Alice,LH2041\nParis,Bob,AF1234\n",
    "Alice,alice@x.example,+49 170 1234567\n", "Meeting with Bob, Anna and Carl at 10, room B2\n", "run the tests at 10 Monday\n"]) {
    assert.deepEqual(rows(text, "data.csv"), [], text);
  }
});

test("password-manager exports, TOTP secrets, recovery codes, seed phrases, TANs", () => {
  const got = (text: string, path: string) => credentialValuesIn(text, path).map((v) => v.value);
  assert.deepEqual(got("folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,Bank,,,0,https://bank.example,bob.k,Slate-Ibis-9021,JBSWY3DPEHPK3PXP\n", "bitwarden_export.csv"), ["Slate-Ibis-9021", "JBSWY3DPEHPK3PXP"]);
  assert.deepEqual(got("otpauth://totp/GitHub:bob?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n", "2fa.txt"), ["JBSWY3DPEHPK3PXP"]);
  assert.deepEqual(got("GitHub recovery codes:\n4f9a-2c1b\n8d3e-7a6f\n", "codes.txt"), ["4f9a-2c1b", "8d3e-7a6f"]);
  assert.deepEqual(got("seed phrase: 1. abandon 2. ability 3. able 4. about 5. above 6. absent 7. absorb 8. abstract 9. absurd 10. abuse 11. access 12. accident\n", "w.txt"), ["abandon ability able about above absent absorb abstract absurd abuse access accident"]);
  assert.deepEqual(got("TAN: 448812\n", "bank.txt"), ["448812"]);
  for (const text of ["otp_length: 6\nmfa_enabled: true\n", "Recovery codes: in the safe\n", "tan 45 degrees\n"]) assert.deepEqual(got(text, "settings.yaml"), [], text);
});

test("a login on one line (`label: user / password`), a short password under a password word, a foreign `key` with its network", () => {
  const got = (text: string, path: string) => credentialValuesIn(text, path).map((v) => `${v.value}${v.short === true ? " (short)" : ""}`);
  assert.deepEqual(got("Netflix: bob@mail.example / Tulip-Garden-42\nbank - bob.k / Slate-Ibis-9021\n", "n.txt"), ["Tulip-Garden-42", "Slate-Ibis-9021"]);
  assert.deepEqual(got("password: ab12cd\n", "n.txt"), ["ab12cd (short)"]);
  assert.deepEqual(got('{"wlan_schlüssel": "Qx7-Lm2-Rt9"}', "router.json"), ["Qx7-Lm2-Rt9"]);
  for (const text of ["Meeting: Alice / Review-Q3-2024\n", "see docs / Setup-Guide-2024\n", "version: 1.2.3b\n", "password: see vault\n"]) assert.deepEqual(got(text, "n.txt"), [], text);
});
