import type { Logger } from 'pino';
import { planWorkspace } from '../../app/plan-workspace.ts';
import type { DocumentRenderer, MessageLinks } from '../../app/ports/documents.ts';
import type { Store } from '../../app/ports/store.ts';

export interface Worker {
  /** Runs one tick now (also used by tests); resolves when it is done. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Plans every workspace each `tickMs`; a failing workspace is logged and does not stop the others. */
export function startWorker({ store, workspaceIds, tickMs, clock, logger, links, documents }: {
  store: Store;
  links: MessageLinks;
  documents: DocumentRenderer;
  workspaceIds: () => Promise<string[]>;
  tickMs: number;
  clock: () => number;
  logger: Logger;
}): Worker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    for (const workspaceId of await workspaceIds()) {
      try {
        const result = await planWorkspace({ store, workspaceId, now: clock(), links, documents });
        if (result.recorded > 0) logger.info({ workspaceId, ...result }, 'engine recorded new actions');
      } catch (error) {
        logger.error({ workspaceId, err: error }, 'planning failed for workspace');
      }
    }
  };
  const runTick = () => {
    if (stopped || running) return;
    running = tick().finally(() => {
      running = null;
    });
  };
  runTick();
  const timer = setInterval(runTick, tickMs);
  return {
    async tick() {
      if (running) await running;
      await tick();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
