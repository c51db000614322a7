// The browser demo in headless Chromium (Debian's /usr/bin/chromium through playwright-core; no
// browser download): the page loads the WASM engine, the sWTA module picks the strongly driven group
// and switches when the inputs are swapped, the TrueNorth WTA follows, and the image filter changes a
// stroke drawn on the canvas. Skipped (with a message) only where /usr/bin/chromium is absent.
import { existsSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serveDemo, type DemoServer } from '../../ts/demo/server.js';
import { buildDemo, digests } from '../../ts/demo/build.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/browser/demo.test.ts: ${CHROMIUM} not found — browser tests skipped (CI installs it: apt-get install chromium)`);

interface Demo { ready: boolean; errors: string[]; module: { t_ms: number; sinceChange_ms: number; rates_Hz: number[]; winner: number; populations_Hz: Record<string, number> }; tn: { tick: number; sinceChange_ms: number; rates_Hz: number[]; winner: number }; filter: { runs: number; inputMean: number; outputMean: number; meanAbsDiff: number } }
const demo = (page: Page) => page.evaluate(() => (globalThis as unknown as { __demo: Demo }).__demo);

async function setSlider(page: Page, id: string, value: number): Promise<void> {
  await page.locator(`#${id}`).fill(String(value)); // range inputs: fill sets the value and fires input
}

/** Wait until both models have run `ms` since the last control change, then return the state. */
async function settled(page: Page, ms: number): Promise<Demo> {
  await page.waitForFunction((w) => { const d = (globalThis as unknown as { __demo: Demo }).__demo; return d.module.sinceChange_ms >= w && d.tn.sinceChange_ms >= w; }, ms, { timeout: 20_000, polling: 100 });
  return demo(page);
}

