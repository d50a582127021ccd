// Disputes and internal notes, the collections team's own records (promises and pauses are events).

export interface DisputeInput {
  invoiceId: string;
  customerId: string;
  reason: string;
  description: string;
  /** The owner's email; null: unassigned. */
  owner: string | null;
  openedBy: string;
  openedAt: number;
  dueAt: number;
  atRiskAt: number;
}

export interface StoredDispute extends DisputeInput {
  id: number;
  escalatedToLegal: boolean;
  resolvedAt: number | null;
  resolution: string | null;
  resolutionNote: string | null;
}

export interface DisputeChange {
  owner?: string | null;
  escalatedToLegal?: boolean;
  dueAt?: number;
  atRiskAt?: number;
  resolved?: { at: number; resolution: string; note: string | null };
}

export interface NoteInput {
  customerId: string;
  invoiceId: string | null;
  author: string;
  authorId: string;
  body: string;
  mentions: string[];
  createdAt: number;
}

export interface StoredNote extends NoteInput {
  id: number;
}

/** A document brought to a dispute, checked by app/collections/check-dispute-files.ts. */
export interface DisputeAttachmentInput {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface StoredDisputeAttachment {
  id: number;
  workspaceId: string;
  disputeId: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: number;
}

export interface CollectionsRecordStore {
  createDispute(workspaceId: string, dispute: DisputeInput): Promise<StoredDispute>;
  getDispute(workspaceId: string, id: number): Promise<StoredDispute | null>;
  /** Only an unresolved dispute changes; false otherwise. */
  updateDispute(workspaceId: string, id: number, change: DisputeChange): Promise<boolean>;
  /** Unresolved first by due instant, then resolved newest first; filter by invoice or state. */
  listDisputes(workspaceId: string, query: { invoiceId?: string; open?: boolean; limit: number }): Promise<StoredDispute[]>;
  addNote(workspaceId: string, note: NoteInput): Promise<StoredNote>;
  /** Newest first. */
  listNotes(workspaceId: string, query: { customerId?: string; invoiceId?: string; limit: number; beforeId?: number }): Promise<StoredNote[]>;

  /** A dispute's documents, stored with it. */
  addDisputeAttachments(workspaceId: string, disputeId: number, attachments: readonly DisputeAttachmentInput[], at: number): Promise<StoredDisputeAttachment[]>;
  /** In the order they were added. */
  listDisputeAttachments(workspaceId: string, disputeId: number): Promise<StoredDisputeAttachment[]>;
  getDisputeAttachmentContent(workspaceId: string, disputeId: number, id: number): Promise<(StoredDisputeAttachment & { content: Uint8Array }) | null>;
}
