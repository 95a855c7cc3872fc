import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/** The Node server (`npm start`) answers the API and the signaling socket; `vite` dev forwards to it. */
const SERVER = process.env.CA_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    // Brotli (best) and gzip (best) next to every text asset at build time: the server sends the
    // precompressed file (express-static-gzip) and spends no CPU compressing per request.
    compression({
      include: /\.(js|css|html|svg|json|webmanifest)$/,
      threshold: 512,
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
    }),
  ],
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
