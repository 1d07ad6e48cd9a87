"""The command line, run as a user runs it: ``python -m articlefm ...`` in a subprocess.

Each test checks exit codes, exact output lines, JSON parsed, and the bytes of
the files afterwards. Subprocesses cost a start each, so a test makes several
checks per run.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_files import CORPUS_FILES, SAMPLE
from hypothesis import given
from hypothesis import strategies as st

import articlefm
import articlefm._batch
from articlefm import _cli

TEXT = SAMPLE.read_text(encoding="utf-8")
BAD = TEXT.replace("heat: -1", "heat: -5").replace("quality: 38", "quality: high")
# An older file: plain URLs, so not in house style.
OLD_STYLE = next(path for path in CORPUS_FILES if "\nwebUrl: http" in path.read_text(encoding="utf-8"))


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``python -m articlefm ARGS``."""
    environment = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "articlefm", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        env=environment,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time (ns)."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two valid articles (one in a subfolder) and an invalid one."""
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(TEXT.replace("quality: 38", "quality: 40"), encoding="utf-8")
    (tmp_path / "c.md").write_text(BAD, encoding="utf-8")
    return tmp_path


# --- validate -----------------------------------------------------------------------------------------------------


def test_validate_text_output_with_source_lines_and_carets(folder: Path) -> None:
    (folder / "d.md").write_bytes(b"---\ntitle: \xff\n---\n")  # not UTF-8
    (folder / "e.md").write_text("---\ntitle: x\nbig: " + "a" * 1_100_000 + "\n---\n", encoding="utf-8")  # over limits
    code, out, err = run("validate", ".", "--jobs", "1", cwd=folder)
    assert code == 1
    assert out.splitlines() == [
        "a.md: ok",
        "c.md:10:10: quality: expected an integer, found string 'high'",
        "    quality: high",
        "             ^",
        "c.md:11:7: heat: expected an integer >= -1, found -5",
        "    heat: -5",
        "          ^",
        "d.md:2:8: expected UTF-8, found byte(s) ff at byte offset 11",
        "    title: \ufffd",
        "           ^",
        "e.md:2:1: expected a front matter of at most 1,048,576 characters, found 1,100,015 (Limits.max_front_matter)",
        "    title: x",
        "    ^",
        "sub/b.md: ok",
    ]
    assert err == "2 valid, 3 invalid\n"


def test_bare_paths_validate_and_unreadable_paths_exit_2(folder: Path) -> None:
    (folder / "broken.md").symlink_to(folder / "nowhere.md")
    code, out, err = run("a.md", "sub/*.md", cwd=folder)  # as before there were commands
    assert (code, out, err) == (0, "a.md: ok\nsub/b.md: ok\n", "2 valid, 0 invalid\n")
    code, out, err = run("validate", "a.md", "missing.md", "broken.md", "c.md", cwd=folder)
    assert code == 2  # a path that cannot be read outranks an invalid file
    assert out.splitlines()[1:3] == [
        "missing.md: cannot read the file: No such file or directory",
        "broken.md: cannot read the file: No such file or directory",
    ]
    assert err == "1 valid, 3 invalid\n"


def test_validate_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    count = 2 * articlefm._batch._CHECK_CHUNK + 22  # more than two chunks: workers start
    for index in range(count):
        text = BAD if index % 7 == 3 else TEXT.replace("quality: 38", f"quality: {index}")
        (tmp_path / f"{index:03d}.md").write_text(text, encoding="utf-8")
    one = run("validate", "--jobs", "1", "--format", "json", ".", cwd=tmp_path)
    two = run("validate", "--jobs", "2", "--format", "json", ".", cwd=tmp_path)
    three = run("validate", "--jobs", "3", "--format", "json", ".", cwd=tmp_path)
    assert one == two == three
    code, out, err = one
    results = [json.loads(line) for line in out.splitlines()]
    assert [result["path"] for result in results] == [f"{index:03d}.md" for index in range(count)]
    invalid = [result for result in results if not result["valid"]]
    assert len(invalid) == len(range(3, count, 7))
    assert invalid[0] == {
        "path": "003.md",
        "valid": False,
        "problems": [
            {"path": "quality", "line": 10, "column": 10, "message": "expected an integer, found string 'high'"},
            {"path": "heat", "line": 11, "column": 7, "message": "expected an integer >= -1, found -5"},
        ],
    }
    assert (code, err) == (1, f"{count - len(invalid)} valid, {len(invalid)} invalid\n")


