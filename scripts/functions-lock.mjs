// What functions/dist installs in the cloud: exactly the versions the tests ran with. The
// bundle's runtime dependencies get the exact versions of the root package-lock.json, and
// dist gets its own package-lock.json cut out of the root one (the same versions, tarballs
// and integrity hashes), so Cloud Build's `npm ci` installs nothing that was not tested.
// Written from the lockfile, not by npm: that needs neither the network nor npm's cache.
// Node built-ins only.

/** Where the functions workspace sits in the root lockfile. */
const WORKSPACE = 'functions';

const parentDir = (dir) => {
  const parts = dir.split('/');
  do parts.pop();
  while (parts.length > 0 && parts[parts.length - 1] === 'node_modules');
  return parts.join('/');
};

/** The lockfile path a package `name` required from `from` resolves to, Node's way. */
function resolveIn(packages, from, name) {
  for (let dir = from; ; dir = parentDir(dir)) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === '') return undefined;
  }
}

/** Dependencies a package needs at run time, with whether a missing one is an error. */
function runtimeEdges(entry) {
  const optional = {
    ...entry.optionalDependencies,
    ...Object.fromEntries(
      Object.entries(entry.peerDependenciesMeta ?? {})
        .filter(([, m]) => m.optional)
        .map(([n]) => [n, '']),
    ),
  };
  const names = new Set([
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}),
  ]);
  return [...names].map((name) => ({ name, optional: name in optional }));
}

/**
 * dist's package.json dependencies at the locked versions, and its lockfile.
 * `rootLock` is the parsed root package-lock.json; `deps` the runtime dependency names.
 */
export function distLock(rootLock, deps, manifest) {
  const packages = rootLock.packages;
  if (rootLock.lockfileVersion !== 3 || !packages) throw new Error('package-lock.json must be lockfileVersion 3');
  const dependencies = {};
  const reached = new Map(); // root lockfile path → dist path
  const queue = [];
  for (const name of deps) {
    const at = resolveIn(packages, WORKSPACE, name);
    if (!at || !packages[at].version) throw new Error(`${name} is not in package-lock.json: run npm install`);
    dependencies[name] = packages[at].version;
    queue.push(at);
  }
  while (queue.length > 0) {
    const at = queue.shift();
    if (reached.has(at)) continue;
    const entry = packages[at];
    // The functions workspace's own node_modules become dist's node_modules.
    reached.set(at, at.startsWith(`${WORKSPACE}/node_modules/`) ? at.slice(WORKSPACE.length + 1) : at);
    for (const { name, optional } of runtimeEdges(entry)) {
      const dep = resolveIn(packages, at, name);
      if (dep) queue.push(dep);
      else if (!optional) throw new Error(`${at} needs ${name}, which package-lock.json lacks`);
    }
  }

  const out = {};
  const taken = new Map();
  for (const [from, to] of reached) {
    if (taken.has(to)) throw new Error(`functions/dist cannot hold both ${taken.get(to)} and ${from} at ${to}`);
    taken.set(to, from);
    const { dev, devOptional, peer, extraneous, ...entry } = packages[from];
    if (entry.link) throw new Error(`${from} is a workspace link; the deployed functions cannot install it`);
    out[to] = devOptional ? { ...entry, optional: true } : entry;
  }
  // Moving the workspace's packages up must not change what any package finds.
  for (const [from, to] of reached) {
    for (const { name } of runtimeEdges(packages[from])) {
      const before = resolveIn(packages, from, name);
      const after = resolveIn(out, to, name);
      if ((before && reached.get(before)) !== after) throw new Error(`${from} would find another ${name} in functions/dist`);
    }
  }
  const sorted = Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
  const lockfile = {
    name: manifest.name,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: manifest.name, dependencies, ...(manifest.engines && { engines: manifest.engines }) }, ...sorted },
  };
  return { dependencies, lockfile };
}
