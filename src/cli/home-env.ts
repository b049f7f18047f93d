/**
 * Where the state directory is, from the environment alone. Its own module so that the commands registered at
 * start-up can name it without loading the state, config and secret modules behind src/cli/context.ts.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export function homeFromEnv(env: NodeJS.ProcessEnv): string {
  return resolve(env.WARDEN_HOME && env.WARDEN_HOME.trim() !== "" ? env.WARDEN_HOME : join(homedir(), ".warden"));
}
