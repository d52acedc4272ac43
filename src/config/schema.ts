// The config file's schema: validated once at the edge; the Config type is derived from it.
import { z } from "zod";

const positiveInt = (min: number, max: number) => z.number().int().min(min).max(max);

/** The MCP tools a profile can be given (src/mcp/server.ts lists them; a test keeps both equal). */
export const TOOL_NAMES = [
  "search",
  "recall",
  "read",
  "list_sources",
  "recent",
  "query_table",
  "status",
  "remember",
  "forget",
  "append_to_note",
  "create_note",
  "edit_note",
  "move_file",
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** The tools that change the user's own files: only in writable folders, each one confirmed. */
export const ACTION_TOOLS = ["append_to_note", "create_note", "edit_note", "move_file"] as const;
export type ActionTool = (typeof ACTION_TOOLS)[number];

const profileSchema = z
  .object({
    /** Folders this profile sees (absolute, or ~/…): indexed roots or folders inside them. */
    roots: z.array(z.string().min(1)).min(1, "must name at least one folder"),
    /** The tools it may call; all of them when left out. */
    tools: z.array(z.enum(TOOL_NAMES)).optional(),
    /** query_table and the table hints in search results (within its folders). */
    tables: z.boolean().default(true),
    /** The memory folder: not seen, searched and read, or also written (remember, forget). */
    memory: z.enum(["none", "read", "write"]).default("none"),
    /** Folders (inside its roots) where it may create, edit and move notes; none when left out. */
    writable: z.array(z.string().min(1)).default([]),
    /** Writes from a client that cannot ask the user (no MCP elicitation) go ahead unconfirmed. */
    unconfirmedWrites: z.boolean().default(false),
  })
  .strict();
export type ProfileConfig = z.infer<typeof profileSchema>;

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export const configSchema = z
  .object({
    embedding: z
      .object({
        /** "llama": a GGUF file through node-llama-cpp; "ollama": a local Ollama server. */
        backend: z.enum(["llama", "ollama"]),
        ollama: z
          .object({ url: z.string().url(), model: z.string().min(1), allowRemote: z.boolean() })
          .strict(),
        /** Path to a GGUF embedding model; null means the default preset file in the model cache. */
        model: z.string().min(1).nullable(),
        gpu: z.union([z.literal("auto"), z.literal(false), z.enum(["cuda", "vulkan", "metal"])]),
        /** CPU threads for embedding documents (queries get their own); 0 means one per core. */
        threads: positiveInt(0, 256),
        batchSize: positiveInt(1, 4096),
      })
      .strict(),
    chunking: z
      .object({
        targetTokens: positiveInt(64, 4096),
        overlapTokens: positiveInt(0, 1024),
        minTokens: positiveInt(1, 1024),
      })
      .strict()
      .refine((c) => c.overlapTokens < c.targetTokens / 2, {
        message: "overlapTokens must be less than half of targetTokens",
        path: ["overlapTokens"],
      }),
    /** Named scopes for agents (`hearth mcp --profile NAME`); a client without one sees everything. */
    profiles: z.record(
      z.string().regex(PROFILE_NAME, "a profile name is letters, digits, - and _ (at most 40)"),
      profileSchema,
    ),
    /** Folders the daemon watches (absolute paths). */
    roots: z.array(z.string().min(1)),
    index: z
      .object({
        maxFileBytes: positiveInt(1, Number.MAX_SAFE_INTEGER),
        concurrency: positiveInt(1, 64),
        /** Extra gitignore-style patterns, relative to each root. */
        exclude: z.array(z.string()),
        /** Secrets (.env, keys, credentials) are never indexed unless this is true. */
        indexSecrets: z.boolean(),
        /** Quiet time after a file event before the file is indexed: one index per burst of saves. */
        debounceMs: positiveInt(0, 60_000),
        /** A PDF, DOCX, HTML, CSV or email file taking longer than this to extract is stopped and skipped. */
        extractTimeoutMs: positiveInt(100, 600_000),
        /** Memory ceiling of the extraction worker. */
        extractMemoryMb: positiveInt(32, 16_384),
      })
      .strict(),
    ocr: z
      .object({
        /** Images are indexed by recognising their text; false leaves them out. */
        enabled: z.boolean(),
        /** Tesseract language codes; each needs its data package, @tesseract.js-data/LANG. */
        languages: z
          .array(z.string().regex(/^[a-z]{3}(_[a-z]+)?$/, "a tesseract code such as eng, deu, fra"))
          .min(1, 'name at least one language, e.g. ["eng"]'),
      })
      .strict(),
    memory: z
      .object({
        /** Folder for notes written by the `remember` tool; null means "memory" in the data folder. */
        dir: z.string().min(1).nullable(),
      })
      .strict(),
    mcp: z
      .object({
        http: z
          .object({
            /** Serve MCP over streamable HTTP on 127.0.0.1 from the daemon. */
            enabled: z.boolean(),
            port: positiveInt(1, 65535),
          })
          .strict(),
      })
      .strict(),
    web: z
      .object({
        /** Serve the local page (`hearth open`) on 127.0.0.1 from the daemon. */
        enabled: z.boolean(),
        port: positiveInt(1, 65535),
      })
      .strict(),
    audit: z
      .object({
        retentionDays: positiveInt(1, 36500),
        /** "hash": searches are logged as a salted hash of the query, never its text. */
        queries: z.enum(["text", "hash"]),
      })
      .strict(),
    actions: z
      .object({
        /** Folders (roots, or folders inside them) where agents may create, edit and move notes. */
        writable: z.array(z.string().min(1)),
        /** Writes from a client that cannot ask the user (no MCP elicitation) go ahead unconfirmed. */
        unconfirmedWrites: z.boolean(),
        /** How many of the latest actions keep the previous version for `hearth undo`. */
        keepVersions: positiveInt(1, 100_000),
      })
      .strict(),
    privacy: z
      .object({
        /** Days a deleted file's vectors stay cached (a file moved back is not embedded again); 0: none. */
        keepDeletedDays: positiveInt(0, 3650),
      })
      .strict(),
    search: z
      .object({
        limit: positiveInt(1, 1000),
        rrfK: positiveInt(1, 1000),
        candidates: positiveInt(10, 2000),
        chunksPerFile: positiveInt(1, 100),
        rerank: z
          .object({
            /** "auto": on when llama.cpp runs on a GPU and the reranker is installed; off on a CPU. */
            enabled: z.union([z.literal("auto"), z.boolean()]),
            /** Path to a GGUF reranker; null means the reranker preset in the model cache. */
            model: z.string().min(1).nullable(),
            /** How many of the fused results are re-scored. */
            candidates: positiveInt(1, 200),
            /** Reranking stops when this is spent; the rest keep their fused order. */
            budgetMs: positiveInt(0, 60_000),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ChunkingConfig = Config["chunking"];
