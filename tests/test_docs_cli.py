"""docs/cli.md's examples, run: each ``$ command`` in its ``console`` blocks, in order, in one folder.

The folder starts as a copy of the repository's ``examples/``; the commands run in
bash with this Python's ``bin`` first on ``PATH`` (so ``articlefm`` and ``python``
are this installation's). Standard output then standard error must equal the lines
below the command, and the exit code the ``[exit N]`` line (0 without one).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from articlefm._cli import COMMANDS

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "cli.md"
_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
_EXIT = re.compile(r"\[exit (\d+)\]")


def examples() -> list[tuple[str, str, int]]:
    """``(command, expected output, expected exit code)`` for every example, in the order of the page."""
    found = []
    for block in _BLOCK.findall(DOC.read_text(encoding="utf-8")):
        for chunk in block.split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            lines = output.splitlines()
            code = 0
            if lines and (match := _EXIT.fullmatch(lines[-1])):
                code = int(match.group(1))
                lines.pop()
            found.append((command, "".join(line + "\n" for line in lines), code))
    return found


def test_the_page_has_an_example_of_every_command() -> None:
    commands = {command.split()[1] for command, _, _ in examples() if command.startswith("articlefm ")}
    assert commands == set(COMMANDS)


def test_every_example_gives_its_output(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    for command, expected, code in examples():
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, check=False, env=environment
        )
        assert (done.stdout + done.stderr, done.returncode) == (expected, code), command


@pytest.mark.parametrize("name", ["validate", "fmt", "get", "set", "unset", "export", "import"])
def test_every_option_of_every_command_is_on_the_page(name: str) -> None:
    """The page names each option ``articlefm COMMAND --help`` lists."""

    parser = argparse.ArgumentParser()
    COMMANDS[name].arguments(parser)
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(f"\n## {'set' if name == 'unset' else name}") :]
    section = section[: section.find("\n## ", 4)]
    for action in parser._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help", "--schema", "--strict"):
                assert option in section, (name, option)
    assert "--schema" in text
    assert "--strict" in text


def test_the_readme_shows_what_its_quick_start_command_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "articlefm validate examples/"
    assert f"pip install . && {command}\n```\n\n```console\n" in readme
    shown = readme.split(f"pip install . && {command}\n```\n\n```console\n", 1)[1].split("```", 1)[0]
    done = subprocess.run(
        [sys.executable, "-m", "articlefm", *command.split()[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, shown)
