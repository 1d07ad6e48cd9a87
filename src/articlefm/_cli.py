"""The command line: ``articlefm COMMAND ...``, and ``articlefm PATH...`` to validate.

A thin layer over the public functions: each command reads its arguments,
calls them, and prints. Data goes to standard output, messages to standard
error. Exit codes: 0 success, 1 a file is invalid or would change, 2 a usage
error or a path that cannot be read (:data:`OK`, :data:`INVALID`, :data:`USAGE`).

Adding a command is one function that takes the parsed arguments and returns
the exit code, registered with :func:`command` and a function that adds its
arguments to its parser::

    def _hello_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")

    @command("hello", "greet someone", "articlefm hello World", _hello_arguments)
    def _hello(arguments: argparse.Namespace) -> int:
        print(f"Hello, {arguments.name}")
        return OK

Only the chosen command's parser is built, so a run pays for one.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from ._batch import ARTICLE, schema_of
from ._errors import ArticleError, FileChangedError, Problem

if TYPE_CHECKING:
    from ._document import Document
    from ._records import Numbered, Record

# Each command imports what it uses when it runs (json included), not here: a run pays only for its own command
# (``articlefm validate FILE`` never imports attrs, the full YAML parser, cattrs or the writer; tests/test_cli.py).

__all__ = ["COMMANDS", "INVALID", "OK", "USAGE", "Command", "command", "main"]

OK, INVALID, USAGE = 0, 1, 2
_PROGRESS_AFTER = 300  # files checked before a progress line appears (on a terminal only)
_LONGEST_SOURCE_LINE = 300  # characters; a longer offending line is not drawn under its problem


class Command(NamedTuple):  # (not an attrs class: attrs builds a class's methods at import, in every run)
    """A subcommand: its name, a one-line summary, an example, what it takes and what it does."""

    name: str
    summary: str
    example: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def command(
    name: str, summary: str, example: str, arguments: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Register ``run`` as the subcommand ``name`` (see the module's docstring)."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(name, summary, example, arguments, run)
        return run

    return register


class UsageError(Exception):
    """Arguments that make no sense together: exit 2."""


def main(argv: Iterable[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: this process's arguments); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["--version"], ["-V"]):
        from . import __version__

        print(f"articlefm {__version__}")
        return OK
    if not args or args[0] in ("-h", "--help"):
        print(_overview(), file=sys.stdout if args else sys.stderr)
        return OK if args else USAGE
    chosen = COMMANDS.get(args[0])
    if chosen is None:  # bare paths: validate, as before there were commands
        chosen, rest = COMMANDS["validate"], args
    else:
        rest = args[1:]
    parser = argparse.ArgumentParser(
        prog=f"articlefm {chosen.name}",
        description=chosen.summary[:1].upper() + chosen.summary[1:] + ".",
        epilog=f"example: {chosen.example}",
        formatter_class=_HelpFormatter,
    )
    chosen.arguments(parser)
    try:
        arguments = parser.parse_args(rest)
        return chosen.run(arguments)
    except SystemExit as exc:  # argparse's --help and usage errors
        return exc.code if isinstance(exc.code, int) else USAGE
    except UsageError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return USAGE
    except BrokenPipeError:  # the reader went away (| head): stop quietly, and do not flush into the broken pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except FileChangedError as exc:  # changed by someone else since it was read: not written
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return INVALID
    except OSError as exc:  # an output that cannot be written, say
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return USAGE


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's, given the terminal's width as ``shutil.get_terminal_size`` finds it (``COLUMNS``, the
    terminal, else 80): argparse imports shutil for that, which costs every run 2 ms, help or not."""

    def __init__(self, prog: str) -> None:
        columns = os.environ.get("COLUMNS", "")
        try:
            width = int(columns) if columns.isdigit() and int(columns) > 0 else os.get_terminal_size().columns
        except OSError:  # not a terminal
            width = 80
        super().__init__(prog, width=(width or 80) - 2)


