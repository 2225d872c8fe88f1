import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** H5 app for elders and families: built into apps/h5/dist, served by the server under "/h5/". */
export default defineConfig(({ command }) => {
  // a build is always the production build, even when started from a test run: vitest sets NODE_ENV=test,
  // which would otherwise put React's development bundle into dist, where the server then serves it
  if (command === "build") process.env.NODE_ENV = "production";
  return {
    root,
    base: "/h5/",
    plugins: [react()],
    server: {
      port: 5174,
      proxy: { "/api": { target: "http://localhost:3000", changeOrigin: false } },
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: "react", test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 2 },
              { name: "vendor", test: /node_modules[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