@given(
    path=st.text(),
    problems=st.lists(st.builds(articlefm.Problem, st.text(), st.integers(0), st.integers(0), st.text()), max_size=3),
)
def test_a_json_line_is_what_json_dumps_writes(path: str, problems: list[articlefm.Problem]) -> None:
    """validate --format json writes its lines itself (quicker): exactly as json.dumps would, for any path."""
    error = articlefm.ArticleError(problems, path) if problems else None
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        _cli._report_json(path, error)
    reported = error.problems if error is not None else []  # (in the error's order: by line and column)
    fields = [{"path": p.path, "line": p.line, "column": p.column, "message": p.message} for p in reported]
    expected = {"path": path, "valid": error is None, "problems": fields}
    assert output.getvalue() == json.dumps(expected, ensure_ascii=False) + "\n"


def test_validate_github_annotations_strict_schema_and_stdin(folder: Path) -> None:
    code, out, _ = run("validate", "--format", "github", ".", cwd=folder)
    assert (code, out) == (
        1,
        "::error file=c.md,line=10,col=10::quality: expected an integer, found string 'high'\n"
        "::error file=c.md,line=11,col=7::heat: expected an integer >= -1, found -5\n",
    )
    (folder / "a.md").write_text(TEXT.replace("\ntype: article", "\ntype: article\nlocale: en-US"), encoding="utf-8")
    assert run("validate", "a.md", cwd=folder)[0] == 0
    code, out, _ = run("validate", "--strict", "a.md", cwd=folder)
    assert (code, out.splitlines()[0]) == (1, "a.md:10:1: locale: unknown key 'locale' (strict mode)")
    assert run("validate", "--schema", "none", "c.md", cwd=folder)[:2] == (0, "c.md: ok\n")
    code, out, _ = run("validate", "--schema", "articlefm:Provider", "a.md", cwd=folder)
    assert (code, out.splitlines()[0]) == (1, "a.md:2:1: name: missing required key 'name'")
    code, _, err = run("validate", "--schema", "nosuch:Thing", "a.md", cwd=folder)
    assert code == 2
    assert "argument --schema: cannot load nosuch:Thing: No module named 'nosuch'" in err
    assert run("validate", "-", cwd=folder, stdin=TEXT.encode()) == (0, "<stdin>: ok\n", "1 valid, 0 invalid\n")
    code, out, _ = run("-", cwd=folder, stdin=BAD.encode())
    assert (code, out.splitlines()[0]) == (1, "<stdin>:10:10: quality: expected an integer, found string 'high'")


# What a run of the command line imported, printed after its own output: the cold start's measure.
_IMPORTED_AFTER = (
    "import sys\n"
    "from articlefm._cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('imported:', *sorted(sys.modules))\n"
    "sys.exit(code)\n"
)
# The slow read path and the write path: the full YAML parser, cattrs, and what builds on them; and attrs, with
# the models and the loader, which checking a valid file with the built-in schema does without (_article_check).
SLOW_PATH = {
    "ruamel",
    "_ruamel_yaml",
    "cattrs",
    "attr",
    "attrs",
    "articlefm._parse",
    "articlefm._cattrs",
    "articlefm._write",
    "articlefm._model",
    "articlefm._document",
}


