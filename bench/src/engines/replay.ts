import { createServer, request as httpRequest } from 'node:http';
import { listeningLine, stopOnSignals } from './common.js';

/**
 * A replaying stand-in for a subgraph, to measure gateways alone: the first time it sees a
 * request body it forwards it to the real subgraph (UPSTREAM, headers included) and keeps the
 * answer; after that it answers the same body from memory. Subgraph and database cost drop to
 * almost nothing, so the gateway in front is what the load measures. For benchmarks only: it
 * ignores who asks (the cache key is the body alone).
 */
const upstream = new URL(process.env.UPSTREAM!);
const cache = new Map<string, string>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const hit = req.method === 'POST' ? cache.get(body) : undefined;
    if (hit !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(hit) });
      res.end(hit);
      return;
    }
    const headers = { ...req.headers, host: upstream.host };
    const up = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (ur) => {
      const parts: Buffer[] = [];
      ur.on('data', (c: Buffer) => parts.push(c));
      ur.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        if (req.method === 'POST' && ur.statusCode === 200 && !text.includes('"errors"') && cache.size < 100_000) cache.set(body, text);
        res.writeHead(ur.statusCode ?? 502, { 'content-type': ur.headers['content-type'] ?? 'application/json' });
        res.end(text);
      });
    });
    up.on('error', () => {
      res.writeHead(502).end();
    });
    up.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => listeningLine(server, 'replay'));
stopOnSignals(async () => {
  server.close();
  server.closeIdleConnections();
});
