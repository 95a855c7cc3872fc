import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The Node server (`npm start`) answers the API and the signaling socket; `vite` dev forwards to it. */
const SERVER = process.env.CA_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: true },
      '/socket.io': { target: SERVER, ws: true, changeOrigin: true },
    },
  },
});
