/**
 * What the CLI takes from the environment before anything else: where the state directory and its keys are, and
 * a setting's value. Its own module so that the commands registered at start-up, and the lean client context
 * (client-context.ts), can name them without loading the state, config and secret modules behind context.ts.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** An environment variable's value; unset, empty and blank are all `undefined`. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value && value.trim() !== "" ? value : undefined;
}

export function homeFromEnv(env: NodeJS.ProcessEnv): string {
  return resolve(envValue(env, "WARDEN_HOME") ?? join(homedir(), ".warden"));
}

/** WARDEN_KEY_DIR, when set: where the secret store's master keys live instead of `<home>-keys`. */
export function keyDirFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const dir = envValue(env, "WARDEN_KEY_DIR");
  return dir === undefined ? undefined : resolve(dir);
}
