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
    </div>
  );
}
