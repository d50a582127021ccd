import { describe, expect, it } from 'vitest';
import { parseMultipartForm, parseUrlEncodedForm } from './parse-form-body.ts';

describe('parseMultipartForm', () => {
  it('reads fields and files byte for byte, and skips an empty file input', async () => {
    const form = new FormData();
    form.append('reason', 'quality');
    form.append('message', 'Zwei Paletten beschädigt — "siehe Foto"\r\nZeile 2');
    form.append('files', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255])], { type: 'image/png' }), 'foto "1".png');
    form.append('files', new Blob([], { type: 'application/octet-stream' }), '');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());
    const parsed = parseMultipartForm(body, request.headers.get('content-type')!);
    expect(parsed?.fields).toEqual({ reason: 'quality', message: 'Zwei Paletten beschädigt — "siehe Foto"\r\nZeile 2' });
    expect(parsed?.files).toHaveLength(1);
    expect(parsed?.files[0]).toMatchObject({ field: 'files', contentType: 'image/png' });
    expect(parsed?.files[0]!.filename).toMatch(/^foto (%22|"|\\")1(%22|"|\\")\.png$/);
    expect([...parsed!.files[0]!.content]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
  });

  it('refuses a body without its boundary or cut short', () => {
    expect(parseMultipartForm(Buffer.from('nothing'), 'multipart/form-data; boundary=abc')).toBeNull();
    expect(parseMultipartForm(Buffer.from('--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), 'multipart/form-data; boundary=abc')).toBeNull();
    expect(parseMultipartForm(Buffer.from(''), 'multipart/form-data')).toBeNull();
  });
});

describe('parseUrlEncodedForm', () => {
  it('keeps the first value of a field', () => {
    expect(parseUrlEncodedForm('amount=12%2C50&amount=1&on=2026-03-02').fields).toEqual({ amount: '12,50', on: '2026-03-02' });
    expect(parseUrlEncodedForm(undefined).fields).toEqual({});
  });
});
