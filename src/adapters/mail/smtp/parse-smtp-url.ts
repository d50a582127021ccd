export interface SmtpEndpoint {
  host: string;
  port: number;
  /** true for smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

/** Reads `smtp://user:pass@host:port` or `smtps://…`; the user and password may be percent-encoded. */
export function parseSmtpUrl(url: string): SmtpEndpoint {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  if (!secure && parsed.protocol !== 'smtp:') {
    throw new Error(`PLIXO_SMTP_URL must start with smtp:// or smtps://, got ${parsed.protocol}//`);
  }
  if (!parsed.hostname) throw new Error('PLIXO_SMTP_URL has no host');
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  const endpoint: SmtpEndpoint = { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port, secure };
  if (parsed.username) {
    endpoint.auth = { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) };
  }
  return endpoint;
}
