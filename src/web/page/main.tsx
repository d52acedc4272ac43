// The page: one tab per view, chosen by the URL's hash so the browser's back button works.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { AuditPage } from "./audit-page";
import { FinancesPage } from "./finances-page";
import { MemoryPage } from "./memory-page";
import { ModelsPage } from "./models-page";
import { SearchPage } from "./search-page";
import { StatusPage } from "./status-page";

const VIEWS = {
  search: { title: "Search", Page: SearchPage },
  status: { title: "Status", Page: StatusPage },
  finances: { title: "Finances", Page: FinancesPage },
  memory: { title: "Memory", Page: MemoryPage },
  audit: { title: "Audit", Page: AuditPage },
  models: { title: "Models", Page: ModelsPage },
} as const;

type View = keyof typeof VIEWS;

function viewOf(hash: string): View {
  const name = hash.replace(/^#\/?/, "").split("?")[0] as View;
  return name in VIEWS ? name : "search";
}

function App() {
  const [view, setView] = useState<View>(() => viewOf(location.hash));
  useEffect(() => {
    const follow = () => setView(viewOf(location.hash));
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  useEffect(() => void (document.title = `${VIEWS[view].title} · Hearth`), [view]);
  const { Page } = VIEWS[view];
  return (
    <>
      <header class="top">
        <span class="brand">Hearth</span>
        <nav aria-label="Views">
          {(Object.keys(VIEWS) as View[]).map((v) => (
            <a key={v} href={`#/${v}`} aria-current={v === view ? "page" : undefined}>
              {VIEWS[v].title}
            </a>
          ))}
        </nav>
      </header>
      <main>
        <h1 class="visually-hidden">{VIEWS[view].title}</h1>
        <Page />
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
