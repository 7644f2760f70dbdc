// The dev server's certificate for https://localhost, made with office-addin-dev-certs (so
// Excel trusts the same CA as every other add-in sample). Its installer runs `sudo` to
// trust the CA; where there is no sudo (containers where we are root) we trust the CA
// ourselves with update-ca-certificates, and where that fails too the certificate still
// works (the browser just warns). As a last resort: a self-signed certificate via openssl.
// Never throws: `npm start` must not fail for want of sudo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function log(msg) {
  console.log(`[certs] ${msg}`);
}

/** Adds the CA to the system store where office-addin-dev-certs' own check looks for it. */
function trustCaAsRoot(caPath) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/sbin/update-ca-certificates')) return false;
  try {
    const dir = '/usr/local/share/ca-certificates/office-addin-dev-certs';
    mkdirSync(dir, { recursive: true });
    copyFileSync(caPath, path.join(dir, path.basename(caPath)));
    execFileSync('/usr/sbin/update-ca-certificates', { stdio: 'pipe' });
    return true;
  } catch (e) {
    log(`update-ca-certificates failed: ${e.message.split('\n')[0]}`);
    return false;
  }
}

function selfSigned(dir) {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'localhost.key');
  const cert = path.join(dir, 'localhost.crt');
  if (!existsSync(key) || !existsSync(cert)) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '30',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** Resolves { key, cert, ca?, kind } for https.createServer. */
export async function httpsOptions({ fallbackDir } = {}) {
  let devCerts;
  try {
    devCerts = require('office-addin-dev-certs');
    const defaults = require('office-addin-dev-certs/lib/defaults');
    try {
      const o = await devCerts.getHttpsServerOptions();
      return { ...o, kind: 'office-addin-dev-certs' };
    } catch (e) {
      // Typically "sudo: not found" while installing the CA: the files were generated before.
      log(`office-addin-dev-certs could not install its CA (${String(e.message).split('\n')[0].slice(0, 120)})`);
      if (existsSync(defaults.localhostCertificatePath) && existsSync(defaults.localhostKeyPath)) {
        const trusted = trustCaAsRoot(defaults.caCertificatePath);
        log(
          trusted
            ? 'trusted the CA with update-ca-certificates'
            : `the CA is not trusted by this system; trust ${defaults.caCertificatePath} by hand if a browser complains`,
        );
        return {
          key: readFileSync(defaults.localhostKeyPath),
          cert: readFileSync(defaults.localhostCertificatePath),
          ca: readFileSync(defaults.caCertificatePath),
          kind: trusted ? 'office-addin-dev-certs' : 'office-addin-dev-certs (CA not trusted)',
        };
      }
    }
  } catch (e) {
    log(`office-addin-dev-certs unavailable (${e.message.split('\n')[0]})`);
  }
  try {
    return { ...selfSigned(fallbackDir ?? path.resolve('.taizhang', 'certs')), kind: 'self-signed' };
  } catch (e) {
    log(`openssl failed too (${e.message.split('\n')[0]})`);
    throw new Error('no https certificate could be made; install openssl or run `npx office-addin-dev-certs install` once');
  }
}
