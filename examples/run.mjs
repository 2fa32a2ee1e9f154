// The `examples` step of `npm test`: the four example hosts against the packed tarball, not the
// source. Installs them once into a temp folder (one node_modules shared by all of them, npm's cache
// shared with the repository), type-checks and builds the React app, then starts each host on a free
// port and drives it in Chromium: sign up, see the settings page; host-login: the host's own login
// enforcing the second factor turned on in the embedded page. Prints "N passed, N failed".
//   node examples/run.mjs [--tarball path/to/settings-kit-x.y.z.tgz] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generate } from 'otplib';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
// npm's own CLI, run with this node (no npx, no shell): the one running `npm test`, else the one beside node.
const npmCli = [process.env.npm_execpath, join(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js'), join(process.execPath, '../node_modules/npm/bin/npm-cli.js')].find((f) => f && /npm-cli\.js$/.test(f) && existsSync(f));
if (!npmCli) throw new Error('npm-cli.js not found beside node; set npm_execpath');
const started = Date.now();
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `: ${String(detail).slice(0, 500)}`}`);
  return ok;
};
const finish = (code = failed ? 1 : 0) => {
  console.log(`examples: ${seconds(started)}\n\n${passed} passed, ${failed} failed`);
  process.exit(code);
};
const run = (name, args, cwd) => {
  const t = Date.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return check(`${name} (${seconds(t)})`, r.status === 0, `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n'));
};

// 1. The tarball: the package step's, or packed here.
let tarball = arg('--tarball') ?? process.env.SK_TARBALL;
if (!tarball || !existsSync(tarball)) {
  const out = mkdtempSync(join(tmpdir(), 'sk-pack-'));
  const r = spawnSync(process.execPath, [join(root, 'scripts/check-package.mjs'), '--out', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  tarball = r.stdout.match(/^tarball: (.*)$/m)?.[1];
  if (!check('npm pack', r.status === 0 && tarball, r.stdout.slice(-2000))) finish(1);
}

// 2. One install for the three hosts.
const work = mkdtempSync(join(tmpdir(), 'sk-examples-'));
for (const f of ['package.json', 'plain-html', 'react', 'hono-host', 'host-login']) cpSync(join(here, f), join(work, f), { recursive: true, filter: (src) => !/node_modules|\/dist(\/|$)/.test(src) });
cpSync(tarball, join(work, 'settings-kit.tgz'));
if (!run('npm install of the tarball and the hosts’ own packages', [npmCli, 'install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--loglevel=error'], work)) finish(1);
check('no provider SDK or unused driver came with the kit', ['twilio', '@ringcentral/sdk', 'mailgun.js', 'postgres'].every((p) => !existsSync(join(work, 'node_modules', p))));
const tsc = join(work, 'node_modules/typescript/bin/tsc');
run('React host type-checks against the package’s types (JSX, tag map, server options)', [tsc, '-p', 'tsconfig.json'], join(work, 'react'));
run('React host builds (vite)', [join(work, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], join(work, 'react'));
run('plain node imports settings-kit/server', ['--input-type=module', '-e', "const m = await import('settings-kit/server'); if (typeof m.createSettingsApp !== 'function' || typeof m.openDatabase !== 'function') process.exit(1);"], work);

run('a configured provider whose SDK is not installed fails at start, naming the package', ['--input-type=module', '-e', `
  const { TwilioProvider, openDatabase } = await import('settings-kit/server');
  const named = async (f, pkg) => { try { await f(); } catch (e) { if (e.name === 'MissingPackageError' && e.message.includes('npm install ' + pkg)) return; throw e; } throw new Error('no error for ' + pkg); };
  await named(() => new TwilioProvider({ accountSid: 'AC0123456789ab', authToken: 't', from: '+15550000000' }), 'twilio');
  await named(() => openDatabase({ url: 'postgres://127.0.0.1:1/none' }), 'postgres');`], work);

// 3. Each host: start on a free port, drive it in Chromium.
const children = new Set();
const stopAll = () => {
  for (const pid of children) {
    try {
      process.kill(-pid, 'SIGTERM'); // the server's process group
    } catch {}
  }
  children.clear();
};
process.on('exit', stopAll);
function start(name, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server.mjs'], { cwd, env: { ...process.env, PORT: '0', DATABASE_URL: '' } /* the hosts run on embedded PGlite, whatever the test run's database */, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child.pid);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${out}`)), 60_000);
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: () => {
            children.delete(child.pid);
            try {
              process.kill(-child.pid, 'SIGTERM');
            } catch {}
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}):\n${out}`)); });
  });
}

const email = (host) => `${host}-${Date.now().toString(36)}@example.com`;
async function signUp(page, address) {
  await page.getByRole('button', { name: 'Create an account' }).click({ timeout: 30_000 });
  await page.getByLabel('Display name').fill('Example User');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('tablist').waitFor({ timeout: 30_000 });
}

