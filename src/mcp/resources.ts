// Indexed files as MCP resources (hearth://file/...), listed in pages, with list_changed when the index changes.
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import type { McpBackend } from "./backend.js";
import { confinePath } from "./confine-path.js";
import { fileUri, type ClientName } from "./tools.js";
import { readRange } from "./read-range.js";

/** Resources per resources/list page. */
export const RESOURCE_PAGE = 100;

export function registerResources(
  server: McpServer,
  backend: McpBackend,
  client: ClientName,
): void {
  server.registerResource(
    "file",
    new ResourceTemplate("hearth://file{+path}", {
      // Listed in pages by the resources/list handler below; the template itself lists nothing.
      list: () => ({ resources: [] }),
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

/** resources/list in pages of RESOURCE_PAGE (the SDK's own handler would list everything at once). */
export function paginateResourceList(server: McpServer, backend: McpBackend): void {
  server.server.setRequestHandler("resources/list", (request) => {
    const cursor = request.params?.cursor;
    const offset = cursor ? Number(Buffer.from(cursor, "base64url").toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new Error("invalid cursor: omit it to list from the start");
    const files = backend.files(RESOURCE_PAGE + 1, offset);
    const page = files.slice(0, RESOURCE_PAGE);
    return Promise.resolve({
      resources: page.map((f) => ({
        uri: fileUri(f.path),
        name: f.title || f.path,
        mimeType: "text/plain",
        description: `${f.kind}, modified ${f.modified}`,
      })),
      ...(files.length > RESOURCE_PAGE
        ? { nextCursor: Buffer.from(String(offset + RESOURCE_PAGE)).toString("base64url") }
        : {}),
    });
  });
}
