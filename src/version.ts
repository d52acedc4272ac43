// Hearth's version, from package.json, for MCP server info and the CLI.
import pkg from "../package.json" with { type: "json" };

export const HEARTH_VERSION: string = pkg.version;
