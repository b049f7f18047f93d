/**
 * Package names spelled to be taken for a well-known one (typosquats): `expresss`, `reqeusts`, `coloures-cli`. A name
 * installed on the word of untrusted content that is one or two edits (insertions, deletions, substitutions, swapped
 * neighbours) away from a package everyone knows, without being it, is most likely a look-alike; the known name is
 * named so the owner sees what it imitates. Affixes that tools add (`-cli`, `-js`, `node-`, `py`, `python-`) are set
 * aside before comparing. Short known names (under 5 letters) are compared only as they are written: one edit away
 * from `ms` or `qs` is half the registry. Never throws; a list of examples, not a boundary.
 */

// Widely installed npm and PyPI packages (and a few from other registries), by download counts.
const known: readonly string[] = [
  // npm
  "express", "react", "react-dom", "preact", "vue", "angular", "svelte", "next", "nuxt", "lodash", "underscore", "axios",
  "request", "chalk", "colors", "colorette", "commander", "yargs", "minimist", "debug", "dotenv", "moment", "dayjs",
  "date-fns", "uuid", "typescript", "webpack", "rollup", "vite", "esbuild", "babel", "eslint", "tslint", "prettier",
  "jest", "mocha", "chai", "sinon", "vitest", "cypress", "playwright", "puppeteer", "nodemon", "concurrently",
  "cross-env", "rimraf", "mkdirp", "glob", "minimatch", "semver", "inquirer", "ora", "boxen", "figlet", "socket.io",
  "ws", "mongoose", "mongodb", "mysql", "mysql2", "sequelize", "prisma", "knex", "redis", "ioredis", "jsonwebtoken",
  "bcrypt", "bcryptjs", "passport", "cors", "helmet", "body-parser", "cookie-parser", "multer", "morgan", "winston",
  "pino", "bluebird", "async", "rxjs", "redux", "mobx", "zustand", "graphql", "apollo-server", "electron", "tailwindcss",
  "postcss", "autoprefixer", "sass", "less", "styled-components", "classnames", "immer", "ramda", "zod", "yup", "joi",
  "ajv", "node-fetch", "got", "superagent", "cheerio", "jsdom", "marked", "markdown-it", "highlight.js", "sharp",
  "jimp", "pdfkit", "nodemailer", "handlebars", "ejs", "pug", "fastify", "koa", "hapi", "nestjs", "lerna", "nx",
  "turbo", "yarn", "pnpm", "npm", "coffee-script", "ts-node", "tsx", "core-js", "regenerator-runtime", "tslib",
  "fs-extra", "chokidar", "execa", "shelljs", "cross-spawn", "openai", "anthropic", "stripe", "aws-sdk", "firebase",
  "discord.js", "telegraf", "puppeteer-core", "serve", "http-server", "live-server", "nodemailer", "crypto-js",
  // PyPI
  "requests", "urllib3", "numpy", "pandas", "scipy", "matplotlib", "seaborn", "scikit-learn", "sklearn", "tensorflow",
  "torch", "pytorch", "keras", "flask", "django", "fastapi", "uvicorn", "gunicorn", "celery", "sqlalchemy", "alembic",
  "psycopg2", "pymysql", "pymongo", "boto3", "botocore", "pyyaml", "beautifulsoup4", "bs4", "lxml", "pillow",
  "opencv-python", "selenium", "scrapy", "pytest", "pytest-cov", "tox", "black", "flake8", "pylint", "mypy", "isort",
  "setuptools", "wheel", "pip", "virtualenv", "poetry", "jinja2", "click", "typer", "rich", "tqdm", "colorama",
  "python-dateutil", "pytz", "six", "attrs", "pydantic", "httpx", "aiohttp", "cryptography", "pycryptodome",
  "paramiko", "jupyter", "notebook", "ipython", "transformers", "huggingface-hub", "langchain", "openpyxl", "xlrd",
  "docutils", "sphinx", "certifi", "charset-normalizer", "idna", "packaging", "protobuf", "grpcio", "redis-py",
  // other registries
  "rails", "rake", "bundler", "nokogiri", "serde", "tokio", "reqwest", "clap", "rand",
];

/** Lower case, without scope, version and separators. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/^@[^/]+\//, "").replace(/(?:@|==|>=|<=|~=|\^|\[).*$/, "");
}

function bare(name: string): string {
  return name.replace(/[-_.]/g, "");
}

/** The name without the affixes tools add around a package's own name. */
function core(name: string): string {
  return bare(name.replace(/^(?:node-|python-|py-)/, "").replace(/(?:-cli|-js|\.js|-node|-python|-py|-lib)$/, ""));
}

const knownNames = new Set(known.map(normalize));
const knownBare: ReadonlySet<string> = new Set(known.map((k) => bare(normalize(k))));

/** Damerau–Levenshtein distance (optimal string alignment), stopping early past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

/** The well-known package `name` looks like without being it, or undefined. */
export function packageLookalikeOf(name: string): string | undefined {
  const n = normalize(name);
  if (n === "" || n.length > 100 || knownNames.has(n)) return undefined;
  // The known name with its separators moved or dropped (`crossenv`, `discordjs`) is another package.
  if (knownBare.has(bare(n))) return known.find((k) => bare(normalize(k)) === bare(n));
  const mine = [bare(n), core(n)];
  for (const k of known) {
    const theirs = bare(normalize(k));
    if (theirs.length < 5) continue;
    for (const m of mine) {
      if (m === theirs) continue;
      const longer = Math.max(m.length, theirs.length);
      const limit = longer >= 7 ? 2 : 1;
      if (distance(m, theirs, limit) <= limit) return k;
    }
  }
  return undefined;
}
