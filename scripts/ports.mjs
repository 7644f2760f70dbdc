// The local emulator ports (firebase.json's), shared by every script and test runner.
// Node built-ins only: imported before npm dependencies are installed.
//
// TAIZHANG_PORT_OFFSET=N shifts every port by N, so a second stack (npm test while npm start
// runs, or parallel work trees) can run beside the first; scripts/emulators.mjs writes the
// shifted ports to a generated firebase.ports-N.json next to firebase.json.

export const PORT_OFFSET = portOffset(process.env.TAIZHANG_PORT_OFFSET);

function portOffset(raw) {
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 50_000) {
    console.error(
      `TAIZHANG_PORT_OFFSET 必须是 0 到 50000 之间的整数，而不是 "${raw}"。\n` +
        `TAIZHANG_PORT_OFFSET must be an integer from 0 to 50000, not "${raw}".`,
    );
    process.exit(2);
  }
  return n;
}

/** hub, auth, firestore, functions (firebase.json's), shifted by TAIZHANG_PORT_OFFSET. */
export const PORTS = Object.fromEntries(
  Object.entries({ hub: 4400, auth: 9099, firestore: 8080, functions: 5001 }).map(([k, p]) => [k, p + PORT_OFFSET]),
);

/** The task pane's https port (manifest.xml names 3000: a shifted stack's pane is for tests). */
export const PANE_PORT = 3000 + PORT_OFFSET;

export const FUNCTIONS_ORIGIN = `http://127.0.0.1:${PORTS.functions}`;
export const AUTH_HOST = `127.0.0.1:${PORTS.auth}`;
export const FIRESTORE_HOST = `127.0.0.1:${PORTS.firestore}`;
