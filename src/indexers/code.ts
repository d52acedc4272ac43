// Source code: chunks break at blank lines between definitions and never split lines; the language is the kind.
import { extname } from "node:path";
import { decodeText } from "./decode-text.js";
import type { ExtractInput, ExtractedDoc, Indexer } from "./indexer.js";

const LANGUAGES: Record<string, string> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
  ".rb": "ruby",
  ".go": "go",
  ".rs": "rust",
  ".java": "java",
  ".kt": "kotlin",
  ".swift": "swift",
  ".c": "c",
  ".h": "c",
  ".cpp": "cpp",
  ".hpp": "cpp",
  ".cc": "cpp",
  ".cs": "csharp",
  ".php": "php",
  ".sh": "shell",
  ".bash": "shell",
  ".zsh": "shell",
  ".sql": "sql",
  ".lua": "lua",
  ".r": "r",
  ".scala": "scala",
  ".ex": "elixir",
  ".exs": "elixir",
  ".hs": "haskell",
  ".clj": "clojure",
  ".css": "css",
  ".scss": "css",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".toml": "toml",
  ".json": "json",
  ".xml": "xml",
};

export const codeIndexer: Indexer = {
  extensions: Object.keys(LANGUAGES),
  extract({ path, bytes }: ExtractInput): Promise<ExtractedDoc> {
    const text = decodeText(bytes);
    return Promise.resolve({
      kind: LANGUAGES[extname(path).toLowerCase()]!,
      title: "",
      structure: "code",
      segments: [{ text, startLine: 1 }],
    });
  },
};
