// Markdown links in template bodies: `[label](url)`, where the url is a web or mail address or a
// merge tag such as {pay_link}. A link a mail client cannot follow is worse than no link.

export interface LinkProblem {
  raw: string;
  index: number;
  severity: 'error' | 'warning';
  message: string;
}

const acceptedTarget = /^(https?:\/\/[^\s()<>]+|mailto:[^\s()<>]+|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

export function findLinkProblems(text: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  // A label, then `(` right after `]`: a link. Stops at the end of the line: links do not wrap.
  const link = /\[([^\]\n]*)\]\(([^)\n]*)(\)?)/g;
  for (const match of text.matchAll(link)) {
    const [raw] = match;
    const label = match[1] ?? '';
    const target = match[2] ?? '';
    const closed = match[3] ?? '';
    const index = match.index;
    if (!closed) {
      problems.push({ raw, index, severity: 'error', message: `link "${raw}" is not closed: write [${label}](${target.trim() || 'url'})` });
    } else if (label.trim() === '') {
      problems.push({ raw, index, severity: 'error', message: `link "${raw}" has no text to click` });
    } else if (target.trim() === '') {
      problems.push({ raw, index, severity: 'error', message: `link "${raw}" has no address: write a URL or a merge tag such as {pay_link}` });
    } else if (/\{(invoice_table|total_balance)\}/.test(target)) {
      problems.push({ raw, index, severity: 'error', message: `link "${raw}" goes to ${target.trim()}, which is not an address` });
    } else if (!acceptedTarget.test(target.trim())) {
      problems.push({
        raw,
        index,
        severity: 'error',
        message: `link "${raw}" goes to "${target}", which is not an https://, http:// or mailto: address or a merge tag`,
      });
    }
  }
  // `[label] (url)`: the space makes it plain text in Markdown.
  for (const match of text.matchAll(/\[([^\]\n]+)\][ \t]+\(([^)\n]*)\)/g)) {
    problems.push({ raw: match[0], index: match.index, severity: 'warning', message: `"${match[0]}" is not a link because of the space: write [${match[1]}](${match[2]})` });
  }
  return problems;
}
