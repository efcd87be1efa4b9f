import { command, EXIT, runMain } from "./lib/cli";
import { startEmulator } from "./lib/emulator";

/** Keeps an emulator running for several --local commands in a row (--endpoint). */
export const emulator = command({
  name: "emulator",
  usage: "npm run emulator -- [--port <port>]",
  help: `Starts the local AWS emulator (moto_server, with this project's patches for its gaps) on a
loopback port and keeps it running until Ctrl-C; everything it holds is gone when it stops. Pass
the address it prints to --local commands as --endpoint, so that what one applies the next sees:

  npm run deploy -- dev --local --endpoint http://127.0.0.1:<port> --yes
  npm run drift -- dev --local --endpoint http://127.0.0.1:<port>

  --port <port>   the port (default: a free one)

Exit codes: 0 stopped · 1 it could not start · 2 bad usage, or no emulator installed
(pip install "moto[server]").`,
  options: { port: { type: "string" } },
  async run({ values }) {
    const port = values.port === undefined ? undefined : Number(values.port);
    const running = await startEmulator({ port });
    console.log(`AWS emulator at ${running.endpoint} (Ctrl-C stops it)`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await running.stop();
    return EXIT.ok;
  },
});

if (require.main === module) runMain(emulator);