def imported_by(*args: str, cwd: Path) -> tuple[int, set[str]]:
    """The exit code of ``articlefm ARGS`` in a new process, and the slow-path modules it imported."""
    command = [sys.executable, "-c", _IMPORTED_AFTER, *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    names = done.stdout.splitlines()[-1].removeprefix("imported: ").split()
    return done.returncode, {name for name in names if name in SLOW_PATH or name.split(".")[0] in SLOW_PATH}


def test_validating_a_valid_file_imports_neither_attrs_nor_the_full_parser_nor_cattrs(folder: Path) -> None:
    """The cold start: a file the fast reader reads, and that is valid, needs only the reader and the generated check;
    not attrs, the models or the loader."""
    assert imported_by("validate", "a.md", cwd=folder) == (0, set())
    assert imported_by("validate", "--format", "json", "a.md", "sub", cwd=folder) == (0, set())
    # The probe sees them when they are used: an invalid file is explained by the slow path (cattrs),
    # a file outside the reader's subset (an anchor) is read by the full parser.
    code, imported = imported_by("validate", "c.md", cwd=folder)
    assert (code, {"cattrs", "articlefm._cattrs", "attrs", "articlefm._model"} <= imported) == (1, True)
    (folder / "anchored.md").write_text(TEXT.replace("category: ", "category: &c ", 1), encoding="utf-8")
    code, imported = imported_by("validate", "anchored.md", cwd=folder)
    assert (code, {"ruamel.yaml", "articlefm._parse"} <= imported) == (0, True)
    # And `import articlefm` alone imports none of its modules: each public name comes when first used.
    probe = "import sys, articlefm; print(*sorted(name for name in sys.modules if name.startswith('articlefm')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["articlefm"]


def test_usage_help_and_version(folder: Path) -> None:
    code, out, _ = run("--version", cwd=folder)
    assert (code, out) == (0, f"articlefm {articlefm.__version__}\n")
    code, out, _ = run("--help", cwd=folder)
    assert code == 0
    assert "  validate  check files against the schema" in out.splitlines()
    code, out, _ = run("set", "--help", cwd=folder)
    assert (code, out.splitlines()[-1]) == (0, "example: articlefm set a.md quality=40 topics+=Robotics")
    assert run(cwd=folder)[0] == 2  # no arguments
    code, _, err = run("validate", "--jobs", "0", "a.md", cwd=folder)
    assert code == 2
    assert "argument --jobs: expected a positive integer, found '0'" in err
    code, _, err = run("validate", "-", "a.md", cwd=folder)
    assert (code, err) == (2, "articlefm validate: error: - (standard input) cannot be mixed with paths\n")


# --- fmt ----------------------------------------------------------------------------------------------------------


def test_fmt_check_diff_and_write(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "house.md")  # already in house style
    shutil.copy(OLD_STYLE, tmp_path / "old.md")
    before = snapshot(tmp_path)
    code, out, err = run("fmt", "--check", ".", cwd=tmp_path)
    assert (code, out, err) == (1, "", "would reformat old.md\n")
    code, out, _ = run("fmt", "--diff", ".", cwd=tmp_path)
    assert code == 0
    assert out.startswith("--- old.md\n+++ old.md (formatted)\n")
    assert "\n-webUrl: http" in out
    assert '\n+webUrl: "http' in out
    assert snapshot(tmp_path) == before  # --check and --diff change nothing, not even times
    code, out, err = run("fmt", ".", cwd=tmp_path)
    assert (code, out, err) == (0, "", "reformatted old.md\n")
    after = snapshot(tmp_path)
    assert after["house.md"] == before["house.md"]  # untouched, its time too
    assert articlefm.load(tmp_path / "old.md") == articlefm.load(OLD_STYLE)
    assert run("fmt", "--check", ".", cwd=tmp_path) == (0, "", "")
    old = OLD_STYLE.read_text(encoding="utf-8")
    code, out, _ = run("fmt", "-", cwd=tmp_path, stdin=old.encode())
    assert (code, out) == (0, (tmp_path / "old.md").read_text(encoding="utf-8"))


def test_fmt_keeps_comments_by_their_keys_and_refuses_others(tmp_path: Path) -> None:
    old = OLD_STYLE.read_text(encoding="utf-8")
    commented = old.replace("\ntype:", "\n# kind of item\ntype:", 1).replace("\ntopics:", "\ntopics:   # see below", 1)
    (tmp_path / "a.md").write_text(commented, encoding="utf-8")
    (tmp_path / "b.md").write_text(TEXT.replace("  - AI\n", "  - AI  # the main one\n"), encoding="utf-8")
    (tmp_path / "c.md").write_text(BAD, encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, err = run("fmt", ".", cwd=tmp_path)
    assert code == 1
    assert err.splitlines() == [
        "reformatted a.md",
        "b.md:20:9: a comment here has no place in house style; format this file by hand",
        "c.md:10:10: quality: expected an integer, found string 'high'",
        "c.md:11:7: heat: expected an integer >= -1, found -5",
    ]
    assert snapshot(tmp_path)["b.md"] == before["b.md"]
    assert snapshot(tmp_path)["c.md"] == before["c.md"]
    formatted = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "\n# kind of item\ntype: article\n" in formatted
    assert "\ntopics:   # see below\n  - " in formatted
    assert formatted == articlefm.format_document(articlefm.loads(commented))


# --- get, set, unset ----------------------------------------------------------------------------------------------


def test_get_scalars_as_text_structures_as_json(folder: Path) -> None:
    for field, expected in [
        ("title", "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"),
        ("provider.domain", "ubergizmo.com"),
        ("images[0].width", "900"),
        ("published_date_time", "2020-06-24T23:48:00Z"),
        ("publishedDateTime", "2020-06-24T23:48:00Z"),
        ("published", "false"),
        ("provider", '{"name": "Ubergizmo Feed", "domain": "ubergizmo.com"}'),
        ("topics", '["Natural Language Processing", "AI"]'),
    ]:
        assert run("get", "a.md", field, cwd=folder) == (0, expected + "\n", ""), field
    related = json.loads(run("get", "a.md", "related[1]", cwd=folder)[1])
    assert related["provider"]["domain"] == articlefm.load(SAMPLE).meta.related[1].provider.domain
    assert run("get", "a.md", "related[9]", cwd=folder) == (1, "", "a.md: related[9]: no such item (related has 4)\n")
    assert run("get", "a.md", "nope", cwd=folder) == (1, "", "a.md: nope: no such key\n")
    code, _, err = run("get", "c.md", "title", cwd=folder)
    assert (code, err.splitlines()[0]) == (1, "c.md:10:10: quality: expected an integer, found string 'high'")
    assert run("get", "missing.md", "title", cwd=folder)[0] == 2
    assert run("get", "-", "heat", cwd=folder, stdin=TEXT.encode()) == (0, "-1\n", "")


def test_set_typed_values_with_minimal_diffs(folder: Path) -> None:
    code, out, err = run(
        "set",
        "a.md",
        "quality=40",
        "published=true",
        "publishedDateTime=2021-01-01T00:00:00Z",
        "title=true",
        "topics+=Robotics",
        "images[0].width=1200",
        'provider={"name": "Example", "domain": "example.com"}',
        cwd=folder,
    )
    assert (code, out, err) == (0, "", "1 file changed\n")
    changed = [
        (old, new)
        for old, new in zip(TEXT.splitlines(), (folder / "a.md").read_text(encoding="utf-8").splitlines(), strict=False)
        if old != new
    ]
    assert changed[:6] == [
        (
            'title: "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"',
            'title: "true"',
        ),
        ("publishedDateTime: 2020-06-24T23:48:00Z", "publishedDateTime: 2021-01-01T00:00:00Z"),
        ("quality: 38", "quality: 40"),
        ("published: false", "published: true"),
        ("  name: Ubergizmo Feed", "  name: Example"),
        ("  domain: ubergizmo.com", "  domain: example.com"),
    ]
    document = articlefm.load(folder / "a.md")
    assert document.meta.topics[-1] == "Robotics"
    assert document.meta.images[0].width == 1200
    # Many files at once: every file is checked before any is written.
    before = snapshot(folder)
    code, _, err = run("set", "a.md", "sub/b.md", "-e", "heat=-2", cwd=folder)
    assert code == 1
    assert err.splitlines() == [
        "a.md: heat: expected an integer >= -1, found -2",
        "sub/b.md: heat: expected an integer >= -1, found -2",
        "2 files failed; no file changed",
    ]
    code, _, err = run("set", ".", "-e", "heat=3", cwd=folder)  # c.md is invalid: nothing is written
    assert (code, err.splitlines()[-1]) == (1, "1 file failed; no file changed")
    assert snapshot(folder) == before
    assert run("set", "a.md", "sub", "-e", "heat=3", "-e", "excerpt=Short.", cwd=folder) == (0, "", "2 files changed\n")
    assert run("set", "a.md", "*.md", "-e", "topics+=Once", cwd=folder)[:2] == (1, "")  # c.md is invalid
    (folder / "c.md").unlink()
    assert run("set", "a.md", "*.md", "-e", "topics+=Once", cwd=folder) == (0, "", "1 file changed\n")  # a.md once
    assert articlefm.load(folder / "a.md").meta.topics[-2:] == ["Robotics", "Once"]
    assert articlefm.get_field(articlefm.load(folder / "sub" / "b.md"), "excerpt") == "Short."
    code, out, _ = run("set", "-", "quality=1", cwd=folder, stdin=TEXT.encode())
    assert (code, out) == (0, TEXT.replace("quality: 38", "quality: 1"))
    code, _, err = run("set", "a.md", "quality", cwd=folder)
    assert (code, err) == (2, "articlefm set: error: expected FIELD=VALUE, found 'quality'\n")


def test_unset_optional_keys_and_list_items(folder: Path) -> None:
    assert run("unset", "a.md", "heat", "topics[0]", cwd=folder) == (0, "", "1 file changed\n")
    assert (folder / "a.md").read_text(encoding="utf-8") == TEXT.replace("heat: -1\n", "").replace(
        "  - Natural Language Processing\n", ""
    )
    before = snapshot(folder)
    code, _, err = run("unset", "a.md", "title", cwd=folder)
    assert (code, err) == (1, "a.md: title: missing required key 'title'\n1 file failed; no file changed\n")
    assert snapshot(folder) == before


# --- export, import -----------------------------------------------------------------------------------------------


def test_export_formats(folder: Path) -> None:
    code, out, err = run("export", ".", cwd=folder)
    assert code == 1  # c.md is invalid: reported, and the others still exported
    assert err.splitlines()[0] == "c.md:10:10: quality: expected an integer, found string 'high'"
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["path"] for record in records] == ["a.md", "sub/b.md"]
    assert records[0] == articlefm.to_record(articlefm.load(SAMPLE), "a.md")
    assert records[0]["body"] == "\n"
    code, out, _ = run("export", "--format", "json", "--no-body", "a.md", "sub", cwd=folder)
    assert code == 0
    assert [record["quality"] for record in json.loads(out)] == [38, 40]
    assert "body" not in json.loads(out)[0]
    assert run("export", "-o", "out.csv", "--format", "csv", "a.md", "sub", cwd=folder) == (0, "", "")
    rows = list(csv.DictReader(io.StringIO((folder / "out.csv").read_text(encoding="utf-8"))))
    assert [row["quality"] for row in rows] == ["38", "40"]
    assert rows[0]["provider.domain"] == "ubergizmo.com"
    assert rows[0]["published"] == "false"
    assert json.loads(rows[0]["topics"]) == ["Natural Language Processing", "AI"]
    assert list(rows[0])[-2:] == ["path", "body"]
    assert run("export", "--format", "json", "missing.md", cwd=folder)[:2] == (2, "[]\n")
    code, _, err = run("export", "-o", "no/such/folder.jsonl", "a.md", cwd=folder)
    assert (code, err) == (2, "articlefm export: error: [Errno 2] No such file or directory: 'no/such/folder.jsonl'\n")


def test_export_then_import_changes_no_byte_and_one_change_changes_one_line(folder: Path) -> None:
    shutil.copy(OLD_STYLE, folder / "sub" / "old.md")
    (folder / "c.md").unlink()
    assert run("export", "-o", "all.jsonl", ".", cwd=folder)[0] == 0
    before = snapshot(folder)
    assert run("import", "all.jsonl", cwd=folder) == (0, "", "0 files written\n")
    assert snapshot(folder) == before  # not a byte, not a modification time
    lines = (folder / "all.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    assert record["path"] == "sub/old.md"
    record["excerpt"] = "A new excerpt."
    lines[2] = json.dumps(record)
    (folder / "all.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("import", "all.jsonl", cwd=folder) == (0, "sub/old.md\n", "1 file written\n")
    after = snapshot(folder)
    assert {name for name in after if after[name] != before.get(name)} == {"all.jsonl", "sub/old.md"}
    old_lines = OLD_STYLE.read_text(encoding="utf-8").splitlines()
    new_lines = (folder / "sub" / "old.md").read_text(encoding="utf-8").splitlines()
    assert [(old, new) for old, new in zip(old_lines, new_lines, strict=True) if old != new] == [
        (next(line for line in old_lines if line.startswith("excerpt:")), 'excerpt: "A new excerpt."')
    ]


def test_import_creates_files_and_reports_bad_records_by_line(tmp_path: Path) -> None:
    sample = articlefm.to_record(articlefm.load(SAMPLE))
    item = {**sample, "tags": ["ai"], "locale": "en-US", "originalUrl": None, "updatedDateTime": None}
    name = "2020-06-24-the-city-of-boston-will-be-banning-the-use-of-facial-recognition-based-surveillance.md"
    records = [json.dumps({**sample, "path": "news/given.md"}), json.dumps(item)]
    code, out, err = run("import", "-", "--root", "site", cwd=tmp_path, stdin="\n".join(records).encode())
    assert (code, out, err) == (0, f"site/news/given.md\nsite/{name}\n", "2 files written\n")
    assert (tmp_path / "site" / "news" / "given.md").read_text(encoding="utf-8") == TEXT  # house style
    assert articlefm.load(tmp_path / "site" / name).meta.extra == {"tags": ["ai"], "locale": "en-US"}
    before = snapshot(tmp_path)
    bad = {**sample, "path": "news/given.md", "quality": -3}
    body = "\n".join([json.dumps(item), "", json.dumps(bad), "{oops"]).encode()
    code, out, err = run("import", "-", "--root", "site", cwd=tmp_path, stdin=body)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "<stdin>:4:2: expected a JSON object: Expecting property name enclosed in double quotes",
        "no file changed",
    ]
    code, out, err = run("import", "-", "--root", "site", cwd=tmp_path, stdin=body.rsplit(b"\n", 1)[0])
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"<stdin>:1:1: site/{name} exists; not replaced (--overwrite replaces it)",
        "<stdin>:3:1: quality: expected an integer >= 0, found -3",
        "no file changed",
    ]
    assert snapshot(tmp_path) == before
    (tmp_path / "records.json").write_text(f"[\n  {json.dumps(item)},\n  {json.dumps(bad)}\n]\n", encoding="utf-8")
    code, _, err = run("import", "records.json", "--root", "site", "--overwrite", cwd=tmp_path)
    assert (code, err.splitlines()[0]) == (1, "records.json:3:3: quality: expected an integer >= 0, found -3")
    assert run("import", "missing.jsonl", cwd=tmp_path)[0] == 2
    # Records come from anywhere: none writes outside the root, by .. or by an absolute path.
    before = snapshot(tmp_path)
    escaping = [json.dumps({**sample, "path": "../outside.md"}), json.dumps({**sample, "path": str(tmp_path / "x.md")})]
    code, out, err = run("import", "-", "--root", "site", cwd=tmp_path, stdin="\n".join(escaping).encode())
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "<stdin>:1:1: path: expected a file inside the root folder 'site', found '../outside.md' (a root above it "
        "takes it)",
        f"<stdin>:2:1: path: expected a file inside the root folder 'site', found '{tmp_path / 'x.md'}' (a root above "
        "it takes it)",
        "no file changed",
    ]
    assert snapshot(tmp_path) == before


