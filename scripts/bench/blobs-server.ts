// A local Netlify Blobs server in its own process, as in production where Blobs is a separate
// service: the bench's handler then does not share its CPU with the server. Prints the port.
// Usage: blobs-server.ts <directory> <token>
import { BlobsServer } from "@netlify/blobs/server";

const [directory, token] = process.argv.slice(2) as [string, string];
const server = new BlobsServer({ directory, token });
const { port } = await server.start();
console.log(`PORT ${port}`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
