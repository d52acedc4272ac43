// The `hearth` command line: parses arguments, runs a command, turns errors into messages and exit
// codes. Each command's module is imported when it runs, so a thin client loads only what it uses.
import { Command, CommanderError } from "commander";
import { HearthError } from "../errors.js";
import { createLogger, type LogLevel } from "../log.js";
import type { CliContext } from "./context.js";
import type { CliIo } from "./io.js";

const MCP_CLIENTS = "claude-desktop, claude-code, vscode, cursor, zed";
const USAGE_CODES = ["BAD_ARGUMENT", "CONFIG_INVALID", "TABLE_QUERY_INVALID", "TABLE_NOT_FOUND"];
const collect = (v: string, all: string[] = []) => [...all, v];

function program(cli: CliContext): Command {
  const p = new Command()
    .name("hearth")
    .description(
      "Local-first personal memory: index your files, search them, serve them to local agents.",
    )
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => cli.io.out(s.replace(/\n$/, "")),
      writeErr: (s) => cli.io.err(s.replace(/\n$/, "")),
    });

  p.command("index")
    .description("index folders once, without a daemon; embeds new text if a model is installed")
    .argument("<dirs...>", "folders to index")
    .option("--json", "print the report as JSON")
    .action(async (dirs: string[], opts: { json?: boolean }) =>
      (await import("./commands/index-command.js")).runIndex(cli, dirs, opts),
    );

  p.command("search")
    .description("search the index; results cite file and line range or page")
    .argument("<query...>", "what to look for, in your own words")
    .option("-n, --limit <n>", "number of results")
    .option("--mode <mode>", "hybrid, keyword or semantic", "hybrid")
    .option("--path <prefix>", "only files under this folder")
    .option("--kind <kinds>", "only these kinds, comma-separated (md,txt)")
    .option("--after <date>", "modified on or after: 2026-03-01, or 7d / 2w / 6m / 1y ago")
    .option("--before <date>", "modified before: same forms as --after")
    .option("--per-file <n>", "results allowed from one file")
    .option("--sort <order>", "relevance, or date: the relevant results, newest first", "relevance")
    .option("--rerank", "rerank the top results with the reranker model (see search.rerank)")
    .option("--no-rerank", "do not rerank, whatever the config says")
    .option("--json", "print JSON")
    .action(async (words: string[], opts: Record<string, unknown>) =>
      (await import("./commands/search-command.js")).runSearch(cli, words, opts),
    );

  p.command("status")
    .description("roots, counts, model, index fingerprint and size, failures")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) =>
      (await import("./commands/status-command.js")).runStatus(cli, opts),
    );

  p.command("reindex")
    .description("rebuild after changing chunking settings or the embedding model")
    .option("--vectors", "only re-embed (after a model change); the keyword index is kept")
    .action(async (opts: { vectors?: boolean }) =>
      (await import("./commands/reindex-command.js")).runReindex(cli, opts),
    );

  p.command("start")
    .description(
      "run the daemon: watch the folders and keep the index current (foreground, logs on stderr)",
    )
    .argument("[dirs...]", "folders to add to the watched set first")
    .option("--detach", "run in the background; logs go to daemon.log in the data folder")
    .option("--pull", "download the default embedding model first if none is installed")
    .action(async (dirs: string[], opts: { detach?: boolean; pull?: boolean }) =>
      (await import("./commands/daemon-commands.js")).runStart(cli, dirs, opts),
    );

  p.command("stop")
    .description("stop the running daemon")
    .action(async () => (await import("./commands/daemon-commands.js")).runStop(cli));

  p.command("open")
    .description("open the local page in the browser, signed in (starts the daemon if needed)")
    .option("--no-browser", "print the one-time sign-in link instead of opening a browser")
    .action(async (opts: { browser?: boolean }) =>
      (await import("./commands/open-command.js")).runOpen(cli, opts),
    );

  p.command("add")
    .description("watch more folders (kept in the config file)")
    .argument("<dirs...>")
    .action(async (dirs: string[]) =>
      (await import("./commands/roots-command.js")).runAdd(cli, dirs),
    );

  p.command("remove")
    .description("stop watching folders and drop them from the index")
    .argument("<dirs...>")
    .action(async (dirs: string[]) =>
      (await import("./commands/roots-command.js")).runRemove(cli, dirs),
    );

  p.command("roots")
    .description("list the watched folders")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) =>
      (await import("./commands/roots-command.js")).runRoots(cli, opts),
    );

  p.command("service")
    .description("install or uninstall a login service (systemd user unit, launchd agent)")
    .argument("<action>", "install or uninstall")
    .option("--print", "print the unit instead of writing it")
    .action(async (action: string, opts: { print?: boolean }) =>
      (await import("./commands/service-command.js")).runService(cli, action, opts),
    );

  const mcp = p
    .command("mcp")
    .description("MCP server on stdio for agents and editors (starts the daemon if needed)")
    .option("--profile <name>", "serve only what this profile of the config may see and use")
    .action(async (opts: { profile?: string }) =>
      (await import("./commands/mcp-command.js")).runMcp(cli, opts),
    );
  mcp
    .command("token")
    .description("print the bearer token for MCP over HTTP (--profile: a new token for a profile)")
    .option("--profile <name>", "make a new token that serves only this profile")
    .action(async (opts: { profile?: string }) =>
      (await import("./commands/mcp-command.js")).runMcpToken(cli, opts),
    );
  mcp
    .command("tokens")
    .description("list the profile tokens (ids, profiles, dates), or revoke one")
    .option("--revoke <id>", "revoke this token: the next request with it is refused")
    .option("--json", "print JSON")
    .action(async (opts: { revoke?: string; json?: boolean }) =>
      (await import("./commands/mcp-command.js")).runMcpTokens(cli, opts),
    );
  mcp
    .command("config")
    .description(`print the config snippet for a client: ${MCP_CLIENTS}`)
    .argument("<client>")
    .option("--http", "connect over streamable HTTP instead of stdio")
    .option("--profile <name>", "the client gets only this profile's scope")
    .action(async (client: string, opts: { http?: boolean; profile?: string }) =>
      (await import("./commands/mcp-command.js")).runMcpConfig(cli, client, opts),
    );

  const models = p.command("models").description("embedding models: presets and downloads");
  models
    .command("list")
    .description("presets with size, dimensions and languages; which are installed and active")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) =>
      (await import("./commands/models-command.js")).runModelsList(cli, opts),
    );
  models
    .command("pull")
    .description(
      "download a model into the cache (resumes, verifies): a preset, hf:OWNER/REPO/FILE, a URL or a path",
    )
    .argument("[source]", "default: the default preset")
    .option("--sha256 <hex>", "expected checksum, for URLs that do not send one")
    .action(async (source: string | undefined, opts: { sha256?: string }) =>
      (await import("./commands/models-command.js")).runModelsPull(cli, source, opts),
    );
  models
    .command("use")
    .description(
      "switch the embedding model: re-embeds in the background (searches go on), then swaps atomically",
    )
    .argument("<model>", "a preset name (see models list) or the path of a GGUF file")
    .option("--no-wait", "with a daemon running, return at once instead of following the progress")
    .action(async (name: string, opts: { wait?: boolean }) =>
      (await import("./commands/models-use-command.js")).runModelsUse(cli, name, opts),
    );

  p.command("doctor")
    .description("check the setup; with a FILE, explain what happens to that file and why")
    .argument("[file]")
    .option("--json", "print JSON")
    .action(async (file: string | undefined, opts: { json?: boolean }) =>
      (await import("./commands/doctor-command.js")).runDoctor(cli, file, opts),
    );

  p.command("encrypt")
    .description(
      "encrypt the index at rest (the daemon stopped); the key goes to the OS keychain, or give a passphrase",
    )
    .option("--passphrase", "type a passphrase instead of a random key in the OS keychain")
    .action(async (opts: { passphrase?: boolean }) =>
      (await import("./commands/encrypt-command.js")).runEncrypt(cli, opts),
    );

  p.command("decrypt")
    .description("make an encrypted index a plain SQLite file again (the daemon stopped)")
    .action(async () => (await import("./commands/encrypt-command.js")).runDecrypt(cli));

  p.command("forget")
    .description(
      "erase at once what deleted files left in the index (cached vectors, free pages, the WAL)",
    )
    .requiredOption("--purge", "purge now instead of at the daemon's next quiet moment")
    .action(async () => (await import("./commands/forget-command.js")).runPurge(cli));

  p.command("audit")
    .description("which agent read what, and when")
    .option("--since <span>", "how far back: 12h, 1d, 2w, or a date", "1d")
    .option("--json", "print JSON")
    .action(async (opts: { since?: string; json?: boolean }) =>
      (await import("./commands/audit-command.js")).runAudit(cli, opts),
    );

  p.command("actions")
    .description(
      "what agents changed in your files (append_to_note, create_note, edit_note, move_file)",
    )
    .option("--limit <n>", "how many of the latest", "20")
    .option("--json", "print JSON")
    .action(async (opts: { limit?: string; json?: boolean }) =>
      (await import("./commands/actions-command.js")).runActions(cli, opts),
    );

  p.command("undo")
    .description("put back the latest actions agents took on your files, newest first")
    .argument("[count]", "how many actions to undo", "1")
    .option("--id <n>", "undo this one action (its number in `hearth actions`)")
    .option("--json", "print JSON")
    .action(async (count: string | undefined, opts: { id?: string; json?: boolean }) =>
      (await import("./commands/actions-command.js")).runUndo(cli, count, opts),
    );

  const table = p
    .command("table")
    .description("statements and spreadsheets as tables: filter, group and sum, with citations");
  table
    .command("list")
    .description("the tables (CSV, TSV, XLSX sheets, OFX) with their typed columns")
    .option("--in <path>", "only tables from files under this folder")
    .option("-n, --limit <n>", "tables listed", "100")
    .option("--json", "print JSON")
    .action(async (opts: { in?: string; limit?: string; json?: boolean }) =>
      (await import("./commands/table-command.js")).runTableList(cli, opts),
    );
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
    .option("--where <column=value>", "a column equals a value; repeat for more", collect)
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
    .action(async (name: string | undefined, opts: Record<string, unknown>) =>
      (await import("./commands/table-command.js")).runTableQuery(cli, name, opts),
    );
  table
    .command("categories")
    .description("the spending categories rules in use, and where to edit them")
    .action(async () => (await import("./commands/table-command.js")).runTableCategories(cli));
  return p;
}

/** Runs one `hearth` command line (without the node and script arguments); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // Commands stay quiet unless something is wrong; the daemon tells what it does.
  const quiet = argv[0] === "start" ? "info" : "warn";
  const level = (io.env.HEARTH_LOG_LEVEL as LogLevel | undefined) ?? quiet;
  const log = createLogger(level, (line) => io.stderr.write(line + "\n"));
  const cli: CliContext = { io, env: io.env, log, exitCode: 0 };
  try {
    await program(cli).parseAsync([...argv], { from: "user" });
    return cli.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; a usage mistake is 2 (commander has printed why).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof HearthError) {
      io.err(`hearth: ${err.message}`);
      return USAGE_CODES.includes(err.code) ? 2 : 1;
    }
    io.err(
      `hearth: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  }
}
