/**
 * Workspace paths that something executes or trusts later: version-control internals and hooks, shell
 * start-up files, CI pipelines, build scripts, editor task runners. A write there is code execution
 * deferred, so it needs the owner even though it stays inside the workspace.
 */

// A path with any of these directory components is trusted (`sub/.git/hooks/x`, `.github/workflows/y`).
const trustedDirs = new Set([
  ".git",
  ".githooks",
  ".husky",
  ".circleci",
  ".buildkite",
  ".devcontainer",
  ".idea",
  ".ssh",
  ".gnupg",
  ".direnv",
  ".cargo",
  ".mvn",
  ".gradle",
]);

// Directory pairs: `<a>/<b>/…` is trusted.
const trustedDirPairs: ReadonlyArray<[string, string]> = [
  [".github", "workflows"],
  [".github", "actions"],
  [".gitea", "workflows"],
  [".forgejo", "workflows"],
  [".config", "autostart"],
  [".config", "systemd"],
  [".config", "fish"],
  [".config", "git"],
  [".config", "direnv"],
];

const trustedFiles = new Set([
  // shell start-up and environment
  ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zshenv", ".zprofile",
  ".zlogin", ".zlogout", ".cshrc", ".tcshrc", ".kshrc", ".inputrc", ".envrc", ".env.local.sh", ".xprofile",
  ".xinitrc", ".xsession", ".pam_environment",
  // version control
  ".gitconfig", ".gitattributes", ".gitmodules", ".git", ".hgrc",
  // CI
  ".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml", "jenkinsfile", ".drone.yml", "bitbucket-pipelines.yml",
  "cloudbuild.yaml", "cloudbuild.yml", "appveyor.yml", ".appveyor.yml", "buildspec.yml", ".pre-commit-config.yaml",
  "lefthook.yml", ".lefthook.yml", "codecov.yml",
  // build scripts and package manifests with install/lifecycle scripts
  "makefile", "gnumakefile", "package.json", ".npmrc", ".yarnrc", ".yarnrc.yml", ".pnpmfile.cjs", "bunfig.toml",
  "cmakelists.txt", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradlew",
  "pom.xml", "setup.py", "setup.cfg", "pyproject.toml", "tox.ini", "noxfile.py", "conftest.py", "pytest.ini",
  "cargo.toml", "build.rs", "rakefile", "gemfile", "justfile", ".justfile", "taskfile.yml", "taskfile.yaml",
  "dockerfile", "containerfile", "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml",
  "vagrantfile", "flake.nix", "shell.nix", "default.nix", "build.sbt", "meson.build", "configure", "go.mod",
  "deno.json", "deno.jsonc",
  // editor task runners and settings that run code
  "tasks.json", "launch.json",
  // scheduled jobs
  "crontab",
]);

const trustedSuffixes = [".mk", ".bashrc", ".zshrc"];

/** Why `relativePath` (workspace-relative, `/`-separated) is a trusted target, or undefined. Never throws. */
export function findTrustedTarget(relativePath: string): string | undefined {
  // Case-folded: on case-insensitive file systems `.GIT/hooks` is `.git/hooks`.
  const parts = relativePath.split("/").filter((p) => p !== "" && p !== ".").map((p) => p.toLowerCase());
  const base = parts.at(-1) ?? "";
  const dirs = parts.slice(0, -1);
  for (const d of dirs) if (trustedDirs.has(d)) return `inside \`${d}/\``;
  for (let i = 0; i + 1 < dirs.length; i++) {
    for (const [a, b] of trustedDirPairs) if (dirs[i] === a && dirs[i + 1] === b) return `inside \`${a}/${b}/\``;
  }
  if (dirs.at(-1) === ".vscode" && (base === "tasks.json" || base === "settings.json" || base === "launch.json")) {
    return `\`.vscode/${base}\` runs tasks`;
  }
  if (trustedDirs.has(base)) return `\`${base}\``;
  if (trustedFiles.has(base) && base !== "tasks.json" && base !== "launch.json") return `\`${base}\``;
  if (trustedSuffixes.some((s) => base.endsWith(s))) return `\`${base}\``;
  return undefined;
}
