// The soak's organisations: a service provider's client organisations, each with its own time
// zone, sending domain and guardrails, chosen so that every cap binds during the run: the
// customers' daily limit (maxSendsPerDay), a segment's sendCap, and a domain's warm-up.

export interface SoakOrganisation {
  id: string;
  name: string;
  /** The workspace's zone: segment caps and warm-up count per local day here. */
  timeZone: string;
  locale: string;
  currency: string;
  customers: number;
  invoices: number;
  /** How many of the demo time zones the customers are spread over (the first n). */
  customerTimeZones: number;
  domain: string;
  /** The week of warm-up the simulation starts in (1: 50 a day); null: the domain is warmed up. */
  warmupWeek: number | null;
  /** The smb segment's messages a day; null: no cap. */
  smbSendCap: number | null;
  maxSendsPerDay: number;
  /** Leave the catch-all segment in shadow mode: its messages wait as drafts. */
  shadowDefault: boolean;
}

export const soakOrganisations: readonly SoakOrganisation[] = [
  {
    id: 'northwind', name: 'Northwind Traders', timeZone: 'America/New_York', locale: 'en-US', currency: 'USD',
    customers: 160, invoices: 480, customerTimeZones: 50, domain: 'ar.northwind.example',
    warmupWeek: 1, smbSendCap: 30, maxSendsPerDay: 1, shadowDefault: false,
  },
  {
    id: 'kontor', name: 'Kontor Handel GmbH', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR',
    customers: 140, invoices: 420, customerTimeZones: 30, domain: 'buchhaltung.kontor.example',
    warmupWeek: 2, smbSendCap: 25, maxSendsPerDay: 1, shadowDefault: true,
  },
  {
    id: 'sakura', name: 'Sakura Components', timeZone: 'Asia/Tokyo', locale: 'ja-JP', currency: 'JPY',
    customers: 100, invoices: 300, customerTimeZones: 50, domain: 'billing.sakura.example',
    warmupWeek: null, smbSendCap: 12, maxSendsPerDay: 1, shadowDefault: false,
  },
  {
    id: 'bulkco', name: 'Bulk Freight Co', timeZone: 'America/Chicago', locale: 'en-US', currency: 'USD',
    customers: 1000, invoices: 3000, customerTimeZones: 50, domain: 'collections.bulkco.example',
    warmupWeek: null, smbSendCap: null, maxSendsPerDay: 2, shadowDefault: false,
  },
];
