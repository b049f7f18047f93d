// Child process for the skills write-lock race: waits for "go" on stdin (so two copies start together), then
// installs the skill directories it is given, one after another, into a state dir the other copy writes too.
import { once } from "node:events";
import { installSkill } from "../../src/skills/skill-store.ts";
import { skillPaths } from "../../src/skills/skill-lock.ts";

const [home, ...sources] = process.argv.slice(2);
if (!home || sources.length === 0) throw new Error("usage: skills-writer.fixture.ts HOME SKILL_DIR...");
const deps = { paths: skillPaths(home), allowUnsigned: false, clock: () => new Date(), record: () => undefined };
process.stdout.write("ready\n");
await once(process.stdin, "data");
for (const source of sources) await installSkill(deps, { source, mode: "install", trustNewPublisher: true });
process.stdout.write("done\n");
