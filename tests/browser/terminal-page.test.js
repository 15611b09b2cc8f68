'use strict';
// The browser terminal in headless Chromium (the system's /usr/bin/chromium, driven by playwright-core; no
// browser is downloaded): a POS payment through the real PPP routes, approved by a click on the page.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { waitFor, useStackAndBrowser, screenshots } = require('./stack');

const merchant = {
  'Content-Type': 'application/json',
  'X-VTEX-API-AppKey': 'vtexappkey-local',
  'X-VTEX-API-AppToken': 'local-merchant-app-token',
};
const adminKey = 'local-admin-key-0123456789';

const world = useStackAndBrowser();

async function createPayment(paymentId, value) {
  const response = await fetch(`${world.stack.urls.connector}/api/payments`, {
    method: 'POST',
    headers: merchant,
    body: JSON.stringify({
      paymentId, transactionId: `T-${paymentId}`, paymentMethod: 'Venda Direta Credito', value, currency: 'BRL',
      installments: 1, callbackUrl: `${world.stack.urls.inspector}/callback`, reference: `R-${paymentId}`, orderId: `O-${paymentId}`,
    }),
  });
  assert.equal(response.status, 200, `Create Payment answered HTTP ${response.status}`);
  return response.json();
}

test('a charge on a manual terminal waits for the page; Approve completes the payment and its callback', { timeout: 300000 }, async () => {
  const page = await world.context.newPage();
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  await page.goto(world.stack.urls.page);
  const terminal = page.locator('section.terminal[data-serial="VT-0001"]');
  await terminal.waitFor().catch(e => { throw new Error(`${e.message}; page errors: ${pageErrors.join('; ')}`); });

  // Manual mode from the page: the cents rule (.90 would approve at once) no longer decides.
  await terminal.locator('input[type=checkbox]').check();
  await waitFor('VT-0001 in manual mode', async () =>
    (await (await fetch(`${world.stack.urls.page}/api/board`)).json()).terminals.find(t => t.serialNumber === 'VT-0001').manual, 10000);
  await waitFor('VT-0001 registered with the connector', async () =>
    (await fetch(`${world.stack.urls.connector}/api/admin/terminals/VT-0001`, { headers: { 'X-Admin-Key': adminKey } })).ok, 60000);

  const paymentId = `BROWSER-${Date.now()}`;
  const first = await createPayment(paymentId, 31.90);
  assert.equal(first.status, 'undefined');
  const { submitUrl } = JSON.parse(first.paymentAppData.payload);
  const submitted = await fetch(submitUrl, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ serialNumber: 'VT-0001' }),
  });
  assert.equal(submitted.status, 200);
  const charged = await createPayment(paymentId, 31.90);
  assert.equal(charged.status, 'undefined');
  assert.equal(charged.paymentAppData.appName, 'vtex.challenge-wait-for-confirmation');

  const charge = terminal.locator(`.charge[data-payment-id="${paymentId}"]`);
  await charge.locator('button.approve').waitFor({ timeout: 60000 });
  // Held, not answered by the cents rule: the payment still waits.
  assert.equal((await createPayment(paymentId, 31.90)).status, 'undefined');
  await page.screenshot({ path: path.join(screenshots, 'terminal-page-waiting.png'), fullPage: true });
  await charge.locator('button.approve').click();

  const approved = await waitFor('the payment to be approved', async () => {
    const answer = await createPayment(paymentId, 31.90);
    return answer.status === 'undefined' ? null : answer;
  }, 60000);
  assert.equal(approved.status, 'approved');
  assert.equal(approved.cardBrand, 'Visa');

  const callbacks = await waitFor('the callback at the inspector', async () => {
    const list = await (await fetch(`${world.stack.urls.inspector}/callbacks?paymentId=${paymentId}`)).json();
    return list.length ? list : null;
  }, 60000);
  assert.equal(callbacks[0].status, 'approved');
  assert.equal(callbacks[0].hasAppToken, true);
  assert.ok(!JSON.stringify(callbacks).includes('local-partner-app-token'), 'the inspector must not keep the AppToken');

  // The page shows the settled charge and the result it posted (the connector took it: 200).
  await charge.locator('.state.approved').waitFor({ timeout: 10000 });
  const row = page.locator('#results tr', { hasText: paymentId });
  await row.first().waitFor({ timeout: 10000 });
  assert.match(await row.first().innerText(), /approved[\s\S]*200/);
  await page.screenshot({ path: path.join(screenshots, 'terminal-page-approved.png'), fullPage: true });

  const inspector = await world.context.newPage();
  await inspector.goto(world.stack.urls.inspector);
  await inspector.locator(`tr[data-payment-id="${paymentId}"]`).waitFor({ timeout: 10000 });
  await inspector.screenshot({ path: path.join(screenshots, 'callback-inspector.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  console.log(`screenshots in ${screenshots}`);
});
