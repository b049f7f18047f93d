import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { uploadsOf } from "./deploy-uploads.ts";

const operands = (command: string): string[] => uploadsOf(command.split(" ")).map((u) => u.operand);

describe("what a deploy command uploads, by each tool's option grammar", () => {
  test("copies to a remote host: the sources, not the destination; a local copy uploads nothing", () => {
    assert.deepEqual(operands("rsync -a outbox/ anna@files.example:/var/www/"), ["outbox/"]);
    assert.deepEqual(operands("rsync -avz --delete -e ssh --exclude .git site/ host:/srv"), ["site/"]);
    assert.deepEqual(operands("rsync --exclude=*.tmp a b rsync://mirror.example/m"), ["a", "b"]);
    assert.deepEqual(operands("rsync -a build/ backup/"), []);
    assert.deepEqual(operands("scp -r -P 2222 -i key public user@host:www"), ["public"]);
    assert.deepEqual(operands("scp notes.txt ./copy"), []);
  });

  test("object stores: the local operand of a copy or sync toward the bucket", () => {
    assert.deepEqual(operands("aws s3 sync s3-bucket s3://anna-public"), ["s3-bucket"]);
    assert.deepEqual(operands("aws --profile p s3 cp out s3://b/x --recursive --acl public-read"), ["out"]);
    assert.deepEqual(operands("aws s3 sync s3://b/down local"), []);
    assert.deepEqual(operands("gsutil cp -r gs://b/x here"), []);
    assert.deepEqual(operands("aws s3 ls s3://b"), []);
    assert.deepEqual(operands("gsutil -m rsync -r -x .git site gs://bucket"), ["site"]);
    assert.deepEqual(operands("gcloud storage cp --recursive dist gs://b"), ["dist"]);
    assert.deepEqual(operands("az storage blob upload-batch -s ./public -d $web"), ["./public"]);
    assert.deepEqual(operands("azcopy sync out https://acct.blob.core.windows.net/c"), ["out"]);
    assert.deepEqual(operands("rclone sync export remote:bucket"), ["export"]);
    assert.deepEqual(operands("s3cmd sync www s3://b/"), ["www"]);
  });

  test("site hosts: the folder named by an option or operand, else the folder the command runs in", () => {
    assert.deepEqual(operands("gh-pages -d dist"), ["dist"]);
    assert.deepEqual(operands("npx gh-pages --dist=build -b pages"), ["build"]);
    assert.deepEqual(operands("pnpm dlx netlify deploy --prod --dir out"), ["out"]);
    assert.deepEqual(operands("netlify deploy --prod"), ["."]);
    assert.deepEqual(operands("netlify status"), []);
    assert.deepEqual(operands("vercel --prod"), ["."]);
    assert.deepEqual(operands("vercel deploy site --prod"), ["site"]);
    assert.deepEqual(operands("vercel env pull"), []);
    assert.deepEqual(operands("surge ./_book anna.surge.sh"), ["./_book"]);
    assert.deepEqual(operands("surge --project pub --domain x.surge.sh"), ["pub"]);
    assert.deepEqual(operands("surge login"), []);
    assert.deepEqual(operands("wrangler pages deploy dist --project-name site"), ["dist"]);
    assert.deepEqual(operands("ghp-import -n -p -f docs/_build/html"), ["docs/_build/html"]);
    assert.deepEqual(operands("git subtree push --prefix docs origin gh-pages"), ["docs"]);
    assert.deepEqual(operands("git push origin main"), []);
    assert.deepEqual(operands("ipfs add -r site"), ["site"]);
  });

  test("an unknown option is read as a flag: the word after it counts as an operand (one more folder, never one fewer)", () => {
    assert.deepEqual(operands("rsync --brand-new-flag site/ host:/srv"), ["site/"]);
    assert.deepEqual(operands("aws s3 sync --some-new-option value out s3://b"), ["out"]);
  });
});
