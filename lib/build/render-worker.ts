// A render thread for lib/build/render-pages.ts: renders and writes its share of the routes, posts
// their fingerprints back when asked (a full render), then exits.
import { parentPort, workerData } from "node:worker_threads";
import type { Route, SharedData } from "../core/routes.ts";
import { compileTemplates, renderRoutes } from "./render-pages.ts";

const { layoutsDir, routes, shared, outDir, templateHash } = workerData as {
  layoutsDir: string;
  routes: Route[];
  shared: SharedData;
  outDir: string;
  templateHash: string | null;
};
const prints = renderRoutes(compileTemplates(layoutsDir), routes, shared, outDir, templateHash);
if (prints) parentPort!.postMessage(prints);
