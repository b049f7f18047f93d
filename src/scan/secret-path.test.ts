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

  void it("leaves ordinary files and shareable templates alone", () => {
    for (const p of ["README.md", "src/env.ts", ".env.example", "notes/keys-to-success.md", "id_rsa.pub", "docs/credentials-howto.md", "environment.yml"]) {
      assert.ok(!isSecretPath(p), p);
    }
  });
});
