// A render thread for lib/build/render-pages.ts: renders and writes its share of the routes, then exits.
import { workerData } from "node:worker_threads";
import type { Route, SharedData } from "../core/routes.ts";
import { compileTemplates, renderRoutes } from "./render-pages.ts";

const { layoutsDir, routes, shared, outDir } = workerData as { layoutsDir: string; routes: Route[]; shared: SharedData; outDir: string };
renderRoutes(compileTemplates(layoutsDir), routes, shared, outDir);
