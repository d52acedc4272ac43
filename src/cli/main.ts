#!/usr/bin/env node
// The `hearth` command line: parses arguments, runs a command, turns errors into messages and exit codes.
import { Command } from "commander";
import { HearthError } from "../errors.js";
import { createLogger, type LogLevel } from "../log.js";
import { runIndex } from "./commands/index-command.js";
import { runReindex } from "./commands/reindex-command.js";
import { runSearch, type SearchOptions } from "./commands/search-command.js";
import { runStatus } from "./commands/status-command.js";
import { runStart, runStop } from "./commands/daemon-commands.js";
import { runAdd, runRemove, runRoots } from "./commands/roots-command.js";
import { runService } from "./commands/service-command.js";
import { runMcp, runMcpConfig, runMcpToken } from "./commands/mcp-command.js";
import { runAudit } from "./commands/audit-command.js";
import { runDoctor } from "./commands/doctor-command.js";
import { runModelsList, runModelsPull } from "./commands/models-command.js";
import { runModelsUse } from "./commands/models-use-command.js";
import { MCP_CLIENTS } from "../mcp/client-config.js";
import { resolveHearthPaths } from "../config/paths.js";
import {
  runTableCategories,
  runTableList,
  runTableQuery,
  type TableQueryOptions,
} from "./commands/table-command.js";

// Commands stay quiet unless something is wrong; the daemon tells what it does.
const quiet = process.argv[2] === "start" ? "info" : "warn";
const log = createLogger((process.env.HEARTH_LOG_LEVEL as LogLevel | undefined) ?? quiet);

const program = new Command()
  .name("hearth")
  .description(
    "Local-first personal memory: index your files, search them, serve them to local agents.",
  )
  .showHelpAfterError();

program
  .command("index")
  .description("index folders once, without a daemon; embeds new text if a model is installed")
  .argument("<dirs...>", "folders to index")
  .option("--json", "print the report as JSON")
  .action((dirs: string[], opts: { json?: boolean }) => runIndex(dirs, opts, log));

program
  .command("search")
  .description("search the index; results cite file and line range or page")
  .argument("<query...>", "what to look for, in your own words")
  .option("-n, --limit <n>", "number of results")
  .option("--mode <mode>", "hybrid, keyword or semantic", "hybrid")
  .option("--path <prefix>", "only files under this folder")
  .option("--kind <kinds>", "only these kinds, comma-separated (md,txt)")
  .option("--after <date>", "modified on or after: 2026-03-01, or 7d / 2w / 6m / 1y ago")
  .option("--before <date>", "modified before: same forms as --after")
  .option("--per-file <n>", "results allowed from one file")
  .option("--rerank", "rerank the top results with the reranker model (see search.rerank)")
  .option("--no-rerank", "do not rerank, whatever the config says")
  .option("--json", "print JSON")
  .action((words: string[], opts: SearchOptions) => runSearch(words, opts, log));

program
  .command("status")
  .description("roots, counts, model, index fingerprint and size, failures")
  .option("--json", "print JSON")
  .action((opts: { json?: boolean }) => runStatus(opts, log));

program
  .command("reindex")
  .description("rebuild after changing chunking settings or the embedding model")
  .option("--vectors", "only re-embed (after a model change); the keyword index is kept")
  .action((opts: { vectors?: boolean }) => runReindex(opts, log));

program
  .command("start")
  .description(
    "run the daemon: watch the folders and keep the index current (foreground, logs on stderr)",
  )
  .argument("[dirs...]", "folders to add to the watched set first")
  .option("--detach", "run in the background; logs go to daemon.log in the data folder")
  .option("--pull", "download the default embedding model first if none is installed")
  .action((dirs: string[], opts: { detach?: boolean; pull?: boolean }) =>
    runStart(dirs, opts, log),
  );

program
  .command("stop")
  .description("stop the running daemon")
  .action(() => runStop());

program
  .command("add")
  .description("watch more folders (kept in the config file)")
  .argument("<dirs...>")
  .action((dirs: string[]) => runAdd(dirs));

program
  .command("remove")
  .description("stop watching folders and drop them from the index")
  .argument("<dirs...>")
  .action((dirs: string[]) => runRemove(dirs));

program
  .command("roots")
  .description("list the watched folders")
  .option("--json", "print JSON")
  .action((opts: { json?: boolean }) => runRoots(opts));

program
  .command("service")
  .description("install or uninstall a login service (systemd user unit, launchd agent)")
  .argument("<action>", "install or uninstall")
  .option("--print", "print the unit instead of writing it")
  .action((action: string, opts: { print?: boolean }) => runService(action, opts));

