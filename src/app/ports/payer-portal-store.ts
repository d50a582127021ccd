// The payer portal's records: the stored link behind every {pay_link}, a workspace's portal
// settings and the files a payer attaches to a dispute.

export type PayerLinkRevokedReason = 'regenerated' | 'superseded';

export interface PayerLinkInput {
  /** 128 random bits, base64url; unique across workspaces (the token carries only this). */
  id: string;
  invoiceId: string;
  customerId: string;
  createdAt: number;
}

export interface StoredPayerLink extends PayerLinkInput {
  workspaceId: string;
  /** Issued, carried by a message or opened by the payer; the link expires seven days after. */
  lastUsedAt: number;
  revokedAt: number | null;
  /** `regenerated` by a person; `superseded` when a new link replaced an expired or spent one. */
  revokedReason: PayerLinkRevokedReason | null;
  revokedBy: string | null;
  /** A payment started through the link completed: it opens nothing any more. */
  spentAt: number | null;
  /** The processor's id of the last checkout started through the link. */
  checkoutId: string | null;
}

export interface PortalSettings {
  /** Where payers pay when no processor is connected: `{invoice_number}`, `{amount}`, `{currency}` are filled in. */
  paymentUrlTemplate: string | null;
  updatedBy: string | null;
  updatedAt: number | null;
}

export interface PayerPortalStore {
  /** By id alone: the caller has verified the token's signature first. */
  getPayerLink(id: string): Promise<StoredPayerLink | null>;
  /** The invoice's link that is not revoked (at most one), live or not. */
  getCurrentPayerLink(workspaceId: string, invoiceId: string): Promise<StoredPayerLink | null>;
  /** Refused (StorageInputError on `invoiceId`) while the invoice has a link that is not revoked. */
  createPayerLink(workspaceId: string, link: PayerLinkInput): Promise<StoredPayerLink>;
  /** Only a link not revoked yet; false otherwise. */
  revokePayerLink(workspaceId: string, id: string, revoke: { at: number; reason: PayerLinkRevokedReason; by: string }): Promise<boolean>;
  /** Moves last use forward (never back). */
  touchPayerLink(workspaceId: string, id: string, at: number): Promise<void>;
  recordPayerLinkCheckout(workspaceId: string, id: string, checkoutId: string): Promise<void>;
  /** Only once; false when the link was spent already (or does not exist). */
  markPayerLinkSpent(workspaceId: string, id: string, at: number): Promise<boolean>;

  getPortalSettings(workspaceId: string): Promise<PortalSettings>;
  savePortalSettings(workspaceId: string, settings: { paymentUrlTemplate: string | null; updatedBy: string; updatedAt: number }): Promise<PortalSettings>;
}
