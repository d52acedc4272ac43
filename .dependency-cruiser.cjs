// Layering, enforced (npm run lint): no import cycles; faces reach the index only through the
// service; the daemon knows no face; only the store touches SQLite; lower layers never import upper.
const FACES = "^src/(mcp|rpc|web|cli|host)/";
const BELOW_SERVICE =
  "^src/(store|pipeline|indexers|chunk|embed|search|tables|table-query|daemon|config|actions)/";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "A cycle ties two modules into one; split the shared part out.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "daemon-knows-no-face",
      comment: "The daemon is wired to its faces where the process is assembled (src/host).",
      severity: "error",
      from: { path: "^src/daemon/" },
      to: { path: "^src/(mcp|rpc|web|cli|host|service)/" },
    },
    {
      name: "service-below-faces",
      severity: "error",
      from: { path: "^src/service/" },
      to: { path: FACES },
    },
    {
      name: "protocol-faces-use-the-service",
      comment:
        "MCP and the web page answer through src/service, never the index or daemon directly.",
      severity: "error",
      from: { path: "^src/(mcp|web)/" },
      to: {
        path: "^src/(store|pipeline|indexers|embed|search|daemon)/|^src/hearth\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "only-the-store-touches-sqlite",
      comment: "The daemon's ownership lock is a SQLite file lock, not data: the one exception.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/store/|^src/daemon/ownership-lock\\.ts$" },
      to: { path: "node_modules/(better-sqlite3-multiple-ciphers|sqlite-vec)/" },
    },
    {
      name: "store-internals-stay-inside",
      comment: "Its statement cache, connection, migrations and SQL fragments are the store's own.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/store/" },
      to: {
        path: "^src/store/(statements|open-database|migrations|filter-sql|path-prefix|table-writes)\\.ts$",
      },
    },
    {
      name: "lower-layers-never-import-upper",
      severity: "error",
      from: { path: BELOW_SERVICE },
      to: { path: `${FACES}|^src/service/` },
    },
    {
      name: "store-is-below-the-pipeline",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(pipeline|indexers|embed|search|daemon)/|^src/hearth\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
