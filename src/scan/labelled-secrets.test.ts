import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldCredentialScript, foldSpelledDigits } from "./credential-words.ts";
import { loadBundledGitleaksRules } from "./gitleaks-rules.ts";
import { findLabelledCode, labelledCodes, findNameValueRecord, findNetworkKey, findPasswordShapedValue, findRecoveryPassword, findSecurityAnswer } from "./labelled-secrets.ts";
import { labelSecretContent } from "./secret-label.ts";
import { createSecretScanner } from "./secrets.ts";

const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: [] });
const secret = (text: string): boolean => labelSecretContent({ text }, scanner).secret;

void describe("credential words as stems, in every script", () => {
  void it("matches inflected and compound forms of the password words, not English words that contain them", () => {
    for (const text of ["Banka şifreniz: Lm4!pQz8c", "Zapomniałem hasła: Lm4!pQz8c", "Пароля от почты: Lm4!pQz8c", "Lozinku za mail: Lm4!pQz8c",
      "Onlinebankingpasswort: Lm4-pQz8c", "Wachtwoorden van de bank: Lm4-pQz8c", "лозинка за банку: Lm4-pQz8c"]) {
      assert.equal(secret(text), true, text);
    }
    for (const text of ["Passwordless flow: WebAuthn2 keys", "The compass2024 project is fine", "Geslacht: man", "The parole board meets at 10:30."]) {
      assert.equal(secret(text), false, text);
    }
  });

  void it("folds traditional Chinese, hiragana and spelled-out capitals before matching", () => {
    assert.equal(foldCredentialScript("銀行密碼：x"), "银行密码：x");
    assert.equal(foldCredentialScript("ぱすわーど"), "パスワード");
    assert.equal(foldCredentialScript("P-I-N: 1234, C.V.V. 123"), "PIN: 1234, CVV 123");
    for (const text of ["郵箱密碼：Zx8#kLm2q", "きんこの暗証番号：5521", "P.I.N. 8820"]) assert.equal(secret(text), true, text);
  });
});

void describe("findLabelledCode", () => {
  void it("knows an access code by a code word and what it opens, in any order and language", () => {
    for (const text of ["Mailbox combination: 3-8-1-7", "Code du portail : 7713", "Der Code für die Haustür lautet 9941", "Combinación del candado: 5512",
      "Codice cancello 8830", "Код домофона: 5532", "Kod do sejfu: 1290", "车库门密码：6621", "Gate keypad code is 4471#", "Padlock at the shed: 0918",
      "Alarmanlage: 7741", "Code d'accès garage : 4C821", "🔐 side gate: 6610"]) {
      assert.match(findLabelledCode(text) ?? "", /code labelled/, text);
    }
    for (const text of ["Error code 4041 means retry.", "ZIP code 94107", "Area code 415 555 0100", "The door code changed in 2024.", "Gate 12 boards at 1630",
      "Building 4400 is closed", "Safe mode: 1", "Alarm at 0700 tomorrow", "HTTP status code 5031 is not standard", "Door code changes on 2024-05-01"]) {
      assert.equal(findLabelledCode(text), undefined, text);
    }
  });

  void it("reads digits spelled out, codes given first, and card codes of three digits", () => {
    assert.equal(foldSpelledDigits("PIN: nine nine one two"), "PIN: 9 9 1 2");
    for (const text of ["Mon code de carte est neuf neuf un deux", "Die PIN ist vier sieben eins eins", "7720 is my bank PIN", "CVC on the card: 318",
      "card verification value 902"]) {
      assert.match(findLabelledCode(text) ?? "", /code labelled/, text);
    }
    for (const text of ["one two three, here we go", "2024 was the year the PIN rules changed", "Version 1.2.3 is the latest PIN pad firmware"]) {
      assert.equal(findLabelledCode(text), undefined, text);
    }
  });
});

