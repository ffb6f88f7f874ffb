"""Benchmark: what this stack costs to build, how it scales and what a reader downloads.

Run with ``make bench``. It prints figures and writes them to bench/RESULTS.md; it asserts
nothing (targets are judged by people, not by a flaky timed test).

1. Overhead: the real build against the same pages with every macro pre-expanded to plain
   Markdown, built by plain mkdocs-material, median of several builds each.
2. Caching: a rebuild with unchanged data draws no figure and reads each data file once.
3. Scale: synthetic editions (bench/synthetic.py), build time and peak memory against size.
4. Editing loop: from saving a page to the rebuilt page in ``make serve``
   (``python -m kvalitet.tools.serve``).
5. Page weight: bytes per page (HTML, CSS, JS, SVG), gzip too, and the search index.
6. First paint: FCP and LCP of every page under mobile throttling (bench/paint.py).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import paint  # noqa: E402
import synthetic  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KVALITET_PDF": "av"}
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The build command per engine: ours, and the bare engine on a plain project (`expanded_project`).
COMMANDS = {
    "mkdocs": lambda site: [*MKDOCS, "build", "--quiet", "--site-dir", str(site)],
    "zensical": lambda site: [
        sys.executable,
        "-m",
        "kvalitet.site.zensical_engine",
        "--quiet",
        "--site-dir",
        str(site),
    ],
    # Zensical writes into the project's site_dir and has no --site-dir; --clean: no cache
    "zensical-bare": lambda site: [sys.executable, "-m", "zensical", "build", "--clean"],
}


def copy_project(target: Path) -> Path:
    synthetic.copy_project(ROOT, target)
    cache = ROOT / ".cache"
    if cache.is_dir():  # a warm figure cache, as on a developer's machine or in CI
        shutil.copytree(cache, target / ".cache")
    return target


def timed_build(project: Path, site: Path, env=None, engine="mkdocs") -> tuple[float, int]:
    """(seconds, peak memory in MB) of one build with `engine` in a child process.

    Memory is the peak of the resident memory of the build and all its helper processes
    (figure drawing runs in worker processes) together, sampled every 20 ms.
    """
    # Errors go to a file, not a pipe: a full pipe would stall the build.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            COMMANDS[engine](site),
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env or ENV,
            start_new_session=True,  # the build and its helpers share one session id
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, session_rss(process.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"Bygget misslyckades i {project}:\n{message}")
    return seconds, peak // 2**20


def session_rss(session: int) -> int:
    """Bytes of resident memory of every process in `session`."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:  # field 6 of stat, the session id
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # field 24, rss pages
    return total


# --- 1. Overhead ------------------------------------------------------------------------------


