/**
 * What a deploy command uploads: the local folders (or files) among its operands that a tool sends to a host, a
 * bucket or a site. `rsync -a site/ host:/var/www` uploads `site`, `aws s3 sync out s3://b` uploads `out`, `gh-pages
 * -d docs` publishes `docs`, `netlify deploy --dir build` publishes `build`, `vercel --prod` and `surge` the folder they
 * run in. Read from argv (literal words, after the shell grammar removed quotes and wrappers: deploy-scripts.ts), by
 * each tool's own option grammar: which options take a value, which operand is the destination. A copy whose
 * destination is local (`rsync -a a/ b/`) uploads nothing.
 *
 * Fail closed where a tool's options are not known: an unknown option is taken as a flag, so the word after it is read
 * as an operand (one more folder counted as published, never one fewer). Pure; never throws.
 */

/** A folder (or file) a command uploads, relative to the folder it runs in (`.` for that folder itself). */
export type Upload = { readonly operand: string; readonly tool: string; readonly to: string };

type Spec = {
  /** Options that take the next word as their value (`--opt=value` is one word whatever the list says). */
  readonly withValue: ReadonlySet<string>;
};

const set = (words: string): ReadonlySet<string> => new Set(words.split(" "));

const rsyncSpec: Spec = {
  withValue: set("-e --rsh -f --filter --exclude --include --exclude-from --include-from --files-from --chmod --chown --port --password-file --log-file --log-file-format -T --temp-dir --backup-dir --suffix --rsync-path --timeout --contimeout --bwlimit --compare-dest --copy-dest --link-dest --max-size --min-size -B --block-size --partial-dir -M --remote-option --info --debug --out-format --iconv --usermap --groupmap --skip-compress --sockopts --protocol --checksum-choice --cc --compress-choice --zc --compress-level --zl --outbuf --stop-after --stop-at --write-batch --only-write-batch --read-batch --modify-window --max-delete --max-alloc --address --early-input --copy-as --checksum-seed"),
};
const scpSpec: Spec = { withValue: set("-c -D -F -i -J -l -o -P -S -X") };
const awsGlobal = set("--profile --region --endpoint-url --output --query --cli-read-timeout --cli-connect-timeout --ca-bundle --color");
/** `aws s3 sync|cp|mv` flags: every other `--option` takes a value. */
const awsFlags = set("--dryrun --quiet --delete --recursive --follow-symlinks --no-follow-symlinks --no-guess-mime-type --only-show-errors --no-progress --exact-timestamps --size-only --force-glacier-transfer --ignore-glacier-warnings --no-paginate --debug --no-verify-ssl --no-sign-request --request-payer --metadata-directive --sse --no-cli-pager");
const gsutilTop = set("-o -h -u -i");
const gsutilSub = set("-x -j -z -a -s -I -L -y -i");
const ghpImport: Spec = { withValue: set("-m --message -r --remote -b --branch -c --cname -x --prefix -o --output") };

