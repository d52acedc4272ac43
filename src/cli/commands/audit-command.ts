// `hearth audit [--since 1d] [--json]`: which agent read what, and when.
import { openHearth } from "../../hearth.js";
import type { Logger } from "../../log.js";
import { parseDate } from "../parse-options.js";

export async function runAudit(
  opts: { since?: string; json?: boolean },
  log: Logger,
): Promise<void> {
  const since = parseDate("--since", opts.since ?? "1d");
  const hearth = await openHearth({ log, readonly: true, loadModel: false });
  try {
    const entries = hearth.audit.since(since);
    if (opts.json) {
      console.log(
        JSON.stringify(
          { entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) },
          null,
          2,
        ),
      );
      return;
    }
    if (entries.length === 0) console.log("no tool calls in that period");
    for (const e of entries) {
      const what = e.error
        ? `refused: ${e.error}`
        : `${e.paths.length} path(s)${e.paths.length ? ": " + e.paths.slice(0, 3).join(", ") : ""}`;
      console.log(
        `${new Date(e.at).toISOString()}  ${e.client}  ${e.tool} ${JSON.stringify(e.arguments)}  → ${what}`,
      );
    }
  } finally {
    await hearth.close();
  }
}
