// Who is asking: every service operation takes a caller, so access rules and the audit log apply
// the same way whichever face (MCP, the control socket, the web page) the request came through.

export interface Caller {
  /** As the audit log names it: "Claude Desktop 1.2.0", "hearth cli". */
  client: string;
  /** The profile whose scope applies; null: every folder. */
  profile: string | null;
  /** Agents' calls are audited and held to the agent limits; the user's own are not. */
  agent: boolean;
}

/** The user at the terminal: `hearth search`, `hearth status`, … over the control socket or alone. */
export const CLI_CALLER: Caller = { client: "hearth cli", profile: null, agent: false };

export function agentCaller(client: string, profile: string | null = null): Caller {
  return { client, profile, agent: true };
}

/** The user in the browser: the page `hearth open` opens. */
export const WEB_CALLER: Caller = { client: "hearth web", profile: null, agent: false };
