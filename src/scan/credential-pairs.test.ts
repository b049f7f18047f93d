import { test } from "node:test";
import assert from "node:assert/strict";
import { credentialNamed } from "./credential-pairs.ts";
import { credentialValuesIn } from "./credential-values.ts";

const values = (path: string, text: string) => credentialValuesIn(text, path).map((v) => v.value);

test("names: one vocabulary, split at underscores, dashes, dots and case, in the vocabulary's languages", () => {
  for (const n of ["AZURE_CLIENT_SECRET", "dbPass", "wlan_pw", "WLAN Passwort", "mot de passe", "contraseña del banco", "パスワード", "Secret access key", "env.OPENAI_API_KEY", "Kennwort"]) {
    assert.equal(credentialNamed(n), true, n);
  }
  for (const n of ["PASSWORD_FILE", "token_url", "sort_key", "secret.txt", "password hint", "author", "keywords", "passwordMinLength"]) assert.equal(credentialNamed(n), false, n);
});

test("assignments in any shell or language", () => {
  assert.deepEqual(values(".config/fish/config.fish", "set -gx GITHUB_TOKEN ghp_Lq9Zw2Xm5Rt8Vn1Kp4Hs7Jd0Fg3Yb6Cx\n"), ["ghp_Lq9Zw2Xm5Rt8Vn1Kp4Hs7Jd0Fg3Yb6Cx"]);
  assert.deepEqual(values("profile.ps1", '$env:AZURE_CLIENT_SECRET = "Az8Q~Rt4Wn7Lx2Zq9Vm"\n'), ["Az8Q~Rt4Wn7Lx2Zq9Vm"]);
  assert.deepEqual(values("profile.ps1", '[Environment]::SetEnvironmentVariable("GH_TOKEN", "ghx_Tz8Lq3Wm7Rn2", "User")\n'), ["ghx_Tz8Lq3Wm7Rn2"]);
  assert.deepEqual(values("env.nu", '$env.OPENAI_API_KEY = "sk-nu-Qx81LmZ4Tr29Vw"\n'), ["sk-nu-Qx81LmZ4Tr29Vw"]);
  assert.deepEqual(values("a.R", 'api_token <- "rtok_8Hq2Lx5Zw9Mn"\n'), ["rtok_8Hq2Lx5Zw9Mn"]);
  assert.deepEqual(values("main.go", 'stripeKey := "sk_test_Gz4Lw8Qx2Rn6Tp"\n'), ["sk_test_Gz4Lw8Qx2Rn6Tp"]);
  assert.deepEqual(values("Db.java", '  private static final String DB_PASS = "Jv9!Lm3Qz7Wx";\n'), ["Jv9!Lm3Qz7Wx"]);
  assert.deepEqual(values("Dockerfile", "ENV NPM_TOKEN npm_Wq7Lz2Xm9Rt4\n"), ["npm_Wq7Lz2Xm9Rt4"]);
  assert.deepEqual(values(".cshrc", "setenv DB_PASSWORD Cs7Hr2Lq9Wz4\n"), ["Cs7Hr2Lq9Wz4"]);
  assert.deepEqual(values("client.py", "client = Client(api_key='ak_9Xz3Qw7Lm2Rt5Vn8Kp')\n"), ["ak_9Xz3Qw7Lm2Rt5Vn8Kp"]);
});

