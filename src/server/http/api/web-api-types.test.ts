import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderWebApiTypes, webApiTypesFile } from './testing/render-web-api-types.ts';

describe('the web app’s API types', () => {
  it('are generated from the routes as they are now (regenerate: npm run api-types)', async () => {
    const committed = await readFile(webApiTypesFile, 'utf8');
    expect(committed === (await renderWebApiTypes()), 'web/src/api/schema.d.ts is behind the API routes: run npm run api-types').toBe(true);
  });
});
