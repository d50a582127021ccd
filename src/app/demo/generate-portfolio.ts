import { createSeededRandom } from '../../core/random/create-seeded-random.ts';
import { formatCalendarDay, type EpochDay } from '../../core/time/calendar-day.ts';

// Made-up but plausible A/R portfolios, the same for the same seed: the demo workspace of
// `plixo start` and the portfolios of `npm run bench`.

export const demoTimeZones = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage',
  'Pacific/Honolulu', 'America/Toronto', 'America/Vancouver', 'America/Mexico_City', 'America/Bogota',
  'America/Lima', 'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/Santiago', 'America/Halifax',
  'America/St_Johns', 'Atlantic/Reykjavik', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon',
  'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam',
  'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Athens', 'Europe/Helsinki', 'Europe/Istanbul',
  'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Lagos', 'Africa/Nairobi', 'Asia/Dubai',
  'Asia/Tehran', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Dhaka',
  'Asia/Bangkok', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Seoul',
  'Australia/Adelaide', 'Australia/Sydney', 'Pacific/Auckland', 'Pacific/Chatham', 'Pacific/Kiritimati',
] as const;

const localeByZone: Record<string, string> = {
  'Europe/Berlin': 'de-DE', 'Europe/Paris': 'fr-FR', 'Europe/Madrid': 'es-ES', 'Europe/Rome': 'it-IT',
  'Asia/Tokyo': 'ja-JP', 'America/Sao_Paulo': 'pt-BR', 'Europe/London': 'en-GB', 'Australia/Sydney': 'en-AU',
};
const currencyByZone: Record<string, string> = {
  'Europe/Berlin': 'EUR', 'Europe/Paris': 'EUR', 'Europe/Madrid': 'EUR', 'Europe/Rome': 'EUR', 'Europe/Amsterdam': 'EUR',
  'Asia/Tokyo': 'JPY', 'Europe/London': 'GBP', 'Asia/Kolkata': 'INR',
};

const namesA = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Cyberdyne', 'Wonka'];
const namesB = ['Logistics', 'Foods', 'Systems', 'Labs', 'Health', 'Retail', 'Energy', 'Media', 'Freight', 'Robotics'];
const industries = ['manufacturing', 'retail', 'software', 'logistics', 'healthcare', 'media'];
const tiers = ['A', 'B', 'C'];

export interface GeneratedCustomer {
  id: string;
  name: string;
  timezone: string;
  locale: string;
  tags: string[];
  region: string;
  industry: string;
  score: number;
  tier: string;
  contacts: { name: string; email: string }[];
}

export interface GeneratedInvoice {
  id: string;
  customer: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  amount: string;
  balance: string;
  currency: string;
}

export interface GeneratePortfolioOptions {
  customers: number;
  invoices: number;
  /** How many of `demoTimeZones` to spread the customers over (at most 50). */
  timeZones: number;
  /** The day the portfolio is "today": due dates spread from 120 days before to 45 days after. */
  today: EpochDay;
  seed: number;
}

export function generateCustomer(index: number, options: GeneratePortfolioOptions, random: () => number): GeneratedCustomer {
  const timezone = demoTimeZones[index % Math.min(options.timeZones, demoTimeZones.length)]!;
  const name = `${namesA[index % namesA.length]} ${namesB[Math.floor(index / namesA.length) % namesB.length]} ${index + 1}`;
  const id = `c${String(index + 1).padStart(6, '0')}`;
  const enterprise = random() < 0.15;
  return {
    id,
    name,
    timezone,
    locale: localeByZone[timezone] ?? 'en-US',
    tags: enterprise ? ['enterprise'] : ['smb'],
    region: timezone.split('/')[0]!,
    industry: industries[index % industries.length]!,
    score: Math.round(random() * 100),
    tier: tiers[Math.floor(random() * tiers.length)]!,
    contacts: [{ name: 'Accounts Payable', email: `ap+${id}@customers.example` }],
  };
}

export function generateInvoice(index: number, customer: GeneratedCustomer, options: GeneratePortfolioOptions, random: () => number): GeneratedInvoice {
  const currency = currencyByZone[customer.timezone] ?? 'USD';
  const dueOn = options.today - 120 + Math.floor(random() * 165);
  const issuedOn = dueOn - 30;
  const digits = currency === 'JPY' ? 0 : 2;
  const whole = 100 + Math.floor(random() * 25_000);
  const amount = digits === 0 ? String(whole * 100) : `${whole}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
  const partlyPaid = random() < 0.1;
  const balance = partlyPaid ? (digits === 0 ? String(whole * 50) : `${Math.floor(whole / 2)}.00`) : amount;
  const id = `INV-${String(index + 1).padStart(7, '0')}`;
  return {
    id,
    customer: customer.id,
    number: id,
    issuedOn: formatCalendarDay(issuedOn),
    dueOn: formatCalendarDay(dueOn),
    amount,
    balance,
    currency,
  };
}

/** Customers and their invoices, invoices spread round-robin over the customers. */
export function* generatePortfolio(options: GeneratePortfolioOptions): Generator<{ customer: GeneratedCustomer; invoices: GeneratedInvoice[] }> {
  const random = createSeededRandom(options.seed);
  const perCustomer = Math.floor(options.invoices / options.customers);
  const extra = options.invoices % options.customers;
  let invoiceIndex = 0;
  for (let index = 0; index < options.customers; index += 1) {
    const customer = generateCustomer(index, options, random);
    const count = perCustomer + (index < extra ? 1 : 0);
    const invoices: GeneratedInvoice[] = [];
    for (let n = 0; n < count; n += 1) invoices.push(generateInvoice(invoiceIndex++, customer, options, random));
    yield { customer, invoices };
  }
}
