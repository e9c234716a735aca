#!/usr/bin/env node
// The `heard` CLI: runs the server's bundle (bin/bundle.mjs rebuilds it when a source changed;
// `NODE_OPTIONS=--enable-source-maps` maps stack traces back to the TypeScript sources).
import { ensureBundle } from './bundle.mjs';

const { main } = await import(await ensureBundle());
await main(process.argv.slice(2));
