"""Benchmark: first and largest contentful paint of every page under mobile throttling.

Run with ``make bench-paint`` (or as part of ``make bench``). It builds the site without the
PDF, serves it on localhost with gzip (as GitHub Pages does) and opens every page in the
system Chromium with Lighthouse's mobile settings, applied through the DevTools protocol the
way ``lighthouse --throttling-method=devtools`` applies them:

- slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; as in Lighthouse the round
  trip is multiplied by 3.75 (connection set-up and slow start, which the DevTools protocol
  does not model) and the throughput by 0.9, so 562.5 ms per request, 1.47 Mbit/s down;
- the processor 4 times slower (Emulation.setCPUThrottlingRate);
- a Moto G Power screen (412 × 823 CSS pixels, device pixel ratio 1.75), a touch device.

Every load is in a fresh browser context, so every page starts with an empty cache. The
figures are the browser's own PerformanceObserver entries (``paint`` and
``largest-contentful-paint``), median of ``--runs`` loads. It prints a table and writes it as
section 6 of bench/RESULTS.md, leaving the other sections as they are. It asserts nothing:
targets (FCP ≤ 1.8 s, LCP ≤ 2.5 s) are judged by people reading the figures.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kvalitet.output.browser import launch  # noqa: E402
from kvalitet.output.browser import serve as serve_directory  # noqa: E402

FCP_TARGET, LCP_TARGET = 1.8, 2.5
HEADING = "## 6. Första målning med mobil strypning"
# Lighthouse's mobileSlow4G preset as it is applied with DevTools throttling
# (lighthouse-core/config/constants.js: rttMs 150, throughputKbps 1638.4, × 3.75 and × 0.9).
NETWORK = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 1024 * 0.9 / 8,  # bytes per second
    "uploadThroughput": 750 * 1024 * 0.9 / 8,
}
CPU_SLOWDOWN = 4
SCREEN = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".map")

# Resolves with the paint figures once the browser has delivered its buffered entries.
READ_PAINTS = """() => new Promise((resolve) => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const describe = (element) => element
    ? element.tagName.toLowerCase() +
      (element.getAttribute("class") ? "." + element.getAttribute("class").split(" ")[0] : "")
    : "";
  const result = (entry) => ({
    fcp: fcp ? fcp.startTime : null,
    lcp: entry ? entry.startTime : null,
    element: entry ? describe(entry.element) : "",
    elements: document.getElementsByTagName("*").length,
  });
  new PerformanceObserver((list) => resolve(result(list.getEntries().at(-1))))
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(result(null)), 3000);
})"""


@contextmanager
def serve(directory: Path, compress: bool = True) -> Iterator[str]:
    """Serve `directory` on localhost, gzip-compressed like GitHub Pages; yields the URL."""
    cache: dict[Path, bytes] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as every real server

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            zipped = compress and wants_gzip and path.suffix in COMPRESSED
            if zipped:
                body = cache.setdefault(path, gzip.compress(body, 6))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve_directory(directory, Handler) as url:
        yield url


def pages(site: Path) -> list[str]:
    """Every page of the built site as a path from its root; old addresses' redirects left out."""
    found = []
    for html in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8")[:3000]:
            continue
        path = html.relative_to(site).as_posix()
        found.append(path.removesuffix("index.html"))
    return found


def load_once(browser, url: str) -> dict:
    """One cold load of `url` under throttling; paint times in seconds."""
    context = browser.new_context(**SCREEN)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_timeout(1000)  # let a late largest paint (an image) be recorded
        figures = page.evaluate(READ_PAINTS)
    finally:
        context.close()
    for key in ("fcp", "lcp"):
        figures[key] = figures[key] / 1000 if figures[key] is not None else float("nan")
    return figures


