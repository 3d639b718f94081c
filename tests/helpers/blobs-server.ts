import fs from "node:fs/promises";
import { getStore } from "@netlify/blobs";
import { BlobsServer } from "@netlify/blobs/server";
import { makeTempDir } from "./build-site.ts";

/** A real local Netlify Blobs server on a random port, with a client store pointed at it. */
export async function startBlobsServer() {
  const directory = await makeTempDir("blobs");
  const token = "test-token";
  const server = new BlobsServer({ directory, token });
  const { port } = await server.start();
  const edgeURL = `http://127.0.0.1:${port}`;
  let stores = 0;
  return {
    edgeURL,
    token,
    siteID: "test-site",
    /** A fresh, empty store on this server. */
    openStore(name = `store-${++stores}`) {
      return getStore({ name, siteID: "test-site", token, edgeURL, uncachedEdgeURL: edgeURL, consistency: "strong" });
    },
    async stop() {
      await server.stop();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
