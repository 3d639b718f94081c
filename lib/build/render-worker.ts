// A render thread for lib/build/render-pages.ts: renders and writes each batch of routes it is sent,
// answering with their fingerprints (empty unless a full render asked for them); `null` ends it.
import { parentPort, workerData } from "node:worker_threads";
import type { Route } from "../core/routes.ts";
import { compileTemplates, renderRoutes, type RenderThreadData } from "./render-pages.ts";

const { layoutsDir, shared, outDir, templateHash } = workerData as RenderThreadData;
const templates = compileTemplates(layoutsDir);
parentPort!.on("message", (routes: Route[] | null) => {
  if (routes === null) parentPort!.close();
  else parentPort!.postMessage(renderRoutes(templates, routes, shared, outDir, templateHash) ?? {});
});
