// Browser test of the report viewer (run by features' ViewerBrowserTest, or by hand):
//   node viewer-test.mjs <report dir> <scenario folder> [<scenario folder>...]
// For each scenario it opens <report>/<folder>/viewer.html from disk in Debian's Chromium (headless,
// software WebGL), plays the time-lapse to the end, reads the victim's adversary share shown at the last
// frame, steps back to the first frame and reads it there, times opening and one frame step, and saves
// screenshots into the scenario folder. Prints one JSON object per scenario; the Java test asserts.
import { chromium } from "playwright-core";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [report, ...folders] = process.argv.slice(2);
if (!report || folders.length === 0) {
  console.error("usage: node viewer-test.mjs <report dir> <scenario folder>...");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
try {
  for (const folder of folders) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    const dir = path.resolve(report, folder);
    const t0 = Date.now();
    await page.goto(pathToFileURL(path.join(dir, "viewer.html")).href);
    await page.waitForFunction(() => window.P2P_VIEWER && (window.P2P_VIEWER.ready || window.P2P_VIEWER.error), null,
      { timeout: 60000 });
    await nextPaint(page);
    const openMs = Date.now() - t0;
    const loadError = await page.evaluate(() => window.P2P_VIEWER.error || null);
    if (loadError) { throw new Error(folder + ": " + loadError); }
    const frames = await page.evaluate(() => window.P2P_VIEWER.frames);
    const nodes = await page.evaluate(() => window.P2P_VIEWER.nodes);
    const webgl = await page.evaluate(() => !!document.createElement("canvas").getContext("webgl2"));
    const firstShare = await shownShare(page);
    await page.screenshot({ path: path.join(dir, "viewer-first-frame.png") });

    // one step forward, timed from the click to the next painted frame
    const stepMs = await page.evaluate(async () => {
      const t = performance.now();
      document.getElementById("forward").click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t;
    });

    // play to the end at the fastest speed
    await page.click("#first");
    await page.selectOption("#speed", "50");
    await page.click("#play");
    await page.waitForFunction((n) => window.P2P_VIEWER.frame === n - 1 && !window.P2P_VIEWER.playing, frames,
      { timeout: 120000 });
    await nextPaint(page);
    const lastShare = await shownShare(page);
    const lastCaption = await page.textContent("#caption");
    await page.screenshot({ path: path.join(dir, "viewer-last-frame.png") });

    // hover the victim (tooltip with id, address, table, share) and click it (its entries highlighted)
    const victim = await page.evaluate(() => window.P2P_VIEWER.victimPoint());
    let tooltip = null;
    if (victim) {
      await page.mouse.move(victim.x, victim.y);
      await page.mouse.click(victim.x, victim.y);
      await page.mouse.move(victim.x + 1, victim.y + 1);
      await nextPaint(page);
      tooltip = await page.evaluate(() => { const t = document.getElementById("tooltip"); return t.hidden ? null : t.textContent; });
      await page.screenshot({ path: path.join(dir, "viewer-victim-selected.png") });
      await page.mouse.click(5, 5);
    }

    // step back to the first frame, one step at a time
    for (let i = frames - 1; i > 0; i--) { await page.click("#back"); }
    await nextPaint(page);
    const backShare = await shownShare(page);
    const backFrame = await page.evaluate(() => window.P2P_VIEWER.frame);
    const backCaption = await page.textContent("#caption");
    console.log(JSON.stringify({ folder, frames, nodes, webgl, openMs, stepMs: Math.round(stepMs), firstShare, lastShare,
      lastCaption, backFrame, backShare, backCaption, tooltip, errors }));
    await page.close();
  }
} finally {
  await browser.close();
}

async function nextPaint(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function shownShare(page) {
  return page.evaluate(() => {
    const el = document.getElementById("victim-share");
    return { text: el.textContent, share: el.dataset.share === "" ? null : Number(el.dataset.share), victims: Number(el.dataset.victims) };
  });
}
