// The daemon's JSON API, from the page: reads are GETs; changes carry the session's CSRF token.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

let csrf: Promise<string> | null = null;

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & {
    error?: { code: string; message: string; fix?: string };
  };
  if (!res.ok) {
    const e = body.error ?? { code: String(res.status), message: res.statusText };
    throw new ApiError(e.code, e.message, e.fix);
  }
  return body;
}

export type Params = Record<string, string | number | boolean | undefined | null>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function get<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  return answer<T>(await fetch(`/api/${path}${query(params)}`, { signal: signal ?? null }));
}

export async function change<T>(
  method: "POST" | "DELETE",
  path: string,
  body: unknown,
): Promise<T> {
  const send = async () => {
    csrf ??= get<{ csrf: string }>("session").then((s) => s.csrf);
    const token = await csrf.catch((err: unknown) => {
      csrf = null;
      throw err;
    });
    return fetch(`/api/${path}`, {
      method,
      headers: { "content-type": "application/json", "x-hearth-csrf": token },
      body: JSON.stringify(body),
    });
  };
  let res = await send();
  // Signed in again since (a new session, a new token): ask for the token once more.
  if (res.status === 403 && res.headers.get("x-hearth-refusal") === "CSRF") {
    csrf = null;
    res = await send();
  }
  return answer<T>(res);
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.fix ? `${err.message} — ${err.fix}` : err.message;
  return err instanceof Error ? err.message : String(err);
}
