import { describe, expect, it } from 'vitest';
import { startApiTestServer } from './testing/start-api-test-server.ts';

describe('GET /api/auth/options', () => {
  it.each([true, false])('tells anyone whether sign-up is open (%s), and sign-up does as it says', async (signUpOpen) => {
    const server = await startApiTestServer({ now: Date.UTC(2026, 11, 3, 12), signUpOpen });
    try {
      const options = await server.app.inject({ method: 'GET', url: '/api/auth/options' });
      expect([options.statusCode, options.json()]).toEqual([200, { signUpOpen }]);
      const signUp = await server.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { organisation: { id: 'fjord', name: 'Fjord Freight', timeZone: 'Europe/Oslo', locale: 'nb-NO', currency: 'NOK' }, name: 'Frida', email: 'frida@fjord.example', password: 'fjords and freight 2026' },
      });
      expect(signUp.statusCode).toBe(signUpOpen ? 201 : 403);
    } finally {
      await server.close();
    }
  });
});
