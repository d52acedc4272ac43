// Loader hook: appends every module URL the process resolves to $HEARTH_IMPORT_LOG.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.HEARTH_IMPORT_LOG, result.url + "\n");
  return result;
}
