// What is indexed and what the daemon is doing, pushed live; failures with the doctor's reasons;
// the watched folders, added and removed here.
import { useEffect, useState } from "preact/hooks";
import { change, errorText, get } from "./api";
import type { Source, Status } from "./types";

type DoctorLine = [label: string, text: string];

/** A failed file (or one the user asks about) and the doctor's explanation, on request. */
function Failure(props: { path: string; error: string | null; explainNow?: boolean }) {
  const { path, error } = props;
  const [lines, setLines] = useState<DoctorLine[] | null>(null);
  const [problem, setProblem] = useState("");
  const explain = () =>
    get<{ lines: DoctorLine[] }>("doctor", { path })
      .then((d) => setLines(d.lines))
      .catch((err: unknown) => setProblem(errorText(err)));
  useEffect(() => void (props.explainNow && explain()), []);
  const Item = props.explainNow ? "div" : "li";
  return (
    <Item class={props.explainNow ? "checked" : undefined}>
      <div class="path">{path}</div>
      {error && <div class="error-text">{error}</div>}
      {!lines && (
        <button type="button" onClick={() => void explain()}>
          Explain
        </button>
      )}
      {problem && <p class="error">{problem}</p>}
      {lines && (
        <dl class="doctor">
          {lines.map(([label, text], i) => [
            <dt key={`t${i}`}>{label}</dt>,
            <dd key={`d${i}`}>{text}</dd>,
          ])}
        </dl>
      )}
    </Item>
  );
}

interface IgnoreRules {
  folders: string[];
  secrets: string[] | null;
  ignoreFiles: string[];
  exclude: string[];
}

/** Every rule that leaves files out, read when opened. */
function Rules() {
  const [rules, setRules] = useState<IgnoreRules | null>(null);
  const [problem, setProblem] = useState("");
  const load = (e: Event) => {
    if (!(e.currentTarget as HTMLDetailsElement).open || rules) return;
    get<IgnoreRules>("ignore-rules")
      .then(setRules)
      .catch((err: unknown) => setProblem(errorText(err)));
  };
  const list = (items: string[]) => <code>{items.join("  ")}</code>;
  return (
    <details class="rules" onToggle={load}>
      <summary>What is never indexed</summary>
      {problem && <p class="error">{problem}</p>}
      {rules && (
        <dl>
          <dt>Folders, wherever they are</dt>
          <dd>{list(rules.folders)}</dd>
          <dt>Secrets</dt>
          <dd>
            {rules.secrets
              ? list(rules.secrets)
              : "indexed: index.indexSecrets is on in the config"}
          </dd>
          <dt>Ignore files, at any depth</dt>
          <dd>{list(rules.ignoreFiles)} — their patterns, as git reads them</dd>
          <dt>Your patterns (index.exclude)</dt>
          <dd>{rules.exclude.length ? list(rules.exclude) : "none"}</dd>
          <dt>Also</dt>
          <dd>
            Hearth's own data folder (but its memory folder), hidden files and folders, links, and
            kinds it does not read; a file over index.maxFileBytes is listed as failed.
          </dd>
        </dl>
      )}
    </details>
  );
}

function eta(seconds: number | null): string {
  if (seconds === null) return "";
  return seconds < 90
    ? `about ${Math.ceil(seconds)} s left`
    : `about ${Math.ceil(seconds / 60)} min left`;
}

export function StatusPage() {
  const [status, setStatus] = useState<Status | null>(null);
  const [sources, setSources] = useState<Source[]>([]);
  const [configured, setConfigured] = useState<string[]>([]);
  const [checked, setChecked] = useState("");
  const [folder, setFolder] = useState("");
  const [message, setMessage] = useState("");
  const [live, setLive] = useState(false);

  const loadSources = () =>
    Promise.all([get<{ sources: Source[] }>("sources"), get<{ roots: string[] }>("roots")])
      .then(([s, r]) => {
        setSources(s.sources);
        setConfigured(r.roots);
      })
      .catch((err: unknown) => setMessage(errorText(err)));

  useEffect(() => {
    void loadSources();
    const events = new EventSource("/api/events");
    events.addEventListener("status", (e) => {
      setStatus(JSON.parse((e as MessageEvent<string>).data) as Status);
      setLive(true);
    });
    events.onerror = () => setLive(false);
    return () => events.close();
  }, []);
  useEffect(() => void loadSources(), [status?.files]);

  const roots = async (method: "POST" | "DELETE", path: string) => {
    try {
      const { roots } = await change<{ roots: string[] }>(method, "roots", { path });
      setMessage(`watching ${roots.length} folder(s)`);
      setFolder("");
      await loadSources();
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  if (!status) return <p>Loading…</p>;
  const queue = status.daemon?.queue;
  const kinds = (path: string) => sources.find((s) => s.path === path)?.kinds ?? {};
  return (
    <div class="status-page">
      <section aria-label="Index">
        <h2>Index</h2>
        <p>
          {status.files} files, {status.chunks} chunks, {status.vectors} vectors, {status.failed}{" "}
          failed <span class="live">{live ? "· live" : "· reconnecting"}</span>
        </p>
        <p>
          Model: {status.daemon?.model ?? status.model.path ?? status.model.note ?? "none"}
          {status.daemon?.modelSwitch &&
            ` · switching to ${status.daemon.modelSwitch.model}: ${status.daemon.modelSwitch.done} of ${status.daemon.modelSwitch.total}`}
        </p>
        {queue && (
          <p class="progress" aria-live="polite">
            {queue.pending + queue.active.length === 0
              ? "Up to date."
              : `${queue.pending} pending (${queue.slowPending} for OCR), ${queue.active.length} in progress, ${queue.done} done ${eta(queue.etaSeconds)}`}
          </p>
        )}
      </section>
      <section aria-label="Folders">
        <h2>Folders</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Folder</th>
              <th scope="col">Files</th>
              <th scope="col">Kinds</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {status.roots.map((r) => (
              <tr key={r.path}>
                <td class="path">{r.path}</td>
                <td class="num">{r.files}</td>
                <td>
                  {Object.entries(kinds(r.path))
                    .map(([k, n]) => `${k} ${n}`)
                    .join(", ")}
                </td>
                <td>
                  {configured.includes(r.path) ? (
                    <button type="button" onClick={() => void roots("DELETE", r.path)}>
                      Remove
                    </button>
                  ) : (
                    "memory"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void roots("POST", folder);
          }}
        >
          <label>
            Add a folder
            <input
              type="text"
              value={folder}
              placeholder="/home/you/Notes or ~/Notes"
              onInput={(e) => setFolder(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Add</button>
        </form>
        {message && <p role="status">{message}</p>}
      </section>
      <section aria-label="Failures">
        <h2>Failures</h2>
        {status.failures.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul class="failures">
            {status.failures.map((f) => (
              <Failure key={f.path} path={f.path} error={f.error} />
            ))}
          </ul>
        )}
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            setChecked(e.currentTarget.querySelector("input")!.value.trim());
          }}
        >
          <label>
            Why is a file left out, or not found?
            <input type="text" placeholder="/home/you/Notes/file.md" />
          </label>
          <button type="submit">Check</button>
        </form>
        {checked && <Failure key={checked} path={checked} error={null} explainNow />}
        {status.readInPart.length > 0 && (
          <>
            <h3>Read in part</h3>
            <ul class="failures read-in-part">
              {status.readInPart.map((f) => (
                <Failure key={f.path} path={f.path} error={f.unread} />
              ))}
            </ul>
          </>
        )}
        <Rules />
      </section>
    </div>
  );
}
