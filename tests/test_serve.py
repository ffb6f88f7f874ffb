"""`make serve` (kvalitet/tools/serve.py): a failed build shows as a Swedish page, and the
preview recovers by itself when the file is saved again.

Each test runs the real preview server on a copy of the project, on a free port, and edits
files the way an editor does while it runs.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import commit_time

from kvalitet.tools.error_page import FIX, error_page, problems

ERROR_TITLE = "<title>Bygget stoppades – förhandsgranskning</title>"
REAL_TITLE = "Kvalitetsberättelse 2019 – Omsorgsenheten, Nacka kommun"
Response = tuple[int, str]


def get(url: str) -> Response | None:
    """Status and text of `url`, or None while nothing listens there yet."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_for(url: str, ready: Callable[[Response], bool], log: Path, timeout=30) -> Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = get(url)
        if response is not None and ready(response):
            return response
        time.sleep(0.2)
    raise AssertionError(f"{url} did not change in {timeout} s:\n{log.read_text('utf-8')}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(project: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """The preview of `project`, as `make serve` starts it, until the block ends."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": commit_time()}
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "kvalitet.tools.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        # The server listens once the first build is done, failed or not.
        wait_for(url + "/", lambda response: server.poll() is None, log)
        yield url, server
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def is_real(response: Response) -> bool:
    return response[0] == 200 and ERROR_TITLE not in response[1]


def is_error(response: Response) -> bool:
    return ERROR_TITLE in response[1]


def epoch(page: str) -> int:
    """The site version the page was served at, from the reload script the server adds."""
    return int(re.search(r"livereload\((\d+), \d+\)", page)[1])


def test_a_broken_data_file_shows_on_the_open_page_until_it_is_fixed(project, tmp_path):
    log = tmp_path / "serve.log"
    data = project / "data/2019/klagomal.csv"
    good = data.read_text(encoding="utf-8")
    with serving(project, log) as (url, _):
        status, page = get(url + "/2019/")
        assert status == 200 and REAL_TITLE in page and ERROR_TITLE not in page
        shown = epoch(page)

        data.write_text(good.replace("Beroende,14", "Beroende,fjorton", 1), encoding="utf-8")
        status, page = wait_for(url + "/2019/", is_error, log)
        assert status == 200
        assert '<html lang="sv">' in page and "<h1>Bygget stoppades</h1>" in page
        assert "data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal." in page
        assert "Hittade: »fjorton«." in page
        assert FIX in page
        assert "Aborted" not in page and "BuildError" not in page
        # The page left open asks the server for a newer version and reloads to this one.
        assert epoch(page) > shown
        assert int(get(f"{url}/livereload/{shown}/1")[1]) > shown
        # Every address of the site shows the same page, a chapter as well.
        assert is_error(get(url + "/2019/underlag/kundenkater/"))

        data.write_text(good, encoding="utf-8")
        status, page = wait_for(url + "/2019/", is_real, log)
        assert REAL_TITLE in page and epoch(page) > shown


def test_a_first_build_that_fails_serves_the_error_page_and_waits(project, tmp_path):
    log = tmp_path / "serve.log"
    source = project / "docs/2019/syfte.md"
    good = source.read_text(encoding="utf-8")
    broken = good.rstrip("\n") + "\n\n{{ finns_inte | antal }}\n"
    line = broken.splitlines().index("{{ finns_inte | antal }}") + 1
    source.write_text(broken, encoding="utf-8")
    with serving(project, log) as (url, server):
        assert server.poll() is None, log.read_text("utf-8")
        for address in ("/", "/2019/syfte/"):
            status, page = get(url + address)
            assert status == 200 and is_error((status, page))
            assert f"Fel på sidan docs/2019/syfte.md, rad {line}:" in page
            assert "»finns_inte«" in page and "{{ finns_inte | antal }}</pre>" in page
        status, page = get(url + "/finns-inte/")
        assert status == 404 and is_error((status, page))

        source.write_text(good, encoding="utf-8")
        wait_for(url + "/2019/syfte/", is_real, log)


def test_only_the_swedish_problems_reach_the_page():
    from mkdocs.exceptions import Abort

    logged = ["Fel på sidan docs/2019/syfte.md, rad 3: okänd variabel <x>.\n    3 | {{ x }}"]
    found = problems(logged + logged, Abort("Aborted with a BuildError!"))
    assert found == logged
    strict = problems(
        ["Doc file 'a.md' contains a link"], Abort("Aborted with 1 warnings in strict mode!")
    )
    assert strict[1].startswith("Varningarna ovan stoppar bygget")
    assert "Oväntat fel i programmet (KeyError)" in problems([], KeyError("x"))[0]
    page = error_page(found, "12:00:00")
    assert "okänd variabel &lt;x&gt;." in page and "<pre>3 | {{ x }}</pre>" in page


def test_a_mistake_in_mkdocs_yml_shows_in_swedish_and_is_picked_up_when_fixed(project, tmp_path):
    log = tmp_path / "serve.log"
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("name: material", "name: materal"), encoding="utf-8")
    with serving(project, log) as (url, server):
        status, page = get(url + "/2019/")
        assert is_error((status, page))
        assert "Inställningarna i mkdocs.yml innehåller ett fel." in page
        assert "okänt tema »materal«" in page
        config.write_text(good, encoding="utf-8")
        wait_for(url + "/2019/", is_real, log)


def test_the_preview_reads_the_data_again_only_when_a_file_in_it_changes(project):
    from kvalitet.site.report import KeptEditions

    kept = KeptEditions()
    first = kept.load(project / "data", 2019)
    assert kept.load(project / "data", 2019) is first
    saved = project / "data/2019/klagomal.csv"
    saved.write_bytes(saved.read_bytes() + b"\n")  # saved again, one byte longer
    again = kept.load(project / "data", 2019)
    assert again is not first
    assert again[0].values.keys() == first[0].values.keys()
