// Encodes one photo with bantin's photo options into a fresh folder (timed by the bench from outside).
// Usage: photo-once.ts <photo.jpg> <out-dir>
import Image from "@11ty/eleventy-img";
import { PHOTO_OPTIONS } from "../../lib/build/index.ts";

const [photo, out] = process.argv.slice(2) as [string, string];
const stats = await Image(photo, { ...PHOTO_OPTIONS, outputDir: out, urlPath: "/img/" });
const files = Object.values(stats).flat();
console.log(files.map((file) => `${file.format} ${file.width}w ${Math.round(file.size / 1024)} KiB`).join(", "));