void describe("security answers, name/value records, network keys, recovery passwords, password-shaped values", () => {
  void it("labels answers to security questions, not talk about them", () => {
    for (const text of ["Maiden name: Okonkwo", "Q: What was your first car? A: Civic-92", "Secret questions\nFavourite teacher: Mrs Dalby\nStreet: Elm",
      "Sicherheitsfrage\nLieblingsfarbe: petrol"]) {
      assert.ok(findSecurityAnswer(text) !== undefined, text);
    }
    for (const text of ["Security questions are weak: answers are easy to find.", "Mother's maiden name: required?", "Maiden name: enter your mother's maiden name."]) {
      assert.equal(findSecurityAnswer(text), undefined, text);
    }
  });

  void it("labels a credential given in a record whose name field names it", () => {
    for (const text of ["[mail]\nname = passphrase\nvalue = Kt7-orbit-plum", '{"key": "pin", "value": "8821"}', "- label: Passwort\n  data: Zr8!kq2Lw"]) {
      assert.ok(findNameValueRecord(text) !== undefined, text);
    }
    for (const text of ["name = password\nvalue = ${DB_PASSWORD}", "field = password\ntype = string", "name: token\nvalue: <your token>"]) {
      assert.equal(findNameValueRecord(text), undefined, text);
    }
  });

  void it("labels a Wi-Fi key given in prose after the network, not network docs", () => {
    for (const text of ["Guest WiFi 'Casa-5G' — the key is Limoncello-8841", "Réseau Livebox-22A0 : la clé est Kp9-ruisseau-41"]) {
      assert.ok(findNetworkKey(text) !== undefined, text);
    }
    for (const text of ["see https://example.com/network/docs/key-terms#vpn", "The network key is stored in the router's settings page."]) {
      assert.equal(findNetworkKey(text), undefined, text);
    }
  });

  void it("labels a BitLocker recovery password and a generated password after a label in any language", () => {
    assert.ok(findRecoveryPassword("Laptop recovery: 111111-222222-333333-444444-555555-666666-777777-888888") !== undefined);
    assert.ok(findRecoveryPassword("Serials 111111-222222-333333-444444-555555-666666-000011-000022") !== undefined, "passes the format's check");
    assert.equal(findRecoveryPassword("Serials 111112-222222-333333-444444-555555-666666-777777-888888"), undefined);
    for (const text of ["Banki — salasõna: Tq7!mWz3c", "mail.example → anna / Yt5#pLq8z", "Ngân hàng = Kx4#wQm9r"]) {
      assert.ok(findPasswordShapedValue(text) !== undefined, text);
    }
    for (const text of ["Shortcut: Ctrl+Alt+Del", "See: https://example.com/?a=B1!", "Email: Anna.B1!x@example.com", "Version: v2.0.1-RC1", "Run: make CFLAGS=-O2"]) {
      assert.equal(findPasswordShapedValue(text), undefined, text);
    }
  });

  void it("reads markup as text: a label in one element and its value in the next", () => {
    for (const text of ["<dl><dt>Router passwort</dt><dd>Kp4!zLq8w</dd></dl>", "<table><tr><th>Gate code</th><td>5520</td></tr></table>",
      "<p><label>PIN</label> <span>7719</span></p>"]) {
      assert.equal(secret(text), true, text);
    }
    assert.equal(secret("<dl><dt>Password policy</dt><dd>at least 12 characters</dd></dl>"), false);
  });

  void it("labels a code column in a table only when it is a PIN or says what it opens", () => {
    for (const text of ["site,PIN\nbank,4471\n", "lock,combination\nbike,3817\n", "| door | code |\n|---|---|\n| back | 7719 |\n"]) {
      assert.equal(secret(text), true, text);
    }
    for (const text of ["country,code\nFrance,0033\n", "status,code\nnot found,4041\n"]) assert.equal(secret(text), false, text);
  });
});

void describe("labelledCodes", () => {
  it("gives each code with its label, for the workspace index; the first is what findLabelledCode names", () => {
    assert.deepEqual(labelledCodes("bank PIN = 731905\nfront door code 4471; room 12\n5193 is the PIN for the debit card"), [
      { word: "PIN", code: "731905" }, { word: "code", code: "4471" }, { word: "PIN", code: "5193", first: true },
    ]);
    assert.deepEqual(labelledCodes("Meeting at 1430 in room 4471; zip code 94107"), []);
  });
});
