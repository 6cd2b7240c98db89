"""The input boundary: decoding, newline normalisation and refusal of what is not text."""

from __future__ import annotations

import builtins
import codecs
import io
import os

import pytest

from tui.analysis import reading
from tui.analysis.reading import (
    MAX_BYTES,
    InputError,
    LoadedText,
    decode_bytes,
    detect_format,
    normalise_newlines,
    read_document,
    read_stdin,
)
from tui.resources import sample_path

SMART = "“Let’s not,” he said — café."


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_sample_matches_python_text_mode():
    loaded = read_document(sample_path())
    with open(sample_path(), encoding="utf-8") as handle:
        assert loaded.text == handle.read()
    assert loaded.encoding == "utf-8"
    assert loaded.notice is None
    assert loaded.path == str(sample_path())
    assert loaded.source_format == "text"


def test_loaded_text_is_frozen():
    loaded = LoadedText(text="x", encoding="utf-8")
    with pytest.raises(AttributeError):
        loaded.text = "y"  # type: ignore[misc]


def test_utf8_plain(tmp_path):
    loaded = read_document(write(tmp_path, "a.txt", SMART.encode("utf-8")))
    assert (loaded.text, loaded.encoding, loaded.notice) == (SMART, "utf-8", None)


def test_utf8_bom_is_removed(tmp_path):
    loaded = read_document(write(tmp_path, "a.txt", codecs.BOM_UTF8 + SMART.encode("utf-8")))
    assert loaded.text == SMART
    assert loaded.encoding == "utf-8-sig"
    assert loaded.notice is None


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    data = SMART.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    loaded = read_document(write(tmp_path, "a.txt", data))
    assert loaded.text == SMART
    assert loaded.encoding in ("utf-16", "utf-32")
    assert loaded.notice is None


def test_utf16_without_bom_is_refused_with_a_hint(tmp_path):
    with pytest.raises(InputError, match="NUL bytes.*UTF-16 without a byte-order mark"):
        read_document(write(tmp_path, "a.txt", SMART.encode("utf-16-le")))


def test_broken_utf16_after_bom(tmp_path):
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    with pytest.raises(InputError, match="not valid UTF-16"):
        read_document(write(tmp_path, "a.txt", data))


def test_cp1252_smart_quotes_with_notice(tmp_path):
    data = "“Yes,” she said. Don’t – €5".encode("cp1252")
    loaded = read_document(write(tmp_path, "old.txt", data))
    assert loaded.text == "“Yes,” she said. Don’t – €5"
    assert loaded.encoding == "cp1252"
    assert "Windows-1252" in loaded.notice and "old.txt" in loaded.notice
    assert "\n" not in loaded.notice


def test_latin1_last_resort(tmp_path):
    # 0x81 and 0x8d are undefined in cp1252, so only Latin-1 decodes this.
    data = b"caf\xe9 \x81\x8d"
    loaded = read_document(write(tmp_path, "x.txt", data))
    assert loaded.encoding == "latin-1"
    assert loaded.text == data.decode("latin-1")
    assert "Latin-1" in loaded.notice


def test_html_declared_charset_is_used(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><p>«Да», сказал он.</p></body></html>'
    loaded = read_document(write(tmp_path, "p.html", page.encode("cp1251")))
    assert loaded.text == "«Да», сказал он."
    assert loaded.encoding == "cp1251"
    assert "cp1251" in loaded.notice


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb\r\nc", "a\nb\nc"),
        (b"a\rb\rc", "a\nb\nc"),
        (b"a\r\n\r\nb\rc\n", "a\n\nb\nc\n"),
        (b"a\r\r\nb", "a\n\nb"),
        (b"\r", "\n"),
    ],
)
def test_newlines_like_universal_newlines(tmp_path, raw, expected):
    path = write(tmp_path, "n.txt", raw)
    with open(path, encoding="utf-8") as handle:
        python_view = handle.read()
    assert read_document(path).text == python_view == expected


def test_normalise_newlines_keeps_other_separators():
    assert normalise_newlines("a\u2028b\x85c\x0cd") == "a\u2028b\x85c\x0cd"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "PNG image"),
        (b"PK\x03\x04" + b"rest", "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"\x1f\x8b\x08\x00" + b"x" * 20, "gzip"),
        (b"\x7fELF\x02\x01\x01", "executable"),
    ],
)
def test_binary_magic_numbers_are_refused(tmp_path, data, what):
    with pytest.raises(InputError, match=what):
        read_document(write(tmp_path, "looks.txt", data))


def test_nul_bytes_are_refused(tmp_path):
    with pytest.raises(InputError, match="NUL bytes"):
        read_document(write(tmp_path, "n.txt", b"hello\x00world"))


