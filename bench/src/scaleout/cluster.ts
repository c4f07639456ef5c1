import cluster from 'node:cluster';

/**
 * Runs CLUSTER_WORKERS copies of CLUSTER_ENTRY (a gateway or a subgraph entry point) behind one
 * port with Node's cluster module: the primary accepts connections and hands them to the workers
 * round-robin. PORT must be a fixed port (every worker listens on it). Prints one
 * `cluster listening` line with the URL once every worker listens.
 */
const workers = Number(process.env.CLUSTER_WORKERS ?? 2);
const entry = process.env.CLUSTER_ENTRY;
const port = Number(process.env.PORT);
if (!entry || !port) {
  console.error('CLUSTER_ENTRY and a fixed PORT are required');
  process.exit(2);
}
cluster.setupPrimary({ exec: entry, args: [] });
let listening = 0;
cluster.on('listening', () => {
  if (++listening === workers) {
    console.log(JSON.stringify({ level: 30, msg: `cluster listening (${workers} workers of ${entry})`, url: `http://127.0.0.1:${port}/graphql` }));
  }
});
let stopping = false;
cluster.on('exit', (worker, code) => {
  if (!stopping) {
    console.error(JSON.stringify({ level: 50, msg: `worker ${worker.process.pid} exited (${code}); stopping the cluster` }));
    stop();
  }
});
for (let i = 0; i < workers; i++) cluster.fork();

function stop() {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 8000).unref();
  const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
  let left = alive.length;
  if (left === 0) process.exit(0);
  for (const w of alive) {
    w!.once('exit', () => --left === 0 && process.exit(0));
    w!.process.kill('SIGTERM');
  }
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