def test_a_progress_line_on_a_terminal_for_a_long_run(tmp_path: Path) -> None:
    for index in range(350):
        (tmp_path / f"{index:03d}.md").write_text(TEXT, encoding="utf-8")
    controller, terminal = pty.openpty()
    environment = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "articlefm", "validate", "--format", "github", "--jobs", "1", "."]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=terminal, env=environment) as child:
        os.close(terminal)
        out = child.communicate()[0]
        shown = b""
        with contextlib.suppress(OSError):  # the terminal's other end is closed: all was read
            while chunk := os.read(controller, 4096):
                shown += chunk
    os.close(controller)
    assert (child.returncode, out) == (0, b"")
    assert shown == b"\rchecked 300 files\r\x1b[K350 valid, 0 invalid\r\n"
    # Not on a pipe: the same run shows no progress.
    assert run("validate", "--format", "github", ".", cwd=tmp_path) == (0, "", "350 valid, 0 invalid\n")


def test_any_attrs_class_as_the_schema(tmp_path: Path) -> None:
    """``--schema module:Class`` (the module importable from PYTHONPATH); fmt writes that class's order."""
    post = "---\nauthors:\n  - name: Ada\ntitle: 'Hello'\n"
    post += "datePublished: 2024-05-01T09:30:00+02:00\nlayout: post\n---\nHi\n"
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(Path(__file__).parent / "cli_schemas")}

    def blog(*args: str) -> tuple[int, str, str]:
        command = [sys.executable, "-m", "articlefm", *args]
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False, env=environment)
        return done.returncode, done.stdout, done.stderr

    assert blog("validate", "--schema", "blog:Post", "post.md") == (0, "post.md: ok\n", "1 valid, 0 invalid\n")
    assert blog("get", "--schema", "blog:Post", "post.md", "date_published") == (0, "2024-05-01T09:30:00+02:00\n", "")
    assert blog("set", "--schema", "blog:Post", "post.md", "draft=true", "authors[0].email=ada@example.com") == (
        0,
        "",
        "1 file changed\n",
    )
    code, _, err = blog("set", "--schema", "blog:Post", "post.md", "draft=maybe")
    assert (code, err.splitlines()[0]) == (1, "post.md: draft: expected true or false, found string 'maybe'")
    assert blog("fmt", "--schema", "blog:Post", "post.md") == (0, "", "reformatted post.md\n")
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == (
        "---\ntitle: Hello\ndatePublished: 2024-05-01T09:30:00+02:00\nauthors:\n"
        "  - name: Ada\n    email: ada@example.com\ndraft: true\nlayout: post\n---\nHi\n"
    )
    code, out, _ = blog("export", "--schema", "blog:Post", "--no-body", "post.md")
    assert json.loads(out) == {
        "title": "Hello",
        "datePublished": "2024-05-01T09:30:00+02:00",
        "authors": [{"name": "Ada", "email": "ada@example.com"}],
        "draft": True,
        "layout": "post",
        "path": "post.md",
    }


