#!/usr/bin/env node
// The `hearth` executable: runs the command line against this process's streams and environment.
import { main } from "./main.js";
import { streamIo } from "./io.js";

// A reader that stops early (`hearth search … | head`) closes the pipe: the output is no longer
// wanted, so stop quietly as other command-line tools do, not with a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(0);
});

process.exitCode = await main(
  process.argv.slice(2),
  streamIo(process.stdout, process.stderr, process.env),
);
