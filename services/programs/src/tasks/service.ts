import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  checkVersion,
  idOf,
  newId,
  notFound,
  optionalText,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
  textList,
} from '@kn/platform';
import { TaskStatus } from '../common/enums.js';
import { inScope } from '../common/scope.js';
import { type Period } from '../common/validation.js';
import type { Loaders } from '../loaders.js';
import type { ProgramRow } from '../programs/rows.js';
import { lockProgram, periodOf, programsService } from '../programs/service.js';
import { validateDue } from './due.js';
import { TaskEntity, type Task } from './entities.js';
import type { TaskRow } from './rows.js';
import type { TaskInput } from './types.js';

type Ctx = RequestContext<Loaders>;

const MAX_TASKS_PER_PROGRAM = 2000;

function validateTask(
  input: TaskInput,
  period: Period,
  current?: { status: string },
): Omit<Task, 'tenantId' | 'id' | 'programId' | 'position' | 'version'> {
  return {
    title: requiredText(input.title, 'input.title', 4000),
    leadAgency: requiredText(input.leadAgency, 'input.leadAgency', 1000),
    coordinatingAgencies: textList(input.coordinatingAgencies, 'input.coordinatingAgencies', 50, 500),
    directingBody: optionalText(input.directingBody, 'input.directingBody', 500),
    ...validateDue(input.due, period),
    // omitted: PLANNED for a new task, unchanged on update
    status: input.status ?? current?.status ?? TaskStatus.PLANNED,
    reference: optionalText(input.reference, 'input.reference', 50),
  };
}

async function lockTask(em: EntityManager, tenant: string, id: string): Promise<Task> {
  idOf(id, 'Task');
  const task = await em.findOne(TaskEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!task) throw notFound('Task', { field: 'id' });
  return task;
}

export class TasksService {
  forProgram(ctx: Ctx, program: ProgramRow): Promise<TaskRow[]> {
    return ctx.loaders.tasksByProgram.load(program.id);
  }

  async byId(ctx: Ctx, id: string): Promise<TaskRow | null> {
    ctx.authorize('programs.read');
    const task = await ctx.loaders.taskById.load(id);
    if (!task) return null;
    return inScope(await ctx.loaders.scope(), task.programId) ? task : null;
  }

  program(ctx: Ctx, task: TaskRow) {
    return programsService.byId(ctx, task.programId);
  }

  async create(ctx: Ctx, programId: string, input: TaskInput): Promise<TaskRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const id = newId();
    await ctx.write('createTask', async (em) => {
      const program = await lockProgram(em, tenant, programId, LockMode.PESSIMISTIC_READ);
      const data = validateTask(input, periodOf(program));
      const [row] = await em.execute(
        `select count(*) as n, coalesce(max(position), 0) + 1 as next from programs.task where tenant_id = ? and program_id = ?`,
        [tenant, programId],
      );
      if (Number(row?.n ?? 0) >= MAX_TASKS_PER_PROGRAM) {
        throw refuse(`A programme may have at most ${MAX_TASKS_PER_PROGRAM} tasks`, 'programId', Reason.TOO_MANY);
      }
      em.create(TaskEntity, { ...data, tenantId: tenant, id, programId, position: Number(row?.next ?? 1), version: 1 });
    });
    ctx.loaders.tasksByProgram.clear(programId);
    return this.reload(ctx, id);
  }

  async update(ctx: Ctx, id: string, version: number, input: TaskInput): Promise<TaskRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    let programId = '';
    await ctx.write('updateTask', async (em) => {
      const task = await lockTask(em, tenant, id);
      checkVersion(task, version, 'The task');
      programId = task.programId;
      const program = await lockProgram(em, tenant, task.programId, LockMode.PESSIMISTIC_READ);
      em.assign(task, { ...validateTask(input, periodOf(program), task), version: task.version + 1 });
    });
    ctx.loaders.tasksByProgram.clear(programId);
    return this.reload(ctx, id);
  }

  async delete(ctx: Ctx, id: string, version: number): Promise<string> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    await ctx.write('deleteTask', async (em) => {
      const task = await lockTask(em, tenant, id);
      checkVersion(task, version, 'The task');
      ctx.loaders.tasksByProgram.clear(task.programId);
      em.remove(task);
    });
    ctx.loaders.taskById.clear(id);
    return id;
  }

  private async reload(ctx: Ctx, id: string): Promise<TaskRow> {
    ctx.loaders.taskById.clear(id);
    const row = await ctx.loaders.taskById.load(id);
    if (!row) throw notFound('Task', { field: 'id' });
    return row;
  }
}

export const tasksService = new TasksService();
