"""``.pre-commit-hooks.yaml``: each hook's entry, run as pre-commit runs it (the staged files as arguments)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from fixture_files import CORPUS_FILES, SAMPLE
from ruamel.yaml import YAML

HOOKS_FILE = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"
TEXT = SAMPLE.read_text(encoding="utf-8")
OLD_STYLE = next(path for path in CORPUS_FILES if "\nwebUrl: http" in path.read_text(encoding="utf-8"))


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in YAML(typ="safe").load(HOOKS_FILE.read_text(encoding="utf-8"))}


def run_hook(hook: dict[str, Any], files: list[str], cwd: Path) -> tuple[int, str]:
    """Exit code and output of the hook's entry with the files appended, as pre-commit runs it."""
    command, *arguments = shlex.split(hook["entry"])
    script = Path(sys.executable).parent / command  # the console script the package installs beside Python
    assert script.exists(), f"{script} is not installed: pip install -e . installs it"
    done = subprocess.run([str(script), *arguments, *files], cwd=cwd, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def test_the_hooks_are_python_hooks_for_markdown() -> None:
    found = hooks()
    assert sorted(found) == ["articlefm-fmt", "articlefm-validate"]
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        assert hook["name"]
        assert hook["description"]


def test_validate_hook_passes_good_files_and_fails_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.md").write_text(TEXT.replace("heat: -1", "heat: -5"), encoding="utf-8")
    hook = hooks()["articlefm-validate"]
    assert run_hook(hook, ["good.md"], tmp_path) == (0, "good.md: ok\n1 valid, 0 invalid\n")
    code, output = run_hook(hook, ["good.md", "bad.md"], tmp_path)
    assert code == 1
    assert "bad.md:11:7: heat: expected an integer >= -1, found -5\n    heat: -5\n          ^\n" in output


def test_fmt_hook_checks_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "house.md").write_text(TEXT, encoding="utf-8")
    old = OLD_STYLE.read_bytes()
    (tmp_path / "old.md").write_bytes(old)
    hook = hooks()["articlefm-fmt"]
    assert run_hook(hook, ["house.md"], tmp_path) == (0, "")
    assert run_hook(hook, ["house.md", "old.md"], tmp_path) == (1, "would reformat old.md\n")
    assert (tmp_path / "old.md").read_bytes() == old
