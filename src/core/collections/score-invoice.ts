// The collections queue's order: each open invoice scored by how late it is, how much is open,
// the customer's risk, its promise or payment plan, and what waits on a person (a dispute, a task or escalation,
// a draft, a bounced address). Every point comes with its reason, so the queue says why an invoice
// is where it is. Today's focus is the top three.

export interface QueueFacts {
  daysPastDue: number;
  /** Major units, at face value. */
  balance: number;
  /** "1,200.00 EUR", for the reason's text. */
  balanceText: string;
  /** The customer's credit score, 0-100 (higher is safer); null: unknown. */
  customerScore: number | null;
  /** An open promise: the promised date and the days until it (negative: passed, within grace). */
  promise: { on: string; daysUntil: number } | null;
  promiseBroken: boolean;
  /** A payment plan being kept: its next instalment's date, the days until it, and what is still to pay for it ("250.00 EUR"). */
  plan: { on: string; daysUntil: number; dueText: string } | null;
  /** A plan broken in the last two weeks. */
  planBroken: boolean;
  disputed: boolean;
  /** Tasks and escalations of the last seven days. */
  openTasks: number;
  draftAwaiting: boolean;
  bouncedContact: boolean;
}

export interface ScoredReason {
  code: string;
  points: number;
  text: string;
}

export function agingBucketOf(daysPastDue: number): { points: number; text: string } {
  if (daysPastDue <= 0) return { points: 0, text: daysPastDue === 0 ? 'due today' : `due in ${-daysPastDue} day${daysPastDue === -1 ? '' : 's'}` };
  if (daysPastDue <= 30) return { points: 20, text: '1-30 days past due' };
  if (daysPastDue <= 60) return { points: 35, text: '31-60 days past due' };
  if (daysPastDue <= 90) return { points: 50, text: '61-90 days past due' };
  return { points: 65, text: 'more than 90 days past due' };
}

export function scoreInvoice(facts: QueueFacts): { score: number; reasons: ScoredReason[] } {
  const reasons: ScoredReason[] = [];
  const add = (code: string, points: number, text: string) => {
    if (points !== 0) reasons.push({ code, points, text });
  };
  const aging = agingBucketOf(facts.daysPastDue);
  add('aging', aging.points, aging.text);
  add('amount', Math.min(25, Math.round(5 * Math.log10(1 + Math.max(0, facts.balance)))), `${facts.balanceText} open`);
  if (facts.customerScore !== null && facts.customerScore < 40) add('risk', 15, `high-risk customer (score ${facts.customerScore})`);
  else if (facts.customerScore !== null && facts.customerScore < 60) add('risk', 8, `customer to watch (score ${facts.customerScore})`);
  if (facts.promiseBroken) add('promise_broken', 30, 'promise to pay broken: follow up');
  else if (facts.promise && facts.promise.daysUntil <= 1) add('promise_due', 20, `promised follow-up: payment promised for ${facts.promise.on}`);
  else if (facts.promise) add('promise_open', -20, `promise to pay on ${facts.promise.on}: waiting`);
  if (facts.planBroken) add('plan_broken', 30, 'payment plan broken: an instalment was missed, follow up');
  else if (facts.plan && facts.plan.daysUntil <= 1) add('plan_due', 20, `plan instalment of ${facts.plan.dueText} due on ${facts.plan.on}`);
  else if (facts.plan) add('plan_open', -20, `payment plan being kept: next instalment on ${facts.plan.on}`);
  if (facts.disputed) add('dispute', 25, 'disputed: resolve before collecting');
  if (facts.openTasks > 0) add('task', 20, facts.openTasks === 1 ? 'a task or escalation waits' : `${facts.openTasks} tasks or escalations wait`);
  if (facts.draftAwaiting) add('draft', 10, 'a draft waits for review');
  if (facts.bouncedContact) add('bounce', 15, "a contact's address bounced: find another");
  reasons.sort((a, b) => b.points - a.points || (a.code < b.code ? -1 : 1));
  return { score: Math.max(0, reasons.reduce((sum, reason) => sum + reason.points, 0)), reasons };
}