def expanded_project(work: Path) -> Path:
    """The same pages with every macro already expanded, for plain mkdocs-material."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    project = copy_project(work / "real-for-capture")
    captured: dict[str, str] = {}

    class Capture(BasePlugin):
        def on_page_markdown(self, markdown, page, config, files):
            captured[page.file.src_uri] = markdown
            return markdown

    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "KVALITET_PDF": "av"})
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / "captured-site"))
        config.plugins["capture"] = Capture()
        build(config)
    finally:
        os.chdir(cwd)

    plain = work / "plain"
    (plain / "docs").mkdir(parents=True)
    for src_uri, markdown in captured.items():
        target = plain / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    # Static files and everything the hooks generate (figures, downloads) as plain files.
    built = work / "captured-site"
    for folder in ["stylesheets", "javascripts", "figurer", "data"]:
        shutil.copytree(built / folder, plain / "docs" / folder, dirs_exist_ok=True)
    shutil.copytree(project / "overrides", plain / "overrides")
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # The kvalitet plugin with its comments and options (moved_from_root).
    config_text = re.sub(r"(?m)^(?:  #.*\n)*  - kvalitet(?::\n(?:      .*\n)+|\n)", "", config_text)
    config_text = re.sub(r"  - macros:\n(      .*\n)+", "", config_text)
    config_text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config_text)
    (plain / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    return plain


FIXED_COST = """
import time, sys
from pathlib import Path
started = time.perf_counter()
import mkdocs.commands.build, material  # what plain mkdocs-material imports too
base = time.perf_counter()
import mkdocs_macros.plugin
macros = time.perf_counter()
import kvalitet.site.plugin
from kvalitet.model.edition import load_edition, load_previous
package = time.perf_counter()
current = load_edition(Path("data"), 2019)
load_previous(Path("data"), current)
data = time.perf_counter()
print(macros - base, package - macros, data - package)
"""


def fixed_costs(project: Path, runs: int) -> tuple[float, float, float]:
    """Seconds to import mkdocs-macros, to import this package, and to load the data."""
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", FIXED_COST],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append([float(value) for value in result.stdout.split()])
    return tuple(statistics.median(column) for column in zip(*samples, strict=True))


def overhead(work: Path, runs: int) -> dict:
    real = copy_project(work / "real")
    plain = expanded_project(work)
    real_times, plain_times = [], []
    timed_build(real, work / "warmup")  # fill the figure cache of the copy
    for index in range(runs):
        real_times.append(timed_build(real, work / f"r{index}")[0])
        plain_times.append(timed_build(plain, work / f"p{index}")[0])
    with_pdf = [
        timed_build(real, work / f"pdf{index}", {**ENV, "KVALITET_PDF": "på"})[0]
        for index in range(3)
    ]
    real_median, plain_median = statistics.median(real_times), statistics.median(plain_times)
    zensical = [timed_build(real, work / f"z{i}", engine="zensical")[0] for i in range(runs)]
    bare = [timed_build(plain, work / "zb", engine="zensical-bare")[0] for _ in range(runs)]
    zensical_median, bare_median = statistics.median(zensical), statistics.median(bare)
    return {
        "zensical": zensical_median,
        "zensical_bare": bare_median,
        "zensical_ratio": zensical_median / bare_median,
        "zensical_vs_mkdocs": zensical_median / real_median,
        "fixed": fixed_costs(real, runs),
        "real": real_median,
        "plain": plain_median,
        "ratio": real_median / plain_median,
        "with_pdf": statistics.median(with_pdf),
        "runs": runs,
    }


# --- 2. Caching -------------------------------------------------------------------------------


def caching(work: Path) -> dict:
    """Build twice in one process; count figures drawn and data files read per build."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from kvalitet.model import dataset

    project = copy_project(work / "cache")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    reads: list[str] = []
    original = dataset.Dataset.load

    def counting_load(self, folder, shown_as):
        reads.append(f"{shown_as}/{self.filename}")
        return original(self, folder, shown_as)

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs.plugins.kvalitet")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)  # `mkdocs build` sets this; build() called directly does not
    dataset.Dataset.load = counting_load
    cwd = Path.cwd()
    os.chdir(project)
    results = []
    try:
        for name in ("kall", "varm"):
            reads.clear()
            messages.clear()
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / f"cache-{name}"))
            build(config)
            figures = next(m for m in messages if m.startswith("Figurer:"))
            counts = {path: reads.count(path) for path in reads}
            results.append((name, figures, len(counts), max(counts.values())))
    finally:
        os.chdir(cwd)
        dataset.Dataset.load = original
        logging.getLogger("mkdocs.plugins.kvalitet").removeHandler(handler)
    return {"builds": results}


# --- 3. Scale ---------------------------------------------------------------------------------


def scale(work: Path, sizes: list[int]) -> list[dict]:
    rows = []
    for size in sizes:
        project = synthetic.make_project(ROOT, work / f"scale-{size}", size)
        cold = timed_build(project, work / f"scale-{size}-cold")
        warm = timed_build(project, work / f"scale-{size}-warm")
        pages = sum(1 for _ in (work / f"scale-{size}-warm").rglob("index.html"))
        rows.append({"editions": size, "pages": pages, "cold": cold, "warm": warm})
    return rows