def _overview() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: articlefm COMMAND [OPTIONS] ...   (articlefm PATH... validates)",
        "",
        "Check, format, query, edit, export and import news-article files.",
        "",
        "commands:",
        *(f"  {name:<{width}}  {entry.summary}" for name, entry in COMMANDS.items()),
        "",
        "Run 'articlefm COMMAND --help' for a command's options. Exit codes: 0 success,",
        "1 an invalid file (or one that would change), 2 a usage error or an unreadable path.",
        "",
        "examples:",
        *(f"  {entry.example}" for entry in COMMANDS.values()),
    ]
    return "\n".join(lines)


# --- shared arguments ---------------------------------------------------------------------------------------------


def _schema(text: str) -> Any:
    """``module:Class`` to an attrs class, ``none`` to ``None`` (plain data)."""
    import importlib

    import attrs

    if text.lower() == "none":
        return None
    module_name, _, name = text.partition(":")
    if not module_name or not name:
        raise argparse.ArgumentTypeError(f"expected module:Class or none, found {text!r}")
    if os.getcwd() not in sys.path and "" not in sys.path:  # the console script, unlike python -m, lacks it
        sys.path.insert(0, os.getcwd())  # a schema module beside the articles, as a user keeps it
    try:
        found = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as exc:
        raise argparse.ArgumentTypeError(f"cannot load {text}: {exc}") from None
    if not attrs.has(found):
        raise argparse.ArgumentTypeError(f"{text} is not an attrs class")
    return found


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, found {text!r}")
    return jobs


def _schema_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    # The default is Article, named without importing it: ``validate`` may check every file without it.
    parser.add_argument("--schema", type=_schema, default=ARTICLE, metavar="MODULE:CLASS", help=help_text)


def _reading(parser: argparse.ArgumentParser, *, jobs: bool = False) -> None:
    """The options every command that reads articles takes."""
    _schema_option(
        parser, "an attrs class to read the front matter as (default: articlefm's Article); 'none' for plain data"
    )
    parser.add_argument("--strict", action="store_true", help="treat unknown keys as errors")
    if jobs:
        _jobs_option(parser)


def _jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help=f"processes that read files (default: the number of CPUs, here {os.cpu_count()})",
    )


def _paths(parser: argparse.ArgumentParser, what: str = "read") -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=f"files, folders (every *.md below) or glob patterns to {what}; - for stdin",
    )


def _stdin(paths: list[str]) -> bool:
    """Whether the paths say to read standard input (``-``, alone)."""
    if "-" not in paths:
        return False
    if len(paths) > 1:
        raise UsageError("- (standard input) cannot be mixed with paths")
    return True


def _load_stdin(arguments: argparse.Namespace) -> Document[Any]:
    from ._document import loads

    return loads(
        sys.stdin.buffer.read(), schema=schema_of(arguments.schema), strict=arguments.strict, filename="<stdin>"
    )


def _colour(stream: IO[str]) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and stream.isatty()


# --- validate -----------------------------------------------------------------------------------------------------


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    _paths(parser, "check")
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: a line per file or problem, with the source line; json: a JSON object per file (JSON Lines); "
        "github: GitHub Actions annotations",
    )
    _reading(parser, jobs=True)


@command("validate", "check files against the schema", "articlefm validate news/ --format github", _validate_arguments)
def _validate(arguments: argparse.Namespace) -> int:
    from ._batch import check_files

    if _stdin(arguments.paths):
        try:
            _load_stdin(arguments)
            results: Iterable[tuple[str, Any]] = [("<stdin>", None)]
        except ArticleError as exc:
            results = [("<stdin>", (exc, False))]
    else:
        options = {"jobs": arguments.jobs, "schema": arguments.schema, "strict": arguments.strict}
        results = check_files(arguments.paths, **options)
    report = {"text": _report_text, "json": _report_json, "github": _report_github}[arguments.format]
    valid = invalid = unreadable = 0
    progress = _Progress()
    for path, checked in results:
        if checked is None:
            valid += 1
        else:
            invalid += 1
            unreadable += checked[1]
        if checked is not None or arguments.format != "github":  # github reports only problems
            progress.clear()
            report(str(path), checked[0] if checked else None)
        progress.step()
    progress.clear()
    print(f"{valid} valid, {invalid} invalid", file=sys.stderr)
    return USAGE if unreadable else INVALID if invalid else OK


