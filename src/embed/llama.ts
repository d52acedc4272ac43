// The process's one llama.cpp instance (node-llama-cpp, imported lazily); its native logs go to stderr.
import type { Llama } from "node-llama-cpp";
import type { Logger } from "../log.js";

export type GpuSetting = "auto" | false | "cuda" | "vulkan" | "metal";

/**
 * One Llama per process. llama.cpp's log callback is process-wide: a second getLlama() leaves later
 * native logs printing to stdout, which would corrupt MCP over stdio. So the first one is kept —
 * once it loaded: a failed load is not cached, so the next call tries again.
 */
let llamaInstance: Promise<Llama> | null = null;

export function sharedLlama(gpu: GpuSetting, log: Logger): Promise<Llama> {
  llamaInstance ??= (async () => {
    // Lazy import: keyword-only use and thin clients never pay for loading llama.cpp.
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    return getLlama({
      gpu,
      build: "never",
      progressLogs: false,
      logLevel: LlamaLogLevel.warn,
      logger: (level, message) => log.debug("llama.cpp", { level, message: message.trim() }),
    });
  })();
  const attempt = llamaInstance;
  attempt.catch(() => {
    if (llamaInstance === attempt) llamaInstance = null;
  });
  return attempt;
}

/**
 * Begins loading llama.cpp and resolves once its module is imported: the rest (a check of the
 * native binary, in a child process) runs on, beside whatever the caller loads next.
 */
export async function beginLoadingLlama(gpu: GpuSetting, log: Logger): Promise<void> {
  sharedLlama(gpu, log).catch(() => undefined); // a failure is not kept: the next call reports it
  await import("node-llama-cpp");
}

/** Disposes a native object, but gives up waiting after `ms`: a stuck native call must not hang a stop. */
export async function disposeWithin(
  what: { dispose(): Promise<void> } | undefined,
  ms = 5000,
): Promise<void> {
  if (!what) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    what.dispose().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}