describe.skipIf(!hasChromium)('browser demo in headless Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    server = await serveDemo({ port: 0 });
    timings.build_serve_ms = performance.now() - t;
    const { chromium } = await import('playwright-core');
    t = performance.now();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    timings.launch_ms = performance.now() - t;
    page = await browser.newPage({ viewport: { width: 1340, height: 1500 } });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`); });
    page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()}`));
    // Offline after the page: anything but the loopback server is a failure.
    await page.route((url) => !url.href.startsWith(server.url), (r) => { pageErrors.push(`off-site request: ${r.request().url()}`); return r.abort(); });
    t = performance.now();
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { __demo?: Demo }).__demo?.ready === true, null, { timeout: 15_000 });
    timings.page_ready_ms = performance.now() - t;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`browser demo timings: ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
  });

  it('serves .wasm as application/wasm and 404s unknown paths', async () => {
    const w = await fetch(new URL('swta.wasm', server.url));
    expect(w.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await w.arrayBuffer()).subarray(0, 4)).toEqual(Uint8Array.of(0, 0x61, 0x73, 0x6d));
    expect((await fetch(new URL('nope.js', server.url))).status).toBe(404);
  });

  it('the bundle is reproducible (two builds, same bytes)', async () => {
    // built back to back (the sources, or artifacts/swta.wasm, may be rebuilt while the suite runs)
    const [a, b] = [await buildDemo(), await buildDemo()];
    expect(digests(a)).toEqual(digests(b));
  });

  it('the module picks the strongly driven group, and switches when the inputs are swapped', async () => {
    const t = performance.now();
    await page.selectOption('#speed', 'max');
    await setSlider(page, 'in0', 25);
    await setSlider(page, 'in1', 8);
    const a = await settled(page, 1000);
    expect(a.module.winner, `rates ${a.module.rates_Hz}`).toBe(0);
    expect(a.module.rates_Hz[0]).toBeGreaterThan(2 * a.module.rates_Hz[1]);
    expect(a.tn.winner, `TrueNorth rates ${a.tn.rates_Hz}`).toBe(0);
    expect(await page.locator('#winner').textContent()).toMatch(/^Group 0 wins/);

    await page.click('#swap');
    expect(await page.locator('#in0').inputValue()).toBe('8');
    const b = await settled(page, 1000);
    expect(b.module.winner, `rates ${b.module.rates_Hz}`).toBe(1);
    expect(b.module.rates_Hz[1]).toBeGreaterThan(2 * b.module.rates_Hz[0]);
    expect(b.tn.winner, `TrueNorth rates ${b.tn.rates_Hz}`).toBe(1);
    expect(await page.locator('#winner').textContent()).toMatch(/^Group 1 wins/);
    mkdirSync('out', { recursive: true });
    await page.locator('#module').screenshot({ path: 'out/demo-swapped.png' });
    // the plots show it: both rate curves and raster rows are drawn
    expect(await page.locator('#module-rates polyline').count()).toBe(2);
    expect(await page.locator('#module-raster path').count()).toBe(6);
    expect(await page.locator('#tn-raster path').count()).toBe(3);
    timings.wta_ms = performance.now() - t;
    timings.simulated_ms = b.module.t_ms;
  });

  it('VIP context disinhibits (VIP up, SST down); LAMP5 drive normalises (PYR down)', async () => {
    // Group 0 alone at a moderate input; rates = mean of three consecutive 500 ms windows after 200 ms.
    // (The PYR gain change under VIP context is small and noisy at 1 s resolution in this model,
    // so the test checks the disinhibitory pathway itself.)
    const rates = async () => {
      const a = (await settled(page, 700)).module.populations_Hz;
      const b = (await settled(page, 1200)).module.populations_Hz;
      const c = (await settled(page, 1700)).module.populations_Hz;
      return Object.fromEntries(Object.keys(a).map((k) => [k, (a[k] + b[k] + c[k]) / 3]));
    };
    for (const [id, v] of [['ctx', 0], ['l1', 0], ['in1', 0], ['in0', 8]] as const) await setSlider(page, id, v);
    const base = await rates();
    await setSlider(page, 'ctx', 40);
    const vip = await rates();
    await setSlider(page, 'ctx', 0);
    await setSlider(page, 'l1', 20);
    const lamp5 = await rates();
    await setSlider(page, 'l1', 0);
    const show = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    console.log(`input 8 Hz to group 0 — base: ${show(base)}\n  VIP context 40 Hz: ${show(vip)}\n  L1 drive 20 Hz: ${show(lamp5)}`);
    expect(base.PYR0).toBeGreaterThan(5);
    expect(vip.VIP).toBeGreaterThan(Math.max(20, 5 * base.VIP));
    // SST is driven by PYR (facilitating E→SST) and inhibited by VIP: disinhibition = less SST
    // activity per unit of PYR activity (SST alone also falls, by 0.4–0.8× over 1 s windows).
    const sstPerPyr = (r: Record<string, number>) => r.SST / Math.max(r.PYR0, 1);
    expect(sstPerPyr(vip)).toBeLessThan(0.75 * sstPerPyr(base));
    expect(lamp5.LAMP5).toBeGreaterThan(base.LAMP5 + 10);
    expect(lamp5.PYR0).toBeLessThan(0.5 * base.PYR0);
  });

  it('filters a stroke drawn on the canvas: output differs from the input', async () => {
    await page.click('#clear');
    const box = (await page.locator('#draw').boundingBox())!;
    const at = (x: number, y: number) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height] as const;
    const before = (await demo(page)).filter.runs;
    await page.mouse.move(...at(90, 60));
    await page.mouse.down();
    for (const [x, y] of [[190, 60], [170, 120], [140, 180], [120, 230]]) await page.mouse.move(...at(x, y), { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction((n) => (globalThis as unknown as { __demo: Demo }).__demo.filter.runs > n, before);
    const f = (await demo(page)).filter;
    expect(f.inputMean).toBeGreaterThan(0.05); // the stroke reached the 28×28 input
    expect(f.outputMean).toBeGreaterThan(0.01); // and survives the filter
    expect(f.meanAbsDiff).toBeGreaterThan(0.01);
    expect(await page.locator('#filter-out svg rect').count()).toBeGreaterThan(100);
    // night-like noise: the filter suppresses the background
    await setSlider(page, 'noise', 0.4);
    await page.waitForFunction((n) => (globalThis as unknown as { __demo: Demo }).__demo.filter.runs > n, f.runs);
    const g = (await demo(page)).filter;
    expect(g.outputMean).toBeLessThan(g.inputMean);
  });

  it('has no page errors; screenshot in out/demo.png', async () => {
    // Reset restarts both models from t = 0
    const before = (await demo(page)).module.t_ms;
    await page.click('#reset');
    await page.waitForFunction((t) => { const d = (globalThis as unknown as { __demo: Demo }).__demo; return d.module.t_ms < t && d.module.t_ms > 0 && d.tn.tick < t; }, before);
    // a showcase state for the screenshot: group 0 strong, group 1 weak, real-time pacing
    for (const [id, v] of [['ctx', 0], ['l1', 0], ['in0', 20], ['in1', 10]] as const) await setSlider(page, id, v);
    const s = await settled(page, 1200);
    expect(s.module.winner).toBe(0);
    await page.selectOption('#speed', '1');
    mkdirSync('out', { recursive: true });
    await page.screenshot({ path: 'out/demo.png', fullPage: true });
    expect((await demo(page)).errors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('swta demo (CLI)', () => {
  it('prints the URL as JSON, serves the page, and stops cleanly on SIGINT', async () => {
    const p = spawn(process.execPath, ['bin/swta.mjs', 'demo', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no JSON from swta demo: ${out}`)), 20_000);
      p.stdout.on('data', (d) => { out += d; try { const j = JSON.parse(out); clearTimeout(timer); resolve(j); } catch { /* incomplete */ } });
      p.once('exit', (c) => reject(new Error(`swta demo exited early (${c}): ${out}`)));
    });
    expect(info.url).toBe(`http://127.0.0.1:${info.port}/`);
    expect(await (await fetch(info.url)).text()).toContain('<script type="module" src="demo.js">');
    const code = await new Promise<number | null>((resolve) => { p.once('exit', resolve); p.kill('SIGINT'); });
    expect(code).toBe(0);
  });

  it('rejects a bad --port naming the flag and the range', async () => {
    const p = spawn(process.execPath, ['bin/swta.mjs', 'demo', '--port', '70000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const code = await new Promise<number | null>((resolve) => p.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--port.*\[0, 65535\]/);
  });
});
