import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { publishedOn, ruleSetsService as ruleSets, type RuleSetRow } from './service.js';
import { toProvenance } from '@kn/platform';
import { ruleSetProvenance, ruleSetTranscribed } from './provenance.js';
import { GradeBand, JudgedRequirement, RuleDefinition, RuleSet, TopChoice } from './types.js';

@Resolver(() => RuleSet)
export class RuleSetResolver {
  @Query(() => [RuleSet], { description: 'Rule-set versions of your province (of one programme), newest first.' })
  ruleSets(@Ctx() ctx: C, @Arg('programId', () => ID, { nullable: true }) programId?: string) {
    return ruleSets.list(ctx, programId);
  }

  @Query(() => RuleSet, { nullable: true, description: 'A programme’s rule set: the current version, or the one asked for.' })
  ruleSet(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('version', () => Int, { nullable: true }) version?: number) {
    return ruleSets.get(ctx, programId, version);
  }

  @Mutation(() => RuleSet, {
    description:
      'Admins: publish a new version of a programme’s rating rules (JSON, see docs/EVALUATIONS.md). Earlier versions and ' +
      'the evaluations that used them never change. Audited.',
  })
  publishRuleSet(
    @Ctx() ctx: C,
    @Arg('programId', () => ID) programId: string,
    @Arg('definition', () => String, { description: 'The rule set as JSON text.' }) definition: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ) {
    return ruleSets.publish(ctx, programId, definition, note);
  }

  @FieldResolver()
  program(@Root() r: RuleSetRow) {
    return { id: r.programId };
  }

  @FieldResolver()
  title(@Root() r: RuleSetRow) {
    return { vi: r.titleVi, en: r.titleEn };
  }

  @FieldResolver(() => [RuleDefinition])
  rules(@Root() r: RuleSetRow): RuleDefinition[] {
    return r.definition.rules.map((rule) => ({
      code: rule.code,
      title: rule.title,
      source: rule.source,
      appliesTo: { kinds: [...rule.appliesTo.kinds], lowland: rule.appliesTo.lowland ?? null },
      fact: rule.fact,
      comparison: rule.comparison,
      threshold: rule.threshold,
      per: rule.per ?? null,
      gate: rule.gate,
      excludes: rule.excludes,
      provenance: toProvenance(rule.provenance),
    }));
  }

  @FieldResolver(() => [GradeBand])
  bands(@Root() r: RuleSetRow): GradeBand[] {
    return r.definition.grading.bands.map((b) => ({
      grade: b.grade,
      minShareMet: b.minShareMet,
      minMargin: b.minMargin ?? null,
      provenance: toProvenance(b.provenance),
    }));
  }

  @FieldResolver(() => TopChoice, { nullable: true })
  top(@Root() r: RuleSetRow): TopChoice | null {
    const t = r.definition.grading.top;
    return t ? { grades: [...t.grades], requiresQuantified: t.requiresQuantified, provenance: toProvenance(t.provenance) } : null;
  }

  @FieldResolver(() => [JudgedRequirement])
  judgedByApprover(@Root() r: RuleSetRow): JudgedRequirement[] {
    return r.definition.grading.judgedByApprover.map((j) => ({ code: j.code, title: j.title, provenance: toProvenance(j.provenance) }));
  }

  @FieldResolver(() => Boolean)
  transcribed(@Root() r: RuleSetRow) {
    return ruleSetTranscribed(r.definition);
  }

  @FieldResolver()
  provenance(@Root() r: RuleSetRow) {
    return toProvenance(ruleSetProvenance(r.definition));
  }

  @FieldResolver(() => String)
  gateCap(@Root() r: RuleSetRow) {
    return r.definition.grading.gateCap;
  }

  @FieldResolver(() => String)
  definition(@Root() r: RuleSetRow) {
    return JSON.stringify(r.definition);
  }

  @FieldResolver()
  publishedOn(@Root() r: RuleSetRow) {
    return publishedOn(r);
  }
}
