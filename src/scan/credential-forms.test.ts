import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { findCredentialForm } from "./credential-forms.ts";

/** The base64 lines of a PEM block without its BEGIN/END armour, as someone would paste "just the key". */
function body(pem: string): string {
  return pem.split("\n").filter((l) => !l.startsWith("-----") && l !== "").join("\n");
}

void describe("findCredentialForm", () => {
  void it("recognises private key bodies without their armour, and not public keys", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ed = generateKeyPairSync("ed25519");
    for (const pem of [rsa.privateKey.export({ type: "pkcs1", format: "pem" }), rsa.privateKey.export({ type: "pkcs8", format: "pem" }),
      ec.privateKey.export({ type: "sec1", format: "pem" }), ed.privateKey.export({ type: "pkcs8", format: "pem" })]) {
      assert.match(findCredentialForm(`here is the key:\n${body(String(pem))}\n`) ?? "", /private key/, String(pem).split("\n")[0]);
    }
    const der = rsa.privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    assert.match(findCredentialForm(`key=${der}`) ?? "", /private key/, "one long base64 line");
    for (const pub of [rsa.publicKey, ec.publicKey, ed.publicKey]) {
      assert.equal(findCredentialForm(body(String(pub.export({ type: "spki", format: "pem" })))), undefined);
    }
    assert.equal(findCredentialForm(Buffer.from("just some ordinary words that are long enough to be base64").toString("base64")), undefined);
  });

  void it("recognises session cookies in headers and cookie jars, not cookie attributes or short values", () => {
    for (const text of ["Cookie: _ga=GA1.2; sessionid=8f3k29dk3l0s9d8f7g6h5j4k; theme=dark",
      "> Set-Cookie: __Host-sid=a9F3kL0pQ7zX2mN8vB4c; Path=/; Secure; HttpOnly",
      ".example.com\tTRUE\t/\tTRUE\t1767225600\tsession\t4f9a1c77e0b24d5e9f3a8c21"]) {
      assert.match(findCredentialForm(text) ?? "", /cookie/, text);
    }
    for (const text of ["Cookie: theme=dark; lang=en", "Set-Cookie: id=1; Path=/; Max-Age=31536000", "Cookies are small files websites store."]) {
      assert.equal(findCredentialForm(text), undefined, text);
    }
  });

  void it("recognises a credential column in CSV and TSV exports, not tables about passwords", () => {
    for (const text of ["name,url,username,password\nBank,https://bank.example,bob,Tr0ub4dor&3\n",
      "User name,Password,Access key ID,Secret access key,Console login link\nbob,,AKIAEXAMPLE,wJalrXUtnFEMIbKbPxRfiCYzEXAMPLE,https://x\n",
      "site\tlogin\tpassword\nmail\tbob\tcorrect-horse-42\n", '"Title","Username","Password"\n"Mail","bob","p""w0rd-x"\n']) {
      assert.match(findCredentialForm(text) ?? "", /column/, text);
    }
    for (const text of ["policy,min length,password\nstaff,12,required\n", "name,url,username,password\nBank,https://bank.example,bob,\n",
      "user,password\nbob,********\n", "a,b,c\n1,2,3\n"]) {
      assert.equal(findCredentialForm(text), undefined, text);
    }
  });

  void it("recognises .pgpass lines, SQL that sets a password, Wi-Fi keys and registry auth", () => {
    const auth = Buffer.from("bob:Xk9-plum-orbit-42").toString("base64");
    for (const [text, form] of [["db.internal:5432:app:bob:Xk9-plum-orbit", /pgpass/], ["*:*:*:postgres:s3cret-pw", /pgpass/],
      ["CREATE USER 'app'@'%' IDENTIFIED BY 'Xk9-plum-orbit';", /SQL/], ["ALTER ROLE app WITH PASSWORD 'orbit-42-plum';", /SQL/],
      ["CREATE USER bob WITH ENCRYPTED PASSWORD 'orbit42';", /SQL/], ["SET PASSWORD FOR 'bob'@'localhost' = 'orbit-42';", /SQL/],
      ['network={\n  ssid="home"\n  psk="correct horse battery"\n}', /Wi-Fi/], ["[wifi-security]\nkey-mgmt=wpa-psk\npsk=orbitplum42\n", /Wi-Fi/],
      [`{"auths": {"registry.example.com": {"auth": "${auth}"}}}`, /registry/], ["admin:$apr1$Xk9plumO$rbit42zzAbCdEfGhIjKlM.", /hash/],
      ["root:$6$saltsalt$0123456789abcdefABCDEF:19000:0:99999:7:::", /hash/], ["router admin / Xk9plumOrbit42zz", /who \/ password/],
      ['{"db": {"credentials": {"value": "Xk9plumOrbit42zz"}}}', /JSON/], ['[{"name": "x", "secrets": ["plum-Orbit-42zz"]}]', /JSON/]] as const) {
      assert.match(findCredentialForm(text) ?? "", form, text);
    }
    for (const text of ["12:30:00:done:ok", "ALTER ROLE app WITH PASSWORD NULL;", "CREATE USER bob IDENTIFIED BY :pw;", "psk=${WIFI_PSK}",
      '{"auth": "required"}', "localhost:5432:*:bob:*", "ssid=home", "root:x:0:0:root:/root:/bin/bash", "read / write", "v1.2 / v1.3",
      "see docs / README.md", '{"token_type": "bearer", "password_policy": {"min": 12}}', '{"name": "app", "version": "1.2.3"}']) {
      assert.equal(findCredentialForm(text), undefined, text);
    }
  });

  void it("never says the value it found", () => {
    const found = findCredentialForm("name,password\nbob,Xk9-plum-orbit-42\nCookie: sid=a9F3kL0pQ7zX2mN8vB4c");
    assert.ok(found !== undefined && !found.includes("plum") && !found.includes("a9F3"));
  });
});
