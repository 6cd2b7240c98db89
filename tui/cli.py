"""The ``closeread`` command line.

::

    closeread [PATH]                 open PATH in the reader (no PATH: the bundled sample;
                                     "-": read the document from stdin)
    closeread --serve [--port N] [--host H] [PATH]
                                     serve the reader to a web browser (textual-serve, the
                                     "web" extra), on http://127.0.0.1:8000 by default
    closeread extract PATH... [--format json|jsonl|csv|markdown|text] [--from FORMAT]
    closeread notes PATH [--format markdown|json]   the notes and bookmarks kept for PATH
    closeread --version

``closeread extract`` never imports Textual. Output formats of ``extract``:

* ``json`` (default): the JSON contract (``Analysis.to_dict()``); with several paths a JSON
  array of them, in the order given.
* ``jsonl``: one contract object per path, one line each, in order.
* ``csv``: one row per quotation; a leading ``path`` column when several paths are given
  (``-`` for stdin).
* ``markdown``: a readable report per document, quotations grouped by speaker.
* ``text``: the decoded (and, for Markdown/HTML, extracted) text the offsets point into,
  exactly, with nothing added. One path only.

Subcommands are looked up by the first argument, so a document whose file name is a
subcommand's name must be written as a path: ``closeread ./extract`` or
``closeread -- extract``.

Every failure the user can cause prints exactly one line, ``closeread: error: …``, on
stderr and exits with status 2 (and writes nothing on stdout); a guessed encoding prints
``closeread: note: …`` on stderr. Ctrl-C exits with 130, a closed pipe (``| head``) quietly
with 1, and an internal error prints one ``closeread: internal error: …`` line and exits
with 1 (set ``CLOSEREAD_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui import __version__
from tui.analysis.reading import InputError, LoadedText, read_document, read_stdin

__all__ = ["EXTRACT_FORMATS", "SUBCOMMANDS", "Subcommand", "build_parser", "main", "register"]

PROG = "closeread"
EXTRACT_FORMATS = ("json", "jsonl", "csv", "markdown", "text")
INPUT_FORMATS = ("auto", "text", "markdown", "html")
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A bad command line; ``str(error)`` is one line for the user."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line (no usage dump) through :func:`main`."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


# -- subcommands ----------------------------------------------------------------------


@dataclass(frozen=True)
class Subcommand:
    """One ``closeread NAME …`` command: ``configure`` adds its arguments, ``run`` runs it."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


SUBCOMMANDS: dict[str, Subcommand] = {}


def register(command: Subcommand) -> Subcommand:
    """Add a subcommand (``extract`` here; ``notes`` and others register the same way)."""
    SUBCOMMANDS[command.name] = command
    return command


def _configure_extract(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="documents to analyse (.txt, .md, .html); '-' reads stdin",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=EXTRACT_FORMATS,
        default="json",
        help="output format (default: json; several paths give a JSON array)",
    )
    parser.add_argument(
        "--from",
        dest="input_format",
        choices=INPUT_FORMATS,
        default="auto",
        help="read every PATH as this format (default: from the file name; stdin is text "
        "unless it starts like an HTML page)",
    )


