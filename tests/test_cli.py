"""The command line: ``python -m articlefm PATH...`` prints a line per file or problem and exits 1 on any problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from articlefm.__main__ import main

SAMPLE = Path(__file__).parent / "fixtures" / "boston-facial-recognition.md"
TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two valid articles and an invalid one, in a folder with a subfolder."""
    shutil.copy(SAMPLE, tmp_path / "a.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(TEXT.replace("quality: 38", "quality: 40"), encoding="utf-8")
    (tmp_path / "c.md").write_text(TEXT.replace("heat: -1", "heat: -5"), encoding="utf-8")
    return tmp_path


def test_valid_files_print_ok_and_exit_0(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder / "a.md"), str(folder / "sub" / "b.md")]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{folder / 'a.md'}: ok\n{folder / 'sub' / 'b.md'}: ok\n"
    assert captured.err == "2 valid, 0 invalid\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_is_checked_file_by_file_in_order(folder: Path, jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--jobs", jobs, str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"{folder / 'a.md'}: ok\n"
        f"{folder / 'c.md'}:11:7: heat: expected an integer >= -1, found -5\n"
        f"{folder / 'sub' / 'b.md'}: ok\n"
    )
    assert captured.err == "2 valid, 1 invalid\n"


def test_a_glob_and_a_missing_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder / "*.md"), str(folder / "missing.md")]) == 1
    assert capsys.readouterr().out == (
        f"{folder / 'a.md'}: ok\n"
        f"{folder / 'c.md'}:11:7: heat: expected an integer >= -1, found -5\n"
        f"{folder / 'missing.md'}: cannot read the file: No such file or directory\n"
    )


def test_strict_makes_unknown_keys_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text(TEXT.replace("\ntype: article", "\ntype: article\nlocale: en-US"), encoding="utf-8")
    assert main([str(path)]) == 0
    assert main(["--strict", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"{path}:10:1: locale: unknown key 'locale' (strict mode)"


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--jobs", "0", str(SAMPLE)])
    assert exited.value.code == 2
    assert "--jobs: expected a positive integer, found 0" in capsys.readouterr().err


def test_python_dash_m_runs_it(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "articlefm", str(folder / "a.md")], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{folder / 'a.md'}: ok\n", "1 valid, 0 invalid\n")
