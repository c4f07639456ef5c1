/** The project needs Node ≥ 22 (it targets 24 LTS); say so plainly instead of failing obscurely. */
export function requireNode22(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(
      `Node ${process.versions.node} is too old: this project needs Node ≥ 22 (24 LTS recommended).\n` +
        'Run it through pnpm (`pnpm start`), which uses the Node 24 installed in node_modules, or install Node 24.',
    );
    process.exit(1);
  }
}
