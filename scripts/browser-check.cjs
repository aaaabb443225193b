#!/usr/bin/env node
// Drives headless Chromium over a built site, one page of every kind:
//
//   node scripts/browser-check.cjs axe   --site DIR [--prefix /career/] [--only kind,kind]
//   node scripts/browser-check.cjs shots --site DIR [--prefix /career/] [--out DIR]
//                                        [--only kind,kind] [--widths 390,1280]
//   node scripts/browser-check.cjs print --site DIR [--prefix /career/] [--out DIR]
//
// `axe` runs axe-core (WCAG 2.0/2.1 A and AA rules plus best practices) on
// every page kind in the light and the dark colour scheme, and fails on any
// violation, or on chart text that overlaps, leaves its chart or covers a
// goal's mark (measured with the real font, at 1280 and 360 px). It also fails when a page requests anything from another host,
// when a request fails, when the page contains a <script> (the search page
// may have its one module script, and is checked with its results listed), or when the page
// is wider than the viewport at 360 px (horizontal scrolling), or the share
// page is cut when printed on A4 or Letter.
// `shots` writes full-page screenshots (390 and 1280 px, light and dark) and
// print renderings of the share page for a person to look at.
// `print` prints each document (brief, packet, review, cv) to PDF on A4 and
// Letter with Chromium, reads the PDFs back with pdftotext, and fails when a
// story, card or list item starts on one page and ends on the next, when
// the site's header or navigation is printed, or when the cv takes more
// than two A4 pages. The PDFs are left in --out to look at.
//
// The site is served by a tiny static server in this process under
// `--prefix`, the path of the site's base_url. puppeteer-core and axe-core
// are loaded from WAYMARK_BROWSER_TOOLS (default .ci/browser, where
// scripts/axe-check.sh installs them); Chromium from WAYMARK_CHROMIUM or
// /usr/bin/chromium.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const tools = process.env.WAYMARK_BROWSER_TOOLS || path.join(repo, ".ci", "browser");
const need = (name) => require(path.join(tools, "node_modules", name));

// One page of every kind in example-site. Paths are relative to the prefix.
const PAGES = [
  ["home", ""],
  ["achievements", "achievements/"],
  ["achievement", "achievements/checkout-p99-fix/"],
  ["goals", "goals/"],
  ["goal", "goals/become-staff-engineer/"],
  ["journey", "journey/"],
  ["skills", "skills/"],
  ["skill", "skills/kubernetes/"],
  ["tags", "tags/"],
  ["tag", "tags/slo/"],
  ["reflections", "reflections/"],
  ["reflection", "reflections/2026-q2-review/"],
  ["share", "share/promo-2026/"],
  ["packet", "share/staff-packet-2027/"],
  ["review", "share/self-review-2026-h2/"],
  ["cv", "share/cv/"],
  ["ladder", "ladder/"],
  ["competency", "ladder/staff-technical-direction/"],
  ["page", "about/"],
  ["search", "search/?q=postgres"],
  ["404", "404.html"],
];
// The search page is the one page with a script (its form over Pagefind):
// checked once its results are listed.
const SCRIPTED = { search: "#search-results li" };

function args() {
  const a = process.argv.slice(2);
  const opts = { mode: a[0], prefix: "/career/", widths: [390, 1280], out: "/tmp/waymark-shots" };
  for (let i = 1; i < a.length; i += 2) {
    const [k, v] = [a[i], a[i + 1]];
    if (k === "--site") opts.site = path.resolve(v);
    else if (k === "--prefix") opts.prefix = v.endsWith("/") ? v : v + "/";
    else if (k === "--out") opts.out = path.resolve(v);
    else if (k === "--only") opts.only = v.split(",");
    else if (k === "--widths") opts.widths = v.split(",").map(Number);
    else throw new Error(`unknown option ${k}`);
  }
  if (!["axe", "shots", "print"].includes(opts.mode) || !opts.site) {
    console.error("usage: browser-check.cjs axe|shots|print --site DIR [--prefix /career/] [--out DIR]");
    process.exit(2);
  }
  return opts;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".xml": "application/xml",
  ".json": "application/json",
  ".js": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

function serve(root, prefix) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    rel = rel.slice(prefix.length);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(root, "404.html");
    }
    res.writeHead(status, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// The page kind of a URL this script opens (the search page's own query aside).
function kindOf(url) {
  const rel = new URL(url).pathname;
  const hit = PAGES.find(([, p]) => p && rel.endsWith("/" + p.split("?")[0]));
  return hit ? hit[0] : "";
}

async function launch() {
  const puppeteer = need("puppeteer-core");
  return puppeteer.launch({
    executablePath: process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
    ],
  });
}

