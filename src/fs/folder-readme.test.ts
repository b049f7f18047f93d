import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readmeSaysSent } from "./folder-readme.ts";
import { createOutboundLookup, NoOutboundConfig } from "./outbound-folders.ts";

function folderWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "readme-"));
  writeFileSync(join(dir, name), text);
  return dir;
}

test("a folder's README that says what is put there is sent, in several languages and file names", () => {
  for (const [name, text] of [
    ["README.txt", "Files saved here are e-mailed automatically to the address in their first line by the outbox-mailer every 5 minutes.\n"],
    ["README.md", "# Mail queue\n\nAnything you put in this folder is e-mailed to the first line's address.\n"],
    ["README", "Alle Dateien in diesem Ordner werden automatisch per E-Mail versendet."],
    ["README.txt", "Les fichiers déposés ici sont faxés à la banque chaque soir."],
    ["README.txt", "Los archivos guardados aquí se envían por correo cada hora."],
    ["README.txt", "Bestanden in deze map worden automatisch verstuurd."],
  ] as const) {
    const dir = folderWith(name, text);
    try {
      assert.ok(readmeSaysSent(dir), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("a README that says nothing leaves, or says it of no file here, makes nothing leave", () => {
  for (const text of ["Files here are NOT uploaded anywhere; this is a local scratch folder.", "Nothing in this folder is synced or sent.", "This project sends e-mail through SMTP; see config.md.", "Drafts here are never sent automatically.", "Click here to read how we publish releases."]) {
    const dir = folderWith("README.md", text);
    try {
      assert.equal(readmeSaysSent(dir), undefined, text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("the file tools' lookup counts send queues (a README's word, a queue's name); other lookups and the top folder do not", () => {
  const ws = mkdtempSync(join(tmpdir(), "ws-"));
  try {
    mkdirSync(join(ws, "Postausgang"));
    writeFileSync(join(ws, "Postausgang", "README.txt"), "Alle Dateien in diesem Ordner werden automatisch per E-Mail versendet.");
    mkdirSync(join(ws, "Fax", "Outgoing"), { recursive: true });
    writeFileSync(join(ws, "README.md"), "Everything saved here is synced to my laptop.");
    const queues = createOutboundLookup(ws, NoOutboundConfig, { queues: true });
    assert.equal(queues.folderOf("Postausgang/x.txt")?.signal, "queue");
    assert.equal(queues.folderOf("Fax/Outgoing/x.txt")?.folder, "Fax/Outgoing");
    assert.equal(queues.folderOf("notes/x.txt"), undefined);
    assert.equal(createOutboundLookup(ws, NoOutboundConfig).folderOf("Postausgang/x.txt"), undefined);
    // The owner's word that a folder stays local wins over a README.
    assert.equal(createOutboundLookup(ws, { outbound: [], local: ["Postausgang"] }, { queues: true }).folderOf("Postausgang/x.txt"), undefined);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
