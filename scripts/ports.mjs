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
      `TAIZHANG_PORT_OFFSET 必须是 0 到 50000 之间的整数，而不是 "${raw}"。\n` + `TAIZHANG_PORT_OFFSET must be an integer from 0 to 50000, not "${raw}".`,
    );
    process.exit(2);
  }
  return n;
}

/** hub, auth, firestore, functions (firebase.json's), shifted by TAIZHANG_PORT_OFFSET. */
export const PORTS = Object.fromEntries(Object.entries({ hub: 4400, auth: 9099, firestore: 8080, functions: 5001 }).map(([k, p]) => [k, p + PORT_OFFSET]));

/** The task pane's https port (manifest.xml names 3000: a shifted stack's pane is for tests). */
export const PANE_PORT = 3000 + PORT_OFFSET;

/**
 * Ports that browsers and Node's fetch refuse to connect to (the Fetch standard's "bad
 * ports"): a stack there would start, and nothing could reach it.
 */
const FETCH_BLOCKED = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const blocked = Object.entries({ ...PORTS, pane: PANE_PORT }).filter(([, p]) => FETCH_BLOCKED.has(p));
if (blocked.length > 0) {
  const list = blocked.map(([name, p]) => `${name} ${p}`).join(', ');
  console.error(
    `TAIZHANG_PORT_OFFSET=${PORT_OFFSET} 会使端口落在浏览器拒绝连接的端口上（${list}），请换一个偏移量，如 1000 或 4000。\n` +
      `TAIZHANG_PORT_OFFSET=${PORT_OFFSET} puts ports where browsers and fetch refuse to connect (${list}); choose another offset, such as 1000 or 4000.`,
  );
  process.exit(2);
}

export const FUNCTIONS_ORIGIN = `http://127.0.0.1:${PORTS.functions}`;
export const AUTH_HOST = `127.0.0.1:${PORTS.auth}`;
export const FIRESTORE_HOST = `127.0.0.1:${PORTS.firestore}`;
