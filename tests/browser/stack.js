'use strict';
// Starts the real local stack for a browser test on free loopback ports: Azurite (in memory), the standalone
// connector, the virtual terminal (its page) and the callback inspector, from their Release build output.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const configuration = process.env.BROWSER_TEST_CONFIGURATION || 'Release';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, probe, timeoutMs) {
  const giveUpAt = Date.now() + timeoutMs;
  let last;
  while (Date.now() < giveUpAt) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (${last.message})` : ''}`);
}

async function startStack() {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posconnector-browser-'));
  const [blob, queue, table, connectorPort, pagePort, inspectorPort] =
    await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const storage = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${accountKey};` +
    `BlobEndpoint=http://127.0.0.1:${blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue}/devstoreaccount1;` +
    `TableEndpoint=http://127.0.0.1:${table}/devstoreaccount1;`;
  const urls = {
    connector: `http://127.0.0.1:${connectorPort}`,
    page: `http://127.0.0.1:${pagePort}`,
    inspector: `http://127.0.0.1:${inspectorPort}`,
  };
  const children = [];
  const start = (name, command, args, options = {}) => {
    const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
    const child = spawn(command, args, { stdio: ['ignore', log, log], ...options });
    children.push({ name, child });
    return child;
  };
  const app = (project, args, env) => start(project, 'dotnet', [`${project}.dll`, ...args], {
    cwd: path.join(root, project, 'bin', configuration, 'net10.0'),
    env: { ...process.env, DOTNET_ENVIRONMENT: 'Development', ASPNETCORE_ENVIRONMENT: 'Development', ...env },
  });

  start('azurite', path.join(root, 'node_modules', '.bin', 'azurite'), [
    '--silent', '--disableTelemetry', '--inMemoryPersistence', '--skipApiVersionCheck', '--loose',
    '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
    '--blobPort', `${blob}`, '--queuePort', `${queue}`, '--tablePort', `${table}`]);
  const stack = {
    urls,
    logDir,
    async stop() {
      for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.all(children.map(({ child }) => child.exitCode !== null ? null : new Promise(resolve => {
        const force = setTimeout(() => child.kill('SIGKILL'), 10000);
        child.once('exit', () => { clearTimeout(force); resolve(); });
      })));
    },
  };
  try {
    await waitFor('Azurite', () => new Promise(resolve => {
      const socket = net.connect(table, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    }), 60000);
    app('PosConnector.Standalone', ['--urls', urls.connector],
      { Storage__ConnectionString: storage, Connector__PublicBaseUrl: urls.connector });
    app('PosConnector.VirtualTerminal', [],
      { Storage__ConnectionString: storage, VirtualTerminal__ConnectorUrl: urls.connector, VirtualTerminal__PageUrl: urls.page });
    app('PosConnector.CallbackInspector', ['--urls', urls.inspector]);
    for (const url of [`${urls.connector}/api/health`, `${urls.page}/api/board`, `${urls.inspector}/callbacks`]) {
      await waitFor(url, async () => (await fetch(url)).ok, 120000);
    }
    return stack;
  } catch (e) {
    await stack.stop();
    throw new Error(`${e.message}; logs in ${logDir}`);
  }
}

// The system Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH), headless, in a fresh profile: no browser download.
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'posconnector-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
}

// Where screenshots go: BROWSER_TEST_SCREENSHOTS (scripts/test-browser.sh sets it) or a fresh temporary folder.
const screenshots = process.env.BROWSER_TEST_SCREENSHOTS || fs.mkdtempSync(path.join(os.tmpdir(), 'posconnector-screens-'));

// For a test file: the stack and a browser, started before its tests and stopped after them (node:test hooks).
function useStackAndBrowser() {
  const { before, after } = require('node:test');
  const world = {};
  before(async () => {
    world.stack = await startStack();
    world.context = await launchBrowser();
  });
  after(async () => {
    await world.context?.close();
    await world.stack?.stop();
  });
  return world;
}

module.exports = { waitFor, useStackAndBrowser, screenshots };