// Opens a page and records every request that leaves the local server or fails.
async function open(browser, origin, url, width, scheme, problems) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  await page.setJavaScriptEnabled(true); // for axe only; the site has no script
  // Requests to other hosts are stopped; on the search page they are only
  // recorded (an intercepted page stalls the requests of Pagefind's web
  // worker), which fails the check all the same.
  const ready = SCRIPTED[kindOf(url)];
  if (!ready) await page.setRequestInterception(true);
  page.on("request", (r) => {
    const u = r.url();
    const local = u.startsWith(origin) || u.startsWith("data:") || u.startsWith("about:");
    if (!local) problems.push(`${url}: requests another host: ${u}`);
    if (ready) return;
    if (local) r.continue();
    else r.abort();
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== url && !r.url().endsWith("404.html")) {
      problems.push(`${url}: ${r.status()} for ${r.url()}`);
    }
  });
  await page.goto(url, { waitUntil: "load" });
  if (ready) {
    page.on("console", (m) => m.type() === "error" && problems.push(`${url}: console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`${url}: ${e.message}`));
    await page.waitForSelector(ready, { timeout: 15000 }).catch(() => problems.push(`${url}: nothing matched ${ready}`));
  }
  return page;
}

// Text in the visible charts, measured by the browser with the real font:
// no two labels may overlap, none may leave its chart, and none may cover
// a goal's mark or the north star (the layout estimates widths; this
// checks them).
async function chartOverlaps(page) {
  return page.evaluate(() => {
    const out = [];
    const hit = (a, b) => a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width && a.y + 0.5 < b.y + b.height && b.y + 0.5 < a.y + a.height;
    for (const svg of document.querySelectorAll("svg.journey-chart, svg.heatmap, svg.wellbeing-chart")) {
      if (svg.getBoundingClientRect().width === 0) continue;
      const name = svg.getAttribute("class");
      const boxes = [...svg.querySelectorAll("text")].map((t) => ({ t: t.textContent, b: t.getBBox(), size: parseFloat(getComputedStyle(t).fontSize) }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          if (hit(boxes[i].b, boxes[j].b)) out.push(`${name}: "${boxes[i].t}" overlaps "${boxes[j].t}"`);
        }
      }
      const vb = svg.viewBox.baseVal;
      // A text's box is its font's em box, taller than its letters: a
      // fifth of the size above and below is not yet cut off.
      for (const { t, b, size } of boxes) {
        const slack = 0.2 * size;
        if (b.x < vb.x - 0.5 || b.y < vb.y - slack || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + slack) {
          out.push(`${name}: "${t}" leaves the chart`);
        }
      }
      for (const m of svg.querySelectorAll("circle.jr-goal, polygon.jr-star")) {
        const mb = m.getBBox();
        for (const { t, b } of boxes) if (hit(b, mb)) out.push(`${name}: "${t}" covers a goal's mark`);
      }
    }
    return out;
  });
}

async function runAxe(opts) {
  const axeSource = fs.readFileSync(path.join(tools, "node_modules", "axe-core", "axe.min.js"), "utf8");
  const server = await serve(opts.site, opts.prefix);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const problems = [];
  let checked = 0;
  try {
    for (const [kind, rel] of PAGES) {
      if (opts.only && !opts.only.includes(kind)) continue;
      const url = `${origin}${opts.prefix}${rel}`;
      for (const scheme of ["light", "dark"]) {
        const page = await open(browser, origin, url, 1280, scheme, problems);
        const scripts = await page.$$eval("script", (s) => s.length);
        const allowed = SCRIPTED[kind] ? await page.$$eval('script[type="module"]', (s) => s.length) : 0;
        if (scripts > (allowed === 1 ? 1 : 0)) problems.push(`${kind}: the page has ${scripts} <script> element(s)`);
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() =>
          // eslint-disable-next-line no-undef
          axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            resultTypes: ["violations"],
          }),
        );
        for (const v of result.violations) {
          for (const n of v.nodes) {
            problems.push(`${kind} (${scheme}): ${v.id} [${v.impact}] ${v.help}\n    at ${n.target.join(" ")}\n    ${n.failureSummary.replace(/\n/g, "\n    ")}`);
          }
        }
        if (scheme === "light") {
          for (const o of await chartOverlaps(page)) problems.push(`${kind} (1280px): ${o}`);
          // Nothing wider than a small phone: no sideways scrolling at 360 px.
          await page.setViewport({ width: 360, height: 800 });
          const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (over > 0) problems.push(`${kind}: ${over}px wider than a 360px viewport`);
          for (const o of await chartOverlaps(page)) problems.push(`${kind} (360px): ${o}`);
          if (DOCUMENTS.includes(kind)) {
            await page.emulateMediaType("print");
            // The printable width of A4 and Letter with the stylesheet's 16 mm margins, at 96 dpi.
            for (const [paper, mm] of [["A4", 210], ["Letter", 215.9]]) {
              const w = Math.floor(((mm - 32) / 25.4) * 96);
              await page.setViewport({ width: w, height: 1000 });
              const info = await page.evaluate(() => ({
                over: document.documentElement.scrollWidth - window.innerWidth,
                nav: [...document.querySelectorAll("nav, .skip-link")].filter((e) => getComputedStyle(e).display !== "none").length,
              }));
              if (info.over > 0) problems.push(`${kind} (print ${paper}): ${info.over}px cut at the right edge`);
              if (info.nav) problems.push(`${kind} (print ${paper}): navigation is printed`);
            }
          }
        }
        await page.close();
        checked++;
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    console.error(`\naxe: ${problems.length} problem(s) on ${checked} page renderings`);
    process.exit(1);
  }
  console.log(`axe: no violations on ${checked} page renderings (${checked / 2} page kinds, light and dark)`);
}