const mcp = program
  .command("mcp")
  .description("MCP server on stdio for agents and editors (starts the daemon if needed)")
  .action(() => runMcp());
mcp
  .command("token")
  .description("print the bearer token for MCP over HTTP")
  .action(() => runMcpToken());
mcp
  .command("config")
  .description(`print the config snippet for a client: ${MCP_CLIENTS.join(", ")}`)
  .argument("<client>")
  .option("--http", "connect over streamable HTTP instead of stdio")
  .action((client: string, opts: { http?: boolean }) => runMcpConfig(client, opts));

const models = program.command("models").description("embedding models: presets and downloads");
models
  .command("list")
  .description("presets with size, dimensions and languages; which are installed and active")
  .option("--json", "print JSON")
  .action((opts: { json?: boolean }) => runModelsList(opts));
models
  .command("pull")
  .description(
    "download a model into the cache (resumes, verifies): a preset, hf:OWNER/REPO/FILE, a URL or a path",
  )
  .argument("[source]", "default: the default preset")
  .option("--sha256 <hex>", "expected checksum, for URLs that do not send one")
  .action((source: string | undefined, opts: { sha256?: string }) => runModelsPull(source, opts));
models
  .command("use")
  .description(
    "switch the embedding model: re-embeds in the background (searches go on), then swaps atomically",
  )
  .argument("<model>", "a preset name (see models list) or the path of a GGUF file")
  .option("--no-wait", "with a daemon running, return at once instead of following the progress")
  .action((name: string, opts: { wait?: boolean }) => runModelsUse(name, opts, log));

program
  .command("doctor")
  .description("check the setup; with a FILE, explain what happens to that file and why")
  .argument("[file]")
  .option("--json", "print JSON")
  .action((file: string | undefined, opts: { json?: boolean }) => runDoctor(file, opts, log));

program
  .command("audit")
  .description("which agent read what, and when")
  .option("--since <span>", "how far back: 12h, 1d, 2w, or a date", "1d")
  .option("--json", "print JSON")
  .action((opts: { since?: string; json?: boolean }) => runAudit(opts, log));

const table = program
  .command("table")
  .description("statements and spreadsheets as tables: filter, group and sum, with citations");
table
  .command("list")
  .description("the tables (CSV, TSV, XLSX sheets, OFX) with their typed columns")
  .option("--in <path>", "only tables from files under this folder")
  .option("-n, --limit <n>", "tables listed", "100")
  .option("--json", "print JSON")
  .action((opts: { in?: string; limit?: string; json?: boolean }) => runTableList(opts, log));
table
  .command("query")
  .description("rows, or groups with sums, of the transactions (default) or of one table")
  .argument("[table]", '"transactions", or a file (path#sheet for a workbook sheet)')
  .option("--from <date>", "on or after this date (YYYY-MM-DD)")
  .option("--to <date>", "on or before this date (YYYY-MM-DD)")
  .option("--text <words>", "the description contains these words")
  .option("--min <amount>", "amount at least (money out is negative)")
  .option("--max <amount>", "amount at most")
  .option("--flow <in|out>", "out: money spent; in: money received")
  .option("--category <name>", "only this category (see `hearth table categories`)")
  .option(
    "--where <column=value>",
    "a column equals a value; repeat for more",
    (v: string, all: string[] = []) => [...all, v],
  )
  .option("--in <path>", "only tables from files under this folder, or this file")
  .option("--rows <a-b>", "only these source rows (as a search result cites them)")
  .option("--group-by <key>", "day, week, month, year, category, or a column")
  .option("--agg <list>", "sum,count,avg,min,max (default sum,count)")
  .option("--of <column>", "the column aggregated (default the amount)")
  .option("--sort <key>", "rows: date, amount or a column; groups: key or an aggregate")
  .option("--desc", "largest or latest first")
  .option("-n, --limit <n>", "rows or groups shown (at most 500)")
  .option("--offset <n>", "skip this many, to page on")
  .option("--json", "print JSON")
  .action((name: string | undefined, opts: TableQueryOptions) => runTableQuery(name, opts, log));
table
  .command("categories")
  .description("the spending categories rules in use, and where to edit them")
  .action(() => runTableCategories(log, resolveHearthPaths().categoriesFile));

try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof HearthError) {
    console.error(`hearth: ${err.message}`);
    const usage = ["BAD_ARGUMENT", "CONFIG_INVALID", "TABLE_QUERY_INVALID", "TABLE_NOT_FOUND"];
    process.exitCode = usage.includes(err.code) ? 2 : 1;
  } else {
    console.error(
      `hearth: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exitCode = 1;
  }
}
