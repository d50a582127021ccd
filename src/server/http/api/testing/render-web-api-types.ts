import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { apiRoutes } from '../api-routes.ts';
import { buildOpenApi } from '../build-openapi.ts';

// The web app's API types, generated from the OpenAPI document the server serves, so a screen
// cannot read a field the API does not answer. `npm run api-types` writes them to
// web/src/api/schema.d.ts; web-api-types.test.ts fails when that file is behind the routes.

export const webApiTypesFile = new URL('../../../../../web/src/api/schema.d.ts', import.meta.url);

export async function renderWebApiTypes(): Promise<string> {
  const document = buildOpenApi(apiRoutes, 'generated') as unknown as OpenAPI3;
  const ast = await openapiTS(document, { alphabetize: true });
  return `// Generated from /api/openapi.json by \`npm run api-types\`: do not edit by hand.\n\n${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await writeFile(webApiTypesFile, await renderWebApiTypes());
  process.stdout.write(`wrote ${webApiTypesFile.pathname}\n`);
}
