import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The admin web app: built into web/dist, which `plixo start` serves from the API's port.
// `npm run dev:web` serves it with hot reload and sends /api to a Plixo on PLIXO_URL.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': process.env.PLIXO_URL ?? 'http://127.0.0.1:3000' } },
});
