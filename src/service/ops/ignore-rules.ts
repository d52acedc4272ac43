// The rules that leave files out, for the user's own view (the page's Status); a profile is
// refused by the service before it gets here.
import { type IgnoreRuleList, ignoreRuleList } from "../../pipeline/ignore-rules.js";
import type { ServiceContext } from "../context.js";

export function ignoreRules(ctx: ServiceContext): { result: IgnoreRuleList; paths: string[] } {
  const { exclude, indexSecrets } = ctx.config.index;
  return { result: ignoreRuleList({ exclude, indexSecrets }), paths: [] };
}