const hosts = {
  'plain-html': async (page, url) => {
    await page.goto(url);
    await signUp(page, email('plain'));
    check('plain-html: signed up through the CDN build, the settings page shows', await page.getByRole('tab', { name: 'Security' }).isVisible());
  },
  react: async (page, url) => {
    await page.goto(url);
    await page.getByText('React host').waitFor();
    await signUp(page, email('react'));
    check('react: signed up, the settings page shows', await page.getByRole('tab', { name: 'Security' }).isVisible());
    await page.getByRole('tab', { name: 'Security' }).click();
    await page.getByTestId('react-state').getByText('tab: security').waitFor({ timeout: 10_000 });
    check('react: onsk-tab-change reached React state', true);
    check('react: one Lit in the page', (await page.evaluate(() => globalThis.litHtmlVersions?.length)) === 1, await page.evaluate(() => JSON.stringify(globalThis.litHtmlVersions)));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('react-state').getByText('signed out').waitFor({ timeout: 10_000 });
    check('react: onsk-signed-out reached React state', true);
  },
  'hono-host': async (page, url) => {
    const health = await page.request.get(`${url}/health`);
    check('hono-host: its own routes answer next to the kit', health.ok() && (await health.json()).host === 'hono-host');
    const openapi = await page.request.get(`${url}/api/settings/openapi.json`);
    check('hono-host: the kit answers under /api/settings', openapi.ok());
    await page.goto(url);
    await signUp(page, email('hono'));
    check('hono-host: signed up, the settings page shows', await page.getByRole('tab', { name: 'Security' }).isVisible());
    // Only the lone <login-sessions> asks for sessions on this page (the settings page opens on Profile);
    // without the meta tag it would ask /api/security/sessions.
    const wrong = [];
    page.on('request', (r) => /\/api\/security\//.test(r.url()) && wrong.push(r.url()));
    const sessions = page.waitForResponse((r) => /\/api\/settings\/security\/sessions/.test(r.url()) && r.status() === 200, { timeout: 20_000 });
    await page.reload();
    await sessions;
    check('hono-host: a lone <login-sessions> found the API through <meta name="settings-kit-api">', wrong.length === 0, wrong.join(', '));
  },
};

/** The host's own login page (examples/host-login): email and password of its own. */
async function hostLogin(page, url) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Log in' }).click();
}
const stepOf = (ms) => Math.floor(ms / 30_000);

hosts['host-login'] = async (page, url) => {
  // 1. The host's login, then the embedded settings page under host identity: TOTP on.
  await hostLogin(page, url);
  await page.getByRole('tablist').waitFor({ timeout: 30_000 });
  check('host-login: the host\'s own login opens the settings page (identify, no kit password)', await page.getByText('Signed in as Ada Lovelace').isVisible());
  await page.getByRole('tab', { name: 'Security' }).click();
  const setup = page.locator('two-factor-setup');
  await setup.getByRole('button', { name: 'Set up an authenticator app' }).click({ timeout: 60_000 });
  const qr = setup.getByRole('img', { name: /QR code/ });
  const password = setup.getByLabel('Password');
  await qr.or(password).first().waitFor();
  if (await password.isVisible()) {
    // The host user has no kit password: the recent host login (reauthenticatedAt) is what counts.
    await password.fill('host user, no kit password');
    await setup.getByRole('button', { name: 'Continue' }).click();
  }
  await qr.waitFor();
  const secret = (await setup.locator('[part=key]').textContent()).replace(/\s+/g, '');
  const enrolledAt = Date.now();
  await setup.getByLabel('6-digit code').fill(await generate({ secret }));
  await setup.locator('[part=codes] code').first().waitFor();
  await setup.getByLabel('I have saved these codes').check();
  await setup.getByRole('button', { name: 'Done' }).click();
  await setup.getByText('A code is asked for').waitFor();
  check('host-login: TOTP turned on in the embedded <two-factor-setup>', true);

  // 2. Log out of the host, log in again: the host's login now asks for the code.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  await hostLogin(page, url);
  const challenge = page.locator('two-factor-challenge');
  await challenge.getByRole('heading', { name: 'Two-factor authentication' }).waitFor({ timeout: 30_000 });
  check('host-login: after the password the host asks for the code through <two-factor-challenge>', new URL(page.url()).pathname === '/login/two-factor');
  const settingsWhilePending = await page.request.get(`${url}/api/settings/me`);
  check('host-login: no session before the code (the kit answers 401)', settingsWhilePending.status() === 401, settingsWhilePending.status());

  const now = Date.now();
  const valid = [await generate({ secret, epoch: Math.floor(now / 1000) }), await generate({ secret, epoch: Math.floor(now / 1000) - 30 })];
  const wrong = ['000000', '111111', '222222'].find((c) => !valid.includes(c));
  await challenge.getByLabel('Authentication code').fill(wrong);
  await challenge.getByText('That code did not work').waitFor({ timeout: 15_000 });
  check('host-login: a wrong code is refused (twoFactor.verify false, el.fail())', new URL(page.url()).pathname === '/login/two-factor');

  // The enrolment's time step is spent (replays are refused): wait for the next one.
  while (stepOf(Date.now()) <= stepOf(enrolledAt)) await page.waitForFunction((t) => Date.now() >= t, (stepOf(enrolledAt) + 1) * 30_000, { polling: 250, timeout: 35_000 });
  await challenge.getByLabel('Authentication code').fill(await generate({ secret }));
  await page.getByRole('tablist').waitFor({ timeout: 30_000 });
  check('host-login: the right code lets the user in (twoFactor.verify, activity.record)', new URL(page.url()).pathname === '/');
  await page.getByRole('tab', { name: 'Security' }).click();
  const activity = await page.request.get(`${url}/api/settings/security/login-activity`);
  const items = activity.ok() ? (await activity.json()).items : [];
  // The first login came before the kit knew the user (activity.record answers false then): this one, and the refused code.
  check('host-login: the host sign-in and the refused code are in the login activity', items.some((i) => i.method === 'host' && i.success) && items.some((i) => !i.success), `${activity.status()} ${JSON.stringify(items).slice(0, 300)}`);
};

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
for (const [name, drive] of Object.entries(hosts)) {
  const t = Date.now();
  let server;
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    server = await start(name, join(work, name));
    await drive(page, server.url);
    console.log(`  ${name}: ${seconds(t)}`);
  } catch (error) {
    check(`${name}`, false, error?.stack ?? error);
  } finally {
    await context.close();
    server?.stop();
  }
}
await browser.close();
if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
finish();
