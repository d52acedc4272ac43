// The embedding models: presets and other models in the cache, the active one marked; switching
// re-embeds in the background (its progress shows on the status page and here).
import { useEffect, useState } from "preact/hooks";
import { change, errorText, get } from "./api";

interface Catalog {
  modelsDir: string;
  presets: {
    name: string;
    file: string;
    sizeMB: number;
    kind: string;
    dimensions?: number;
    languages: string;
    description: string;
    installed: boolean;
    active: boolean;
  }[];
  installed: { file: string; path: string; bytes: number; active: boolean }[];
}

interface PullState {
  source: string;
  received: number;
  total: number | null;
  result?: { path: string; bytes: number; alreadyInstalled: boolean };
  error?: string;
}

const MB = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** A download's progress, polled while it runs; `ended` is told once it has. */
function Download({ ended }: { ended: () => void }) {
  const [state, setState] = useState<PullState | null>(null);
  const [source, setSource] = useState("");
  const [problem, setProblem] = useState("");
  const running = state !== null && !state.result && !state.error;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A failed poll (the daemon restarting, say) is retried, less often each time, up to 10 s.
    let retry = 0;
    const poll = () =>
      get<{ pull: PullState | null }>("models/pull")
        .then(({ pull }) => {
          if (retry > 0) setProblem("");
          retry = 0;
          setState(pull);
          if (pull && !pull.result && !pull.error) timer = setTimeout(() => void poll(), 500);
          else if (pull) ended();
        })
        .catch((err: unknown) => {
          setProblem(`${errorText(err)} (trying again)`);
          retry++;
          timer = setTimeout(() => void poll(), Math.min(10_000, 500 * 2 ** retry));
        });
    if (running || state === null) void poll();
    return () => clearTimeout(timer);
  }, [running]);
  const start = (e: Event) => {
    e.preventDefault();
    change<{ started: boolean; state: PullState }>("POST", "models/pull", { source })
      .then(({ started, state }) => {
        setProblem(started ? "" : `a download is already running: ${state.source}`);
        setState(state);
      })
      .catch((err: unknown) => setProblem(errorText(err)));
  };
  return (
    <section aria-label="Download a model">
      <h2>Download a model</h2>
      <form class="inline" onSubmit={start}>
        <label>
          Preset name, hf:OWNER/REPO/FILE or https:// URL
          <input type="text" value={source} onInput={(e) => setSource(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={running || !source.trim()}>
          Download
        </button>
      </form>
      {problem && <p class="error">{problem}</p>}
      {state && (
        <div class="pull" role="status">
          <div>{state.source}</div>
          {running && (
            <>
              <progress
                aria-label={`Downloading ${state.source}`}
                value={state.received}
                max={state.total ?? undefined}
              />{" "}
              {MB(state.received)}
              {state.total ? ` of ${MB(state.total)}` : ""}
            </>
          )}
          {state.result &&
            (state.result.alreadyInstalled
              ? `already installed: ${state.result.path}`
              : `installed ${state.result.path} (${MB(state.result.bytes)})`)}
          {state.error && <p class="error">{state.error}</p>}
        </div>
      )}
    </section>
  );
}

export function ModelsPage() {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [message, setMessage] = useState("");
  const load = () =>
    get<Catalog>("models")
      .then(setCatalog)
      .catch((err: unknown) => setMessage(errorText(err)));
  useEffect(() => void load(), []);
  const use = (path: string) =>
    change<{ outcome: unknown }>("POST", "models/use", { path })
      .then(() => {
        setMessage(`switching to ${path}: the index is re-embedded in the background (see Status)`);
        void load();
      })
      .catch((err: unknown) => setMessage(errorText(err)));
  if (!catalog) return <p>{message || "Loading…"}</p>;
  const rows = [
    ...catalog.presets.map((p) => ({
      name: p.name,
      path: `${catalog.modelsDir}/${p.file}`,
      about: `${p.sizeMB} MB · ${p.kind === "reranker" ? "reranker" : `${p.dimensions}d`} · ${p.languages} · ${p.description}`,
      installed: p.installed,
      active: p.active,
      embeds: p.kind !== "reranker",
    })),
    ...catalog.installed.map((m) => ({
      name: m.file,
      path: m.path,
      about: `${(m.bytes / 1e6).toFixed(1)} MB · not a preset`,
      installed: true,
      active: m.active,
      embeds: true,
    })),
  ];
  return (
    <div class="models-page">
      <h2>Models</h2>
      {message && <p role="status">{message}</p>}
      <table class="rows">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">About</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path}>
              <td>{r.name}</td>
              <td>{r.about}</td>
              <td>
                {r.active ? (
                  "active"
                ) : r.installed && r.embeds ? (
                  <button type="button" onClick={() => void use(r.path)}>
                    Use
                  </button>
                ) : r.installed ? (
                  "installed"
                ) : (
                  <span>
                    not installed: <code>hearth models pull {r.name}</code>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">Models live in {catalog.modelsDir}.</p>
      <Download ended={() => void load()} />
    </div>
  );
}
