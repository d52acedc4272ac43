// doctor for one file, as the service answers it: the same story `hearth doctor FILE` prints.
import { z } from "zod";
import { HearthError } from "../../errors.js";
import type { Caller } from "../caller.js";
import type { ServiceContext } from "../context.js";
import { type DoctorLine, explainFile } from "../explain-file.js";
import { pathField } from "../schema-parts.js";

export const doctorInput = z.object({ path: pathField }).strict();

export async function doctor(
  ctx: ServiceContext,
  caller: Caller,
  raw: unknown,
): Promise<{ result: { path: string; lines: DoctorLine[] }; paths: string[] }> {
  const { path } = ctx.parse(doctorInput, raw, "doctor");
  // Its own story tells the user about any file; a profile has no business asking.
  if (caller.profile !== null)
    throw new HearthError("TOOL_NOT_ALLOWED", "doctor is the user's own command");
  const lines = await explainFile({ ...ctx, policy: ctx.runtime.policy }, path);
  return { result: { path, lines }, paths: [path] };
}
