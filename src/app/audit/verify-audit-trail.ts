import type { Store } from '../ports/store.ts';
import { startAuditChainCheck, type AuditChainVerdict } from './audit-chain.ts';

/** Walks the whole audit trail in chain order, a page at a time, and checks every link. */
export async function verifyAuditTrail({ store, pageSize = 1000 }: { store: Store; pageSize?: number }): Promise<AuditChainVerdict> {
  const check = startAuditChainCheck();
  let afterSeq = 0;
  for (;;) {
    const page = await store.readAuditChain({ afterSeq, limit: pageSize });
    for (const entry of page) {
      const broken = check.add(entry);
      if (broken) return broken;
    }
    if (page.length < pageSize) return check.finish();
    afterSeq = page[page.length - 1]!.seq;
  }
}
