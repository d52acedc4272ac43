// What the service needs of a running index: the roots and rules (one policy), the memory folder,
// what the indexer is doing, and a way to index one file now. The daemon provides it; without a
// daemon, a read-only stand-in built from the config does.
import type { SwitchResult, SwitchStatus } from "../daemon/background-switch.js";
import type { IndexPolicy } from "../pipeline/index-policy.js";

export type { SwitchResult, SwitchStatus };

export interface RuntimeActivity {
  pid: number;
  startedAt: string;
  activity: string;
  queue: {
    pending: number;
    active: string[];
    /** Of the pending, images waiting for OCR (they go after everything else). */
    slowPending: number;
    done: number;
    ratePerSec: number;
    etaSeconds: number | null;
  };
  /** The model the daemon embeds with (its name), null when none is loaded. */
  model: string | null;
  /** Set while the index cannot grow (the disk is full). */
  writeBlocked: { since: string; waiting: number; message: string } | null;
  /** A `hearth models use` under way: the next model and its progress. */
  modelSwitch: SwitchStatus | null;
  lastModelSwitch: SwitchResult | null;
  recentErrors: { path: string; error: string; at: string }[];
  /** Folders inside roots that could not be read: their files are not indexed. */
  unreadable: { path: string; error: string }[];
  /** Folders watched, one native watch each (the system limits how many). */
  watchedFolders: number;
  /** The daemon process's memory, in MiB: resident, file-backed (the model's weights), heap. */
  memory: {
    residentMB: number;
    fileBackedMB: number | null;
    heapUsedMB: number;
    heapTotalMB: number;
    externalMB: number;
  };
}

export interface IndexRuntime {
  /** The roots (memory folder included) and the rules of what is indexed and readable. */
  readonly policy: IndexPolicy;
  /** Real path of the folder `remember` writes to. */
  memoryDir(): string;
  /** What the daemon is doing; null without a daemon. */
  activity(): RuntimeActivity | null;
  /** Files waiting to be indexed (or being indexed) that satisfy `matches`; 0 without a daemon. */
  pendingCount(matches: (path: string) => boolean): number;
  /** Brings one path's index entry up to date now (a note just written or deleted). */
  indexNow(path: string): Promise<void>;
  /**
   * Called when the set of indexed files changes, with the paths (files or folders) that changed,
   * or null when that is not known; returns an unsubscribe function.
   */
  onIndexChanged(listener: (paths: readonly string[] | null) => void): () => void;
}