async function runShots(opts) {
  fs.mkdirSync(opts.out, { recursive: true });
  const server = await serve(opts.site, opts.prefix);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const problems = [];
  try {
    for (const [kind, rel] of PAGES) {
      if (opts.only && !opts.only.includes(kind)) continue;
      const url = `${origin}${opts.prefix}${rel}`;
      for (const width of opts.widths) {
        for (const scheme of ["light", "dark"]) {
          const page = await open(browser, origin, url, width, scheme, problems);
          const file = path.join(opts.out, `${kind}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
          await page.close();
        }
      }
      if (kind === "share") {
        const page = await open(browser, origin, url, 1280, "light", problems);
        for (const format of ["A4", "Letter"]) {
          const file = path.join(opts.out, `share-print-${format}.pdf`);
          await page.pdf({ path: file, format, preferCSSPageSize: false });
          console.log(file);
        }
        // A picture of the printed page: print media at the A4 text width.
        await page.emulateMediaType("print");
        await page.setViewport({ width: 673, height: 1000 });
        const file = path.join(opts.out, "share-print-A4.png");
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
}

// The page kinds that are documents: printed, and checked as printed.
const DOCUMENTS = ["share", "packet", "review", "cv"];
// What must not be cut across a page: a story, a card, a list item.
const UNITS = ".story, .brief-list > li, .brief-goals li, .cv-role, .cv-list li, .gap-list li, .review-reflection, .ask";

async function runPrint(opts) {
  const { execFileSync } = require("child_process");
  fs.mkdirSync(opts.out, { recursive: true });
  const server = await serve(opts.site, opts.prefix);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const problems = [];
  let printed = 0;
  try {
    for (const [kind, rel] of PAGES) {
      if (!DOCUMENTS.includes(kind) || (opts.only && !opts.only.includes(kind))) continue;
      const url = `${origin}${opts.prefix}${rel}`;
      const page = await open(browser, origin, url, 1280, "light", problems);
      await page.emulateMediaType("print");
      // Each unit's first and last few letters as printed, squashed the
      // same way as the PDF's text (no spaces or hyphens: pdftotext spaces
      // words its own way and joins a word hyphenated at a line's end).
      const units = await page.evaluate((sel) => {
        const squash = (t) => t.toLowerCase().replace(/[\s\u00ad-]+/g, "");
        return [...document.querySelectorAll(sel)]
          .filter((e) => e.getBoundingClientRect().height > 0)
          .map((e) => squash(e.innerText))
          .filter((t) => t.length > 0)
          .map((t) => ({ head: t.slice(0, 24), tail: t.slice(-24) }));
      }, UNITS);
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll(".site-header, nav")].filter((e) => getComputedStyle(e).display !== "none").length,
      );
      if (shown) problems.push(`${kind} (print): the site's header or navigation is printed`);
      if (units.length === 0) problems.push(`${kind} (print): no stories, cards or items found to check`);
      for (const format of ["A4", "Letter"]) {
        const file = path.join(opts.out, `${kind}-${format}.pdf`);
        await page.pdf({ path: file, format, preferCSSPageSize: false });
        const text = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
        const pages = text.split("\f").map((p) => p.toLowerCase().replace(/[\s\u00ad-]+/g, ""));
        while (pages.length && pages[pages.length - 1] === "") pages.pop();
        // Each unit's start and end must be on one page. (Chromium writes a
        // page's text in paint order, not the page's order, so each is
        // looked for on every page rather than in sequence.)
        const on = (needle) => pages.map((p, i) => (p.includes(needle) ? i + 1 : 0)).filter((n) => n);
        for (const u of units) {
          const heads = on(u.head);
          const tails = on(u.tail);
          if (!heads.length || !tails.length) {
            problems.push(`${kind} (${format}): "${u.head}…" is not in the printed text`);
          } else if (!heads.some((p) => tails.includes(p))) {
            problems.push(`${kind} (${format}): "${u.head}…" is cut across pages ${heads[0]} and ${tails[tails.length - 1]}`);
          }
        }
        if (kind === "cv" && format === "A4" && pages.length > 2) {
          problems.push(`cv (A4): ${pages.length} pages, more than two`);
        }
        console.log(`${file}: ${pages.length} page(s), ${units.length} items checked`);
        printed++;
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    console.error(`\nprint: ${problems.length} problem(s) in ${printed} PDFs`);
    process.exit(1);
  }
  console.log(`print: ${printed} PDFs (A4 and Letter), nothing cut across a page, no navigation printed`);
}

const opts = args();
const modes = { axe: runAxe, shots: runShots, print: runPrint };
modes[opts.mode](opts).catch((e) => {
  console.error(e);
  process.exit(1);
});