# --- schema, infer ------------------------------------------------------------------------------------------------

SITE = Path(__file__).parent / "fixtures" / "sites" / "jekyll" / "_posts"


def test_schema_prints_the_json_schema_of_any_class(folder: Path) -> None:
    import jsonschema

    code, out, _ = run("schema", cwd=folder)
    assert code == 0
    printed = json.loads(out)
    assert printed == articlefm.json_schema(articlefm.Article)
    jsonschema.Draft202012Validator(printed).validate(
        articlefm.json_data(articlefm.load(folder / "a.md", schema=None).meta)
    )
    code, out, _ = run("schema", "--strict", "-o", "article.schema.json", cwd=folder)
    assert (code, out) == (0, "")
    strict = json.loads((folder / "article.schema.json").read_text(encoding="utf-8"))
    assert strict == articlefm.json_schema(articlefm.Article, strict=True)
    assert strict["additionalProperties"] is False
    (folder / "site_schema.py").write_text(
        "import attrs\n\n\n@attrs.define\nclass Page:\n    title: str\n    weight: int = 0\n", encoding="utf-8"
    )
    code, out, _ = run("schema", "--schema", "site_schema:Page", cwd=folder)
    assert code == 0
    assert json.loads(out)["required"] == ["title"]
    assert json.loads(out)["properties"]["weight"] == {"type": "integer", "default": 0}
    code, _, err = run("schema", "--schema", "none", cwd=folder)
    message = "articlefm schema: error: --schema none reads any front matter: name an attrs class to describe\n"
    assert (code, err) == (2, message)


