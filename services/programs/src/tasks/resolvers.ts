import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { Program } from '../programs/types.js';
import type { TaskRow } from './rows.js';
import { tasksService as tasks } from './service.js';
import { Task, TaskInput } from './types.js';

type C = RequestContext<Loaders>;

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => Program, { nullable: true, description: 'The programme the task belongs to.' })
  program(@Root() t: TaskRow, @Ctx() ctx: C) {
    return tasks.program(ctx, t);
  }

  @Mutation(() => Task, { description: 'Add a task to a programme (officer, admin). Audited.' })
  createTask(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('input', () => TaskInput) input: TaskInput) {
    return tasks.create(ctx, programId, input);
  }

  @Mutation(() => Task, { description: 'Replace a task’s fields (officer, admin); stale `version` → CONFLICT. Audited.' })
  updateTask(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => TaskInput) input: TaskInput,
  ) {
    return tasks.update(ctx, id, version, input);
  }

  @Mutation(() => ID, { description: 'Delete a task (officer, admin); stale `version` → CONFLICT. Returns its id. Audited.' })
  deleteTask(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return tasks.delete(ctx, id, version);
  }
}
