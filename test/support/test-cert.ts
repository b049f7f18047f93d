/** Test support: a throwaway self-signed certificate made with the openssl CLI, for loopback TLS servers in tests. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Writes key.pem and cert.pem (P-256, valid 2 days) into `dir` for `subject`, e.g. `DNS:secure.test` or `IP:127.0.0.1`. */
export function makeTestCert(dir: string, subjectAltName: string): { key: string; cert: string; certFile: string } {
  const name = subjectAltName.replace(/^(DNS|IP):/, "");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", `/CN=${name}`, "-addext", `subjectAltName=${subjectAltName}`,
    "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
  ], { stdio: "ignore" });
  return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8"), certFile: join(dir, "cert.pem") };
}
