import { writeFileSync } from 'node:fs';
import { renderStatementPdf } from '../render-statement-pdf.ts';
import { exampleStatement } from './example-statement.ts';

// Writes the example statement, the source of docs/statement-example.png:
//   node bin/run-ts.js src/adapters/pdf/testing/write-example-statement.ts /tmp/statement.pdf
//   pdftoppm -png -r 60 -singlefile /tmp/statement.pdf docs/statement-example

const [path = 'statement-example.pdf', count = '14'] = process.argv.slice(2);
writeFileSync(path, await renderStatementPdf(exampleStatement({ invoiceCount: Number(count) })));
console.log(`wrote ${path}`);
