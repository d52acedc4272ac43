#!/usr/bin/env node
// The `hearth` executable: runs the command line against this process's streams and environment.
import { main } from "./main.js";
import { streamIo } from "./io.js";

process.exitCode = await main(
  process.argv.slice(2),
  streamIo(process.stdout, process.stderr, process.env),
);