def measure(site: Path, runs: int = 3, compress: bool = True, progress=print) -> list[dict]:
    """Median FCP and LCP of every page of `site`, each load with an empty cache."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site, compress) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            load_once(browser, f"{base}/")  # warm up the browser process itself
            for path in pages(site):
                loads = [load_once(browser, f"{base}/{path}") for _ in range(runs)]
                row = {
                    "page": path or "(start)",
                    "fcp": statistics.median(load["fcp"] for load in loads),
                    "lcp": statistics.median(load["lcp"] for load in loads),
                    "element": loads[-1]["element"],
                    "elements": loads[-1]["elements"],
                }
                progress(f"  {row['page']}: FCP {row['fcp']:.2f} s, LCP {row['lcp']:.2f} s")
                rows.append(row)
        finally:
            browser.close()
    return rows


def report(rows: list[dict], runs: int, compress: bool) -> list[str]:
    """The Markdown of section 6."""

    def mark(value: float, target: float) -> str:
        return f"{value:.2f} s" if value <= target else f"**{value:.2f} s**"

    lines = [
        HEADING,
        "",
        "Varje sida laddad med tom cache i Chromium med Lighthouses mobilinställningar via",
        "DevTools-protokollet: långsamt 4G (150 ms × 3,75 = 562,5 ms per begäran, 1,47 Mbit/s",
        "ned, 675 kbit/s upp), processorn 4 gånger långsammare, skärm 412 × 823. Servern",
        f"{'komprimerar med gzip, som GitHub Pages' if compress else 'komprimerar inte'}. "
        f"Median av {runs} laddningar; **fetstil** = över målet",
        f"(FCP ≤ {FCP_TARGET} s, LCP ≤ {LCP_TARGET} s).",
        "",
        "| Sida | FCP | LCP | Största elementet | Element i DOM |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        element = row["element"].replace("|", "\\|") or "–"
        lines.append(
            f"| {row['page']} | {mark(row['fcp'], FCP_TARGET)} | {mark(row['lcp'], LCP_TARGET)} "
            f"| `{element}` | {row['elements']} |"
        )
    slow_fcp = [row for row in rows if not row["fcp"] <= FCP_TARGET]
    slow_lcp = [row for row in rows if not row["lcp"] <= LCP_TARGET]
    worst = max(rows, key=lambda row: row["lcp"])
    lines += [
        "",
        f"{len(rows) - len(slow_fcp)} av {len(rows)} sidor når målet för FCP och "
        f"{len(rows) - len(slow_lcp)} av {len(rows)} målet för LCP. Långsammast: "
        f"{worst['page']}, FCP {worst['fcp']:.2f} s, LCP {worst['lcp']:.2f} s.",
    ]
    return lines


def write_section(lines: list[str], results: Path = ROOT / "bench/RESULTS.md") -> None:
    """Put section 6 into RESULTS.md in place of the previous one, keeping the rest."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark\n"
    section = "\n".join(lines) + "\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KVALITET_PDF": "av"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"Bygget misslyckades:\n{result.stderr[-3000:]}")


def commit() -> str:
    result = subprocess.run(
        ["git", "log", "-1", "--format=%h"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "okänd"


def main(argv: list[str] | None = None, say: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="laddningar per sida (median)")
    parser.add_argument(
        "--site", type=Path, help="en redan byggd webbplats i stället för ett bygge"
    )
    parser.add_argument("--utan-gzip", action="store_true", help="servern komprimerar inte")
    parser.add_argument("--skriv-inte", action="store_true", help="lämna bench/RESULTS.md orörd")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = args.site or Path(folder) / "site"
        if not args.site:
            say("Bygger webbplatsen (utan PDF) ...")
            build(site)
        rows = measure(site, args.runs, not args.utan_gzip, progress=say)
    lines = report(rows, args.runs, not args.utan_gzip)
    lines[1:1] = ["", f"Mätt {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}."]
    say("")
    for line in lines:
        say(line)
    if not args.skriv_inte:
        write_section(lines)
        say("\nResultaten är sparade i bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
