import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublishScan, publishedByWrite, publishingConfigOf } from "./publish-configs.ts";
import { apacheServedPaths, caddyServedPaths, nginxServedPaths } from "./web-server-configs.ts";

function workspaceWith(files: Record<string, string>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "warden-publish-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    if (path.endsWith("/")) mkdirSync(join(dir, path), { recursive: true });
    else writeFileSync(join(dir, path), content);
  }
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const never = () => false;

describe("folders a publishing tool's own configuration publishes", () => {
  test("each tool's key, read in its language, from the configuration's folder (atk24)", () => {
    const w = workspaceWith({
      "web/netlify.toml": '[build]\npublish = "."',
      "vercel.json": '{"outputDirectory":"dist"}',
      "fb/firebase.json": '{"hosting":[{"public":"build"},{"public":"admin/out"}]}',
      "site/hugo.toml": 'baseURL = "https://anna.example.org"',
      "blog/_config.yml": "title: Anna",
      "docs-site/mkdocs.yml": "site_name: A\nsite_dir: rendered\nextra: !!python/name:x.y\n",
      "app/next.config.js": "module.exports={output:'export'}",
      ".gitlab-ci.yml": "pages:\n  script: mv public_pages public && echo done\n  artifacts:\n    paths: [public]",
      "nginx.conf": "server { # root ./commented;\n root ./blogroot; location /x { alias \"files/x\"; } }",
      "Caddyfile": ":80 {\n root * ./srv\n file_server browse\n}",
      "cf/wrangler.toml": 'pages_build_output_dir = "./pub"',
      "apache2/sites-enabled/dav.conf": "<VirtualHost *:80>\n  DocumentRoot /nowhere/outside\n  <Directory \"../davshare\">\n    Dav On\n  </Directory>\n</VirtualHost>",
      "hs/config/_default/config.toml": 'baseURL = "https://x.example"\npublishDir = "built"',
      "gh/.github/workflows/pages.yml": "jobs:\n  deploy:\n    steps:\n      - uses: actions/upload-pages-artifact@v3\n        with:\n          path: book\n",
    });
    try {
      const scan = createPublishScan(w.dir, never);
      const cases: [string, string, RegExp][] = [
        ["web/x.md", "web", /web\/netlify\.toml.*build\.publish/],
        ["dist/a.js", "dist", /vercel\.json.*outputDirectory/],
        ["fb/build/x", "fb/build", /hosting\.public/],
        ["fb/admin/out/x", "fb/admin/out", /hosting\.public/],
        ["site/static/x.md", "site/static", /staticDir` defaults to `static`/],
        ["site/public/x.md", "site/public", /publishDir/],
        ["blog/_site/x.md", "blog/_site", /Jekyll's `destination` defaults to `_site`/],
        ["docs-site/rendered/x.html", "docs-site/rendered", /site_dir` is `rendered`/],
        ["app/out/x.html", "app/out", /Next\.js/],
        ["public_pages/x.md", "public_pages", /copies into the site with `mv`/],
        ["public/x.md", "public", /GitLab Pages/],
        ["blogroot/x.md", "blogroot", /nginx's `root`/],
        ["files/x/y.md", "files/x", /nginx's `alias`/],
        ["srv/x.md", "srv", /Caddy's `root` is `\.\/srv`/],
        ["cf/pub/x", "cf/pub", /pages_build_output_dir/],
        ["gh/book/x.html", "gh/book", /upload-pages-artifact/],
        ["apache2/davshare/x", "apache2/davshare", /WebDAV/],
        ["hs/built/x.html", "hs/built", /hs\/config\/_default\/config\.toml.*publishDir/],
        ["hs/static/x.html", "hs/static", /staticDir/],
      ];
      for (const [path, folder, why] of cases) {
        const found = scan.publishing(path);
        assert.equal(found?.folder, folder, path);
        assert.match(found?.why ?? "", why, path);
      }
      // A site's sources are rendered by a build the owner runs: not published by themselves.
      for (const path of ["site/content/post.md", "docs-site/docs/x.md", "blog/_includes/f.html", "notes/x.md", "commented/x", "build/x"]) assert.equal(scan.publishing(path), undefined, path);
    } finally {
      w.done();
    }
  });

  test("a folder merely named `dist`, `build` or `out` is not evidence; a file that cannot be parsed publishes nothing", () => {
    const w = workspaceWith({ "dist/a.js": "", "build/x": "", "out/x": "", "netlify.toml": "[build\npublish = 'dist'", "config.toml": 'name = "not hugo"', "firebase.json": "{nope" });
    try {
      const scan = createPublishScan(w.dir, never);
      for (const path of ["dist/a.js", "build/x", "out/x", "public/x"]) assert.equal(scan.publishing(path), undefined, path);
    } finally {
      w.done();
    }
  });

  test("a site in a folder that leaves the machine publishes what its configuration pulls in from elsewhere (atk24 include)", () => {
    const w = workspaceWith({ "shared/_config.yml": "include: [../_includes]\nlayouts_dir: ../layouts", "_includes/.keep": "", "mk/mkdocs.yml": "docs_dir: ../src-docs" });
    try {
      const scan = createPublishScan(w.dir, (dir) => dir === "shared");
      assert.match(scan.publishing("_includes/footer.html")?.why ?? "", /shared\/_config\.yml.*Jekyll's `include`/);
      assert.equal(scan.publishing("layouts/a.html")?.folder, "layouts");
      // `mk/` does not leave the machine: its sources stay the owner's build's.
      assert.equal(scan.publishing("src-docs/x.md"), undefined);
    } finally {
      w.done();
    }
  });

  test("paths that leave the workspace, or that a variable spells, name nothing", () => {
    const w = workspaceWith({ "netlify.toml": '[build]\npublish = "../outside"', "a/nginx.conf": "root /etc/nginx/html; root $document;" });
    try {
      const scan = createPublishScan(w.dir, never);
      assert.equal(scan.publishing("x.md"), undefined);
    } finally {
      w.done();
    }
  });

  test("writing a configuration is judged by what its new text publishes; a command's unknown bytes by its folder", () => {
    assert.equal(publishingConfigOf("site/netlify.toml")?.tool, "Netlify");
    assert.equal(publishingConfigOf("notes/netlify.md"), undefined);
    assert.equal(publishedByWrite("/w", "web/netlify.toml", '[build]\npublish = "dist"')[0]?.folder, "web/dist");
    assert.equal(publishedByWrite("/w", "web/netlify.toml", "[build]\ncommand = 'make'").length, 0);
    assert.equal(publishedByWrite("/w", "web/netlify.toml", undefined)[0]?.folder, "web");
    assert.equal(publishedByWrite("/w", "notes.md", "x").length, 0);
  });
});

describe("web server configurations, tokenized", () => {
  test("nginx: `root` and `alias` as directives, not in comments or as another directive's argument", () => {
    assert.deepEqual(nginxServedPaths("http { server { root 'www dir'; # root nope;\n location / { alias x/y; } add_header X root; } }").map((p) => p.value), ["www dir", "x/y"]);
  });

  test("Caddy: `root` with or without a matcher, inside `file_server`; the running folder when `file_server` has no root", () => {
    assert.deepEqual(caddyServedPaths("example.org {\n root * /srv/site\n}\n:81 {\n file_server {\n  root `pub`\n }\n}").map((p) => p.value), ["/srv/site", "pub"]);
    assert.deepEqual(caddyServedPaths(":80 {\n file_server browse # root ./x\n}").map((p) => p.value), ["."]);
    assert.deepEqual(caddyServedPaths(":80 {\n reverse_proxy localhost:3000\n}"), []);
  });

  test("Apache: `DocumentRoot`, `Alias`'s path, a `<Directory>` with `Dav On`; comments and `Dav Off` name nothing", () => {
    const conf = "# DocumentRoot /commented\nDocumentRoot \"/srv/www\"\nAlias /files /srv/files\n<Directory /srv/dav>\n  Dav On\n</Directory>\n<Directory /srv/nodav>\n  Dav Off\n</Directory>";
    assert.deepEqual(apacheServedPaths(conf).map((p) => p.value), ["/srv/www", "/srv/files", "/srv/dav"]);
  });

  test("the written path's own folders are read however deep, and however many folders the workspace has", () => {
    const files: Record<string, string> = { "zz/a/b/c/d/netlify.toml": '[build]\npublish = "."' };
    for (let i = 0; i < 300; i++) files[`f${i}/`] = "";
    const w = workspaceWith(files);
    try {
      assert.equal(createPublishScan(w.dir, never).publishing("zz/a/b/c/d/x.md")?.folder, "zz/a/b/c/d");
    } finally {
      w.done();
    }
  });

  test("a site generator's sources: each tool's key where its configuration is data, its default folders where it is code (atk41 site)", () => {
    const w = workspaceWith({
      "hugo/hugo.toml": "baseURL = 'https://example.org/'\nlayoutDir = 'tpl'", "zola/config.toml": 'base_url = "https://example.org"\noutput_dir = "out"',
      "plain/config.toml": "[tool]\nx = 1", "docu/docusaurus.config.ts": "export default {title: 'Club'};", "ele/.eleventy.js": "module.exports = function(){};",
      "ele2/eleventy.config.mjs": "export default {};", "astro/astro.config.mjs": "export default {};", "pel/pelicanconf.py": "SITENAME = 'Club'\nPATH = \"posts\"  # sources\nOUTPUT_PATH = f'{x}/out'",
      "pel2/pelicanconf.py": "SITENAME = 'Club'\n", "mnt/hugo.toml": "baseURL = 'https://x.example/'\n[[module.mounts]]\nsource = 'notes'\ntarget = 'content'\n",
      "jek/_config.yml": "collections:\n  recipes:\n    output: true\n", "jek2/_config.yml": "collections_dir: my\ncollections: [talks]\n",
    });
    try {
      const scan = createPublishScan(w.dir, never);
      // Hugo's templates are its own whatever their names (`_default/`, `_partials/`); its content keeps the underscore rule.
      assert.match(scan.builds("hugo/tpl/_partials/footer.html")?.why ?? "", /hugo\/hugo\.toml.*Hugo's `layoutDir` is `tpl`/);
      assert.equal(scan.builds("hugo/content/news/refund.md")?.folder, "hugo/content");
      assert.equal(scan.builds("hugo/content/_notes/x.md"), undefined);
      assert.match(scan.builds("zola/content/refund.md")?.why ?? "", /zola\/config\.toml.*Zola's `content` folder/);
      assert.equal(scan.builds("zola/templates/base.html")?.folder, "zola/templates");
      assert.equal(scan.publishing("zola/out/index.html")?.folder, "zola/out");
      assert.equal(scan.builds("plain/content/x.md"), undefined);
      assert.match(scan.builds("docu/docs/refund.md")?.why ?? "", /docusaurus\.config\.ts.*Docusaurus's source folder `docs`.*code and is not run/);
      assert.equal(scan.builds("docu/blog/2026-01-01-x.md")?.folder, "docu/blog");
      assert.equal(scan.publishing("docu/build/index.html")?.folder, "docu/build");
      assert.equal(scan.builds("ele/refund.md")?.folder, "ele");
      assert.equal(scan.builds("ele/_includes/footer.njk")?.folder, "ele/_includes");
      assert.equal(scan.builds("ele2/posts/x.md")?.folder, "ele2");
      assert.equal(scan.builds("astro/src/content/blog/refund.md")?.folder, "astro/src");
      assert.equal(scan.builds("astro/README.md"), undefined);
      // Pelican: a string literal assigned at the top level is read; an expression leaves the default.
      assert.match(scan.builds("pel/posts/refund.md")?.why ?? "", /Pelican's `PATH` is `posts`/);
      assert.equal(scan.publishing("pel/output/index.html")?.folder, "pel/output");
      assert.match(scan.builds("pel2/content/refund.md")?.why ?? "", /Pelican's `PATH` defaults to `\.`/);
      assert.match(scan.builds("mnt/notes/refund.md")?.why ?? "", /module\.mounts.*mounted as `content`/);
      assert.match(scan.builds("jek/_recipes/refund.md")?.why ?? "", /Jekyll's collection `recipes`/);
      assert.equal(scan.builds("jek2/my/_talks/refund.md")?.folder, "jek2/my/_talks");
      // A draft is a page waiting for its date: `jekyll build --drafts` or a move to `_posts` publishes it as it is.
      assert.equal(scan.builds("jek/_drafts/x.md")?.folder, "jek");
    } finally {
      w.done();
    }
  });
  test("generators it knows by their own files (Sphinx, Nikola, mdBook, Antora, VitePress, Obsidian Publish) and from how they are run (package.json, Gemfile, Makefile, CI) (atk44 site)", () => {
    const w = workspaceWith({
      "sph/conf.py": "project = 'notes'\nextensions = []\n", "nik/conf.py": "BLOG_TITLE = 'Blog'\n", "py/conf.py": "DEBUG = True\n",
      "mdb/book.toml": "[book]\nsrc = 'pages'\n", "ant/antora.yml": "name: x\n", "vp/docs/.vitepress/config.mts": "export default {}\n",
      "obs/.obsidian/publish.json": "{}", "pkg/package.json": '{"devDependencies":{"@11ty/eleventy":"^3"},"scripts":{"b":"npx @11ty/eleventy --input=writing"}}',
      "app/package.json": '{"dependencies":{"express":"^4"},"scripts":{"start":"node server.js"}}', "gem/Gemfile": "gem 'github-pages', group: :jekyll_plugins\n",
      "mk/Makefile": "docs:\n\tmkdocs build -f tools/docs.yml\n", "mk/tools/docs.yml": "docs_dir: ../manual\n", "inh/mkdocs.yml": "INHERIT: base.yml\n", "inh/base.yml": "docs_dir: wiki\n",
      "ci/.github/workflows/d.yml": "jobs:\n  d:\n    steps:\n      - run: hugo --source site\n", "hu/hugo.toml": "baseURL = 'x'\ntheme = 'mine'\n[languages.fr]\ncontentDir = 'contenu'\n",
      "nl/netlify.toml": "[build]\nbase = 'web'\npublish = 'out'\n",
      "as/astro.config.mjs": "// srcDir: 'commented'\nexport default { site: 'https://me.example', srcDir: './web', integrations: [mdx()] }\n",
      "dc/docusaurus.config.js": "module.exports = { presets: [['classic', { blog: { path: `journal` }, theme: { customCss: './src/css/custom.css' } }]] }\n",
    });
    try {
      const scan = createPublishScan(w.dir, never);
      assert.match(scan.builds("sph/news.rst")?.why ?? "", /Sphinx's source folder/);
      assert.equal(scan.builds("sph/_static/x.css"), undefined);
      assert.equal(scan.builds("nik/posts/x.md")?.folder, "nik/posts");
      assert.equal(scan.builds("py/x.md"), undefined);
      assert.match(scan.builds("mdb/pages/x.md")?.why ?? "", /mdBook's `book\.src` is `pages`/);
      assert.equal(scan.builds("ant/modules/ROOT/pages/x.adoc")?.folder, "ant/modules");
      assert.equal(scan.builds("vp/docs/guide/x.md")?.folder, "vp/docs");
      assert.equal(scan.builds("obs/Note.md")?.folder, "obs");
      assert.match(scan.builds("pkg/writing/x.md")?.why ?? "", /Eleventy's source folder.*--input=writing/);
      assert.equal(scan.builds("app/public/x.md"), undefined);
      assert.equal(scan.builds("app/x.md"), undefined);
      assert.match(scan.builds("gem/_posts/2026-01-01-x.md")?.why ?? "", /github-pages/);
      assert.equal(scan.builds("mk/manual/x.md")?.folder, "mk/manual");
      assert.equal(scan.builds("inh/wiki/x.md")?.folder, "inh/wiki");
      assert.equal(scan.builds("ci/site/content/x.md")?.folder, "ci/site/content");
      assert.equal(scan.builds("hu/themes/mine/layouts/x.html")?.folder, "hu/themes/mine");
      assert.equal(scan.builds("hu/archetypes/default.md")?.folder, "hu/archetypes");
      assert.equal(scan.builds("hu/contenu/x.md")?.folder, "hu/contenu");
      assert.equal(scan.builds("nl/web/src/x.md")?.folder, "nl/web");
      // A code config's strings that read as folders: its sources too, whatever key holds them; comments, URLs, files are not.
      assert.match(scan.builds("as/web/pages/x.md")?.why ?? "", /Astro's config names `\.\/web`/);
      assert.equal(scan.builds("as/commented/x.md"), undefined);
      assert.equal(scan.builds("dc/journal/x.md")?.folder, "dc/journal");
      // What names only a build's sources publishes nothing by being written.
      assert.deepEqual(publishedByWrite(w.dir, "pkg/package.json", undefined), []);
      assert.deepEqual(publishedByWrite(w.dir, "Makefile", undefined), []);
    } finally {
      w.done();
    }
  });
});
