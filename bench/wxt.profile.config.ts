// A bench-only build for CPU profiles: the same extension, unminified, in its own folder
// (.output/bench-profile/chrome-mv3) so function names in profiles are readable.
import { defineConfig } from 'wxt';
import base from '../wxt.config';

export default defineConfig({
  ...base,
  root: process.cwd(),
  outDir: '.output/bench-profile',
  vite: (env) => {
    const config = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...config, build: { ...(config as { build?: object }).build, minify: false } };
  },
});
