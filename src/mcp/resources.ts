// Indexed files as MCP resources (hearth://file/...), listed in pages, with list_changed when the index changes.
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import type { McpBackend } from "./backend.js";
import { confinePath } from "./confine-path.js";
import { fileUri, type ClientName } from "./tools.js";
import { readRange } from "./read-range.js";

const LIST_LIMIT = 500;

export function registerResources(
  server: McpServer,
  backend: McpBackend,
  client: ClientName,
): void {
  server.registerResource(
    "file",
    new ResourceTemplate("hearth://file{+path}", {
      list: () => ({
        resources: backend.files(LIST_LIMIT, 0).map((f) => ({
          uri: fileUri(f.path),
          name: f.title || f.path,
          mimeType: "text/plain",
          description: `${f.kind}, modified ${f.modified}`,
        })),
      }),
    }),
    {
      title: "Indexed file",
      description: "A file Hearth indexes, as text (the first ~10k tokens)",
      mimeType: "text/plain",
    },
    async (uri, variables, ctx) => {
      const requested = decodeURI(String(variables.path ?? ""));
      try {
        const path = await confinePath(requested, backend.roots());
        const range = await readRange(path, 1, undefined, backend.extractor);
        backend.audit.record({
          at: Date.now(),
          client: client(ctx),
          tool: "resources/read",
          arguments: { uri: uri.href },
          paths: [path],
          error: null,
        });
        return { contents: [{ uri: uri.href, mimeType: "text/plain", text: range.text }] };
      } catch (err) {
        backend.audit.record({
          at: Date.now(),
          client: client(ctx),
          tool: "resources/read",
          arguments: { uri: uri.href },
          paths: [],
          error: String(err),
        });
        throw err;
      }
    },
  );
}
