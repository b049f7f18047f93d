import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerDates } from "./owner-dates.ts";
import { dateTimeTypedByOwner } from "./provenance.ts";

// Saturday 5 December 2026, noon, in the gateway's zone.
const now = new Date(2026, 11, 5, 12).getTime();

test("weekdays, relative days and day-month dates in several languages are the dates the owner names", () => {
  assert.deepEqual(ownerDates("dentist next Tuesday at 10:30", now), ["2026-12-08", "2026-12-15"]);
  assert.deepEqual(ownerDates("am Freitag um 9", now), ["2026-12-11"]);
  assert.deepEqual(ownerDates("demain à 10h", now), ["2026-12-06"]);
  assert.deepEqual(ownerDates("Zahnarzt Dienstag 16.12. 10:30–11:00", now), ["2026-12-16"]);
  assert.deepEqual(ownerDates("on 12/16", now), ["2026-12-16"]);
  assert.deepEqual(ownerDates("le 3 janvier", now), ["2027-01-03"]);
  assert.deepEqual(ownerDates("December 16th", now), ["2026-12-16"]);
  assert.deepEqual(ownerDates("Pay 1.5 EUR", now), []);
});

test("a service's ISO date-time is the owner's when its date is one they named and its time one they typed", () => {
  const flow = { ownerTexts: ["Put the dentist in my calendar for next Tuesday at 10:30"], turnText: "Put the dentist in my calendar for next Tuesday at 10:30", turnAt: now };
  assert.equal(dateTimeTypedByOwner("2026-12-08T10:30", flow), true);
  assert.equal(dateTimeTypedByOwner("2026-12-09T10:30", flow), false);
  assert.equal(dateTimeTypedByOwner("2026-12-08T03:00", flow), false);
  // Without the turn's clock, only a date the owner typed counts.
  assert.equal(dateTimeTypedByOwner("2026-12-08T10:30", { ownerTexts: flow.ownerTexts }), false);
});
