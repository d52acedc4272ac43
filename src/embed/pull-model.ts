// Downloads a GGUF model into the model cache: resumable, verified (size, and sha256 when known), idempotent.
import { createHash } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { copyFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { HearthError, errorMessage } from "../errors.js";
import { findPreset } from "./presets.js";

export interface PullProgress {
  received: number;
  total: number | null;
}

export interface PullOptions {
  modelsDir: string;
  onProgress?: (p: PullProgress) => void;
  /** Expected sha256 (hex); otherwise taken from the server's X-Linked-Etag, as Hugging Face sends it. */
  sha256?: string;
  signal?: AbortSignal;
  /** How long the server may take to answer (default 30 s). */
  connectTimeoutMs?: number;
  /** How long the transfer may go without a byte (default 60 s): never a limit on the whole. */
  stallTimeoutMs?: number;
}

const CONNECT_TIMEOUT_MS = 30_000;
const STALL_TIMEOUT_MS = 60_000;

/**
 * An abort signal for one transfer: fired by the caller's signal, by no answer within the connect
 * limit, or by a stall — no bytes for the stall limit. `progress()` rearms the stall timer.
 */
function transferSignal(options: PullOptions) {
  const controller = new AbortController();
  let reason = "";
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number, why: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      reason = why;
      controller.abort(new Error(why));
    }, ms);
  };
  const connectMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const stallMs = options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  arm(connectMs, `no answer within ${connectMs / 1000} s`);
  options.signal?.addEventListener("abort", () => controller.abort(options.signal!.reason), {
    once: true,
  });
  return {
    signal: controller.signal,
    progress: () => arm(stallMs, `no data for ${stallMs / 1000} s (stalled)`),
    done: () => clearTimeout(timer),
    why: () => reason,
  };
}

export interface PullResult {
  path: string;
  bytes: number;
  alreadyInstalled: boolean;
  resumedFrom: number;
  verified: "sha256" | "size";
}

