// A render thread for lib/build/render-pages.ts: renders and writes its share of the pages, then exits.
import { workerData } from "node:worker_threads";
import { compileTemplates, renderJobs, type PageJob, type SharedData } from "./render-pages.ts";

const { layoutsDir, jobs, shared, outDir } = workerData as { layoutsDir: string; jobs: PageJob[]; shared: SharedData; outDir: string };
renderJobs(compileTemplates(layoutsDir), jobs, shared, outDir);
