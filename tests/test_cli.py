"""``closeread`` on good and bad input: exit 0 with valid JSON, or exit 2 with one error line."""

from __future__ import annotations

import builtins
import codecs
import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tui.cli as cli
from tui import __version__
from tui.cli import main
from tui.resources import sample_path

REPO = Path(__file__).resolve().parent.parent
ERROR_PREFIX = "closeread: error: "
QUOTE_OPENERS = set("“„«‘‚‹\"'")


def load_test_module(name: str):
    """A sibling test module, however pytest was told to import test files."""
    spec = importlib.util.spec_from_file_location(
        f"_closeread_{name}", Path(__file__).with_name(f"{name}.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the bad-input matrix -------------------------------------------------------------


def nested(depth: int) -> str:
    pairs = [("“", "”"), ("‘", "’")]
    opened = "".join(pairs[i % 2][0] + f"level{i} " for i in range(depth))
    closed = "".join(pairs[i % 2][1] for i in reversed(range(depth)))
    return f"{opened}core{closed} said Ann Lee."


def long_line() -> bytes:
    sentence = "“Yes,” said Ann Lee. The committee met again and nobody agreed on anything. "
    data = (sentence * (5_000_000 // len(sentence) + 1)).encode("utf-8")[:5_000_000]
    return data.rstrip(b" ")


def make_permission_denied(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("“Hidden,” he said.", encoding="utf-8")
    os.chmod(path, 0)
    if os.access(path, os.R_OK):  # root ignores the mode bits: make open() refuse instead
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.fspath(file) == os.fspath(path):
                raise PermissionError(13, "Permission denied", os.fspath(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    return path


# name -> (bytes to write, or a special marker; expected outcome; error message fragment)
CASES: dict[str, tuple[object, str, str | None]] = {
    "missing path": ("<missing>", "error", "no such file"),
    "directory": ("<directory>", "error", "is a directory"),
    "unreadable": ("<unreadable>", "error", "permission denied"),
    "png bytes": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "error", "PNG image"),
    "zip bytes": (b"PK\x03\x04\x14\x00" + bytes(30), "error", "ZIP archive"),
    "pdf bytes": (b"%PDF-1.4\n1 0 obj", "error", "PDF document"),
    "gzip bytes": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "error", "gzip"),
    "nul in text": (b"\xe2\x80\x9cHi,\xe2\x80\x9d she said.\x00\x00 more", "error", "NUL bytes"),
    "cp1252 smart quotes": ("“Yes,” said Ann Lee. Don’t – €5.".encode("cp1252"), "ok", None),
    "utf-16 bom": ("“Yes,” said Ann Lee.\r\nFine.".encode("utf-16"), "ok", None),
    "utf-8 bom": (codecs.BOM_UTF8 + "“Yes,” said Ann Lee.".encode(), "ok", None),
    "crlf": ("Intro.\r\n\r\n“Yes,” said Ann Lee.\r\n\r\nEnd.\r\n".encode(), "ok", None),
    "cr": ("Intro.\r\r“Yes,” said Ann Lee.\r\rEnd.\r".encode(), "ok", None),
    "empty": (b"", "ok", None),
    "only whitespace": (b" \n\n\t  \r\n \n", "ok", None),
    "no quotation": (b"The committee met. Nobody said anything at all.\n", "ok", None),
    "10k unbalanced marks": (("“" * 5000 + '"' * 3000 + "’" * 2000).encode(), "ok", None),
    "unbalanced mixed": (('“a ” b “ c " d ‘ e ’ f « g\n\n' * 1000).encode(), "ok", None),
    "5 MB single line": ("<long>", "ok", None),
    "nested five deep": (nested(5).encode(), "ok", None),
    "arabic rtl": (
        "قال أحمد: «هذا صحيح تماما» في المؤتمر.\n\n«لا»، قالت سارة.".encode(),
        "ok",
        None,
    ),
    "hebrew rtl": ('אמר דוד: "זה נכון" היום.\n\n„לא“, אמרה שרה.'.encode(), "ok", None),
    "emoji and combining": ("“Hi 👋🏽, e\u0301te\u0301!” said Zoë 👩‍👩‍👧.".encode(), "ok", None),
    "tabs": ("\t“Tab\there,”\tsaid\tAnn Lee.\n\n\t\tIndented.".encode(), "ok", None),
    "only quote marks": (("\"'“”‘’«»„‚‹›\n" * 50).encode(), "ok", None),
    "many short paragraphs": (("“Go,” she said.\n\n" * 3000).encode(), "ok", None),
}


def prepare(name: str, tmp_path: Path, monkeypatch) -> Path:
    content = CASES[name][0]
    if content == "<missing>":
        return tmp_path / "does-not-exist.txt"
    if content == "<directory>":
        (tmp_path / "folder.txt").mkdir()
        return tmp_path / "folder.txt"
    if content == "<unreadable>":
        return make_permission_denied(tmp_path, monkeypatch)
    if content == "<long>":
        content = long_line()
    path = tmp_path / "input.txt"
    path.write_bytes(content)  # type: ignore[arg-type]
    return path


def decoded(path: Path) -> str:
    """What the offsets must point into: the text closeread prints with --format text."""
    return cli.read_document(path).text


def assert_one_error_line(code: int, out: str, err: str, fragment: str | None = None) -> str:
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(ERROR_PREFIX)
    assert "Traceback" not in err
    if fragment:
        assert fragment in lines[0]
    return lines[0]


def assert_valid_contract(data: dict, text: str) -> None:
    assert set(data) == {"document", "quotes", "speakers", "links"}
    assert data["document"]["length"] == len(text)
    ids = {q["id"] for q in data["quotes"]}
    assert len(ids) == len(data["quotes"])
    previous_end = 0
    for quote in data["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(text)
        assert quote["start"] >= previous_end  # sorted, non-overlapping
        previous_end = quote["end"]
        # a quotation starts at its opening mark, or resumes after the narrator's aside
        assert text[quote["start"]] in QUOTE_OPENERS or text[: quote["start"]].rstrip(" -—–\n").endswith(")")
        assert quote["text"] in text[quote["start"] : quote["end"]]
    speaker_ids = {s["id"] for s in data["speakers"]}
    for quote in data["quotes"]:
        assert quote["speaker_id"] is None or quote["speaker_id"] in speaker_ids
    for link in data["links"]:
        assert link["source"] in ids and link["target"] in ids
        assert link["source"] != link["target"]


@pytest.mark.parametrize("name", list(CASES))
def test_extract_matrix(name, tmp_path, monkeypatch, capsys):
    path = prepare(name, tmp_path, monkeypatch)
    code = main(["extract", str(path)])
    out, err = capsys.readouterr()
    expected, fragment = CASES[name][1], CASES[name][2]
    if expected == "error":
        line = assert_one_error_line(code, out, err, fragment)
        assert str(path) in line
        return
    assert code == 0, err
    for line in err.splitlines():  # only notes, never errors or tracebacks
        assert line.startswith("closeread: note: "), err
    data = json.loads(out)
    assert_valid_contract(data, decoded(path))
    assert data["document"]["path"] == str(path)


def test_matrix_expectations_on_content(tmp_path, monkeypatch, capsys):
    """Beyond 'valid JSON': the decoded cases find the quotation where it is."""
    for name in ("cp1252 smart quotes", "utf-16 bom", "utf-8 bom", "crlf", "cr", "tabs"):
        path = prepare(name, tmp_path, monkeypatch)
        assert main(["extract", str(path)]) == 0
        out, err = capsys.readouterr()
        text = decoded(path)
        quotes = json.loads(out)["quotes"]
        assert quotes, name
        first = quotes[0]
        assert text[first["start"]] == "“", name
        assert first["text"] == text[first["start"] + 1 : first["end"] - 1], name
        assert "\r" not in text
        if name == "cp1252 smart quotes":
            assert err.startswith("closeread: note: ") and "Windows-1252" in err
        else:
            assert err == ""


def test_empty_and_quote_free_inputs_have_no_quotes(tmp_path, monkeypatch, capsys):
    for name in ("empty", "only whitespace", "no quotation"):
        path = prepare(name, tmp_path, monkeypatch)
        assert main(["extract", str(path)]) == 0
        assert json.loads(capsys.readouterr().out)["quotes"] == []


def test_nested_quotes_belong_to_the_outermost(tmp_path, monkeypatch, capsys):
    path = prepare("nested five deep", tmp_path, monkeypatch)
    assert main(["extract", str(path)]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    text = decoded(path)
    assert len(quotes) == 1
    assert quotes[0]["start"] == 0
    assert quotes[0]["end"] == text.index(" said")
    assert quotes[0]["speaker"] == "Ann Lee"


# -- formats, stdin, several paths ----------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_equals_file_except_path(monkeypatch, capsys):
    code, from_file, _ = run(capsys, "extract", str(sample_path()))
    assert code == 0
    feed_stdin(monkeypatch, sample_path().read_bytes())
    code, from_stdin, err = run(capsys, "extract", "-", "--format", "json")
    assert (code, err) == (0, "")
    file_data, stdin_data = json.loads(from_file), json.loads(from_stdin)
    assert file_data["document"]["path"] == str(sample_path())
    assert stdin_data["document"]["path"] is None
    file_data["document"]["path"] = None
    assert file_data == stdin_data
    assert from_file.replace(json.dumps(str(sample_path())), "null") == from_stdin


def test_stdin_binary_is_one_error_line(monkeypatch, capsys):
    feed_stdin(monkeypatch, b"\x89PNG\r\n\x1a\n\x00")
    assert_one_error_line(*run(capsys, "extract", "-"), "stdin: this is a PNG image")


def test_json_is_the_contract_of_the_analysis(capsys):
    from tui.analysis import analyze

    code, out, _ = run(capsys, "extract", str(sample_path()))
    text = sample_path().read_text(encoding="utf-8")
    assert code == 0
    assert json.loads(out) == analyze(text, str(sample_path())).to_dict()
    assert out.endswith("}\n")


def test_several_paths_json_array_and_jsonl(tmp_path, capsys):
    other = tmp_path / "b.txt"
    other.write_text("“Two,” said Bo Smith.", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(sample_path()), str(other))
    assert code == 0
    array = json.loads(out)
    assert [d["document"]["path"] for d in array] == [str(sample_path()), str(other)]
    code, out, _ = run(capsys, "extract", str(sample_path()), str(other), "-f", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert [json.loads(line) for line in lines] == array


def test_csv_single_and_several(tmp_path, capsys):
    code, out, _ = run(capsys, "extract", str(sample_path()), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and "path" not in rows[0]
    assert rows[1]["speaker"] == "Dmitry Peskov"
    other = tmp_path / "b.txt"
    other.write_text("“Two,” said Bo Smith.", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(sample_path()), str(other), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["path"] == str(sample_path())
    assert rows[-1]["path"] == str(other) and rows[-1]["text"] == "Two,"


def test_markdown_report(capsys):
    code, out, _ = run(capsys, "extract", str(sample_path()), "--format", "markdown")
    assert code == 0
    assert "## Dmitry Peskov" in out
    assert "> Let's not believe anonymous information," in out


def test_text_format_is_the_decoded_text_exactly(tmp_path, capsys):
    path = tmp_path / "c.txt"
    path.write_bytes(codecs.BOM_UTF8 + "“Hi,” she said.\r\nBye.\r".encode())
    code, out, err = run(capsys, "extract", str(path), "--format", "text")
    assert (code, out, err) == (0, "“Hi,” she said.\nBye.\n", "")


def test_html_page_gives_the_same_quotations_as_its_text(tmp_path, capsys):
    news_page = load_test_module("test_formats").news_page
    text = sample_path().read_text(encoding="utf-8")
    title, *paragraphs = text.split("\n\n")
    page = tmp_path / "saved.html"
    page.write_text(news_page(title, paragraphs), encoding="utf-8")
    code, from_html, _ = run(capsys, "extract", str(page))
    assert code == 0
    code, from_text, _ = run(capsys, "extract", str(sample_path()))
    html_data, text_data = json.loads(from_html), json.loads(from_text)
    assert html_data["quotes"] == text_data["quotes"]
    assert html_data["speakers"] == text_data["speakers"]
    assert html_data["document"]["title"] == title


def test_markdown_file_offsets_point_into_extracted_text(tmp_path, capsys):
    path = tmp_path / "n.md"
    path.write_text("# Notes\n\n**“Yes,”** said\nAnn Lee, *“of course.”*\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(path), "-f", "text")
    assert out == "Notes\n\n“Yes,” said Ann Lee, “of course.”"
    code, out, _ = run(capsys, "extract", str(path))
    quotes = json.loads(out)["quotes"]
    assert [q["text"] for q in quotes] == ["Yes,", "of course."]
    assert (
        "“Yes,”"
        == "Notes\n\n“Yes,” said Ann Lee, “of course.”"[quotes[0]["start"] : quotes[0]["end"]]
    )


def test_from_overrides_the_suffix(tmp_path, capsys):
    path = tmp_path / "page.txt"
    path.write_text("<p>“Hi,” said <b>Ann</b>.</p>", encoding="utf-8")
    assert run(capsys, "extract", str(path), "-f", "text")[1] == "<p>“Hi,” said <b>Ann</b>.</p>"
    assert run(capsys, "extract", str(path), "-f", "text", "--from", "html")[1] == "“Hi,” said Ann."


# -- usage errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["extract"], "the following arguments are required: PATH"),
        (["extract", "x.txt", "--format", "xml"], "invalid choice: 'xml'"),
        (["extract", "a.txt", "b.txt", "--format", "text"], "--format text takes exactly one PATH"),
        (["extract", "-", "-"], "stdin ('-') can be read only once"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["a.txt", "b.txt"], "unrecognized arguments: b.txt"),
        (["extrct", "file.txt"], "unknown command 'extrct' (did you mean 'extract'?)"),
        (["extract", ""], "empty path"),
    ],
)
def test_usage_errors_are_one_line(args, fragment, capsys):
    assert_one_error_line(*run(capsys, *args), fragment)


def test_bad_path_among_good_ones_prints_nothing(tmp_path, capsys):
    code, out, err = run(capsys, "extract", str(sample_path()), str(tmp_path / "gone.txt"))
    assert_one_error_line(code, out, err, "gone.txt: no such file")


def test_version_and_help(capsys):
    assert run(capsys, "--version") == (0, f"closeread {__version__}\n", "")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "closeread ./extract" in out and "extract" in out
    code, out, _ = run(capsys, "extract", "--help")
    assert code == 0 and "--format" in out


# -- the reader ------------------------------------------------------------------------


@pytest.fixture
def fake_reader(monkeypatch):
    import tui.app

    calls: list[str | None] = []

    def fake_run(path):
        calls.append(path)
        return 0

    monkeypatch.setattr(tui.app, "run", fake_run)
    monkeypatch.setattr(cli, "_require_terminal", lambda stdin_consumed: None)
    return calls


def test_reader_opens_path_and_defaults_to_the_sample(fake_reader, capsys):
    assert main([str(sample_path())]) == 0
    assert main([]) == 0
    assert fake_reader == [str(sample_path()), str(sample_path())]


def test_reader_with_a_file_named_like_a_subcommand(fake_reader, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("extract").write_text("“Hi,” said Ann.", encoding="utf-8")
    assert main(["--", "extract"]) == 0
    assert main(["./extract"]) == 0
    assert fake_reader == ["extract", "./extract"]


def test_reader_from_stdin_gets_a_file_with_the_text(fake_reader, monkeypatch, capsys):
    seen: list[str] = []

    import tui.app

    def fake_run(path):
        seen.append(Path(path).read_text(encoding="utf-8"))
        return 0

    monkeypatch.setattr(tui.app, "run", fake_run)
    feed_stdin(monkeypatch, "“Piped,” said Ann.\r\n".encode())
    assert main(["-"]) == 0
    assert seen == ["“Piped,” said Ann.\n"]


def test_reader_bad_input_is_one_line_before_textual(fake_reader, tmp_path, capsys):
    assert_one_error_line(*run(capsys, str(tmp_path / "nope.txt")), "no such file")
    assert_one_error_line(*run(capsys, str(tmp_path)), "is a directory")
    assert fake_reader == []


def test_reader_needs_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)  # as with `closeread x > file`
    assert_one_error_line(*run(capsys, str(sample_path())), "the reader needs a terminal")


# -- failures that are not the user's --------------------------------------------------


def test_internal_error_is_one_line(monkeypatch, capsys):
    import tui.analysis

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nwith a second line")

    monkeypatch.setattr(tui.analysis, "analyze", broken)
    code, out, err = run(capsys, "extract", str(sample_path()))
    assert (code, out) == (1, "")
    assert (
        err
        == "closeread: internal error: RuntimeError: boom with a second line (please report this bug)\n"
    )


def test_keyboard_interrupt_exits_130(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "read_document", interrupted)
    assert run(capsys, "extract", "x.txt") == (130, "", "")


def test_broken_pipe_is_quiet(monkeypatch, capsys):
    def broken_pipe(text):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_write", broken_pipe)
    assert run(capsys, "extract", str(sample_path())) == (1, "", "")


# -- real processes: nothing but one line ever reaches the user -------------------------


def run_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    env.pop("CLOSEREAD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("name", ["missing path", "directory", "png bytes", "nul in text"])
def test_process_bad_input(name, tmp_path, monkeypatch):
    path = prepare(name, tmp_path, monkeypatch)
    result = run_process("extract", str(path))
    err = result.stderr.decode()
    assert_one_error_line(result.returncode, result.stdout.decode(), err, CASES[name][2])


def test_process_usage_error_and_success(tmp_path):
    result = run_process("extract", "--format", "yaml", "x")
    assert_one_error_line(result.returncode, result.stdout.decode(), result.stderr.decode())
    path = tmp_path / "old.txt"
    path.write_bytes("“Yes,” said Ann Lee.".encode("cp1252"))
    result = run_process("extract", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["quotes"][0]["text"] == "Yes,"
    assert result.stderr.decode().startswith("closeread: note: ")
    assert len(result.stderr.decode().splitlines()) == 1


def test_process_stdin_equals_file():
    from_file = run_process("extract", str(sample_path()))
    from_stdin = run_process("extract", "-", "--format", "json", stdin=sample_path().read_bytes())
    assert from_file.returncode == from_stdin.returncode == 0
    expected = from_file.stdout.decode().replace(json.dumps(str(sample_path())), "null", 1)
    assert from_stdin.stdout.decode() == expected


def test_process_output_is_utf8_even_on_an_ascii_stdout(tmp_path):
    path = tmp_path / "u.txt"
    path.write_text("“Ça va,” said Zoë 👋.", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="ascii")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "extract", str(path), "-f", "csv"],
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert [(r["text"], r["speaker"]) for r in rows] == [("Ça va,", "Zoë")]


def test_process_extract_never_imports_textual():
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['extract', {str(sample_path())!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_process_closed_pipe_is_quiet():
    paths = [str(sample_path())] * 12
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "extract", *paths, "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    err = process.stderr.read().decode()
    process.wait(timeout=120)
    assert err == ""
    assert process.returncode == 1