def test_infer_writes_a_module_that_validates_the_collection(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    shutil.copytree(SITE, posts)
    code, out, err = run("infer", "posts", "--name", "Post", "-o", "post_schema.py", cwd=tmp_path)
    files = len(list(posts.glob("*.md")))
    assert (code, out) == (0, "")
    assert err.splitlines()[0] == f"{files} files read, 0 unreadable"
    module = (tmp_path / "post_schema.py").read_text(encoding="utf-8")
    assert "class Post:" in module
    code, out, _ = run("infer", "posts", "--name", "Post", cwd=tmp_path)  # the same module, to stdout
    assert (code, out) == (0, module)
    # The command line reads the collection through the module it wrote.
    code, out, err = run("validate", "posts", "--schema", "post_schema:Post", "--jobs", "1", cwd=tmp_path)
    assert (code, err.splitlines()[-1]) == (0, f"{files} valid, 0 invalid")
    (posts / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    code, _, err = run("infer", "posts", "-o", "again.py", cwd=tmp_path)
    assert code == 1  # a module for the files that could be read, and the one that could not named
    assert err.splitlines()[0] == f"{files} files read, 1 unreadable"
    assert any(line.startswith("unreadable: posts/broken.md:3:1: invalid YAML") for line in err.splitlines())
    assert (tmp_path / "again.py").exists()
    assert run("infer", "missing", cwd=tmp_path)[0] == 2
    code, _, err = run("infer", "posts", "--name", "post", cwd=tmp_path)
    assert (code, err) == (2, "articlefm infer: error: name: expected a class name such as 'Post', found 'post'\n")