/** Words of `argv` that are neither options nor the values of `spec`'s value-taking options. */
function operands(argv: readonly string[], spec: Spec, start = 1): string[] {
  const out: string[] = [];
  for (let i = start; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--") {
      out.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a !== "-") {
      if (!a.includes("=") && spec.withValue.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The value of an option spelled `-d X`, `--dist X` or `--dist=X`; the last one given wins, as the tools read them. */
function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (names.includes(a)) found = argv[i + 1];
    else {
      const long = names.find((n) => n.startsWith("--") && a.startsWith(`${n}=`));
      if (long !== undefined) found = a.slice(long.length + 1);
    }
  }
  return found;
}

/** `host:path`, `user@host:path`, `host::module` (not `./a:b`, not `C:\x`): rsync's and scp's remote spelling. */
function isRemote(word: string): boolean {
  if (/^(?:rsync|scp|sftp|ssh):\/\//i.test(word)) return true;
  const colon = word.indexOf(":");
  if (colon <= 0) return false;
  const head = word.slice(0, colon);
  return !head.includes("/") && !/^[A-Za-z]$/.test(head);
}

/** rsync, scp: every operand but the last is a source when the last is a remote destination. */
function copyToRemote(tool: string, argv: readonly string[], spec: Spec): Upload[] {
  const ops = operands(argv, spec);
  const dest = ops.at(-1);
  if (dest === undefined || ops.length < 2 || !isRemote(dest)) return [];
  return ops.slice(0, -1).filter((o) => !isRemote(o)).map((operand) => ({ operand, tool, to: dest }));
}

/** `aws [global options] s3 sync|cp|mv SRC s3://…` (and `s3api`-less spellings only). */
function aws(argv: readonly string[]): Upload[] {
  let i = 1;
  while (i < argv.length && (argv[i] ?? "").startsWith("-")) i += awsGlobal.has(argv[i] ?? "") ? 2 : 1;
  if (argv[i] !== "s3" || !["sync", "cp", "mv"].includes(argv[i + 1] ?? "")) return [];
  const ops: string[] = [];
  for (let j = i + 2; j < argv.length; j++) {
    const a = argv[j] ?? "";
    if (a.startsWith("--")) {
      if (!a.includes("=") && !awsFlags.has(a)) j++;
      continue;
    }
    if (a.startsWith("-")) continue;
    ops.push(a);
  }
  // The destination is the last operand: `aws s3 sync s3://b local` downloads.
  const dest = ops.at(-1);
  if (dest === undefined || !/^s3:\/\//i.test(dest)) return [];
  return ops.filter((o) => !/^s3:\/\//i.test(o)).map((operand) => ({ operand, tool: `aws s3 ${argv[i + 1] ?? ""}`, to: dest }));
}

/** `gsutil [-m] rsync|cp|mv [options] SRC gs://…`; `gcloud storage cp|rsync|mv SRC gs://…`. */
function googleStorage(argv: readonly string[]): Upload[] {
  const name = argv[0] ?? "";
  let i = 1;
  if (name === "gsutil") while (i < argv.length && (argv[i] ?? "").startsWith("-")) i += gsutilTop.has(argv[i] ?? "") ? 2 : 1;
  else if (argv[1] === "storage") i = 2;
  else return [];
  const verb = argv[i] ?? "";
  if (!["rsync", "cp", "mv"].includes(verb)) return [];
  const ops = operands(argv, { withValue: name === "gsutil" ? gsutilSub : set("--exclude -x --cache-control --content-type --storage-class --predefined-acl --project --billing-project --impersonate-service-account --account --configuration") }, i + 1);
  const dest = ops.at(-1);
  if (dest === undefined || !/^gs:\/\//i.test(dest)) return [];
  return ops.filter((o) => !/^gs:\/\//i.test(o)).map((operand) => ({ operand, tool: `${name === "gsutil" ? "gsutil" : "gcloud storage"} ${verb}`, to: dest }));
}

/** `az storage blob upload-batch|sync --source DIR …`; `azcopy copy|sync SRC https://…`. */
function azure(argv: readonly string[]): Upload[] {
  if (argv[0] === "azcopy") {
    const verb = argv[1] ?? "";
    if (verb !== "copy" && verb !== "cp" && verb !== "sync") return [];
    const ops = argv.slice(2).filter((a) => !a.startsWith("-"));
    const dest = ops.at(-1);
    if (dest === undefined || !/^https:\/\//i.test(dest)) return [];
    return ops.slice(0, -1).filter((o) => !/^https?:\/\//i.test(o)).map((operand) => ({ operand, tool: `azcopy ${verb}`, to: dest }));
  }
  if (argv[1] !== "storage") return [];
  const words = argv.slice(2, 5).join(" ");
  if (!/^(?:blob (?:upload-batch|sync)|azcopy blob (?:upload|sync)|file upload-batch)\b/.test(words)) return [];
  const source = optionValue(argv, ["-s", "--source"]);
  const dest = optionValue(argv, ["-d", "--destination", "-c", "--container", "--container-name", "--account-name"]) ?? "an Azure storage container";
  return source === undefined ? [] : [{ operand: source, tool: `az storage ${words}`, to: dest }];
}

/** `rclone copy|sync|move SRC remote:path`, `s3cmd sync|put SRC s3://…`, `mc cp|mirror SRC alias/bucket`. */
function bucketCopy(argv: readonly string[]): Upload[] {
  const name = argv[0] ?? "";
  const verb = argv.slice(1).find((a) => !a.startsWith("-")) ?? "";
  const at = argv.indexOf(verb);
  const ops = argv.slice(at + 1).filter((a) => !a.startsWith("-"));
  const dest = ops.at(-1);
  if (dest === undefined || ops.length < 2) return [];
  if (name === "rclone" && ["copy", "sync", "move", "copyto", "moveto"].includes(verb) && isRemote(dest)) return ops.slice(0, -1).filter((o) => !isRemote(o)).map((operand) => ({ operand, tool: `rclone ${verb}`, to: dest }));
  if (name === "s3cmd" && ["sync", "put", "cp", "mv"].includes(verb) && /^s3:\/\//i.test(dest)) return ops.slice(0, -1).filter((o) => !/^s3:\/\//i.test(o)).map((operand) => ({ operand, tool: `s3cmd ${verb}`, to: dest }));
  if (name === "mc" && ["cp", "mirror"].includes(verb) && !dest.startsWith(".") && !dest.startsWith("/") && dest.includes("/")) return ops.slice(0, -1).map((operand) => ({ operand, tool: `mc ${verb}`, to: dest }));
  return [];
}

/** Static site hosts' CLIs: the folder they deploy (an option, an operand, or the folder they run in). */
function siteHost(argv: readonly string[]): Upload[] {
  const name = argv[0] ?? "";
  switch (name) {
    case "gh-pages": {
      const dist = optionValue(argv, ["-d", "--dist"]);
      return dist === undefined ? [] : [{ operand: dist, tool: "gh-pages", to: `the repository's ${optionValue(argv, ["-b", "--branch"]) ?? "gh-pages"} branch (GitHub Pages)` }];
    }
    case "ghp-import": {
      const dir = operands(argv, ghpImport)[0];
      return dir === undefined ? [] : [{ operand: dir, tool: "ghp-import", to: "the repository's gh-pages branch (GitHub Pages)" }];
    }
    case "netlify": {
      if (argv[1] !== "deploy") return [];
      return [{ operand: optionValue(argv, ["-d", "--dir"]) ?? ".", tool: "netlify deploy", to: "Netlify" }];
    }
    case "vercel": {
      const ops = operands(argv, { withValue: set("-t --token -A --local-config -S --scope -e --env -b --build-env -m --meta --regions --archive -Q --global-config --target") });
      const verb = ops[0];
      if (verb !== undefined && verb !== "deploy" && !verb.includes("/") && !verb.startsWith(".")) return [];
      const dir = verb === "deploy" ? ops[1] : verb;
      return [{ operand: dir ?? ".", tool: "vercel", to: "Vercel" }];
    }
    case "surge": {
      const ops = operands(argv, { withValue: set("-p --project -d --domain -e --endpoint -a --add -r --remove") });
      if (ops[0] !== undefined && ["login", "logout", "whoami", "list", "teardown", "token", "plus", "ssl", "invite", "revoke", "help"].includes(ops[0])) return [];
      return [{ operand: optionValue(argv, ["-p", "--project"]) ?? ops[0] ?? ".", tool: "surge", to: optionValue(argv, ["-d", "--domain"]) ?? ops[1] ?? "surge.sh" }];
    }
    case "wrangler": {
      if (argv[1] === "pages" && (argv[2] === "deploy" || argv[2] === "publish")) {
        const dir = operands(argv, { withValue: set("--project-name --branch --commit-hash --commit-message --env -e -c --config") }, 3)[0];
        return dir === undefined ? [] : [{ operand: dir, tool: `wrangler pages ${argv[2]}`, to: "Cloudflare Pages" }];
      }
      const assets = argv[1] === "deploy" ? optionValue(argv, ["--assets", "--site"]) : undefined;
      return assets === undefined ? [] : [{ operand: assets, tool: "wrangler deploy", to: "Cloudflare" }];
    }
    case "firebase": {
      // `firebase deploy` publishes `firebase.json`'s `hosting.public`, which publish-configs.ts reads; `--public` overrides it.
      const pub = argv[1] === "deploy" ? optionValue(argv, ["--public"]) : undefined;
      return pub === undefined ? [] : [{ operand: pub, tool: "firebase deploy", to: "Firebase Hosting" }];
    }
    case "ipfs": {
      if (argv[1] !== "add") return [];
      return operands(argv, { withValue: set("--chunker -s --cid-version --hash") }, 2).map((operand) => ({ operand, tool: "ipfs add", to: "IPFS (anyone with its address)" }));
    }
    case "git": {
      // `git subtree push --prefix=docs origin gh-pages`: the folder is pushed as a branch of its own.
      if (argv[1] !== "subtree" || argv[2] !== "push") return [];
      const prefix = optionValue(argv, ["-P", "--prefix"]);
      const remote = operands(argv, { withValue: set("-P --prefix -m --message") }, 3)[0] ?? "a remote";
      return prefix === undefined ? [] : [{ operand: prefix, tool: "git subtree push", to: remote }];
    }
    default:
      return [];
  }
}

/** `npx gh-pages …`, `pnpm dlx surge`, `yarn exec netlify …`, `bunx vercel`: the tool the runner runs. */
export function throughPackageRunner(argv: readonly string[]): readonly string[] {
  const name = argv[0] ?? "";
  if (name === "npx" || name === "bunx" || name === "pnpx") {
    const i = argv.findIndex((a, n) => n > 0 && !a.startsWith("-"));
    return i === -1 ? argv : argv.slice(i);
  }
  if ((name === "pnpm" || name === "yarn" || name === "npm") && ["dlx", "exec", "x"].includes(argv[1] ?? "")) {
    const rest = argv.slice(2);
    const i = rest.findIndex((a) => !a.startsWith("-"));
    return i === -1 ? argv : rest.slice(i);
  }
  if ((name === "yarn" || name === "pnpm") && argv[1] !== undefined && uploaders.has(argv[1])) return argv.slice(1);
  return argv;
}

const uploaders: ReadonlySet<string> = new Set(["rsync", "scp", "aws", "gsutil", "gcloud", "az", "azcopy", "rclone", "s3cmd", "mc", "gh-pages", "ghp-import", "netlify", "vercel", "surge", "wrangler", "firebase", "ipfs", "git"]);

/** What the command `argv` (literal words, the program by its base name) uploads; empty for anything else. */
export function uploadsOf(argv: readonly string[]): Upload[] {
  try {
    const words = throughPackageRunner(argv);
    const name = (words[0] ?? "").split("/").pop() ?? "";
    if (!uploaders.has(name)) return [];
    const named = [name, ...words.slice(1)];
    switch (name) {
      case "rsync":
        return copyToRemote("rsync", named, rsyncSpec);
      case "scp":
        return copyToRemote("scp", named, scpSpec);
      case "aws":
        return aws(named);
      case "gsutil":
      case "gcloud":
        return googleStorage(named);
      case "az":
      case "azcopy":
        return azure(named);
      case "rclone":
      case "s3cmd":
      case "mc":
        return bucketCopy(named);
      default:
        return siteHost(named);
    }
  } catch {
    return [];
  }
}
