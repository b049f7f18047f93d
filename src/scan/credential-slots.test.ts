import { test } from "node:test";
import assert from "node:assert/strict";
import { asciiDigits, structuralCredentialValues } from "./credential-slots.ts";
import { foldLabel, labelSays, secretLabelEnds } from "./credential-lexicon.ts";

const found = (text: string) => structuralCredentialValues(text).map((v) => `${v.value}${v.short === true ? " (short)" : ""}`);

test("a secret's shape in a label's slot is a candidate whatever the label's language", () => {
  assert.deepEqual(found("نام شبکه: Khane-5G\nرمز وای‌فای: tamarind-58-lotus\nکد دزدگیر: 4471\nروز زباله: سه‌شنبه"), ["tamarind-58-lotus", "4471 (short)"]);
  assert.deepEqual(found("Wifi pakasqa simi: mango-71-river\nAlarma yupay: 8352"), ["mango-71-river", "8352 (short)"]);
  // Carriers: JSON keys and a number, a two-cell CSV, HTML cells, a vCard NOTE, a sentence in an ICS DESCRIPTION.
  assert.deepEqual(found('{"ቤት": {"መሕለፊ ቃል": "Kiwi#Lamp93", "ቁጽሪ ደወል": 8352}}'), ["Kiwi#Lamp93", "8352 (short)"]);
  assert.deepEqual(found("ainm,luach\npasfhocal wifi,tamarind-58-lotus\ncód aláraim,4471"), ["tamarind-58-lotus", "4471 (short)"]);
  assert.deepEqual(found("<table><tr><td>Modpas</td><td>Kiwi#Lamp93</td></tr><tr><td>Kòd</td><td>8352</td></tr></table>"), ["Kiwi#Lamp93", "8352 (short)"]);
  assert.deepEqual(found("BEGIN:VCARD\nFN:ᐊᓈᓇ\nNOTE:ᐃᓯᕐᕕᒃ ᓇᓗᓇᐃᒃᑯᑖ: 8352\nEND:VCARD"), ["8352 (short)"]);
  assert.deepEqual(found("DESCRIPTION:Mawu achinsinsi a wifi: mango-71-river, khodi ya alamu: 8352."), ["mango-71-river", "8352 (short)"]);
});

test("values plainly not secret stay out: dates, times, measures, amounts, versions, network names, references", () => {
  const note = [
    "Wata: 2026", "Ora: 14:30", "Faruno: 500g", "Lakto: 1500kcal", "Prezo: 12.50€", "Versio: python3.11", "Reto: Kay-5G", "Loko: https://x.example/a1b2c3",
    "Retpoŝto: ana22@mail.example", "IBAN: NL91ABNA0417164300", "Rezervo: XK7-PQ29-LM", "Dosiero: notes-2024.txt", "Dato: March-2024", "Lu: rate=0.21",
  ].join("\n");
  assert.deepEqual(found(note), []);
});

test("digit runs: not a year, not round, not under a number's label, not a table of numbers, not alone", () => {
  assert.deepEqual(found("Telefono: 5550142\nPostcode: 94107\nJaro: 1987\nPrezo: 1200\nKodo: 8352"), ["8352 (short)"]);
  assert.deepEqual(found("Kodo: 8352"), []);
  assert.deepEqual(found("a: 1111\nb: 2222\nc: 3333\nd: 4444\ne: 5555\nf: 6666"), []);
  // A label the lexicon knows for a secret's takes a year-like PIN and a file of one line.
  assert.deepEqual(found("Alarm code: 1987"), ["1987 (short)"]);
});

test("a table's header that names a hint keeps its rows out", () => {
  assert.deepEqual(found("| name | password hint |\n|---|---|\n| bob | first-pet-2001 |"), []);
  assert.deepEqual(found("| ⴰⵙⵙⴰⵖ | ⴰⵣⴰⵍ |\n|---|---|\n| ⵜⴰⴳⵓⵔⵉ | mango-71-river |"), ["mango-71-river"]);
});

test("prose: the first token with a digit at most two words after a label the lexicon knows", () => {
  assert.deepEqual(found("ភ្ញៀវអាចប្រើវ៉ាយហ្វាយបាន ពាក្យសម្ងាត់គឺ tamarind-58-lotus ហើយលេខកូដរោទិ៍គឺ 4471"), ["tamarind-58-lotus", "4471 (short)"]);
  assert.deepEqual(found("Tí o bá dé, ọ̀rọ̀ aṣínà wifi ni tamarind-58-lotus, kóòdù alámù sì ni 4471."), ["tamarind-58-lotus", "4471 (short)"]);
  assert.deepEqual(found("Uma ufika, iphasiwedi ye-wifi ithi tamarind-58-lotus, ikhodi ye-alamu ithi 4471."), ["tamarind-58-lotus", "4471 (short)"]);
  assert.deepEqual(found("DESCRIPTION:รหัสประตู 4471 รหัสไวไฟ tamarind-58-lotus"), ["4471 (short)", "tamarind-58-lotus"]);
  assert.deepEqual(found("Erey sirta wifi-ga waa mango-71-river, koodhka alaarmiga waa 8352."), ["mango-71-river", "8352 (short)"]);
  // Too far from the label, a product's name, a name the label is part of, a code noun that opens nothing.
  assert.deepEqual(found("The password is stored in 1Password."), []);
  assert.deepEqual(found("salary 83250 EUR; locker code kite4471zebra; dentist on 14 May"), []);
  assert.deepEqual(found("Kode pos alamat rumah 40115"), []);
});

