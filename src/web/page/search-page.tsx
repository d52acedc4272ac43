// Search as you type: filters, highlighted snippets with their citations, a preview of the cited
// lines in context, and the keyboard (/ to focus, ↑ ↓ to choose, Enter to preview).
import { useEffect, useRef, useState } from "preact/hooks";
import { errorText, get } from "./api";
import { citation, editorLink, firstLine } from "./cite";
import { Highlight } from "./highlight";
import type { Hit, ReadAnswer, SearchAnswer } from "./types";
import { useDebounced } from "./use-debounced";

const CONTEXT_LINES = 4;

interface Filters {
  mode: string;
  path: string;
  kinds: string;
  after: string;
  before: string;
  sort: string;
}

function Preview({ hit }: { hit: Hit }) {
  const [read, setRead] = useState<ReadAnswer | null>(null);
  const [error, setError] = useState("");
  const cited = "startLine" in hit.location ? hit.location : null;
  useEffect(() => {
    setRead(null);
    setError("");
    const controller = new AbortController();
    const page = "page" in hit.location ? hit.location.page : null;
    const start = cited ? Math.max(1, cited.startLine - CONTEXT_LINES) : 1;
    const end = cited ? cited.endLine + CONTEXT_LINES : 40;
    // A page hit shows its page; a line hit its lines in context; a sheet its first rows.
    const range = page !== null ? { page } : { start, end };
    get<ReadAnswer>("read", { path: hit.path, ...range }, controller.signal)
      .then(setRead)
      .catch((err: unknown) => controller.signal.aborted || setError(errorText(err)));
    return () => controller.abort();
  }, [hit.path, cited?.startLine, cited?.endLine, "page" in hit.location && hit.location.page]);
  return (
    <section class="preview" aria-label="Preview" tabIndex={-1} id="preview">
      <header>
        <h2>{hit.title || hit.path.split("/").pop()}</h2>
        <p class="path">
          {hit.path} · {citation(hit.location)}
          {hit.ocr ? ` · read by OCR (confidence ${Math.round(hit.ocr.confidence)}%)` : ""}
        </p>
        <p class="links">
          <a href={editorLink(hit.path, firstLine(hit.location))}>Open in editor</a>
        </p>
      </header>
      {error && <p class="error">{error}</p>}
      {read && (
        <pre class="lines">
          {read.text.split("\n").map((line) => {
            const tab = line.indexOf("\t");
            const n = Number(line.slice(0, tab));
            const inCite = cited !== null && n >= cited.startLine && n <= cited.endLine;
            return (
              <div class={inCite ? "line cited" : "line"} key={n}>
                <span class="n">{n}</span>
                <span>{line.slice(tab + 1)}</span>
              </div>
            );
          })}
        </pre>
      )}
    </section>
  );
}

export function SearchPage() {
  const [text, setText] = useState(
    () => new URLSearchParams(location.hash.split("?")[1]).get("q") ?? "",
  );
  const [filters, setFilters] = useState<Filters>({
    mode: "hybrid",
    path: "",
    kinds: "",
    after: "",
    before: "",
    sort: "relevance",
  });
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState("");
  const [selected, setSelected] = useState(0);
  const [previewed, setPreviewed] = useState<Hit | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const query = useDebounced(text.trim(), 150);

  useEffect(() => {
    const focus = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key !== "/" || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      e.preventDefault();
      input.current?.focus();
    };
    addEventListener("keydown", focus);
    input.current?.focus();
    return () => removeEventListener("keydown", focus);
  }, []);

  useEffect(() => {
    if (!query) return setAnswer(null);
    const controller = new AbortController();
    get<SearchAnswer>(
      "search",
      {
        q: query,
        mode: filters.mode,
        path: filters.path,
        kinds: filters.kinds.replace(/\s+/g, ""),
        after: filters.after,
        before: filters.before,
        sort: filters.sort,
      },
      controller.signal,
    )
      .then((a) => {
        setAnswer(a);
        setError("");
        setSelected(0);
        setPreviewed(a.results[0] ?? null);
      })
      .catch((err: unknown) => controller.signal.aborted || setError(errorText(err)));
    return () => controller.abort();
  }, [query, filters]);

  const results = answer?.results ?? [];
  const onKey = (e: KeyboardEvent) => {
    if (results.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setSelected((s) => Math.min(results.length - 1, Math.max(0, s + step)));
    } else if (e.key === "Enter") {
      e.preventDefault();
      setPreviewed(results[selected] ?? null);
    }
  };
  const set = (key: keyof Filters) => (e: Event) =>
    setFilters({ ...filters, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <div class="search-page">
      <form class="search-bar" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={input}
          type="search"
          aria-label="Search your files"
          placeholder="Search your files ( / )"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKey}
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls="results"
          aria-activedescendant={results.length ? `result-${selected}` : undefined}
        />
        <label>
          Mode
          <select value={filters.mode} onChange={set("mode")}>
            <option value="hybrid">hybrid</option>
            <option value="keyword">keyword</option>
            <option value="semantic">semantic</option>
          </select>
        </label>
        <label>
          Folder
          <input type="text" value={filters.path} onChange={set("path")} placeholder="/any" />
        </label>
        <label>
          Kinds
          <input type="text" value={filters.kinds} onChange={set("kinds")} placeholder="md, pdf" />
        </label>
        <label>
          From
          <input type="date" value={filters.after} onChange={set("after")} />
        </label>
        <label>
          Before
          <input type="date" value={filters.before} onChange={set("before")} />
        </label>
        <label>
          Order
          <select value={filters.sort} onChange={set("sort")}>
            <option value="relevance">relevance</option>
            <option value="date">newest first</option>
          </select>
        </label>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {answer?.notice && <p class="notice">{answer.notice}</p>}
      {answer?.unsearched && <p class="notice">{answer.unsearched.hint}</p>}
      <div class="split">
        <ul id="results" role="listbox" aria-label="Results" class="results">
          {answer && results.length === 0 && <li class="empty">No match.</li>}
          {results.map((hit, i) => (
            <li
              id={`result-${i}`}
              key={`${hit.path}#${i}`}
              role="option"
              aria-selected={i === selected}
              class={i === selected ? "result selected" : "result"}
              onClick={() => {
                setSelected(i);
                setPreviewed(hit);
              }}
            >
              <div class="title">{hit.title || hit.path.split("/").pop()}</div>
              <div class="where">
                {hit.path} · {citation(hit.location)}
                {hit.ocr ? " · OCR" : ""}
              </div>
              <div class="snippet">
                <Highlight text={hit.snippet} query={query} />
              </div>
              {hit.alsoIn && hit.alsoIn.length > 0 && (
                <div class="also">also in {hit.alsoIn.join(", ")}</div>
              )}
            </li>
          ))}
        </ul>
        {previewed && <Preview hit={previewed} />}
      </div>
      {answer && (
        <p class="took">
          {results.length} result(s), {answer.mode}, {answer.tookMs} ms
        </p>
      )}
    </div>
  );
}