class _Progress:
    """``checked N files`` on standard error, rewritten in place, when it is a terminal and the run is long."""

    def __init__(self) -> None:
        self.count = 0
        self.terminal = sys.stderr.isatty()
        self.showing = False

    def step(self) -> None:
        self.count += 1
        if self.terminal and self.count >= _PROGRESS_AFTER and self.count % 100 == 0:
            print(f"\rchecked {self.count:,} files", end="", file=sys.stderr, flush=True)
            self.showing = True

    def clear(self) -> None:
        """Take the progress line away (before other output, and at the end)."""
        if self.showing:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
            self.showing = False


def _report_text(path: str, error: ArticleError | None) -> None:
    if error is None:
        print(f"{path}: ok")
        return
    colour = _colour(sys.stdout)
    source = _source_lines(path, error)
    for problem in error.problems:
        line = problem.format(path)
        print(f"\033[1m{line}\033[0m" if colour else line)
        shown = source.get(problem.line)
        if shown is not None and problem.column:
            caret = " " * (problem.column - 1) + "^"
            print(f"    {shown}\n    " + (f"\033[31m{caret}\033[0m" if colour else caret))


def _source_lines(path: str, error: ArticleError) -> dict[int, str]:
    """The file's lines that the problems point at (short ones only), by number."""
    wanted = {problem.line for problem in error.problems if problem.line}
    if not wanted:
        return {}
    try:
        with open(path, "rb") as stream:
            text = stream.read().decode("utf-8", errors="replace").removeprefix("\ufeff")
    except OSError:
        return {}
    lines = text.split("\n")
    found = {}
    for number in wanted:
        if number <= len(lines):
            line = lines[number - 1].removesuffix("\r")
            if len(line) <= _LONGEST_SOURCE_LINE and line.isprintable():
                found[number] = line
    return found


def _problem_fields(problem: Problem) -> dict[str, str | int]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "message": problem.message}


def _report_json(path: str, error: ArticleError | None) -> None:
    import json

    # The line json.dumps({"path": ..., "valid": ..., "problems": [...]}) writes, put together here:
    # most lines are a valid file's, and dumps would cost more than a fast check of the file.
    problems = "[]"
    if error is not None:
        problems = json.dumps([_problem_fields(problem) for problem in error.problems], ensure_ascii=False)
    valid = "true" if error is None else "false"
    path_text = json.encoder.encode_basestring(path)  # as json.dumps(path, ensure_ascii=False) writes it
    print(f'{{"path": {path_text}, "valid": {valid}, "problems": {problems}}}')


def _report_github(path: str, error: ArticleError | None) -> None:
    for problem in error.problems if error is not None else []:
        where = f"file={_github_property(path)}"
        if problem.line:
            where += f",line={problem.line},col={problem.column}"
        message = f"{problem.path}: {problem.message}" if problem.path else problem.message
        print(f"::error {where}::{_github_data(message)}")


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- fmt ----------------------------------------------------------------------------------------------------------


def _fmt_arguments(parser: argparse.ArgumentParser) -> None:
    _paths(parser, "format")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")
    parser.add_argument("--diff", action="store_true", help="change nothing; print what would change as unified diffs")
    _reading(parser)