test("markup, tables and notebooks", () => {
  assert.deepEqual(values("settings.xml", "<server><id>nexus</id><username>bob</username><password>Xp7Mb3Wq9Lz2Fk</password></server>"), ["Xp7Mb3Wq9Lz2Fk"]);
  assert.deepEqual(values("index.html", '<meta name="api-key" content="mk_3Rt8Lq5Zw1Xn7">\n'), ["mk_3Rt8Lq5Zw1Xn7"]);
  assert.deepEqual(values("App.xml", '<appSettings><add key="SmtpPassword" value="Sm7Tp2Lq9Wz4"/></appSettings>\n'), ["Sm7Tp2Lq9Wz4"]);
  assert.deepEqual(values("accounts.tsv", "service\tuser\tpwd\nbank\tbob\tMy4Tx8Zq1Wp6Ln\n"), ["My4Tx8Zq1Wp6Ln"]);
  assert.deepEqual(values("konten.csv", "Dienst;Benutzer;Kennwort\nBank;bob;Zk5Rq9Wm2Lx8\n"), ["Zk5Rq9Wm2Lx8"]);
  assert.deepEqual(values("notes.md", "| Service | Login | Password |\n|---|---|---|\n| bank | bob | **Tq8Wz3Lm6Xr1** |\n"), ["Tq8Wz3Lm6Xr1"]);
  const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: ["import os\n", 'os.environ["OPENAI_API_KEY"] = "sk-ipy-Rw82LxQ7Zm"\n'] }] });
  assert.deepEqual(values("n.ipynb", notebook), ["sk-ipy-Rw82LxQ7Zm"]);
});

test("labelled prose in several languages; a who/password pair on a line that names a password", () => {
  assert.deepEqual(values("notizen.txt", "WLAN Passwort: Kq6Lz9Wx3Rt1Vn\n"), ["Kq6Lz9Wx3Rt1Vn"]);
  assert.deepEqual(values("n.txt", "Mot de passe du routeur : Fj4-Lq8!Wz2p\n"), ["Fj4-Lq8!Wz2p"]);
  assert.deepEqual(values("n.txt", "A senha do wifi é Gv6Tn1Xq4Lz7.\n"), ["Gv6Tn1Xq4Lz7"]);
  assert.deepEqual(values("n.txt", "пароль от почты: Mq7Ws2Zx9Kp4\n"), ["Mq7Ws2Zx9Kp4"]);
  assert.deepEqual(values("n.txt", "メールのパスワード：Hb5Yc8Nd3Vf6\n"), ["Hb5Yc8Nd3Vf6"]);
  assert.deepEqual(values("servers.md", "- prod box: ssh root@10.0.0.5, pw: Hj3Lk9Qz7Wx2Rv\n"), ["Hj3Lk9Qz7Wx2Rv"]);
  assert.deepEqual(values("wifi.md", "The wifi password is Thistle-Beacon-2258, the router admin is admin/Ochre-Spindle-6603.\n"), ["Thistle-Beacon-2258", "Ochre-Spindle-6603"]);
});

test("credential-carrying headers: Basic decoded to its password, Bearer; curl -u", () => {
  assert.deepEqual(values("call.sh", 'curl -H "Authorization: Basic Ym9iOkh2N1FwMkx4OVpyNFd0" https://api.example.com\n'), ["Ym9iOkh2N1FwMkx4OVpyNFd0", "Hv7Qp2Lx9Zr4Wt"]);
  assert.deepEqual(values("api.http", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Qx8Lm2Zw\n"), ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Qx8Lm2Zw"]);
  assert.deepEqual(values("README.md", "    curl -u deploy:Xy7Lq2Wz9Rm4 https://ci.example.com\n"), ["Xy7Lq2Wz9Rm4"]);
});

test("precision: placeholders, references, policies, paths, words and file names are not values", () => {
  const doc = [
    "Password: must be at least 12 characters", "Token: see the admin page", "api_key = os.environ['API_KEY']", "password: <your-password>", "DB_PASSWORD=${DB_PASSWORD}",
    "The password is stored in 1Password.", "secret: /run/secrets/db", "token_url: https://auth.example.com/token", "API_KEY=process.env.API_KEY", "secret_key: settings.SECRET_KEY",
    "| name | password hint |", "| bob | first-pet-2001 |", "key = root-1.pem", "password: read_only_access", "token: xxxxxxxxxxxx", "pw: ********", "login: admin/$PWD/.ipython",
    "secret = **deny**", "password: bob@example.com", "release key: v1.2.3-beta", "token expires: 2026-01-02T10:00Z",
  ].join("\n");
  assert.deepEqual(values("notes.md", doc), []);
});
