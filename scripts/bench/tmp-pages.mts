import fs from "node:fs";
import nunjucks from "nunjucks";
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader("layouts/_includes"), { autoescape: true });
let t = performance.now();
const N = 22000;
for (let i = 0; i < N; i++) { fs.mkdirSync(`/dev/shm/wtest/d${i}`, { recursive: true }); fs.writeFileSync(`/dev/shm/wtest/d${i}/index.html`, "x".repeat(20000)); }
console.log("sync mkdir+write 22k", (performance.now() - t).toFixed(0));
