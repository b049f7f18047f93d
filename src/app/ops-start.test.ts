import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writePrivateFile } from "../ops/secrets/private-files.ts";
import { createTranscriptStore } from "../sessions/transcripts.ts";
import { prepareOpsAtStart } from "./ops-start.ts";
import { openOpsFixture } from "../../test/support/ops-fixture.ts";

describe("prepareOpsAtStart", () => {
  test("seals legacy transcripts, reports config drift once and logs the start", () => {
    const s = openOpsFixture();
    try {
      createTranscriptStore({ db: s.db, clock: Date.now }).append({ key: "k", channel: "webchat", peer: "owner" }, [{ message: { role: "user", content: "legacy" }, source: "owner", at: 1 }]);
      writePrivateFile(s.paths.config, "{ gateway: { port: 19001 } }\n");
      const first = prepareOpsAtStart({ ops: s.ops, db: s.db, paths: s.paths });
      assert.deepEqual([first.sealedMessages, first.drift.status], [1, "first_seen"]);
      writePrivateFile(s.paths.config, "{ gateway: { port: 19002 } }\n");
      const second = prepareOpsAtStart({ ops: s.ops, db: s.db, paths: s.paths });
      assert.deepEqual([second.sealedMessages, second.drift.status], [0, "drifted"]);
      assert.deepEqual(s.ops.activityLog.tail(5).map((e) => e.kind), ["system", "alert", "system"]);
    } finally {
      s.close();
    }
  });
});