@command("fmt", "rewrite files in house style", "articlefm fmt --check news/", _fmt_arguments)
def _fmt(arguments: argparse.Namespace) -> int:
    from ._document import dumps
    from ._files import iter_load, replace_file
    from ._format import format_document

    if _stdin(arguments.paths):
        try:
            sys.stdout.write(format_document(_load_stdin(arguments), "<stdin>"))
        except ArticleError as exc:
            print(exc, file=sys.stderr)
            return INVALID
        return OK
    failed = changed = 0
    for path, result in iter_load(arguments.paths, schema=schema_of(arguments.schema), strict=arguments.strict):
        try:
            if isinstance(result, ArticleError):
                raise result
            old = dumps(result)
            new = format_document(result, str(path))
        except ArticleError as exc:
            print(exc, file=sys.stderr)
            failed += 1
            continue
        if new == old:
            continue
        changed += 1
        if arguments.diff:
            import difflib  # here: the other commands do not pay for it at start-up

            sys.stdout.writelines(
                difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"{path}", f"{path} (formatted)")
            )
        if arguments.check:
            print(f"would reformat {path}", file=sys.stderr)
        elif not arguments.diff:
            replace_file(str(path), new.encode("utf-8"), unchanged_from=result)  # as dump writes, for text
            print(f"reformatted {path}", file=sys.stderr)
    if failed:
        return INVALID
    return INVALID if arguments.check and changed else OK


# --- get, set, unset ----------------------------------------------------------------------------------------------


def _get_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="an article file, or - for stdin")
    parser.add_argument("field", metavar="FIELD", help="title, provider.domain, images[0].width, published_date_time")
    _reading(parser)


@command("get", "print one field: text as is, structures as JSON", "articlefm get a.md provider.domain", _get_arguments)
def _get(arguments: argparse.Namespace) -> int:
    import json

    from ._fields import get_field

    try:
        document = _load_stdin(arguments) if arguments.file == "-" else _load(arguments.file, arguments)
        value = get_field(document, arguments.field)
    except ArticleError as exc:
        print(exc, file=sys.stderr)
        return INVALID
    except LookupError as exc:
        print(f"{arguments.file}: {exc.args[0]}", file=sys.stderr)
        return INVALID
    print(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return OK


def _load(path: str, arguments: argparse.Namespace) -> Document[Any]:
    from ._files import load

    try:
        return load(path, schema=schema_of(arguments.schema), strict=arguments.strict)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def _set_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="ARG",
        help="FILE FIELD=VALUE... for one file; PATH... (files, folders, globs) with -e for many",
    )
    parser.add_argument(
        "-e",
        dest="assignments",
        action="append",
        metavar="FIELD=VALUE",
        help="an assignment for every file (repeatable); FIELD+=VALUE appends to a list",
    )
    _reading(parser)


@command(
    "set",
    "set fields, typed by the schema (FIELD+=VALUE appends); no file changes if any value is invalid",
    "articlefm set a.md quality=40 topics+=Robotics",
    _set_arguments,
)
def _set(arguments: argparse.Namespace) -> int:
    from ._fields import parse_value

    if arguments.assignments:
        paths, assignments = arguments.targets, arguments.assignments
    else:
        paths, assignments = arguments.targets[:1], arguments.targets[1:]
        if not assignments:
            raise UsageError("expected FILE FIELD=VALUE..., or PATH... -e FIELD=VALUE")
    edits = []
    for assignment in assignments:
        field, equals, text = assignment.partition("=")
        if not equals or not field:
            raise UsageError(f"expected FIELD=VALUE, found {assignment!r}")
        append = field.endswith("+")
        try:
            value = parse_value(text)
        except ValueError as exc:
            raise UsageError(f"{assignment}: {exc}") from None
        edits.append(_setter(field.removesuffix("+"), value, append))
    return _edit(paths, edits, arguments)


def _setter(field: str, value: Any, append: bool) -> Callable[[Document[Any]], None]:
    from ._fields import set_field

    return lambda document: set_field(document, field, value, append=append)


