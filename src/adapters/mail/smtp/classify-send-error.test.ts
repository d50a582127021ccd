import { describe, expect, it } from 'vitest';
import { classifySendError, type SmtpSendError } from './classify-send-error.ts';

// The loopback tests cover what a server can be made to do; these cover the rest of the table.
describe('classifySendError', () => {
  it.each<[string, SmtpSendError, string]>([
    ['DNS failure', { code: 'EDNS', originalCode: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'retry'],
    ['host unreachable', { code: 'ESOCKET', originalCode: 'EHOSTUNREACH', message: 'x' }, 'retry'],
    ['STARTTLS failed', { code: 'ETLS', message: 'x' }, 'retry'],
    ['no greeting in time', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', message: 'x' }, 'retry'],
    ['connect timeout', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT', message: 'x' }, 'retry'],
    ['silence mid-session', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', message: 'x' }, 'ambiguous'],
    ['reset mid-session', { code: 'ESOCKET', originalCode: 'ECONNRESET', message: 'x' }, 'ambiguous'],
    ['closed mid-session', { code: 'ECONNECTION', command: 'CONN', message: 'x' }, 'ambiguous'],
    ['503 bad sequence', { code: 'EMESSAGE', command: 'DATA', responseCode: 503, message: 'x' }, 'retry'],
    ['554 at greeting', { code: 'EPROTOCOL', command: 'CONN', responseCode: 554, message: 'x' }, 'retry'],
    ['552 message too big', { code: 'EMESSAGE', command: 'DATA', responseCode: 552, message: 'x' }, 'rejected'],
    ['stream failure', { code: 'ESTREAM', message: 'x' }, 'unexpected'],
    ['no code at all', { message: 'x' }, 'unexpected'],
  ])('%s → %s', (_name, error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });
});