/** A preset name, hf:OWNER/REPO/FILE, an https:// URL, or a local path → where it comes from and goes to. */
export function resolveSource(source: string): {
  url: string | null;
  localPath: string | null;
  file: string;
} {
  const preset = findPreset(source);
  if (preset) return { url: preset.url, localPath: null, file: preset.file };
  if (source.startsWith("hf:")) {
    const [owner, repo, ...rest] = source.slice(3).split("/");
    if (!owner || !repo || rest.length === 0) {
      throw new HearthError(
        "BAD_ARGUMENT",
        `${source} is not hf:OWNER/REPO/FILE.gguf`,
        "e.g. hf:CompendiumLabs/bge-small-en-v1.5-gguf/bge-small-en-v1.5-q8_0.gguf",
      );
    }
    return {
      url: `https://huggingface.co/${owner}/${repo}/resolve/main/${rest.join("/")}`,
      localPath: null,
      file: basename(rest.join("/")),
    };
  }
  if (/^https?:\/\//.test(source))
    return {
      url: source,
      localPath: null,
      file: basename(new URL(source).pathname) || "model.gguf",
    };
  const localPath = resolve(source);
  if (!existsSync(localPath)) {
    throw new HearthError(
      "BAD_ARGUMENT",
      `${source} is not a preset, a URL or an existing file`,
      "`hearth models list` shows the presets",
    );
  }
  return { url: null, localPath, file: basename(localPath) };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

function expectedSha(headers: Headers, given?: string): string | null {
  if (given) return given.toLowerCase();
  const etag = (headers.get("x-linked-etag") ?? headers.get("etag") ?? "")
    .replace(/^W\//, "")
    .replace(/"/g, "");
  return /^[0-9a-f]{64}$/i.test(etag) ? etag.toLowerCase() : null;
}

export async function pullModel(source: string, options: PullOptions): Promise<PullResult> {
  const { url, localPath, file } = resolveSource(source);
  mkdirSync(options.modelsDir, { recursive: true, mode: 0o700 });
  const target = join(options.modelsDir, file);
  if (localPath) {
    await copyFile(localPath, target);
    return {
      path: target,
      bytes: statSync(target).size,
      alreadyInstalled: false,
      resumedFrom: 0,
      verified: "size",
    };
  }
  const part = `${target}.part`;
  const have = existsSync(part) ? statSync(part).size : 0;
  const transfer = transferSignal(options);
  let response: Response;
  try {
    response = await fetch(url!, {
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
      signal: transfer.signal,
    });
    transfer.progress();
  } catch (err) {
    transfer.done();
    throw new HearthError(
      "MODEL_DOWNLOAD_FAILED",
      `cannot reach ${new URL(url!).host}: ${transfer.why() || errorMessage((err as Error).cause ?? err)}`,
      "check the network (downloads need it once; Hearth keeps working in keyword mode meanwhile), or pass a local GGUF path",
    );
  }
  if (!response.ok || !response.body) transfer.done();
  if (response.status === 404) {
    throw new HearthError(
      "MODEL_DOWNLOAD_FAILED",
      `no model file at ${url} (HTTP 404)`,
      "check the name; `hearth models list` shows the presets",
    );
  }
  if (response.status === 416 && existsSync(part)) {
    rmSync(part); // our partial file is longer than the remote one: start over next time
    throw new HearthError(
      "MODEL_DOWNLOAD_FAILED",
      `the partial download of ${file} does not match the remote file`,
      "run the pull again to start over",
    );
  }
  if (!response.ok || !response.body) {
    throw new HearthError(
      "MODEL_DOWNLOAD_FAILED",
      `downloading ${url} failed: HTTP ${response.status}`,
      "try again later",
    );
  }
  const resumed = response.status === 206 ? have : 0;
  const length = Number(response.headers.get("content-length") ?? NaN);
  const total = Number.isFinite(length) ? resumed + length : null;
  const sha = expectedSha(response.headers, options.sha256);

  if (resumed === 0 && existsSync(target) && total !== null && statSync(target).size === total) {
    transfer.done();
    await response.body.cancel();
    if (!sha || (await sha256Of(target)) === sha) {
      return {
        path: target,
        bytes: total,
        alreadyInstalled: true,
        resumedFrom: 0,
        verified: sha ? "sha256" : "size",
      };
    }
  }
  let received = resumed;
  // The write stream is closed, whatever happens, before the file is measured or left for the next
  // pull: a late last chunk from this writer must never land in the next one's file.
  const out = createWriteStream(part, { flags: resumed > 0 ? "a" : "w", mode: 0o600 });
  const closed = new Promise<void>((resolve) => out.once("close", () => resolve()));
  // A write still pending when an interrupted transfer destroys the stream fails with it: that
  // error must not go unheard (it would crash the process, and "close" would never come).
  const failed: { error?: Error } = {};
  out.on("error", (err) => (failed.error ??= err));
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      transfer.progress();
      received += chunk.byteLength;
      options.onProgress?.({ received, total });
      if (!out.write(chunk)) await once(out, "drain");
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    if (failed.error) throw failed.error;
  } catch (err) {
    out.destroy();
    throw new HearthError(
      "MODEL_DOWNLOAD_FAILED",
      `the download of ${file} was interrupted at ${received} bytes: ${transfer.why() || errorMessage(err)}`,
      "run the same pull again: it resumes where it stopped",
    );
  } finally {
    transfer.done();
    await closed;
  }
  const size = statSync(part).size;
  if (total !== null && size !== total) {
    throw new HearthError(
      "MODEL_DOWNLOAD_FAILED",
      `the download of ${file} is incomplete (${size} of ${total} bytes)`,
      "run the same pull again: it resumes where it stopped",
    );
  }
  if (sha) {
    const actual = await sha256Of(part);
    if (actual !== sha) {
      rmSync(part);
      throw new HearthError(
        "MODEL_CHECKSUM_MISMATCH",
        `${file} does not match its checksum (sha256 ${actual}, expected ${sha}); the download was deleted`,
        "pull again; if it keeps failing, the source is not the file it claims to be",
      );
    }
  }
  renameSync(part, target);
  return {
    path: target,
    bytes: size,
    alreadyInstalled: false,
    resumedFrom: resumed,
    verified: sha ? "sha256" : "size",
  };
}