def test_control_soup_without_nul_is_refused(tmp_path):
    data = bytes(range(1, 9)) * 200
    with pytest.raises(InputError, match="control characters"):
        read_document(write(tmp_path, "c.txt", data))


def test_a_few_control_characters_are_fine(tmp_path):
    text = "form\x0cfeed and an \x1b[1mescape\x1b[0m and a bell\x07."
    assert read_document(write(tmp_path, "c.txt", text.encode())).text == text


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "nope.txt")
    assert str(info.value) == f"{tmp_path / 'nope.txt'}: no such file"


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_parent_is_a_file(tmp_path):
    write(tmp_path, "f.txt", b"x")
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "f.txt" / "child.txt")


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", b"hidden")
    os.chmod(path, 0)
    if os.access(path, os.R_OK):  # running as root: chmod does not stop us, so fake it
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if os.fspath(file) == os.fspath(path):
                raise PermissionError(13, "Permission denied", os.fspath(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    try:
        with pytest.raises(InputError) as info:
            read_document(path)
    finally:
        os.chmod(path, 0o600)
    assert str(info.value) == f"{path}: permission denied"


def test_size_limit_from_stat(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:  # sparse: no 50 MB actually written
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="larger than closeread's 50 MB limit"):
        read_document(path)


def test_size_limit_on_streams(monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="stdin: larger than closeread's"):
        read_stdin(io.BytesIO(b"x" * 11))
    assert read_stdin(io.BytesIO(b"x" * 10)).text == "x" * 10


def test_exactly_at_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    path = write(tmp_path, "edge.txt", b"a" * 100)
    assert len(read_document(path).text) == 100
    write(tmp_path, "over.txt", b"a" * 101)
    with pytest.raises(InputError, match="0.0 MB is larger"):
        read_document(tmp_path / "over.txt")


def test_empty_and_whitespace_files(tmp_path):
    assert read_document(write(tmp_path, "e.txt", b"")).text == ""
    assert read_document(write(tmp_path, "w.txt", b" \n\t\r\n")).text == " \n\t\n"


def test_stdin_equals_file(tmp_path):
    data = codecs.BOM_UTF8 + "“Hi,” she said.\r\nBye.".encode()
    from_file = read_document(write(tmp_path, "s.txt", data))
    from_stdin = read_stdin(io.BytesIO(data))
    assert from_stdin.text == from_file.text == "“Hi,” she said.\nBye."
    assert from_stdin.path is None
    assert from_stdin.encoding == from_file.encoding


def test_stdin_refuses_binary():
    with pytest.raises(InputError, match="^stdin: this is a PNG image"):
        read_stdin(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"))


def test_stdin_html_is_sniffed():
    page = b"<!DOCTYPE html><html><body><article><p>Words.</p></article></body></html>"
    loaded = read_stdin(io.BytesIO(page))
    assert loaded.source_format == "html"
    assert loaded.text == "Words."
    assert read_stdin(io.BytesIO(page), source_format="text").text == page.decode()


def test_text_only_stdin_replacement(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("plain\r\ntext"))
    assert read_stdin().text == "plain\ntext"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.md", "markdown"),
        ("A.MARKDOWN", "markdown"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.txt", "text"),
        ("noext", "text"),
        (None, "text"),
    ],
)
def test_detect_format(name, expected):
    assert detect_format(name, b"plain words") == expected


def test_unknown_suffix_with_html_content():
    assert detect_format("page.saved", b"  <!doctype html><html>") == "html"
    assert detect_format("page.txt", b"<!doctype html><html>") == "text"


def test_markdown_and_html_files_are_extracted(tmp_path):
    md = read_document(write(tmp_path, "n.md", b"# Title\n\nSome *words*\nwrapped."))
    assert md.text == "Title\n\nSome words wrapped."
    assert md.source_format == "markdown"
    page = (
        b"<html><head><title>T</title></head><body><h1>T</h1><p>Body &amp; soul.</p></body></html>"
    )
    html = read_document(write(tmp_path, "n.html", page))
    assert html.text == "T\n\nBody & soul."
    assert html.title == "T"


def test_messages_are_one_line(tmp_path):
    weird = tmp_path / "line\nbreak.txt"
    with pytest.raises(InputError) as info:
        read_document(weird)
    assert "\n" not in str(info.value)
    assert "line\\nbreak.txt: no such file" in str(info.value)


def test_decode_bytes_reports_first_bad_offset():
    text, encoding, notice = decode_bytes(b"abc\x93q\x94", "f")
    assert (text, encoding) == ("abc“q”", "cp1252")
    assert "offset 3" in notice


def test_empty_path_is_refused():
    with pytest.raises(InputError, match="empty path"):
        read_document("")
