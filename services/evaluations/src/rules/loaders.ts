import { isUuid, keyedLoader, pgArray, type RequestContext } from '@kn/platform';
import { RULE_SET_COLUMNS, toRuleSet, type RuleSetRow } from './service.js';

export function createRuleSetLoaders(ctx: RequestContext<unknown>) {
  /** Rule-set versions by id (an evaluation run's version, whatever was published since). */
  const ruleSetById = keyedLoader<string, RuleSetRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const rows = await em.execute(`select ${RULE_SET_COLUMNS} from evaluations.rule_set r where r.tenant_id = any(?::text[]) and r.id = any(?::uuid[])`, [
      ctx.readTenantsParam,
      pgArray(valid),
    ]);
    return rows.map(toRuleSet);
  }, (r) => r.id);
  return { ruleSetById };
}
