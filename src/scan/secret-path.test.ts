import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSecretPath } from "./secret-path.ts";

void describe("isSecretPath", () => {
  void it("flags credential-like files", () => {
    for (const p of [
      ".env", "app/.env.production", "/home/u/.ssh/id_rsa", "/home/u/.ssh/config", "certs/server.pem", "tls.key",
      "/home/u/.aws/credentials", "/home/u/.aws/config", ".netrc", "C:\\Users\\u\\.npmrc", ".pgpass", "/home/u/.kube/config",
      "keystore.p12", "id_ed25519", ".git-credentials", "/home/u/.docker/config.json", "secrets.yaml", "terraform.tfstate",
    ]) assert.ok(isSecretPath(p), p);
  });

  void it("reads names as a person would: copies, variants, lookalike letters, tool and framework credential files", () => {
    for (const p of [
      ".env~", ".env copy", ".env (1)", "dev.env.bak", "prod.env", "secrets.env", "env.local", "ENV", ".envrc.local", "#.env#", "..env.swp",
      ".\u0435nv", "\uff25nv", ".\u0395NV", ".vault-token", ".kubeconfig", "kubeconfig.yaml", "kube/config", "docker/config.json",
      ".secrets", ".terraformrc", ".yarnrc.yml", ".gitconfig", "id_rsa.bak", "my_id_rsa", "id_ed25519_work", "gcp-key.json",
      "password.txt", "token.txt", "api_key.txt", "wp-config.php", "config/database.yml", "application.properties",
      "application-prod.yml", "appsettings.json", "appsettings.Development.json", "config/credentials.yml.enc",
      ".bash_history", ".psql_history", ".mysql_history", ".python_history", "aws/credentials",
    ]) assert.ok(isSecretPath(p), p);
  });

  void it("leaves ordinary files and shareable templates alone", () => {
    for (const p of ["README.md", "src/env.ts", ".env.example", "notes/keys-to-success.md", "id_rsa.pub", "docs/credentials-howto.md", "environment.yml",
      "src/password-reset.ts", "tokens.json", "src/tokenizer.py", "history.md", "config.json", "docker/Dockerfile", ".env.example.bak",
      "src/auth/token.ts", "keyboard.json", "envelope.txt", "отчет.txt", "résumé.txt"]) {
      assert.ok(!isSecretPath(p), p);
    }
  });
});

void describe("isSecretPath, copies and notes", () => {
  void it("knows credential files kept under another extension or without the dot, and notes that list credentials", () => {
    for (const p of ["backup/pgpass.txt", "old/bash_history.txt", "ops/admin.kubeconfig", "notes/rails-master-key.txt", "notes/passwords.md",
      "notes/wifi-logins.txt", "netrc.bak", "vault-token.txt"]) assert.ok(isSecretPath(p), p);
    for (const p of ["docs/password-reset.md", "docs/passwords-policy.md", "notes/meeting.md", "src/pgpass-parser.ts"]) assert.ok(!isSecretPath(p), p);
  });
});