def _unset_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="an article file, or - for stdin (the result goes to stdout)")
    parser.add_argument("fields", nargs="+", metavar="FIELD", help="optional keys or list items to remove")
    _reading(parser)


@command("unset", "remove optional keys or list items", "articlefm unset a.md heat topics[0]", _unset_arguments)
def _unset(arguments: argparse.Namespace) -> int:
    edits = [_unsetter(field) for field in arguments.fields]
    return _edit([arguments.file], edits, arguments)


def _unsetter(field: str) -> Callable[[Document[Any]], None]:
    from ._fields import unset_field

    return lambda document: unset_field(document, field)


def _edit(paths: list[str], edits: list[Callable[[Document[Any]], None]], arguments: argparse.Namespace) -> int:
    """Apply the edits to every file, then write them all; if any file fails, write none."""
    from ._batch import was_unreadable
    from ._document import Document, dumps
    from ._files import dump, iter_load

    documents: Iterable[tuple[str, Document[Any] | ArticleError]]
    if _stdin(paths):
        try:
            documents = [("<stdin>", _load_stdin(arguments))]
        except ArticleError as exc:
            documents = [("<stdin>", exc)]
    else:
        documents = (
            (str(path), result)
            for path, result in iter_load(paths, schema=schema_of(arguments.schema), strict=arguments.strict)
        )
    edited: list[tuple[str, Document[Any], bool]] = []  # each file, its document, and whether it changed
    failed = unreadable = 0
    seen: set[str] = set()
    for path, result in documents:
        if isinstance(result, Document) and result._path is not None:
            if result._path in seen:  # named twice (a.md and its folder): edited once
                continue
            seen.add(result._path)
        try:
            if isinstance(result, ArticleError):
                unreadable += was_unreadable(result)
                raise result
            before = dumps(result)
            for edit in edits:
                edit(result)
            edited.append((path, result, dumps(result) != before))
        except ArticleError as exc:
            print(exc if exc.filename == path else ArticleError(exc.problems, path), file=sys.stderr)
            failed += 1
        except LookupError as exc:
            print(f"{path}: {exc.args[0]}", file=sys.stderr)
            failed += 1
    if failed:
        print(f"{failed} file{'s' * (failed != 1)} failed; no file changed", file=sys.stderr)
        return USAGE if unreadable else INVALID
    if paths == ["-"]:
        sys.stdout.write(dumps(edited[0][1]))
        return OK
    ready = [(path, document) for path, document, changed in edited if changed]
    for path, document in ready:
        dump(document, path)
    print(f"{len(ready)} file{'s' * (len(ready) != 1)} changed", file=sys.stderr)
    return OK


# --- export, import -----------------------------------------------------------------------------------------------


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    _paths(parser, "export")
    parser.add_argument("--format", choices=("jsonl", "json", "csv"), default="jsonl", help="default: jsonl")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file (default: stdout)")
    parser.add_argument("--no-body", dest="body", action="store_false", help="leave out each article's body")
    _reading(parser, jobs=True)


