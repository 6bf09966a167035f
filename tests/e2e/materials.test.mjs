// Browser tests of the materials step: the item's type and size limits
// refuse a file with a clear message before it is read; an accepted file
// reaches the host's upload hook and goes into the envelope by name, size
// and SHA-256; a failed upload is said so; and a commitment in lieu
// (告知承诺) is signed and accepted by `banli check`; a material with
// alternatives (A 或 B 或 C) asks which one is provided.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, fillPage, press, chooseMaterials, submitAndCheck, screenshot, fixture, logicalId, mountDefinition, root, today, checkNatively } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens the food item and fills the form pages from a fixture, up to the materials page. */
async function toMaterials(query, fixtureName) {
  const data = fixture('food-business-licence', fixtureName);
  const page = await openPage(browser, `/apply.html?item=food-business-licence.json${query}`);
  await page.locator('banli-form').locator('.page-title').first().waitFor();
  const filled = new Set();
  for (let step = 1; step <= 6 && await page.locator('banli-form .materials').count() === 0; step += 1) {
    await fillPage(page, data.data, filled);
    await press(page, '下一步');
    const summary = page.locator('banli-form .error-summary');
    if (await summary.count() > 0) assert.fail(await summary.textContent());
  }
  return { page, data };
}

async function chooseUpload(page, material) {
  const radio = page.locator(`input[name="${logicalId(`material:${material}`)}"][value="provided"]`);
  await radio.focus();
  await page.keyboard.press('Space');
  return page.locator(`#${logicalId(`material:${material}`)}-file`);
}

test("a file of the wrong type or too large is refused with the item's limits; an accepted one reaches the upload hook", async () => {
  const { page } = await toMaterials('', 'deferred-floor-plan');
  const input = await chooseUpload(page, 'safety-rules');
  assert.equal(await input.getAttribute('accept'), 'application/pdf');
  await input.setInputFiles({ name: 'rules.zip', mimeType: 'application/zip', buffer: Buffer.from('zip') });
  const error = page.locator(`#${logicalId('material:safety-rules')}-upload-error`);
  assert.match(await error.textContent(), /文件“rules\.zip”的类型不符合要求，请上传以下类型的文件：application\/pdf/);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await input.setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  assert.match(await error.textContent(), /大小为10\.0 MB，超过了10\.0 MB的上限/);
  await screenshot(page, 'materials-upload-refused');
  const content = Buffer.from('食品安全管理制度 banli e2e');
  await input.setInputFiles({ name: 'rules.pdf', mimeType: 'application/pdf', buffer: content });
  await page.locator('banli-form .file-chosen').filter({ hasText: 'rules.pdf' }).waitFor();
  assert.equal(await error.count(), 0, 'the error goes once a good file is chosen');
  const uploads = await page.evaluate(() => window.demoUploads);
  assert.deepEqual(uploads, [{ materialId: 'safety-rules', name: 'rules.pdf', size: content.length, type: 'application/pdf' }]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a failed upload says so and the file does not count as provided', async () => {
  const { page } = await toMaterials('&upload=fail', 'deferred-floor-plan');
  const input = await chooseUpload(page, 'safety-rules');
  await input.setInputFiles({ name: 'rules.pdf', mimeType: 'application/pdf', buffer: Buffer.from('x') });
  const error = page.locator(`#${logicalId('material:safety-rules')}-upload-error`);
  await error.waitFor();
  assert.match(await error.textContent(), /上传失败.*存储服务暂不可用/);
  assert.equal(await page.locator('banli-form .file-chosen').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('commitment in lieu (告知承诺): signed, submitted, valid_with_commitments; uploaded files carry their SHA-256', async () => {
  const { page, data } = await toMaterials('', 'in-lieu-health-certificates');
  await chooseMaterials(page, data.materials);
  const commitment = page.locator('banli-form .commitment');
  assert.match(await commitment.textContent(), /告知承诺/);
  await page.locator(`#${logicalId('signer')}`).focus();
  await page.keyboard.type(data.commitment.signer);
  await page.locator(`#${logicalId('confirm')}`).focus();
  await page.keyboard.press('Space');
  await screenshot(page, 'materials-in-lieu-signed');
  await press(page, '下一步');
  await page.locator('banli-form .review').waitFor();
  const { envelope, report } = await submitAndCheck(page, 'food-business-licence.json', '确认并提交');
  assert.equal(report.status, 'valid_with_commitments', JSON.stringify(report.errors));
  assert.equal(envelope.materials['health-certificates'].disposition, 'in_lieu');
  assert.equal(envelope.commitment.signer, data.commitment.signer);
  const file = envelope.materials['floor-plan'].files[0];
  assert.equal(file.sha256, createHash('sha256').update(Buffer.from('banli e2e floor-plan')).digest('hex'));
  assert.deepEqual(report.commitments.map((c) => c.kind), ['in_lieu'], JSON.stringify(report.commitments));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a material with alternatives (A 或 B 或 C): the applicant says which one before uploading; the envelope names it and banli check accepts it', async () => {
  const definition = {
    ...JSON.parse(readFileSync(join(root, 'tests/fixtures/item-head.json'), 'utf8')),
    form: { type: 'object', title: '申请人', required: ['name'], properties: { name: { type: 'string', title: '姓名' } } },
    materials: [{
      id: 'identity', name: '身份证明', source: 'applicant', required: true,
      alternatives: [{ id: 'id-card', name: '居民身份证' }, { id: 'passport', name: '护照' }, { id: 'residence-permit', name: '港澳台居民居住证' }],
    }],
  };
  const page = await mountDefinition(browser, JSON.stringify(definition));
  await fillPage(page, { name: '张三' });
  await press(page, '下一步');
  await page.locator('#host .materials').waitFor();
  const name = logicalId('material:identity');
  // Uploaded without saying which one: the page asks.
  await chooseMaterials(page, { identity: { disposition: 'provided', files: [{ name: 'passport.pdf' }] } });
  const group = page.locator('#host fieldset.alternatives');
  assert.match(await group.textContent(), /提交的是以下哪一项（任选其一）.*居民身份证.*护照.*港澳台居民居住证/);
  await press(page, '下一步');
  const summary = page.locator('#host .error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /请说明材料“身份证明”提交的是哪一项：居民身份证、护照 或 港澳台居民居住证（任选其一）/);
  const passport = page.locator(`input[name="${name}-alternative"][value="passport"]`);
  await passport.focus();
  await page.keyboard.press('Space');
  await screenshot(page, 'materials-alternative-chosen');
  await press(page, '下一步');
  await page.locator('#host .review').waitFor();
  await press(page, '确认并提交');
  const envelope = await (await page.waitForFunction(() => window.__envelope)).jsonValue();
  assert.equal(envelope.materials.identity.alternative, 'passport');
  const report = checkNatively({ text: JSON.stringify(definition) }, envelope, ['--accepted-on', today]);
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  assert.deepEqual(report.materials[0].alternative, { id: 'passport', name: '护照' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
