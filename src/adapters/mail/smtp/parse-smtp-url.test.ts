import { describe, expect, it } from 'vitest';
import { parseSmtpUrl } from './parse-smtp-url.ts';

describe('parseSmtpUrl', () => {
  it.each([
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 587, secure: false }],
    ['smtps://mail.example.com', { host: 'mail.example.com', port: 465, secure: true }],
    ['smtp://127.0.0.1:2525', { host: '127.0.0.1', port: 2525, secure: false }],
    ['smtp://[::1]:2525', { host: '::1', port: 2525, secure: false }],
    [
      'smtp://ar%40example.com:p%3Ass%2Fw@mail.example.com:25',
      { host: 'mail.example.com', port: 25, secure: false, auth: { user: 'ar@example.com', pass: 'p:ss/w' } },
    ],
  ])('%s', (url, expected) => {
    expect(parseSmtpUrl(url)).toEqual(expected);
  });

  it('refuses another scheme', () => {
    expect(() => parseSmtpUrl('http://mail.example.com')).toThrow();
  });
});
