// A stand-in `signal-cli` executable for the spawn tests: `[--config DIR] [-a ACCOUNT] daemon --http HOST:PORT
// --no-receive-stdout` starts the fake daemon on that port and runs until it is signalled (bounded: 5 minutes).
import { startFakeSignalCli } from "./fake-signal-cli.ts";

const args = process.argv.slice(2);
const http = args[args.indexOf("--http") + 1] ?? "";
const account = args.includes("-a") ? args[args.indexOf("-a") + 1] : undefined;
if (!args.includes("daemon") || !/^127\.0\.0\.1:\d+$/.test(http)) {
  process.stderr.write(`unexpected arguments: ${args.join(" ")}\n`);
  process.exit(2);
}
const daemon = await startFakeSignalCli({ port: Number(http.split(":")[1]), ...(account === undefined ? {} : { account }) });
process.stderr.write("INFO  DaemonCommand - Started HTTP server\n");
const bound = setTimeout(() => process.exit(0), 300_000);
process.on("SIGTERM", () => {
  clearTimeout(bound);
  void daemon.close().then(() => process.exit(0));
});
