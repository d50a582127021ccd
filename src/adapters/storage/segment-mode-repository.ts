import type { SegmentModeStore } from '../../app/ports/segment-mode-store.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';

export function createSegmentModeRepository(context: RepositoryContext): SegmentModeStore {
  return {
    async listSegmentModes(workspaceId) {
      const rows = await runQuery(context, { record: `segment modes of ${workspaceId}` }, () =>
        context.db.selectFrom('segment_modes').selectAll().where('workspace_id', '=', workspaceId).orderBy('segment').execute(),
      );
      return rows.map((row) => ({ segment: row.segment, mode: row.mode, setBy: row.set_by, setAt: Number(row.set_at), reason: row.reason }));
    },

    async setSegmentMode(workspaceId, setting) {
      await runAtomically(context, { record: `segment ${setting.segment}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const row = { mode: setting.mode, set_by: setting.setBy, set_at: setting.setAt, reason: setting.reason };
        await db
          .insertInto('segment_modes')
          .values({ workspace_id: workspaceId, segment: setting.segment, ...row })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'segment']).doUpdateSet(row))
          .execute();
      });
    },
  };
}
