/**
 * A replication pool on Web Workers, for notebooks in the browser (browser only). The workers run
 * the dashboard's worker script: `runRange` on a range, posting back plain statistics. Tasks wait
 * in a queue and go to the first idle worker; a worker is started only when a task needs one.
 */
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import type { RepOutput } from '../runner/task.ts';
import type { WorkerReply, WorkerRequest } from '../dashboard/worker.ts';
import type { ReplicationPool } from './pool.ts';

interface Task {
  request: WorkerRequest;
  resolve(outputs: RepOutput[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

const createWorker = () => new Worker(new URL('../dashboard/worker.ts', import.meta.url), { type: 'module' });

/**
 * A pool of `size` Web Workers (default: the browser's cores, at most 8). A failed replication
 * rejects its task with the worker's message; a worker that crashes is replaced.
 *
 * @example
 *   const pool = webWorkerPool();
 *   invalidation.then(() => pool.dispose());            // in a notebook cell
 *   const agg = await runScenario(pool, scenario, 20);
 */
export function webWorkerPool(size = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))): ReplicationPool {
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let next = 1;
  let disposed = false;

  const dispatch = () => {
    while (queue.length > 0) {
      let slot = slots.find((s) => s.task === null);
      if (!slot) {
        if (slots.length >= size) return;
        slot = spawn();
      }
      slot.task = queue.shift()!;
      slot.worker.postMessage(slot.task.request);
    }
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: createWorker(), task: null };
    const settle = (reply: WorkerReply | { error: string }) => {
      const task = slot.task;
      if (!task || ('run' in reply && reply.run !== task.request.run)) return;
      slot.task = null;
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.outputs);
      dispatch();
    };
    slot.worker.onmessage = (e: MessageEvent<WorkerReply>) => settle(e.data);
    slot.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      slot.worker.terminate();
      slots.splice(slots.indexOf(slot), 1);
      settle({ error: `a worker failed: ${e.message || 'unknown error'}` });
    };
    slots.push(slot);
    return slot;
  };

  return {
    size,
    run(scenario: Scenario, range: RepRange) {
      if (disposed) return Promise.reject(new Error('the replication pool was disposed'));
      return new Promise<RepOutput[]>((resolve, reject) => {
        queue.push({ request: { run: next++, scenario, range }, resolve, reject });
        dispatch();
      });
    },
    dispose() {
      disposed = true;
      for (const t of queue.splice(0)) t.reject(new Error('the replication pool was disposed'));
      for (const s of slots.splice(0)) {
        s.worker.terminate();
        s.task?.reject(new Error('the replication pool was disposed'));
      }
    },
  };
}
