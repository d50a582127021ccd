import { formatPermissionMatrix } from '../../core/access/permissions.ts';
import type { RegisterCommand } from '../cli-io.ts';

// `plixo permissions`: the permission matrix as docs/permissions.md shows it.

export const permissionsIntro = `# Roles and permissions

Who may do what in Plixo. The matrix lives in one place, \`src/core/access/permissions.ts\`, and
this page is printed from it (\`npx plixo permissions > docs/permissions.md\`). Least privilege: a
role has only what its column says. The first user of a new organisation is its Controller.
`;

export const registerCommand: RegisterCommand = (program, { io }) => {
  program
    .command('permissions')
    .description('Print the roles and permissions matrix (docs/permissions.md)')
    .action(() => {
      io.stdout.write(`${permissionsIntro}\n${formatPermissionMatrix()}\n`);
    });
};
