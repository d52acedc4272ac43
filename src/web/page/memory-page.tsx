// What agents remembered: each note with its client, time and tags; edited (a correction that
// keeps the old note, marked superseded) or forgotten.
import { useEffect, useState } from "preact/hooks";
import { change, errorText, get } from "./api";
import type { MemoryNote } from "./types";

function Note({ note, changed }: { note: MemoryNote; changed: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const save = () =>
    change("POST", "memory", { title: note.title, text, tags: note.tags, corrects: note.id })
      .then(() => changed(`saved "${note.title}"`))
      .catch((err: unknown) => changed(errorText(err)));
  const forget = () => {
    if (!confirm(`Forget "${note.title}"? The note file is deleted.`)) return;
    change("DELETE", "memory", { path: note.path })
      .then(() => changed(`forgot "${note.title}"`))
      .catch((err: unknown) => changed(errorText(err)));
  };
  return (
    <li class="note">
      <h3>{note.title}</h3>
      <p class="meta">
        {new Date(note.created).toLocaleString()} · {note.client ?? "unknown client"}
        {note.tags.length > 0 && ` · ${note.tags.join(", ")}`}
      </p>
      {editing ? (
        <>
          <label class="visually-hidden" for={`edit-${note.id}`}>
            Text of {note.title}
          </label>
          <textarea
            id={`edit-${note.id}`}
            rows={6}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="button" onClick={() => void save()}>
            Save
          </button>{" "}
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <pre class="note-text">{note.text}</pre>
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>{" "}
          <button type="button" onClick={forget}>
            Forget
          </button>
        </>
      )}
    </li>
  );
}

export function MemoryPage() {
  const [notes, setNotes] = useState<MemoryNote[] | null>(null);
  const [message, setMessage] = useState("");
  const load = () =>
    get<{ notes: MemoryNote[] }>("memory")
      .then((a) => setNotes(a.notes))
      .catch((err: unknown) => setMessage(errorText(err)));
  useEffect(() => void load(), []);
  const changed = (m: string) => {
    setMessage(m);
    void load();
  };
  return (
    <div class="memory-page">
      <h2>Memory</h2>
      {message && <p role="status">{message}</p>}
      {notes && notes.length === 0 && <p>No agent has remembered anything yet.</p>}
      <ul class="notes">
        {notes?.map((n) => (
          <Note key={n.id} note={n} changed={changed} />
        ))}
      </ul>
    </div>
  );
}
