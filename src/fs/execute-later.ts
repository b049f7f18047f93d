/**
 * Paths in a project that something executes, sources or trusts later — a shell, an editor, a language
 * toolchain, a build or CI system, git. A write there is code execution deferred, so it needs the owner even
 * inside the workspace. One list, shared by the write tool (`findTrustedTarget`) and the exec analyzer (what a
 * redirect writes): they must never disagree.
 *
 * Patterns are matched against the workspace-relative path, case-folded (on case-insensitive file systems
 * `.GIT/hooks` is `.git/hooks`): `**\/` is any number of leading directories, `*` any characters but `/`,
 * `{a,b}` either, and a trailing `/**` anything inside the directory.
 */
import { lstatSync, readdirSync, realpathSync } from "node:fs";
import { readHead } from "../core/read-head.ts";
import { isSecretPath } from "../scan/secret-path.ts";
import { join, relative, sep } from "node:path";

export type ExecuteLaterEntry = { readonly pattern: string; readonly reason: string };

export const EXECUTE_LATER: readonly ExecuteLaterEntry[] = [
  // Version control
  { pattern: "**/.git", reason: "a `gitdir:` file points git at another repository and its config" },
  { pattern: "**/.git/**", reason: "git runs hooks and obeys config (filters, fsmonitor, aliases) from here" },
  { pattern: "**/.githooks/**", reason: "hook directory (`core.hooksPath`)" },
  { pattern: "**/.husky/**", reason: "husky git hooks" },
  { pattern: "**/{.gitconfig,.gitattributes,.gitmodules}", reason: "git config, attributes (filter drivers) or submodules" },
  { pattern: "**/.config/git/**", reason: "git's user config and attributes" },
  { pattern: "**/.hgrc", reason: "Mercurial config (hooks, extensions)" },
  { pattern: "**/.hg/**", reason: "Mercurial repository config (hooks)" },
  { pattern: "**/{.pre-commit-config.yaml,.pre-commit-hooks.yaml,lefthook.yml,.lefthook.yml,lefthook-local.yml,.lintstagedrc,.lintstagedrc.*}", reason: "commit hook runner config" },
  // Shells and sessions
  { pattern: "**/{.bashrc,.bash_profile,.bash_login,.bash_logout,.bash_aliases,.profile,.zshrc,.zshenv,.zprofile,.zlogin,.zlogout,.cshrc,.tcshrc,.kshrc,.mkshrc}", reason: "a shell sources it at start" },
  { pattern: "**/*{.bashrc,.zshrc}", reason: "a shell rc file" },
  { pattern: "**/{.inputrc,.xprofile,.xinitrc,.xsession,.xsessionrc,.pam_environment,.env.local.sh}", reason: "read by the login session or readline" },
  { pattern: "**/.config/{fish,autostart,systemd,environment.d}/**", reason: "the desktop session or shell runs it" },
  { pattern: "**/*.desktop", reason: "a desktop entry names a program to run" },
  { pattern: "**/.local/bin/**", reason: "on PATH: runs in place of the command it is named after" },
  { pattern: "**/{.envrc,.envrc.local,.env.local.envrc}", reason: "direnv sources it on `cd`" },
  { pattern: "**/{.direnv,.config/direnv}/**", reason: "direnv's own scripts and config" },
  { pattern: "**/{.ssh,.gnupg}/**", reason: "SSH and GnuPG config (ProxyCommand, agents)" },
  { pattern: "**/.netrc", reason: "credentials curl, git and ftp send to hosts it names" },
  { pattern: "**/{.wgetrc,.curlrc}", reason: "wget and curl read options from it (output paths, proxies, headers)" },
  { pattern: "**/{.tmux.conf,.screenrc}", reason: "terminal multiplexer config (`run-shell`, `exec`)" },
  { pattern: "**/{crontab,.crontab,*.cron,*.crontab}", reason: "scheduled jobs" },
  { pattern: "**/{cron.d,cron.hourly,cron.daily,cron.weekly,cron.monthly,periodic,anacrontab}/**", reason: "cron and periodic run every file here on schedule" },
  { pattern: "**/library/{launchagents,launchdaemons}/**", reason: "launchd starts the programs these property lists name (at login or on schedule)" },
  { pattern: "**/.{bashrc,zshrc,zshenv,profile,bash_profile,zprofile}.*", reason: "a shell rc file's companion, sourced by the rc file by convention (`.zshrc.local`)" },
  { pattern: "**/{.profile.d,.bashrc.d,.zshrc.d,.zsh,.oh-my-zsh}/**", reason: "a shell sources every file here at start" },
  { pattern: "**/*profile.ps1", reason: "PowerShell runs its profile at start" },
  { pattern: "**/{.wezterm.lua,.hammerspoon,.config/wezterm,.config/kitty,.config/hypr,.config/i3,.config/sway}", reason: "a terminal or window manager runs this configuration (Lua, `exec` lines) at start" },
  { pattern: "**/{.hammerspoon,.config/wezterm,.config/kitty,.config/hypr,.config/i3,.config/sway}/**", reason: "a terminal or window manager runs this configuration (Lua, `exec` lines) at start" },
  // Editors
  { pattern: "**/.vscode/{tasks,settings,launch}.json", reason: "VS Code tasks, settings (tool paths) and launch configs" },
  { pattern: "**/*.code-workspace", reason: "VS Code workspace (settings, tasks)" },
  { pattern: "**/.idea/**", reason: "JetBrains project config (run configurations, tool paths)" },
  { pattern: "**/{.zed,.helix}/**", reason: "editor tasks and language-server commands" },
  { pattern: "**/*.sublime-project", reason: "Sublime Text build systems" },
  { pattern: "**/{.vimrc,.exrc,.nvimrc,.nvim.lua,.gvimrc,_vimrc}", reason: "Vim/Neovim source it (`exrc`)" },
  { pattern: "**/.dir-locals.el", reason: "Emacs evaluates directory-local variables" },
  { pattern: "**/{.emacs,.spacemacs}", reason: "Emacs init files are Lisp it evaluates" },
  { pattern: "**/{.emacs.d,.doom.d,.config/emacs,.config/doom}/**", reason: "Emacs init files are Lisp it evaluates" },
  { pattern: "**/.config/{nvim,vim,helix,zed,code,vscodium}/**", reason: "editor config (Lua/Vim script, tasks, tool paths)" },
  { pattern: "**/{.fleet,.theia,.nova}/**", reason: "editor run configurations and tasks" },
  { pattern: "**/{.lesskey,.config/lesskey,.mailcap,.muttrc,.ackrc}", reason: "less (`LESSOPEN`), mailcap, mutt and ack run programs these name" },
  // Coding agents and their tool servers: a project file that says which commands an agent or an MCP server runs,
  // and the instruction files coding agents load and obey (nested ones too): a standing prompt injection.
  { pattern: "**/{agents.md,agent.md,agents.override.md,claude.md,claude.local.md,gemini.md,qwen.md,warp.md,crush.md,opencode.md,conventions.md,.cursorrules,.windsurfrules,.clinerules,.roorules,.goosehints,.rules,copilot-instructions.md,llms.txt,llms-full.txt}", reason: "a coding agent loads and obeys it (with the shell it holds)" },
  { pattern: "**/*.{agent,chatmode,prompt,instructions}.md", reason: "a coding agent loads it as an agent, mode, prompt or standing instructions" },
  { pattern: "**/{jules.md,junie.md,kiro.md,trae.md,augment.md,copilot.md,codex.md,cody.md,devin.md,.replit.md,replit.md,.idx/airules.md,airules.md}", reason: "a coding agent loads and obeys it (with the shell it holds)" },
  { pattern: "**/{.github/instructions,.github/prompts,.github/agents,.github/chatmodes,.github/skills,.clinerules,memory-bank}/**", reason: "a coding agent loads and obeys it" },
  { pattern: "**/{.mcp.json,.aider.conf.yml,.aider.conf.yaml,opencode.json,opencode.jsonc,crush.json,.crush.json}", reason: "an AI coding tool runs the MCP servers or commands it names" },
  { pattern: "**/{.claude,.cursor,.continue,.gemini,.codex,.amazonq,.windsurf,.roo,.kiro,.junie,.opencode,.openhands,.trae,.agents,.agent,.qwen,.crush,.cline,.kilocode,.augment,.zencoder,.factory,.amp,.goose,.tabnine,.codeium,.qodo,.aide}/**", reason: "an AI coding tool's project config (instructions, hooks, MCP servers, commands)" },
  { pattern: "**/.vscode/mcp.json", reason: "VS Code starts the MCP servers it names" },
  // Trusted rather than run: a code host shows them as the project's own word, and reports, reviews and money go
  // where they say.
  { pattern: "**/{security.md,security.txt,security.rst,codeowners,funding.yml}", reason: "a code host shows it as the project's security contact, code owners or funding links: vulnerability reports, review rights and money go where it says" },
  // Debuggers and REPLs
  { pattern: "**/{.gdbinit,.lldbinit}", reason: "the debugger runs its commands at start" },
  { pattern: "**/{.irbrc,.pryrc,.pythonrc.py,.rprofile,.octaverc,.psqlrc,.sqliterc,.iex.exs}", reason: "a REPL runs it at start" },
  { pattern: "**/{.pdbrc,.pdbrc.py,.perldb,.ghci,.erlang,.ocamlinit,.sbclrc,.guile,.racketrc,.renviron,.my.cnf,.mylogin.cnf}", reason: "a debugger, REPL or client started in this directory runs it (or the program it names)" },
  { pattern: "**/.julia/**", reason: "Julia runs `config/startup.jl`" },
  { pattern: "**/{.ipython,.jupyter}/**", reason: "IPython/Jupyter start-up scripts and config" },
  { pattern: "**/{ipython_config.py,jupyter_*config.py}", reason: "IPython/Jupyter config is Python" },
  // Python
  { pattern: "**/*.pth", reason: "Python runs `import` lines in .pth files at start" },
  { pattern: "**/{sitecustomize,usercustomize}.py", reason: "Python imports it at start" },
  { pattern: "**/{.venv,venv,.virtualenv,env}/bin/**", reason: "a virtualenv's activate script and entry points" },
  { pattern: "**/pyvenv.cfg", reason: "chooses the Python a virtualenv runs" },
  { pattern: "**/{setup.py,setup.cfg,pyproject.toml,tox.ini,noxfile.py,conftest.py,pytest.ini,pipfile,hatch.toml}", reason: "a Python build, test or install runs or fetches code it names" },
  { pattern: "**/{conf.py,mkdocs.yml,mkdocs.yaml,.readthedocs.yml,.readthedocs.yaml}", reason: "a docs build runs it (Sphinx's `conf.py`, MkDocs `hooks:`, Read the Docs build commands)" },
  { pattern: "**/test*.txt", reason: "pytest collects `test*.txt` files as doctests by default: their `>>>` lines run" },
  { pattern: "**/{maskfile,saku,makedown}.md", reason: "a Markdown task runner (mask, saku, makedown) runs the code blocks of this file" },
  { pattern: "**/*.{coffee.md,litcoffee,lhs,lagda.md,lidr,lit.md}", reason: "a literate program: the compiler runs its indented or fenced code" },
  { pattern: "**/testdata/script/**/*.{txt,txtar}", reason: "Go's testscript runs the `exec` lines of these scripts in `go test`" },
  // pip requirement files go by many names (`dev-requirements.txt`, `requirements/base.txt`, `-r` includes).
  { pattern: "**/{*requirements*,*constraints*}.{txt,in,pip}", reason: "pip installs (and builds, running setup code) what it names, from any index it names" },
  { pattern: "**/requirements/**", reason: "pip requirement files included with `-r`" },
  { pattern: "**/{pip.conf,.pip/pip.conf,.condarc,.pypirc}", reason: "package index config (where installed code comes from)" },
  { pattern: "**/{.pylintrc,pylintrc,mypy.ini,.mypy.ini,.coveragerc}", reason: "linters and coverage load plugins it names (pylint's `init-hook` is Python)" },
  // JavaScript and TypeScript
  { pattern: "**/{package.json,.npmrc,.yarnrc,.yarnrc.yml,.pnpmfile.cjs,bunfig.toml,deno.json,deno.jsonc}", reason: "package scripts, hooks, registries and preloads" },
  { pattern: "**/.yarn/{plugins,releases,sdks}/**", reason: "Yarn runs this code (`yarnPath`, plugins)" },
  { pattern: "**/node_modules/**", reason: "installed packages run when the project runs" },
  { pattern: "**/*.config.{js,mjs,cjs,ts,mts,cts}", reason: "a JS tool config is code (eslint, jest, vite, webpack, …)" },
  { pattern: "**/{.eslintrc,.prettierrc,.babelrc,.mocharc,.stylelintrc,.swcrc}.{js,cjs,mjs}", reason: "a JS tool config is code" },
  { pattern: "**/{.eslintrc,.eslintrc.json,.eslintrc.yaml,.eslintrc.yml,.babelrc,.babelrc.json,babel.config.json,.mocharc.json,.mocharc.yml,.mocharc.yaml,.stylelintrc,.stylelintrc.json,.postcssrc,.postcssrc.json}", reason: "the tool loads the plugins, parsers and `require`s it names, local files included" },
  { pattern: "**/{gulpfile,gruntfile}.{js,cjs,mjs,ts}", reason: "task runner script" },
  { pattern: "**/*.conf.{js,mjs,cjs,ts}", reason: "a JS tool config is code (karma, wdio, protractor, …)" },
  { pattern: "**/.*rc.{js,cjs,mjs,ts,cts,mts}", reason: "a JS tool rc file in code form is run (`.releaserc.js`, `.huskyrc.js`, …)" },
  { pattern: "**/{nodemon.json,.nodemonrc}", reason: "nodemon runs the commands it names" },
  { pattern: "**/{tsconfig,jsconfig}{,.*}.json", reason: "TypeScript's language service, in every editor, loads the `plugins` it names, and `extends` pulls configuration from packages" },
  { pattern: "**/.storybook/**", reason: "Storybook config is code" },
  // Other toolchains
  { pattern: "**/{cargo.toml,build.rs,rust-toolchain,rust-toolchain.toml}", reason: "Cargo build scripts and toolchain choice" },
  { pattern: "**/.cargo/**", reason: "Cargo config (runners, aliases, linkers)" },
  { pattern: "**/{go.mod,go.work}", reason: "Go module and toolchain directives" },
  { pattern: "**/{rakefile,gemfile,*.gemspec,.rspec,guardfile,capfile,.gemrc}", reason: "Ruby build, test or install config" },
  { pattern: "**/{build.gradle,build.gradle.kts,settings.gradle,settings.gradle.kts,gradle.properties,gradlew,gradlew.bat,pom.xml,mvnw,mvnw.cmd,build.sbt,.sbtopts,.jvmopts}", reason: "a JVM build runs it" },
  { pattern: "**/{.mvn,.gradle,gradle/wrapper}/**", reason: "build wrapper and its settings (downloads and runs a build tool)" },
  { pattern: "**/project/*.{sbt,scala}", reason: "sbt build definition" },
  { pattern: "**/{*.csproj,*.fsproj,*.vbproj,directory.build.props,directory.build.targets,*.targets,nuget.config}", reason: "MSBuild runs targets and tasks" },
  { pattern: "**/{composer.json,mix.exs,setup.hs,conanfile.py,conanfile.txt}", reason: "package scripts and build hooks" },
  { pattern: "**/{makefile,gnumakefile,*.mk,cmakelists.txt,*.cmake,cmakepresets.json,meson.build,meson_options.txt,configure,configure.ac,makefile.am,makefile.in}", reason: "a build runs it" },
  { pattern: "**/{build,build.bazel,workspace,workspace.bazel,module.bazel,*.bzl,.bazelrc}", reason: "Bazel build definitions and flags" },
  { pattern: "**/{justfile,.justfile,taskfile.yml,taskfile.yaml,tiltfile,earthfile,procfile,procfile.*,.foreman}", reason: "task runner or process manager" },
  { pattern: "**/{.mise.toml,mise.toml,mise.local.toml,.rtx.toml,.tool-versions,devbox.json}", reason: "tool manager config (tasks, hooks, local tool paths)" },
  { pattern: "**/{.nvmrc,.node-version,.python-version,.ruby-version,.java-version,.go-version,.terraform-version,.sdkmanrc,brewfile}", reason: "version managers (mise, asdf, pyenv, nvm) pick the interpreter from it; a `path:` version runs any program" },
  { pattern: "**/{.mise,.config/mise}/**", reason: "mise tasks and config" },
  { pattern: "**/{flake.nix,shell.nix,default.nix}", reason: "Nix evaluates it" },
  { pattern: "**/{*.tf,.terraformrc,ansible.cfg}", reason: "infrastructure tools run providers and plugins it names" },
  { pattern: "**/.kube/**", reason: "kubeconfig exec plugins" },
  { pattern: "**/{.aws,.docker,.config/gcloud,.azure}/**", reason: "cloud CLIs run the credential programs it names (`credential_process`, `credHelpers`)" },
  // Containers and CI
  { pattern: "**/{dockerfile,dockerfile.*,containerfile,docker-compose*.yml,docker-compose*.yaml,compose.yml,compose.yaml,compose.*.yml,compose.*.yaml,vagrantfile}", reason: "container and VM builds run it" },
  { pattern: "**/.devcontainer/**", reason: "dev container config (lifecycle commands)" },
  { pattern: "**/.devcontainer.json", reason: "dev container config (lifecycle commands)" },
  { pattern: "**/{.gitpod.yml,.gitpod.dockerfile,.replit,replit.nix,.lando.yml,.lando.*.yml,devfile.yaml,skaffold.yaml}", reason: "a cloud or local dev environment runs its tasks at start" },
  { pattern: "**/{.idx,.ddev}/**", reason: "a cloud or local dev environment runs its hooks at start" },
  { pattern: "**/autorun.inf", reason: "Windows runs the program it names from removable media" },
  { pattern: "**/.github/{workflows,actions}/**", reason: "GitHub Actions" },
  { pattern: "**/action.{yml,yaml}", reason: "a GitHub Action definition" },
  { pattern: "**/{.gitea,.forgejo}/workflows/**", reason: "Gitea/Forgejo Actions" },
  { pattern: "**/.gitlab-ci.yml", reason: "GitLab CI" },
  { pattern: "**/.gitlab/**", reason: "GitLab CI includes and templates" },
  { pattern: "**/{.circleci,.buildkite,.semaphore,.tekton,.teamcity,.woodpecker,.azure-pipelines}/**", reason: "CI pipeline" },
  { pattern: "**/{.travis.yml,azure-pipelines.yml,jenkinsfile,.drone.yml,.woodpecker.yml,bitbucket-pipelines.yml,cloudbuild.yaml,cloudbuild.yml,appveyor.yml,.appveyor.yml,buildspec.yml,.cirrus.yml,codefresh.yml,codecov.yml,netlify.toml,vercel.json}", reason: "CI or deploy pipeline" },
];

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (glob.startsWith("**/", i)) {
      re += "(?:[^/]+/)*";
      i += 2;
    } else if (glob.startsWith("/**", i) && i + 3 === glob.length) {
      re += "/.+";
      i += 2;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") re += "(?:";
    else if (c === "}") re += ")";
    else if (c === ",") re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

const compiled = EXECUTE_LATER.map((e) => ({ ...e, re: globToRegExp(e.pattern.toLowerCase()) }));

/**
 * The entry a workspace-relative path (`/`-separated) matches, or undefined: a listed path, or else one of the
 * classes of `runLaterClass` (files nobody listed yet). Never throws.
 */
export function findExecuteLater(relativePath: string): ExecuteLaterEntry | undefined {
  const given = relativePath.split("/").filter((p) => p !== "" && p !== ".");
  const canonical = given.map(canonicalName).filter((p) => p !== "" && p !== ".");
  for (const parts of canonical.join("/") === given.join("/") ? [given] : [given, canonical]) {
    const normal = parts.join("/").toLowerCase();
    if (normal === "") continue;
    const hit = compiled.find((e) => e.re.test(normal));
    const found = hit === undefined ? runLaterClass(parts) : { pattern: hit.pattern, reason: hit.reason };
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A name as the file systems of macOS and Windows (and a share or a copy onto one) map it: code points HFS+ and APFS
 * ignore dropped, an NTFS stream suffix (`::$DATA`, `:x`) cut, trailing dots and spaces, which Windows strips, removed.
 * `.git\u200c/hooks`, `.envrc.`, `Makefile ` and `.gitlab-ci.yml::$DATA` are the names they map to.
 */
function canonicalName(name: string): string {
  return name.replace(/[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g, "").replace(/:.*$/s, "").replace(/[. ]+$/, "");
}

/**
 * Dot-named files nothing runs or trusts: placeholders and markers (a `.gitignore` is not among them: what it hides
 * is neither shown by `git status` nor committed, so it decides what the owner reviews).
 */
const inertDotNames: ReadonlySet<string> = new Set([".gitkeep", ".keep", ".nojekyll", ".ds_store", ".placeholder", ".empty"]);

/** Extensions of plain documents and data: a name of a class below with one of these is a document, not a config. */
const documentLike: ReadonlySet<string> = new Set(["md", "markdown", "txt", "text", "csv", "tsv", "rst", "adoc", "org", "log", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "html", "htm"]);

/**
 * The classes of files something runs or trusts later, by the shape of their name, for the files the list above
 * does not name: tools are many and new ones come every month, so the shape is judged, not the tool. The pattern
 * reported is the class's, in the glob syntax above. Case matters only for `Podfile`-like names.
 */
function runLaterClass(parts: readonly string[]): ExecuteLaterEntry | undefined {
  const name = parts.at(-1) ?? "";
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf(".");
  const ext = dot <= 0 ? "" : lower.slice(dot + 1);
  const stem = dot <= 0 ? lower : lower.slice(0, dot);
  const dir = parts.slice(0, -1).find((p) => p.startsWith(".") && p !== "..");
  if (dir !== undefined) return { pattern: `**/${dir.toLowerCase()}/**`, reason: "it is in a dot-directory, where tools keep their own configuration, hooks and scripts" };
  if (name.startsWith(".") && !inertDotNames.has(lower)) {
    if (/^\.env(?:$|[.-])/.test(lower)) return { pattern: "**/.env*", reason: "docker compose, dotenv loaders, Flask and direnv read it as the environment of what they run (`COMPOSE_FILE`, `NODE_OPTIONS`, `FLASK_APP`)" };
    return { pattern: "**/.*", reason: "a dotfile: by convention a tool's configuration (hooks, plugins, commands, server rules such as `.htaccess`), read when that tool runs" };
  }
  const data = documentLike.has(ext);
  // `Podfile`, `Fastfile`, `Snakefile`, `Dangerfile`, `Makefile.PL`, `justfile`, `magefile.go`: a file named for the tool that runs it.
  if (/^[a-z][\w-]*file$/.test(stem.split(".")[0] ?? "") && !data && (/^[A-Z]/.test(name) || ext === "")) {
    return { pattern: "**/*file{,.*}", reason: "a `…file` names the build, task or deploy tool that runs it (`Podfile`, `Fastfile`, `Snakefile`, `Makefile.PL`)" };
  }
  // `npmrc`, `.huskyrc`, `.releaserc.json`, `pylintrc`: a run-commands file.
  if (/^[\w.-]+rc$/.test(stem.split(".")[0] ?? "") && (stem.split(".")[0] ?? "").length > 3 && !data) return { pattern: "**/*rc{,.*}", reason: "an `…rc` (run commands) file is a tool's configuration, read each time it runs" };
  if (/\.(?:config|conf|cfg|rc)\./.test(lower) && !data) return { pattern: "**/*.{config,conf,cfg}.*", reason: "a tool's configuration (often code: plugins, hooks, commands)" };
  if (/^(?:conf|cfg|ini|config|cnf|properties|service|timer|socket|path|mount|plist|env|vcl|htaccess|kubeconfig)$/.test(ext)) {
    return { pattern: `**/*.${ext}`, reason: "a configuration file: a server, service manager or tool reads it (handlers, `auto_prepend_file`, `ExecStart=`, plugins)" };
  }
  if (/kubeconfig/.test(lower) || /^(?:config|credentials)$/.test(lower)) return { pattern: "**/{*kubeconfig*,config,credentials}", reason: "a client configuration or credentials file (kubeconfig `exec` plugins, credential processes)" };
  if (lower === "__main__.py") return { pattern: "**/__main__.py", reason: "Python runs it for `python -m` on its package" };
  // A lock file says which code an install fetches, and from where (a resolved URL, a git commit).
  if (ext === "lock" || /^(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.ya?ml|bun\.lockb?|deno\.lock|go\.sum|gradle\.lockfile)$/.test(lower)) {
    return { pattern: "**/{*.lock,package-lock.json,pnpm-lock.yaml,…}", reason: "a lock file: an install fetches and runs the packages it pins, from the URLs it names" };
  }
  if (manifestNames.has(lower) || /\.(?:podspec|cabal|opam|nimble|nuspec|vcxproj|sln|ebuild|gn|gni|spec|bbappend|bb)$/.test(lower)) {
    return { pattern: manifestNames.has(lower) ? `**/${lower}` : `**/*.${ext}`, reason: "a package, build or deploy manifest: its tool runs the scripts, hooks and commands it names" };
  }
  return undefined;
}

/**
 * Manifests and hosting configs (lower case) whose names have no shape of their own: package and build manifests of
 * other ecosystems, deploy and hosting configs, review and release rules.
 */
const manifestNames: ReadonlySet<string> = new Set([
  "package.swift", "pubspec.yaml", "build.zig", "build.zig.zon", "dune", "dune-project", "stack.yaml", "cabal.project", "shard.yml",
  "project.clj", "deps.edn", "build.boot", "bb.edn", "description", "makefile.pl", "build.pl", "cpanfile", "pkgbuild", "apkbuild",
  "sconstruct", "sconscript", "wscript", "xmake.lua", "premake5.lua", "premake4.lua", "vcpkg.json", "phpunit.xml", "phpunit.xml.dist",
  "magefile.go", "codemagic.yaml", "bitrise.yml", "goreleaser.yml", "goreleaser.yaml", "air.toml", "turbo.json", "nx.json",
  "lerna.json", "rush.json", "angular.json", "firebase.json", "app.yaml", "app.json", "fly.toml", "render.yaml", "railway.json",
  "railway.toml", "nixpacks.toml", "wrangler.toml", "wrangler.json", "wrangler.jsonc", "serverless.yml", "serverless.yaml",
  "amplify.yml", "now.json", "apprunner.yaml", "helmfile.yaml", "kustomization.yaml", "chart.yaml", "_redirects", "_headers",
  "_routes.json", "codeowners", "owners", "renovate.json", "renovate.json5", "release.config.js", "rebar.config", "elvis.config",
  "tmuxinator.yml", "smithery.yaml", "cog.yaml", "bentofile.yaml", "manifest.yml", "manifest.yaml",
]);

/**
 * The entry a write grant over the directory `relativeDir` reaches: the directory is such a path, lies inside one,
 * or holds one by name (`.vscode` holds `.vscode/tasks.json`). Undefined otherwise.
 */
export function findExecuteLaterWithin(relativeDir: string): ExecuteLaterEntry | undefined {
  const folded = relativeDir.split("/").filter((p) => p !== "" && p !== ".").join("/").toLowerCase();
  if (folded === "") return undefined;
  return findExecuteLater(folded) ?? findExecuteLater(`${folded}/x`) ?? EXECUTE_LATER.find((e) => e.pattern.replace(/^\*\*\//, "").toLowerCase().startsWith(`${folded}/`));
}

/** Instruction files of coding agents that pull other files into the agent's context by naming them. */
const instructionFiles = ["SOUL.md", "MEMORY.md", "USER.md", "TOOLS.md", "IDENTITY.md", "HEARTBEAT.md", "BOOTSTRAP.md", "CLAUDE.md", "AGENTS.md", "AGENT.md", "GEMINI.md", "WARP.md", "CONVENTIONS.md", ".cursorrules", ".windsurfrules", ".clinerules", ".github/copilot-instructions.md", "opencode.json", ".aider.conf.yml"];

/** Directories of rule files coding agents load (each file may import others by naming them). */
const instructionDirs = [".cursor/rules", ".windsurf/rules", ".clinerules", ".roo/rules", ".github/instructions", ".kiro/steering", ".amazonq/rules", ".continue/rules"];

/** Up to 32 entries of `dir` (relative to the workspace), as relative paths; none when it is not a directory. */
function filesIn(workspace: string, dir: string): string[] {
  try {
    return readdirSync(join(workspace, dir)).slice(0, 32).map((name) => `${dir}/${name}`);
  } catch {
    return [];
  }
}

/**
 * The coding-agent instruction file at the workspace's top that names `relativePath` (Claude Code's `@docs/x.md`
 * imports, opencode's `instructions`, aider's `read:`): that file becomes the agent's instructions too. Reads at
 * most 64 KiB of each; a file that cannot be read names nothing.
 */
export function namedByInstructionFile(workspace: string, relativePath: string): string | undefined {
  const target = relativePath.split("/").filter((p) => p !== "" && p !== ".").join("/");
  if (target === "") return undefined;
  const names = [...instructionFiles, ...instructionDirs.flatMap((dir) => filesIn(workspace, dir))];
  for (const name of names) {
    let text: string;
    try {
      text = readHead(join(workspace, name), 64 * 1024).toString("utf8");
    } catch {
      continue;
    }
    if (text.includes(target)) return name;
  }
  return undefined;
}

/**
 * Why a document is code, judged on its content: markers that a test runner, a docs builder, a notebook or an
 * editor executes (doctest prompts, executable fences of markdown-exec, R Markdown, Quarto and mdsh, Sphinx
 * directives that run code, cog generators, Org Babel source blocks). Undefined for prose, and for fences that
 * are only shown.
 */
export function runnableDocument(content: string): string | undefined {
  for (const { re, why } of runnableMarkers) if (re.test(content)) return why;
  const directive = extensionDirective(content);
  if (directive !== undefined) return `its rst directive \`${directive}\` comes from a Sphinx or docutils extension, and extensions may run a directive's body when the docs are built`;
  if (mdxExpression(content)) return "it holds JavaScript that MDX evaluates when the page is built or shown (`import`/`export` lines or `{…}` expressions outside code; Docusaurus, Nextra and Astro compile Markdown as MDX)";
  return undefined;
}

/**
 * The directives docutils and Sphinx ship that only lay out, link or show (their bodies never run), and those of
 * the common layout extensions. Any other directive is an extension's, and an extension's directive may run its
 * body (`bokeh-plot`, `exec_code`, `runpython`, `sagecellserver`, …): no list of those can be complete, so the
 * inert ones are listed instead. Domain directives (`py:function`) only describe.
 */
const inertDirectives: ReadonlySet<string> = new Set([
  "attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning", "admonition", "seealso", "todo",
  "versionadded", "versionchanged", "deprecated", "versionremoved", "image", "figure", "topic", "sidebar", "rubric", "epigraph",
  "highlights", "pull-quote", "compound", "container", "table", "csv-table", "list-table", "contents", "sectnum",
  "section-numbering", "header", "footer", "math", "code-block", "code", "sourcecode", "literalinclude", "highlight", "toctree",
  "index", "glossary", "productionlist", "only", "centered", "hlist", "tabularcolumns", "default-role", "role", "title", "meta",
  "class", "rst-class", "parsed-literal", "line-block", "replace", "unicode", "date", "include", "raw", "target-notes",
  "footnotes", "tab", "tabs", "group-tab", "code-tab", "tab-set", "tab-item", "dropdown", "card", "grid", "grid-item",
  "grid-item-card", "button-link", "button-ref", "margin", "youtube", "video", "mermaid", "graphviz", "graph", "digraph",
  "automodule", "autoclass", "autofunction", "automethod", "autoattribute", "autodata", "autoexception", "autosummary",
  "currentmodule", "module", "function", "class", "method", "attribute", "data", "exception", "envvar", "option", "program",
  "describe", "object", "cmdoption", "confval", "event", "directive", "literal", "epigraph", "aafig", "blockdiag",
]);

/** The first directive in `content` that is neither inert nor a domain's (`py:function`). */
function extensionDirective(content: string): string | undefined {
  for (const m of content.matchAll(/^[ \t]*\.\.[ \t]+(?:\|[^|\n]+\|[ \t]+)?([\w][\w.-]*)::/gm)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!inertDirectives.has(name)) return name;
  }
  return undefined;
}

/**
 * MDX code outside code blocks that does something when the page is built or shown: an ESM line that calls, awaits,
 * constructs or imports from a URL (`export const x = await fetch(…)`, `import x from "https://…"`) — a component
 * import (`import Tabs from "@theme/Tabs"`) or a literal export only names and declares — or a `{…}` expression
 * that calls, assigns or defines a function (`{fetch(…)}`, `{location.href = …}`, `onError={() => …}`). Plain
 * Markdown shows them as text; MDX runs them.
 */
function mdxExpression(content: string): boolean {
  const prose = content.replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm, "").replace(/`+[^`\n]*`+/g, "").replace(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$/g, "");
  const acts = /[\w$\])][ \t]*\(|=>|\bawait\b|\bnew[ \t]|\bimport[ \t]*\(|(?:[a-z][a-z0-9+.-]*:)?\/\/|[^=!<>]=(?!=)/i;
  for (const m of prose.matchAll(/^(?:import|export)\b[^\n]*(?:\n(?![ \t]*\n)[^\n]*){0,20}/gm)) {
    const statement = m[0].replace(/^export[ \t]+(?:const|let|var)[ \t]+[\w$]+[ \t]*=/, "");
    if (acts.test(statement)) return true;
  }
  for (const m of prose.matchAll(/\{[^{}\n]*\}/g)) if (acts.test(m[0])) return true;
  return /\bon[A-Z]\w*=\{|\bon:\w+=\{/.test(prose);
}

/**
 * A personal agent's own workspace files (OpenClaw's layout): its persona, memory, standing orders and workspace
 * skills, loaded into every session of an agent that runs in this workspace. The owner keeps them by hand and asks
 * the agent to ("remember in MEMORY.md that I prefer tea"), so they are documents — but what an untrusted context
 * writes there is a standing prompt injection. Matched case-insensitively, at the workspace's top.
 */
export function standingInstructionFile(relativePath: string): string | undefined {
  const path = relativePath.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "").toLowerCase();
  if (/^(?:soul|memory|user|tools|identity|heartbeat|bootstrap|agents)\.md$/.test(path) || /^memory\/./.test(path)) {
    return "a personal agent loads it into every session as its memory, persona or standing instructions";
  }
  // A skill's folder: its SKILL.md, and the references and scripts it loads on demand.
  if (/^skills\/[^/]+\/./.test(path)) return "it is in a skill's folder, which an agent loads (its SKILL.md, and the files it names) when the skill is used";
  // Coding agents load these from any folder they work in (nested AGENTS.md, CLAUDE.md), not only from the top.
  if (/(?:^|\/)(?:agents?|claude|claude\.local|gemini|warp)\.md$/.test(path)) return "a coding agent loads it as standing instructions when it works in that folder";
  return undefined;
}

/**
 * `standingInstructionFile` for the file a write reaches (`real`, the path the file layer decided), under every name
 * that leads to it: its own, its real path's, and a memory file or folder at the workspace's top (or in `memory/`)
 * that is a symbolic link to it — `MEMORY.md` → `notes/today.md` makes `notes/today.md` the memory. Reads at most 256
 * entries of each folder; an unreadable one names nothing.
 */
export function standingInstructionTarget(workspace: string, relativePath: string, real: string | undefined): string | undefined {
  const direct = standingInstructionFile(relativePath);
  if (direct !== undefined || real === undefined) return direct;
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return undefined;
  }
  const own = standingInstructionFile(relative(root, real));
  if (own !== undefined) return own;
  const entries = (dir: string) => {
    try {
      return readdirSync(join(root, dir)).slice(0, 256).map((name) => (dir === "" ? name : `${dir}/${name}`));
    } catch {
      return [];
    }
  };
  for (const name of [...entries(""), ...entries("memory"), ...entries("Memory")]) {
    const why = standingInstructionFile(name) ?? (/^(?:memory|skills)$/i.test(name) ? standingInstructionFile(`${name}/x/x`) : undefined);
    if (why === undefined) continue;
    let target: string;
    try {
      if (!lstatSync(join(root, name)).isSymbolicLink()) continue;
      target = realpathSync(join(root, name));
    } catch {
      continue;
    }
    if (real === target || real.startsWith(`${target}${sep}`)) return `\`${name}\` is a link to it, and ${why}`;
  }
  return undefined;
}

/**
 * A credentials file a document names where a build or renderer reads it (`.. literalinclude:: ~/.ssh/id_ed25519`,
 * `:download:` roles, `:file:` options, `![x](.env)`, `image::~/.netrc[]` with `data-uri`, LaTeX `\input{…}`): the
 * built or published output then carries the file's bytes. A name counts when it is a path (it has a separator) or
 * stands in a markup target (after `(`, `<`, `{`, `[`, `:`, `=` or a quote); `.env` in prose is only a word.
 */
export function credentialReference(content: string): string | undefined {
  for (const m of content.matchAll(/(^|[\s(<{[\]"'`=|,;:!*])([~\w./\\@%+-]*[/\\.][~\w./\\@%+-]*)/g)) {
    const [, before = "", token = ""] = m;
    // What stands before the name, spaces skipped: `.. literalinclude:: .env`, `:file: .env`, `src= ".env"`.
    const lead = `${content.slice(Math.max(0, (m.index ?? 0) - 16), m.index ?? 0)}${before}`.trimEnd();
    if (!/[/\\]/.test(token) && !/[(<{[:="'`]$/.test(lead)) continue;
    const path = token.replace(/[.,;:]+$/, "");
    if (path.length > 1 && isSecretPath(path)) return `it names \`${path}\`, a credentials file, where a docs build or renderer reads it: what it builds or publishes would carry that file's bytes`;
  }
  return undefined;
}

/** Files at a project's top that say it is built and tested by a toolchain (which may run its documents' code). */
const projectManifests: ReadonlySet<string> = new Set([
  "cargo.toml", "package.json", "deno.json", "deno.jsonc", "pyproject.toml", "setup.py", "setup.cfg", "tox.ini", "noxfile.py",
  "pytest.ini", "conftest.py", "go.mod", "dune-project", "mix.exs", "project.toml", "makefile", "gnumakefile", "cmakelists.txt",
  "meson.build", "pom.xml", "build.gradle", "build.gradle.kts", "gemfile", "composer.json", "justfile", "taskfile.yml",
  "stack.yaml", "package.swift", "rebar.config", "shard.yml", "pubspec.yaml", "build.sbt", "deps.edn", "flake.nix", "book.toml",
  // Directories a project's code and tests live in.
  "src", "lib", "tests", "test", "spec", "__tests__",
]);

// Fences only shown, never run by a doc-test tool: data, markup, output, diagrams (those load URLs; see autoload-urls).
const shownFences: ReadonlySet<string> = new Set([
  "text", "txt", "plaintext", "plain", "output", "log", "md", "markdown", "json", "jsonc", "json5", "yaml", "yml", "toml", "ini",
  "csv", "tsv", "xml", "html", "css", "diff", "patch", "mermaid", "dot", "graphviz", "plantuml", "svg", "ascii", "none", "console-output",
]);

/**
 * Why a document in a code project is code: it holds code blocks, and a project's own test setup runs the blocks of
 * its documents with no marker in them (`cargo test` on a README a crate includes, `pytest --markdown-docs`,
 * mktestdocs, Sybil, OCaml mdx, Elixir and Julia doctests, cram and byexample `$` lines). Outside a project (notes,
 * a diary) the same blocks are only shown. Reads the document's folder and those above it, up to the workspace's top.
 */
export function runnableInProject(workspace: string, content: string, relativePath = ""): string | undefined {
  const block = executableBlock(content);
  if (block === undefined) return undefined;
  // The project may sit below the workspace's top (`repos/q3/Cargo.toml` for `repos/q3/README.md`): the document's
  // own folder and each one above it, up to the workspace's top, are looked at.
  const parts = relativePath.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) parts.length = 0;
  parts.pop();
  for (let depth = Math.min(parts.length, 16); depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join("/");
    const manifest = namesIn(join(workspace, dir)).find((name) => projectManifests.has(name.toLowerCase()) || /\.(?:cabal|csproj|fsproj|sln|nimble|gemspec)$/i.test(name));
    if (manifest !== undefined) return `it holds ${block}, and \`${dir === "" ? manifest : `${dir}/${manifest}`}\` makes ${dir === "" ? "the workspace" : `\`${dir}\``} a project whose test tools can run its documents' code blocks`;
  }
  return undefined;
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir).slice(0, 4096);
  } catch {
    return [];
  }
}

function executableBlock(content: string): string | undefined {
  for (const m of content.matchAll(/^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?([\w+#.-]*)/gm)) {
    const lang = (m[1] ?? "").toLowerCase();
    if (lang !== "" && !shownFences.has(lang)) return `a \`${lang}\` code block`;
  }
  const rst = /^[ \t]*\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*([\w+#.-]+)/im.exec(content)?.[1]?.toLowerCase();
  if (rst !== undefined && !shownFences.has(rst)) return `an rst \`${rst}\` code block`;
  const adoc = /^\[source,[ \t]*([\w+#.-]+)/im.exec(content)?.[1]?.toLowerCase();
  if (adoc !== undefined && !shownFences.has(adoc)) return `an AsciiDoc \`${adoc}\` source block`;
  // Session transcripts a doc-test tool replays: shell (cram, byexample, mdx), iex, julia.
  if (/^[ \t]*(?:\$|iex(?:\(\d+\))?>|julia>)[ \t]+\S/m.test(content)) return "command lines (`$ …`, `iex>`, `julia>`) a doc-test tool replays";
  return undefined;
}

// Fences of shell sessions: a doc-test tool that runs them runs commands, and those are read as commands (what a
// reader is told to run: document-commands.ts), not as code that can do anything.
const shellFences: ReadonlySet<string> = new Set(["sh", "bash", "shell", "zsh", "console", "shell-session", "shellsession", "terminal", "shellscript"]);

/**
 * Whether every block of `content` that a project's doc-test tool could run is a shell session (a `sh`/`bash`/
 * `console` fence or block, `$ …` lines): then what it runs is exactly its command lines, which can be judged as
 * commands. False when any other language's block (or an `iex>`/`julia>` session) is there.
 */
export function onlyShellBlocks(content: string): boolean {
  for (const m of content.matchAll(/^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?([\w+#.-]*)/gm)) {
    const lang = (m[1] ?? "").toLowerCase();
    if (lang !== "" && !shownFences.has(lang) && !shellFences.has(lang)) return false;
  }
  for (const m of content.matchAll(/^[ \t]*\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*([\w+#.-]+)/gim)) {
    const lang = (m[1] ?? "").toLowerCase();
    if (!shownFences.has(lang) && !shellFences.has(lang)) return false;
  }
  for (const m of content.matchAll(/^\[source,[ \t]*([\w+#.-]+)/gim)) {
    const lang = (m[1] ?? "").toLowerCase();
    if (!shownFences.has(lang) && !shellFences.has(lang)) return false;
  }
  return !/^[ \t]*(?:iex(?:\(\d+\))?>|julia>)[ \t]+\S/m.test(content);
}

const runnableMarkers: readonly { re: RegExp; why: string }[] = [
  { re: /^[ \t]*>>>[ \t]/m, why: "it holds doctest lines (`>>>`) that pytest, Sphinx or rustdoc run" },
  { re: /^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:\{[ \t]*[\w.-]+|[\w+.-]+[^\n`]*\b(?:exec|run|eval|execute)[ \t]*=)/mi, why: "a fence in it runs when the document is built (R Markdown, Quarto, markdown-exec)" },
  // Runme's `{"name": …}` and mdsh's `sh $` fence attributes name blocks a runner runs.
  { re: /^[ \t]*(?:`{3,}|~{3,})[ \t]*[\w+.-]+[ \t]+(?:\{[ \t]*"|\$[ \t]*$)/m, why: "a fence in it is marked for a Markdown runner (Runme, mdsh)" },
  // xc runs the code blocks under a README's `Tasks` heading.
  { re: /^#{1,3}[ \t]+Tasks[ \t]*\n[\s\S]*?^[ \t]*(?:`{3,}|~{3,})/mi, why: "it has a `Tasks` section whose code blocks a task runner (xc) runs" },
  // Front matter in a programming language (Eleventy's `---js`, `---javascript`, `---coffee`; gray-matter's engines): the
  // site generator runs it to get the page's data, so it is code, whatever URL it computes. YAML, TOML and JSON only parse.
  { re: /^\uFEFF?---[ \t]*(?!(?:ya?ml|json|toml)[ \t]*\r?\n)[a-z][\w-]*[ \t]*\r?\n/i, why: "its front matter is in a programming language (`---js`, `---coffee`) that the site generator runs when it builds the page" },
  // A document that names where its own export or build output is written (Org, Quarto, R Markdown, pandoc defaults):
  // exporting it writes there, wherever that is, under a name the writer chose.
  { re: /^[ \t]*(?:#\+EXPORT_FILE_NAME:|#\+PROPERTY:[ \t]+EXPORT_FILE_NAME\b|:EXPORT_FILE_NAME:|(?:output-file|output_file|output-dir|output_dir|output-path|outfile|export_file_name|knit)[ \t]*:)/mi, why: "it names where its own export is written (`EXPORT_FILE_NAME`, `output-file`, `output-dir`), so exporting or rendering it writes a file there" },
  // A Markdown notebook (Jupytext, MyST): its code cells run when it is opened as a notebook and executed.
  { re: /^---[ \t]*\n(?:[^\n]*\n)*?[ \t]*(?:jupyter|jupytext|kernelspec):/m, why: "its front matter makes it a notebook (Jupytext, MyST) whose code cells run" },
  { re: /^[ \t]*\.\.[ \t]+(?:plot|ipython|jupyter-execute|exec|execute|runblock|program-output|command-output|testcode|testsetup|doctest|code-cell)::/mi, why: "an rst directive in it runs code when the docs are built" },
  { re: /\[\[\[cog\b/, why: "it holds a cog block, which runs when the file is regenerated" },
  { re: /^[ \t]*#\+begin_src\b/mi, why: "it holds an Org Babel source block, which runs when evaluated or exported" },
  // Org Babel's inline forms: `src_sh{…}`, `src_python[:var x=1]{…}`, `call_name()` and `#+CALL:` lines.
  { re: /\bsrc_[\w+-]+(?:\[[^\]\n]*\])?\{|^[ \t]*#\+call:|\bcall_[\w-]+(?:\[[^\]\n]*\])?\(/mi, why: "it holds inline Org Babel code (`src_…{}`, `call_…()`, `#+CALL:`), which runs when evaluated or exported" },
  // Emacs file-local variables: an `eval:` runs Lisp when the file is opened (after one prompt, or none if marked safe).
  { re: /-\*-[^\n]*\beval[ \t]*:[^\n]*-\*-|^[^\n]*Local Variables:[ \t]*[^\n]*\n(?:[^\n]*\n){0,40}?[^\n]*\beval[ \t]*:/m, why: "its Emacs file-local variables hold an `eval:`, which runs when the file is opened in Emacs" },
  // Diagram blocks rendered by running a program that can run commands or load URLs (asciidoctor-diagram, Kroki).
  { re: /^[ \t]*\[(?:gnuplot|plantuml|tikz|lilypond|vega|vegalite|matplotlib|pikchr|asymptote|meme)\b/mi, why: "a diagram block in it is rendered by running a program that can run commands or fetch (gnuplot's `system()`, PlantUML's `!include`)" },
  // A fence whose info string marks it to run in the reader's browser or by a runner (`jsx live`, `js run`, `{name=…}`).
  { re: /^[ \t]*(?:`{3,}|~{3,})[ \t]*[\w+.-]+[ \t]+(?:[^\n`]*\b(?:live|runnable|playground|interactive|exec|run|eval|execute)\b|\{)/mi, why: "a fence in it is marked to run (a live code block, a runner's named or attributed block)" },
  // Literate programming: a fence or block that names the file its code is written into (md-tangle `tangle:x.sh`,
  // lmt `x.sh +=`, Literate `--- x.sh` under `@code_type`), which the project then runs.
  { re: /^[ \t]*(?:`{3,}|~{3,})[ \t]*[\w+.-]+[ \t]+[^\s`]*[/:=]|^@code_type\b|^---[ \t]+[\w.-]*[/.][\w./-]*[ \t]*(?:\+?=)?[ \t]*$/mi, why: "a block in it names the file its code is written into (a literate-programming tangler), which the project then runs" },
  // Inline code with an engine: knitr `` `r …` ``, Quarto `` `{python} …` ``, mdsh `` `$ …` `` lines.
  { re: /`(?:r|\{[\w+-]+\})[ \t][^`\n]+`|^`\$[ \t][^`\n]+`[ \t]*$/m, why: "it holds inline code marked with an engine (`r …`, `{python} …`, `$ …`) that knitr, Quarto or mdsh runs when the document renders" },
];