# --- 4. Editing loop --------------------------------------------------------------------------


def editing_loop(work: Path, rounds: int = 3) -> dict:
    """Seconds from saving a page to the new page served, in what `make serve` runs."""
    project = copy_project(work / "serve")
    port = 8765 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "kvalitet.tools.serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**ENV, "KVALITET_FORHANDSVISNING": "ja"},  # as the Makefile's serve target
    )
    url = f"http://127.0.0.1:{port}/{synthetic.MAIN_YEAR}/syfte/"
    try:
        _wait_for(url, "Syfte med kvalitetsarbetet", 120)
        page = project / f"docs/{synthetic.MAIN_YEAR}/syfte.md"
        original = page.read_text(encoding="utf-8")
        seconds = []
        for index in range(rounds):
            token = f"Mätpunkt {index} {time.time_ns()}"
            started = time.perf_counter()
            page.write_text(original + f"\n{token}\n", encoding="utf-8")
            _wait_for(url, token, 120)
            seconds.append(time.perf_counter() - started)
            time.sleep(1)
        return {"median": statistics.median(seconds), "all": seconds}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} visade inte »{text}« inom {timeout} s")


# --- 5. Page weight ---------------------------------------------------------------------------


def page_weight(site: Path) -> dict:
    """Per page: (name, bytes at load, gzip at load, gzip with every lazy image too)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        if soup.select_one('meta[http-equiv="refresh"]'):
            continue  # a "Sidan har flyttat" page at an old address: a redirect, not a page
        eager, lazy = {html}, set()
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                target = element.get(attribute)
                if not target or "://" in target:
                    continue
                if tag == "link" and "stylesheet" not in element.get("rel", []):
                    continue
                path = (html.parent / target.split("#")[0].split("?")[0]).resolve()
                if path.is_file():
                    (lazy if element.get("loading") == "lazy" else eager).add(path)
        raw = sum(path.stat().st_size for path in eager)
        zipped = sum(len(gzip.compress(path.read_bytes(), 6)) for path in eager)
        scrolled = zipped + sum(len(gzip.compress(path.read_bytes(), 6)) for path in lazy - eager)
        pages.append((html.relative_to(site).as_posix(), raw, zipped, scrolled))
    # Our own search index (kvalitet/output/search_index.py), or Material's before it.
    index = next(
        path
        for path in (site / "search/sok.json", site / "search/search_index.json")
        if path.exists()
    )
    return {
        "pages": pages,
        "search_index": (index.stat().st_size, len(gzip.compress(index.read_bytes(), 6))),
    }


# --- Report -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = "okänd processor"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} kärnor, {memory:.0f} GiB, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(  # the results file itself does not count
        ["git", "status", "--porcelain", "--", ".", ":!bench/RESULTS.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    return result.stdout.strip() + (
        " (med ändringar som inte är incheckade)" if dirty.strip() else ""
    )


def kb(value: int) -> str:
    return f"{value / 1024:.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10,50")
    args = parser.parse_args()
    lines = [
        "# Benchmark",
        "",
        f"- Datum: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Commit: {commit()}",
        f"- Maskin: {machine()}",
        "",
    ]

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)

        result = overhead(work, args.runs)
        say("## 1. Merkostnad mot ren mkdocs-material")
        say()
        say(f"Median av {result['runs']} byggen var (HTML, utan PDF):")
        say()
        say(
            f"- hela motorn (data, makron, tabeller, figurer ur cachen, nedladdningar, kontroller): {result['real']:.2f} s"
        )
        say(
            f"- samma sidor med makrona redan ifyllda, ren mkdocs-material: {result['plain']:.2f} s"
        )
        say(f"- kvot: **{result['ratio']:.2f}** (mål ≤ 1,2)")
        say(f"- med PDF-versionen (Chromium skriver ut Hela rapporten): {result['with_pdf']:.2f} s")
        say(
            f"- samma bygge med Zensical: {result['zensical']:.2f} s; ren Zensical på de ifyllda "
            f"sidorna: {result['zensical_bare']:.2f} s; kvot **{result['zensical_ratio']:.2f}**; "
            f"mot MkDocs-bygget: {result['zensical_vs_mkdocs']:.2f}"
        )
        macros_import, package_import, data_load = result["fixed"]
        say(
            f"- fasta kostnader i varje bygge: importera mkdocs-macros {macros_import:.2f} s, "
            f"importera paketet kvalitet (pydantic, Babel, scheman) {package_import:.2f} s, "
            f"läsa och kontrollera datan {data_load:.2f} s"
        )
        say()

        result = caching(work)
        say("## 2. Cache")
        say()
        for name, figures, files, most in result["builds"]:
            say(f"- {name} bygge: {figures}; {files} datafiler lästa, högst {most} gång per fil")
        say()

        sizes = [int(size) for size in args.sizes.split(",")]
        rows = scale(work, sizes)
        say("## 3. Skalning med syntetiska årgångar")
        say()
        say("| Årgångar | Sidor | Kallt bygge | Minne | Varmt bygge | Minne |")
        say("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in rows:
            (cold, cold_mb), (warm, warm_mb) = row["cold"], row["warm"]
            say(
                f"| {row['editions']} | {row['pages']} | {cold:.1f} s | {cold_mb} MB | {warm:.1f} s | {warm_mb} MB |"
            )
        if len(rows) >= 2:
            first, last = rows[0], rows[-1]
            per_edition = (last["warm"][0] - first["warm"][0]) / (
                last["editions"] - first["editions"]
            )
            say()
            say(
                f"Varje årgång till kostar {per_edition:.2f} s i ett varmt bygge (mål: linjärt, 50 årgångar inom 60 s och 500 MB)."
            )
        say()

        result = editing_loop(work)
        say("## 4. Redigeringsslingan i make serve")
        say()
        say(
            f"Från att en sida sparas till att den nya sidan visas: median {result['median']:.1f} s "
            f"({', '.join(f'{s:.1f}' for s in result['all'])} s), utan PDF."
        )
        say()

        site = work / "weight"
        timed_build(copy_project(work / "weight-project"), site)
        result = page_weight(site)
        say("## 5. Sidvikt")
        say()
        heaviest = sorted(result["pages"], key=lambda page: page[3], reverse=True)
        say("Vid sidladdning: HTML, CSS, JS och bilder som visas direkt. Figurerna laddas när")
        say('läsaren närmar sig dem (`loading="lazy"`); sista kolumnen räknar in dem också.')
        say()
        say("| Sida | Byte vid laddning | Med gzip | Med gzip, hela sidan skrollad |")
        say("| --- | ---: | ---: | ---: |")
        for name, raw, zipped, scrolled in heaviest[:8]:
            say(f"| {name} | {kb(raw)} | {kb(zipped)} | {kb(scrolled)} |")
        name, _, zipped, scrolled = max(result["pages"], key=lambda page: page[2])
        say()
        say(
            f"Tyngsta sidan vid laddning: {name}, {kb(zipped)} med gzip (mål ≤ 150 KB); "
            f"{kb(scrolled)} om man skrollar igenom hela. Median för alla "
            f"{len(result['pages'])} sidor: {kb(statistics.median(p[2] for p in result['pages']))}."
        )
        size, zipped = result["search_index"]
        say(f"Sökindexet: {kb(size)} ({kb(zipped)} med gzip), hämtas bara när någon söker.")
        say()

        print("Mäter första målningen med mobil strypning ...", flush=True)
        rows = paint.measure(site, runs=3, progress=lambda text: None)
        for line in paint.report(rows, runs=3, compress=True):
            say(line)

    (ROOT / "bench/RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\nResultaten är sparade i bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