test("the lexicon: folded labels, secret and not-secret words", () => {
  assert.equal(foldLabel("סִיסְמָה"), "סיסמה");
  assert.equal(foldLabel("Ọ̀rọ̀ Aṣínà"), "oro asina");
  assert.equal(foldLabel("وای‌فای"), "وایفای");
  for (const l of ["گذرواژه", "Valvekoodi number", "Lambar ƙararrawa", "ಪಾಸ್‌ವರ್ಡ್", "ཉེན་བརྡའི་ཨང་གྲངས", "Kupuhipa wifi", "PIN"]) assert.equal(labelSays(l), "secret", l);
  for (const l of ["Telefon", "Postcode", "password hint", "server_port"]) assert.equal(labelSays(l), "notSecret", l);
  for (const l of ["Alamat", "Kode pos", "nombre"]) assert.equal(labelSays(l), undefined, l);
  assert.deepEqual(secretLabelEnds("no label here"), []);
});

test("digits of other scripts: the code as written and in ASCII digits", () => {
  assert.equal(asciiDigits("۴۴۷۱ ৮৩৫২ ４４７１ ๔๔๗๑ x"), "4471 8352 4471 4471 x");
  assert.deepEqual(found("رمز وای‌فای: tamarind-58-lotus\nکد دزدگیر: ۴۴۷۱"), ["tamarind-58-lotus", "4471 (short)", "۴۴۷۱ (short)"]);
  assert.deepEqual(found("نان: ۲ عدد\nتلفن مغازه: ۰۲۱۸۸۷۷۶۶۵۵\nسال: ۱۹۸۷"), []);
});

test("a wider table: a password's shape under its column, never its numbers", () => {
  assert.deepEqual(found("ᱡᱟᱭᱜᱟ,ᱠᱳᱰ,wifi\nkitchen,8352,mango-71-river"), ["mango-71-river"]);
  assert.deepEqual(found("item,qty,price\nBread,2,1250\nMilk,1,890"), []);
});

test("an element named for its value, a label ending its line: the value is the slot's", () => {
  assert.deepEqual(found("<kay><modpas>mango-71-river</modpas><kod>8352</kod></kay>"), ["mango-71-river", "8352 (short)"]);
  assert.deepEqual(found("ᐃᓯᕐᕕᒃ ᓇᓗᓇᐃᒃᑯᑖ:\n8352\nᐊᓈᓇ: ᐅᓪᓛᖅ"), ["8352 (short)"]);
  // HTML's own elements hold text, not a labelled value.
  assert.deepEqual(found("<p><span>abc-12-xyz</span> <code>node-24-alpine</code></p>"), []);
  assert.deepEqual(found("<recepto><faruno>500g</faruno><jaro>1987</jaro><ovoj>3</ovoj></recepto>"), []);
});

test("codes of compounds, locks alone, unlock and key words, label after value, prose about a lock (atk40 grp)", () => {
  const list = "- milk\n- eggs\n";
  // A code word glued to what it opens or to PIN; a lock or a safe alone as the label; `clave`, `sblocco`, `Entsperr`.
  assert.deepEqual(found(`${list}Torcode 5839`), ["5839 (short)"]);
  assert.deepEqual(found(`${list}pincode pinpas: 1945`), ["1945 (short)"]);
  assert.deepEqual(found(`${list}Fahrradschloss: 0427\nfietsslot: 3316\ncandado bici: 8842`), ["0427 (short)", "3316 (short)", "8842 (short)"]);
  assert.deepEqual(found(`${list}Codice sblocco telefono: 190284\nEntsperrcode Tablet: 5521`), ["190284 (short)", "5521 (short)"]);
  // A table row whose label says secret under a generic header (`valor`).
  assert.deepEqual(found(`${list}| cosa | valor |\n|---|---|\n| clave alarma | 7305 |`), ["7305 (short)"]);
  // Said before its label, or a few words after a lock's name in a sentence, in any language.
  assert.deepEqual(found(`${list}Fig-Lark-1184 is the wifi password`), ["Fig-Lark-1184"]);
  assert.deepEqual(found(`${list}The key safe by the door opens with 3185.`), ["3185 (short)"]);
  assert.deepEqual(found(`${list}Der Tresor geht mit 3185 auf.`), ["3185 (short)"]);
  assert.deepEqual(found(`${list}Le cadenas du vélo s'ouvre avec 6620.`), ["6620 (short)"]);
  // A passphrase of words under a password or Wi-Fi label.
  assert.deepEqual(found(`${list}wifi: purple monkey dishwasher seven`), ["purple monkey dishwasher seven"]);
  assert.deepEqual(found(`${list}Passwort: Tiger Wolke Sieben Blau`), ["Tiger Wolke Sieben Blau"]);
});

test("not codes: time slots, blocks, safety notes, a lock's year, a motor's code, order and customer numbers", () => {
  assert.deepEqual(found("- milk\nTime slot 1030, then block 4412 for the safety check 2211"), []);
  assert.deepEqual(found("- milk\nThe safe was bought in 1998."), []);
  assert.deepEqual(found("- milk\nMotorcode 5839"), []);
  assert.deepEqual(found("Bestellnummer: 4471932\nLieferung: Freitag"), []);
  assert.deepEqual(found("Kundennummer: 5531907\nNuméro de commande: 7730211\nwifi: HomeGuest"), []);
  for (const l of ["Torcode", "Fahrradschloss", "key safe", "clave alarma", "Codice sblocco telefono", "pincode"]) assert.equal(labelSays(l), "secret", l);
  for (const l of ["Bestellnummer", "Kundennummer", "número de pedido"]) assert.equal(labelSays(l), "notSecret", l);
  for (const l of ["Motorcode", "Time slot", "Block", "Schlossallee"]) assert.equal(labelSays(l), undefined, l);
});
