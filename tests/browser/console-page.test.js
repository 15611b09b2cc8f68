'use strict';
// The operator console in headless Chromium (the system's /usr/bin/chromium, driven by playwright-core), served by the
// standalone connector at /api/admin/console: the key entered once, a payment found by its orderId and its audit trail
// opened, the attention list, a terminal registered, disabled and its secret rotated; every data call through the
// admin routes.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { waitFor, useStackAndBrowser, screenshots } = require('./stack');

const adminKey = 'local-admin-key-0123456789';

const world = useStackAndBrowser();

const admin = path => fetch(`${world.stack.urls.connector}${path}`, { headers: { 'X-Admin-Key': adminKey } });

// A Test Suite card approved after a few seconds, whose callback goes nowhere (port 9 refuses): approved, and its
// callback owed, so the attention list shows it.
async function createOwedPayment(paymentId) {
  const response = await fetch(`${world.stack.urls.connector}/api/payments`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json', 'X-VTEX-API-AppKey': 'vtexappkey-local', 'X-VTEX-API-AppToken': 'local-merchant-app-token',
      'X-VTEX-API-Is-TestSuite': 'true',
    },
    body: JSON.stringify({
      paymentId, transactionId: `T-${paymentId}`, paymentMethod: 'Venda Direta Credito', value: 12.5, currency: 'BRL', installments: 1,
      callbackUrl: 'http://127.0.0.1:9/callback', reference: `R-${paymentId}`, orderId: `O-${paymentId}`,
      card: { holder: 'Test', number: '4222222222222224', csc: '123', expiration: { month: '12', year: '2030' } },
    }),
  });
  assert.equal(response.status, 200, `Create Payment answered HTTP ${response.status}: ${await response.text()}`);
}

test('an operator finds a payment, reads its audit trail and the attention list, registers, disables and rotates a terminal', { timeout: 300000 }, async () => {
  const page = await world.context.newPage();
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  const paymentId = `CONSOLE-${Date.now()}`;
  await createOwedPayment(paymentId);
  await waitFor('the payment approved with its callback owed', async () => {
    const attention = await (await admin('/api/admin/attention?olderThanSeconds=0')).json();
    return attention.items?.some(i => i.paymentId === paymentId);
  }, 60000);

  await page.goto(`${world.stack.urls.connector}/api/admin/console`);
  assert.equal(await page.locator('#key-state').innerText(), 'no key yet');
  await page.fill('#key', adminKey);
  await page.click('#key-form button[type=submit]');
  await page.locator('#key-state', { hasText: 'key set' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('posconnector.adminKey')), adminKey);
  assert.equal(await page.evaluate(() => localStorage.length), 0);

  // Find it by orderId. Its index row is written off the request's path, so search until it shows approved.
  await page.fill('#search input[name=orderId]', `O-${paymentId}`);
  const row = page.locator(`#results tr[data-payment-id="${paymentId}"]`);
  await waitFor('the payment in the search results, approved', async () => {
    await page.click('#search button[type=submit]');
    await page.waitForTimeout(300);
    return (await row.count()) === 1 && /approved/.test(await row.innerText());
  }, 60000);
  assert.match(await row.innerText(), /12\.5 BRL/);

  await row.locator('button.open').click();
  await page.locator('#payment-id', { hasText: paymentId }).waitFor();
  assert.match(await page.locator('#payment-summary').innerText(), /approved[\s\S]*callback pending/);
  assert.ok(await page.locator('#history tr').count() >= 2, 'the audit trail lists the payment\'s steps');
  assert.match(await page.locator('#history').innerText(), /Approved|approved/);
  await page.screenshot({ path: path.join(screenshots, 'console-payment.png'), fullPage: true });

  await page.fill('#attention-older', '0');
  await page.click('#attention-form button[type=submit]');
  const owed = page.locator(`#attention tr[data-payment-id="${paymentId}"]`);
  await owed.waitFor({ timeout: 10000 });
  assert.match(await owed.innerText(), /callbackPending/);

  await page.fill('#register input[name=serialNumber]', 'CONSOLE-T1');
  await page.fill('#register input[name=merchantName]', 'localstore');
  await page.fill('#register input[name=label]', 'Front desk');
  await page.click('#register button[type=submit]');
  const terminal = page.locator('#terminals tr[data-serial="CONSOLE-T1"]');
  await terminal.waitFor({ timeout: 10000 });
  assert.equal(await terminal.locator('.enabled').innerText(), 'yes');
  assert.match(await page.locator('#notice').innerText(), /New secret of CONSOLE-T1/);

  const fingerprint = (await (await admin('/api/admin/terminals/CONSOLE-T1')).json()).secretFingerprint;

  // Disabled without knowing its secret: the registration without one keeps it.
  await terminal.locator('button.toggle').click();
  await page.locator('#terminals tr[data-serial="CONSOLE-T1"] .enabled', { hasText: 'no' }).waitFor({ timeout: 10000 });
  const registered = await (await admin('/api/admin/terminals/CONSOLE-T1')).json();
  assert.equal(registered.enabled, false);
  assert.equal(registered.label, 'Front desk');
  assert.equal(registered.secretFingerprint, fingerprint);

  // Rotated: a new secret, shown once on the page, and a new fingerprint.
  page.once('dialog', dialog => dialog.accept());
  await page.locator('#terminals tr[data-serial="CONSOLE-T1"] button.rotate').click();
  await page.locator('#notice', { hasText: 'New secret of CONSOLE-T1' }).waitFor({ timeout: 10000 });
  const rotated = await (await admin('/api/admin/terminals/CONSOLE-T1')).json();
  assert.notEqual(rotated.secretFingerprint, fingerprint);
  assert.equal(rotated.enabled, false);
  await page.screenshot({ path: path.join(screenshots, 'console-terminals.png'), fullPage: true });
  assert.equal(await page.locator('#error').innerText(), '');
  assert.deepEqual(pageErrors, []);
});

test('the console without the key shows the connector\'s refusal and keeps no key', { timeout: 60000 }, async () => {
  const page = await world.context.newPage();
  await page.goto(`${world.stack.urls.connector}/api/admin/console`);
  await page.fill('#key', 'not-the-admin-key');
  await page.click('#key-form button[type=submit]');

  await page.locator('#error', { hasText: 'X-Admin-Key' }).waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => sessionStorage.getItem('posconnector.adminKey')), null);
});
