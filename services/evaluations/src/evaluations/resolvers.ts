import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EvaluationStatus, Grade } from '../common/enums.js';
import { SponsorRef } from '../common/stubs.js';
import type { Ctx as C } from '../loaders.js';
import { GRADES } from '../rules/language.js';
import type { EvaluationRow, RunRow } from './rows.js';
import { evaluationsService as evaluations } from './service.js';
import { EvaluationRun, FactValue, GradeCount, SponsorEvaluation } from './types.js';

export function gradeDistribution(grades: (string | null)[]): GradeCount[] {
  return GRADES.map((g) => ({ grade: g as Grade, count: grades.filter((x) => x === g).length }));
}

@Resolver(() => EvaluationRun)
export class EvaluationRunResolver {
  @Mutation(() => EvaluationRun, {
    description:
      'Officers and admins: rates every sponsor of the programme’s year with the current rule set, from the sponsors’ ' +
      'recorded facts and the reports: a new DRAFT (the previous draft is superseded; approved results never change). Audited.',
  })
  evaluateSponsors(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('year', () => Int) year: number) {
    return evaluations.evaluate(ctx, programId, year);
  }

  @Mutation(() => EvaluationRun, {
    description: 'Admins: approves the current draft of the programme’s year; it is frozen with its rule-set version from then on. Audited.',
  })
  approveEvaluations(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('year', () => Int) year: number) {
    return evaluations.approve(ctx, programId, year);
  }

  @Mutation(() => SponsorEvaluation, {
    description:
      'Admins: for an evaluation of the current DRAFT proposed as eligible for several grades (outcome CHOICE_REQUIRED, seed 001 ' +
      '§IV.1 “xuất sắc, tốt”), choose one of them, with a reason (at least 10 characters). Stored apart from the evaluation, ' +
      'audited; choosing again replaces the choice until the run is approved.',
  })
  chooseGrade(
    @Ctx() ctx: C,
    @Arg('evaluationId', () => ID) evaluationId: string,
    @Arg('grade', () => Grade) grade: Grade,
    @Arg('reason', () => String) reason: string,
  ) {
    return evaluations.choose(ctx, evaluationId, grade, reason);
  }

  @Query(() => EvaluationRun, {
    nullable: true,
    description: 'The evaluations in force for a programme’s year (the latest approved, else the draft), or the latest of `status`.',
  })
  evaluationRun(
    @Ctx() ctx: C,
    @Arg('programId', () => ID) programId: string,
    @Arg('year', () => Int) year: number,
    @Arg('status', () => EvaluationStatus, { nullable: true }) status?: EvaluationStatus,
  ) {
    return evaluations.run(ctx, programId, year, status);
  }

  @Query(() => [EvaluationRun], { description: 'Every computation of a programme’s year, newest first.' })
  evaluationRuns(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('year', () => Int) year: number) {
    return evaluations.runs(ctx, programId, year);
  }

  @Query(() => [SponsorEvaluation], {
    description: 'Officers and admins: what `evaluateSponsors` would compute now, not stored (status PREVIEW).',
  })
  evaluationPreview(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('year', () => Int) year: number) {
    return evaluations.preview(ctx, programId, year);
  }

  @FieldResolver()
  program(@Root() r: RunRow) {
    return { id: r.programId };
  }

  @FieldResolver()
  ruleSet(@Root() r: RunRow, @Ctx() ctx: C) {
    return ctx.loaders.ruleSetById.load(r.ruleSetId);
  }

  @FieldResolver()
  evaluations(@Root() r: RunRow, @Ctx() ctx: C) {
    return ctx.loaders.evaluationsByRun.load(r.id);
  }

  @FieldResolver()
  async gradeDistribution(@Root() r: RunRow, @Ctx() ctx: C) {
    return gradeDistribution((await ctx.loaders.evaluationsByRun.load(r.id)).map((e) => e.grade));
  }
}

@Resolver(() => SponsorEvaluation)
export class SponsorEvaluationResolver {
  @FieldResolver()
  sponsor(@Root() e: EvaluationRow) {
    return { id: e.sponsorId };
  }

  @FieldResolver()
  program(@Root() e: EvaluationRow) {
    return { id: e.programId };
  }

  @FieldResolver()
  rules(@Root() e: EvaluationRow) {
    return e.rules;
  }

  @FieldResolver()
  summary(@Root() e: EvaluationRow) {
    return { vi: e.summaryVi, en: e.summaryEn };
  }

  @FieldResolver(() => [FactValue])
  facts(@Root() e: EvaluationRow): FactValue[] {
    return Object.entries(e.facts.facts ?? {}).map(([name, value]) => ({ name, value: String(value) }));
  }

  @FieldResolver()
  staffCount(@Root() e: EvaluationRow) {
    return e.facts.sponsor?.staffCount ?? null;
  }

  @FieldResolver()
  twinnedCommunes(@Root() e: EvaluationRow) {
    return e.facts.twinnedCommunes ?? 0;
  }
}

@Resolver(() => SponsorRef)
export class SponsorEvaluationFieldResolver {
  @FieldResolver(() => SponsorEvaluation, {
    nullable: true,
    description:
      'This sponsor’s evaluation for a programme’s year: in the run in force (the latest approved, else the draft), or ' +
      'in the latest run of `status`. A sponsor reads its own approved evaluation only.',
  })
  evaluation(
    @Root() s: SponsorRef,
    @Ctx() ctx: C,
    @Arg('programId', () => ID) programId: string,
    @Arg('year', () => Int) year: number,
    @Arg('status', () => EvaluationStatus, { nullable: true }) status?: EvaluationStatus,
  ) {
    return evaluations.forSponsor(ctx, s.id, programId, year, status);
  }
}