def _run_extract(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    if args.format == "text" and len(paths) > 1:
        raise UsageError("--format text takes exactly one PATH")
    if paths.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    source_format = None if args.input_format == "auto" else args.input_format
    # Read everything first: a bad input fails before anything reaches stdout.
    documents = [_load(path, source_format) for path in paths]
    for document in documents:
        _note(document)
    if args.format == "text":
        _write(documents[0].text)
        return EXIT_OK

    from tui.analysis import export

    analyses = [_analyse(document) for document in documents]
    several = len(paths) > 1
    if args.format == "json":
        if several:
            body = ",\n".join(_indent(export.to_json(a)) for a in analyses)
            _write("[\n" + body + "\n]\n")
        else:
            _write(export.to_json(analyses[0]) + "\n")
    elif args.format == "jsonl":
        for analysis in analyses:
            _write(export.to_jsonl_line(analysis) + "\n")
    elif args.format == "csv":
        _write(_csv(analyses, several))
    else:  # markdown
        _write("\n".join(export.to_markdown(analysis) for analysis in analyses))
    return EXIT_OK


register(
    Subcommand(
        name="extract",
        help="print the quotations, speakers and links of documents (no reader)",
        configure=_configure_extract,
        run=_run_extract,
    )
)

import tui.notes.cli  # noqa: E402,F401  (registers ``closeread notes``)

# -- parsers --------------------------------------------------------------------------

_DESCRIPTION = "A terminal reader for close reading: every quotation, its speaker and its links."
_EPILOG = (
    "Documents are UTF-8, UTF-16/32 with a BOM or legacy 8-bit text, .md or .html, "
    "up to 50 MB. A document named like a command must be written as a path: "
    "'closeread ./extract' or 'closeread -- extract'."
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``closeread COMMAND …`` (all registered subcommands)."""
    parser = _Parser(prog=PROG, description=_DESCRIPTION, epilog=_EPILOG)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in SUBCOMMANDS.values():
        sub = commands.add_parser(
            command.name, help=command.help, description=command.help, epilog=_EPILOG
        )
        command.configure(sub)
    return parser


def _reader_parser() -> argparse.ArgumentParser:
    names = ", ".join(SUBCOMMANDS)
    parser = _Parser(
        prog=PROG,
        usage=(
            f"{PROG} [-h] [--version] [--serve [--port N] [--host H]] [PATH]\n"
            f"       {PROG} COMMAND ...  (commands: {names})"
        ),
        description=_DESCRIPTION,
        epilog=f"Commands: {names}; see '{PROG} COMMAND --help'. {_EPILOG}",
    )
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="document to open in the reader (default: the bundled sample; '-' reads stdin)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--serve",
        action="store_true",
        help='serve the reader to a web browser (needs: pip install "closeread[web]")',
    )
    parser.add_argument(
        "--port", type=int, default=8000, metavar="N", help="port for --serve (default: 8000)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="H",
        help="address for --serve to listen on (default: 127.0.0.1, this machine only)",
    )
    return parser


# -- the reader -----------------------------------------------------------------------


def _open_reader(path: str | None) -> int:
    from tui.resources import sample_path

    temporary: Path | None = None
    if path is None:
        document = _load(str(sample_path()), None)
        target = str(sample_path())
    elif path == "-":
        document = _load("-", None)
        _require_terminal(stdin_consumed=True)
        temporary = Path(tempfile.mkdtemp(prefix="closeread-"))
        target = str(temporary / "stdin.txt")
        Path(target).write_text(document.text, encoding="utf-8")
    else:
        try:
            document = _load(path, None)
        except InputError as error:
            close = difflib.get_close_matches(path, SUBCOMMANDS, n=1)
            if close and not os.path.exists(path):
                raise InputError(f"{error} (did you mean '{PROG} {close[0]} …'?)") from None
            raise
        target = path
    _note(document)
    if temporary is None:
        _require_terminal(stdin_consumed=False)
    try:
        try:
            from tui.app import run
        except ImportError as error:
            raise InputError(f"the reader is not available: {error}") from None
        return int(run(target) or 0)
    finally:
        if temporary is not None:
            for child in temporary.iterdir():
                child.unlink()
            temporary.rmdir()


def _serve(path: str | None, host: str, port: int) -> int:
    """Serve the reader on ``http://host:port`` with textual-serve (one app per browser tab)."""
    import shlex

    from tui.resources import sample_path

    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError('--serve needs the web extra: pip install "closeread[web]"') from None
    if path == "-":
        raise UsageError("--serve cannot read stdin: give a PATH")
    target = os.path.abspath(path) if path is not None else str(sample_path())
    _note(_load(target, None))  # a bad document fails here, in one line, not in the browser
    command = shlex.join([sys.executable, "-m", "tui.app", target])
    print(f"{PROG}: serving the reader on http://{host}:{port} (ctrl+c stops)", file=sys.stderr)
    Server(command, host=host, port=port, title=PROG).serve()
    return EXIT_OK


def _require_terminal(stdin_consumed: bool) -> None:
    if not sys.stdout.isatty():
        raise InputError(
            f"the reader needs a terminal; use '{PROG} extract PATH' to print the analysis"
        )
    if stdin_consumed:
        # The document came through stdin: take the keyboard from the controlling terminal.
        try:
            fd = os.open("/dev/tty", os.O_RDONLY)
        except OSError:
            raise InputError(
                f"no terminal to read keys from; use '{PROG} extract -' for piped input"
            ) from None
        os.dup2(fd, 0)
        os.close(fd)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    elif not sys.stdin.isatty():
        raise InputError(
            f"the reader needs a terminal; use '{PROG} extract PATH' to print the analysis"
        )


# -- helpers --------------------------------------------------------------------------


def _load(path: str, source_format) -> LoadedText:
    if path == "-":
        return read_stdin(source_format=source_format)
    return read_document(path, source_format=source_format)


def _analyse(document: LoadedText):
    from tui.analysis import analyze

    if document.title:  # an HTML page's own title beats a guess from the first line
        return analyze(document.text, path=document.path, title=document.title)
    return analyze(document.text, path=document.path)


def _csv(analyses, several: bool) -> str:
    import csv
    import io

    from tui.analysis import export

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((["path"] if several else []) + list(export.CSV_COLUMNS))
    for analysis in analyses:
        prefix = [analysis.path if analysis.path is not None else "-"] if several else []
        for row in export.csv_rows(analysis):
            writer.writerow(prefix + row)
    return buffer.getvalue()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def _note(document: LoadedText) -> None:
    if document.notice:
        print(f"{PROG}: note: {document.notice}", file=sys.stderr)


def _write(text: str) -> None:
    stream = sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        # A terminal or pipe with a legacy encoding: closeread's output is UTF-8.
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise
        stream.flush()
        buffer.write(text.encode("utf-8"))
    stream.flush()


def _error(message: str, label: str = "error") -> None:
    line = " ".join(str(message).split()) or "unknown error"
    try:
        print(f"{PROG}: {label}: {line}", file=sys.stderr)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _dispatch(args: list[str]) -> int:
    if args and args[0] in SUBCOMMANDS:
        namespace = build_parser().parse_args(args)
        return SUBCOMMANDS[namespace.command].run(namespace)
    if len(args) > 1 and not args[0].startswith("-") and not os.path.exists(args[0]):
        close = difflib.get_close_matches(args[0], SUBCOMMANDS, n=1)
        if close:
            raise UsageError(f"unknown command '{args[0]}' (did you mean '{close[0]}'?)")
    namespace = _reader_parser().parse_args(args)
    if namespace.serve:
        return _serve(namespace.path, namespace.host, namespace.port)
    options = args[: args.index("--")] if "--" in args else args
    if any(a in ("--port", "--host") or a.startswith(("--port=", "--host=")) for a in options):
        raise UsageError("--port and --host go with --serve")
    return _open_reader(namespace.path)


def main(argv: Sequence[str] | None = None) -> int:
    """Run closeread with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    except (UsageError, InputError) as error:
        _error(str(error))
        return EXIT_USAGE
    except SystemExit as exit_:  # --help and --version
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_INTERNAL
    except MemoryError:
        _error("out of memory")
        return EXIT_INTERNAL
    except Exception as error:  # a bug: one line for the user, the traceback on demand
        if os.environ.get("CLOSEREAD_DEBUG"):
            raise
        detail = " ".join(str(error).split())
        if len(detail) > 160:
            detail = detail[:157] + "..."
        _error(f"{type(error).__name__}: {detail} (please report this bug)", "internal error")
        return EXIT_INTERNAL
