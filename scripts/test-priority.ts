/**
 * Loaded (`--import`) into each test file's process by scripts/run-tests.ts: every test process but the critical
 * path's lowers its own CPU priority to the one `WARDEN_TEST_NICE` names (the runner's nice value + 5), so the file
 * that ends the run last when it waits (`WARDEN_TEST_LEAD`: the first in the runner's order, the longest on record —
 * the red-team suite) never waits for a core while shorter files take one; they use what it leaves idle, as the checks
 * do beside all of them (scripts/test.ts, nice 10). The processes a test starts inherit its priority.
 *
 * Only ever lowers (a process at that nice value or above is left alone, so a test that starts Node with the same
 * flags adds nothing), never fails a test (a priority that cannot be set leaves the process as it was), and changes
 * nothing a test can see but how soon it gets a core.
 */
import { getPriority, setPriority } from "node:os";

const lead = process.env.WARDEN_TEST_LEAD;
const nice = Number(process.env.WARDEN_TEST_NICE);

if (lead !== undefined && lead !== "" && process.argv[1] !== lead && Number.isInteger(nice)) {
  try {
    if (getPriority() < nice) setPriority(Math.min(19, nice));
  } catch {
    // not permitted here: the same run at the same priority
  }
}
