// The page a browser gets without a session: what to run to get one. No script, no data.
const REASONS = {
  "no session": "This browser is not signed in to Hearth.",
  "used or expired link":
    "That sign-in link was already used or has expired (links last two minutes).",
} as const;

export function refusalPage(reason: keyof typeof REASONS): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hearth — sign in</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="refusal"><h1>Hearth</h1><p>${REASONS[reason]}</p>
<p>Run <code>hearth open</code> in a terminal: it opens this page signed in
(<code>hearth open --no-browser</code> prints the link instead).</p></main></body></html>
`;
}