@command(
    "export",
    "write one record per article as JSON Lines, JSON or CSV",
    "articlefm export news/ --no-body -o news.jsonl",
    _export_arguments,
)
def _export(arguments: argparse.Namespace) -> int:
    from ._batch import was_unreadable
    from ._records import iter_records, to_record

    if _stdin(arguments.paths):
        try:
            records: Iterable[tuple[Any, Record | ArticleError]] = [
                ("<stdin>", to_record(_load_stdin(arguments), body=arguments.body))
            ]
        except ArticleError as exc:
            records = [("<stdin>", exc)]
    else:
        options = {"jobs": arguments.jobs, "schema": schema_of(arguments.schema), "strict": arguments.strict}
        records = iter_records(arguments.paths, body=arguments.body, **options)
    failed = unreadable = 0

    def valid() -> Iterator[Record]:
        nonlocal failed, unreadable
        for _path, record in records:
            if isinstance(record, ArticleError):
                print(record, file=sys.stderr)
                failed += 1
                unreadable += was_unreadable(record)
            else:
                yield record

    output = open(arguments.output, "w", encoding="utf-8", newline="") if arguments.output else sys.stdout  # noqa: SIM115
    try:
        {"jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv}[arguments.format](valid(), output)
    finally:
        if output is not sys.stdout:
            output.close()
    return USAGE if unreadable else INVALID if failed else OK


def _json(record: Record) -> str:
    import json

    return json.dumps(record, ensure_ascii=False)


def _write_jsonl(records: Iterable[Record], output: IO[str]) -> None:
    for record in records:
        output.write(_json(record) + "\n")


def _write_json(records: Iterable[Record], output: IO[str]) -> None:
    separator = "[\n"
    for record in records:
        output.write(separator + _json(record))
        separator = ",\n"
    output.write("[]\n" if separator == "[\n" else "\n]\n")


def _write_csv(records: Iterable[Record], output: IO[str]) -> None:
    """One row per record, nested fields as dotted columns, lists as JSON text.

    The columns are the keys in the order they first appear, then ``path`` and
    ``body``. They are known only at the end, so the rows wait in a temporary
    file, not in memory.
    """
    import csv  # here, as difflib in _fmt
    import json
    import tempfile

    from ._records import RESERVED

    columns: dict[str, None] = {}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as rows:
        for record in records:
            row = _flat(record)
            columns.update(dict.fromkeys(row))
            rows.write(_json(row) + "\n")
        rows.seek(0)
        names = [name for name in columns if name not in RESERVED] + [name for name in RESERVED if name in columns]
        writer = csv.DictWriter(output, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for line in rows:
            writer.writerow(json.loads(line))


def _flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, item in record.items():
        if isinstance(item, dict):
            flat.update(_flat(item, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = _cell(item)
    return flat


def _cell(value: Any) -> Any:
    import json

    if isinstance(value, str):
        return value
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", metavar="FILE", help="records as JSON Lines (.jsonl) or a JSON list (.json); - for stdin"
    )
    parser.add_argument("--format", choices=("jsonl", "json"), help="the input's format (default: by its extension)")
    parser.add_argument("--root", default=".", metavar="DIR", help="the folder record paths are relative to")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an existing file a record without a path names"
    )
    _reading(parser)


@command(
    "import",
    "write records back to files: minimal diffs, new files in house style",
    "articlefm import news.jsonl --root .",
    _import_arguments,
)
def _import(arguments: argparse.Namespace) -> int:
    from ._records import plan_import, write_planned

    source = "<stdin>" if arguments.input == "-" else arguments.input
    try:
        if arguments.input == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(arguments.input, "rb") as stream:
                data = stream.read()
    except OSError as exc:
        raise UsageError(f"cannot read {arguments.input}: {exc.strerror or exc}") from None
    form = arguments.format or ("json" if source.endswith(".json") else "jsonl")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
        numbered = list(_json_records(text, source) if form == "json" else _jsonl_records(text, source))
        planned = plan_import(
            numbered,
            source,
            root=arguments.root,
            overwrite=arguments.overwrite,
            schema=schema_of(arguments.schema),
            strict=arguments.strict,
        )
    except UnicodeDecodeError as exc:
        print(f"{source}: expected UTF-8 text: {exc.reason} at byte {exc.start}", file=sys.stderr)
        return INVALID
    except ArticleError as exc:
        print(exc, file=sys.stderr)
        print("no file changed", file=sys.stderr)
        return INVALID
    for path in write_planned(planned):
        print(path)
    print(f"{len(planned)} file{'s' * (len(planned) != 1)} written", file=sys.stderr)
    return OK


def _jsonl_records(text: str, source: str) -> Iterator[Numbered]:
    import json

    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, 1, json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem("", number, exc.colno, f"expected a JSON object: {exc.msg}"))
    if problems:
        raise ArticleError(problems, source)


def _json_records(text: str, source: str) -> Iterator[Numbered]:
    """The items of a JSON list, each with the line and column where it starts."""
    import json

    decoder = json.JSONDecoder()
    try:
        index = _skip_space(text, 0)
        if text[index : index + 1] != "[":
            raise json.JSONDecodeError("expected a JSON list of records", text, index)
        index = _skip_space(text, index + 1)
        if text[index : index + 1] == "]":
            return
        while True:
            record, end = decoder.raw_decode(text, index)
            line = text.count("\n", 0, index) + 1
            yield line, index - (text.rfind("\n", 0, index) + 1) + 1, record
            index = _skip_space(text, end)
            if text[index : index + 1] == "]":
                return
            if text[index : index + 1] != ",":
                raise json.JSONDecodeError("expected ',' or ']'", text, index)
            index = _skip_space(text, index + 1)
    except json.JSONDecodeError as exc:
        raise ArticleError([Problem("", exc.lineno, exc.colno, exc.msg)], source) from None


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


# --- schema, infer ------------------------------------------------------------------------------------------------


def _schema_arguments(parser: argparse.ArgumentParser) -> None:
    _schema_option(parser, "the attrs class to describe (default: articlefm's Article)")
    parser.add_argument("--strict", action="store_true", help="allow no keys but the schema's own")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file (default: stdout)")


@command(
    "schema",
    "print the JSON Schema (draft 2020-12) of the front matter, for editors and other languages",
    "articlefm schema --schema mysite.schema:Post -o post.schema.json",
    _schema_arguments,
)
def _schema_command(arguments: argparse.Namespace) -> int:
    import json

    from ._json_schema import json_schema

    if arguments.schema is None:
        raise UsageError("--schema none reads any front matter: name an attrs class to describe")
    schema = json_schema(schema_of(arguments.schema), strict=arguments.strict)
    _write_text(arguments.output, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return OK


def _share(text: str) -> float:
    try:
        share = float(text)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(f"expected a share from 0 to 1, found {text!r}")
    return share


def _infer_arguments(parser: argparse.ArgumentParser) -> None:
    _paths(parser, "read")
    parser.add_argument("--name", default="Post", help="the class name of the front matter (default: Post)")
    parser.add_argument("-o", "--output", metavar="FILE.py", help="write the module to this file (default: stdout)")
    parser.add_argument(
        "--extra-below",
        type=_share,
        default=0.0,
        metavar="SHARE",
        help="keys found in fewer than this share (0 to 1) of the files go to an extra mapping, not fields",
    )
    _jobs_option(parser)


@command(
    "infer",
    "write a schema module (attrs classes) that every file of a collection loads with",
    "articlefm infer _posts/ --name Post -o post_schema.py",
    _infer_arguments,
)
def _infer(arguments: argparse.Namespace) -> int:
    from ._infer import infer_schema

    if _stdin(arguments.paths):
        raise UsageError("infer reads a collection of files, not standard input")
    try:
        inferred = infer_schema(
            arguments.paths, name=arguments.name, extra_below=arguments.extra_below, jobs=arguments.jobs
        )
    except ValueError as exc:  # a class name that is not one
        raise UsageError(str(exc)) from None
    if not inferred.files:
        print(inferred.summary(), file=sys.stderr)
        print("no file could be read: no schema written", file=sys.stderr)
        return USAGE if inferred.unreadable else INVALID
    _write_text(arguments.output, inferred.source)
    print(inferred.summary(), file=sys.stderr)
    return INVALID if inferred.unreadable else OK


def _write_text(output: str | None, text: str) -> None:
    """``text`` to the file ``output``, or to standard output."""
    if output is None:
        sys.stdout.write(text)
    else:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
