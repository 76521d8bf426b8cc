/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// During `npm run dev` the API runs separately; the built app is served by the API itself (same origin).
const api = process.env.SOUNDSCAPE_API_URL ?? "http://127.0.0.1:5080";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": api } },
  build: { outDir: "dist", sourcemap: false, manifest: true },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
  },
});
