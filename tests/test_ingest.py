"""Tests for whodid.ingest: every input format, walk order, globs, stdin sniffing and each skip reason."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from whodid.clean import clean_document
from whodid.ingest import (
    iter_documents,
    iter_text_stream,
    normalise_input_date,
    parse_jsonl_line,
)
from whodid.options import Options
from whodid.records import Article, RawDocument, Skipped

OPTIONS = Options()
ARTICLE = "Russia and the United States held talks in Geneva on Friday about a ceasefire in Aleppo.\n"
PAGE = "<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Talks in Geneva.</p></body></html>"


def read_all(*paths: object, options: Options = OPTIONS) -> list[RawDocument | Skipped]:
    return list(iter_documents([str(p) for p in paths], options))


def reasons(items: list[RawDocument | Skipped]) -> list[str]:
    return [item.reason if isinstance(item, Skipped) else "doc" for item in items]


def warc_response(
    uri: str,
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    warc_date: str | None = "2016-12-03T10:00:00Z",
) -> bytes:
    """One WARC/1.0 response record holding an HTTP response, written by hand (no WARC-Date if None)."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    date = f"WARC-Date: {warc_date}\r\n" if warc_date else ""
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
        f"WARC-Target-URI: {uri}\r\n{date}"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def warc_request(uri: str) -> bytes:
    http = f"GET / HTTP/1.1\r\nHost: {uri}\r\n\r\n".encode()
    head = (
        "WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:req>\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=request\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


# ---------------------------------------------------------------- formats


def test_text_html_and_markdown_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.md").write_text("# Title\n\n" + ARTICLE, encoding="utf-8")
    docs = read_all(tmp_path)
    assert [(d.doc_id, d.media_type) for d in docs] == [
        ("a.txt", "text"),
        ("b.html", "html"),
        ("c.md", "text"),
    ]
    assert docs[0].content == ARTICLE
    assert docs[0].origin == str(tmp_path / "a.txt")


def test_explicit_file_doc_id_is_the_path_as_given(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read_all(path)
    assert doc.doc_id == path.as_posix()


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "date": "20161203", "title": "Talks", "url": "https://x.org/a"}),
        "",
        "{not json",
        json.dumps({"id": "a2", "title": "no text here"}),
        json.dumps({"id": 7, "html": PAGE}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ARTICLE}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    assert reasons(items) == ["doc", "empty_line", "bad_json", "no_text", "doc", "bad_record", "doc"]
    first, missing, html_doc, no_id = items[0], items[3], items[4], items[6]
    assert isinstance(first, RawDocument)
    assert (first.doc_id, first.date, first.title, first.url) == (
        "a1",
        "2016-12-03",
        "Talks",
        "https://x.org/a",
    )
    assert first.origin == f"{path}#L1"
    assert isinstance(missing, Skipped) and missing.doc_id == "a2" and missing.origin == f"{path}#L4"
    assert isinstance(html_doc, RawDocument) and (html_doc.doc_id, html_doc.media_type) == ("7", "html")
    assert isinstance(no_id, RawDocument) and no_id.doc_id == f"{path}#L7"


def test_jsonl_gz_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "in.ndjson.gz"
    body = "\ufeff" + json.dumps({"id": "x", "text": ARTICLE}) + "\n" + json.dumps({"id": "y", "text": "More."})
    path.write_bytes(gzip.compress(body.encode("utf-8")))
    docs = read_all(path)
    assert [d.doc_id for d in docs] == ["x", "y"]


def test_truncated_jsonl_gz_yields_what_was_read(tmp_path: Path) -> None:
    records = "".join(json.dumps({"id": str(i), "text": f"Article {i} " * 200}) + "\n" for i in range(50))
    data = gzip.compress(records.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read_all(path)
    assert items[-1].reason == "truncated"
    assert 0 < len(items) - 1 < 50
    assert all(isinstance(item, RawDocument) for item in items[:-1])


def test_gzipped_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "b.htm.gz").write_bytes(gzip.compress(PAGE.encode()))
    docs = read_all(tmp_path)
    assert [(d.doc_id, d.media_type, d.content) for d in docs] == [
        ("a.txt.gz", "text", ARTICLE),
        ("b.htm.gz", "html", PAGE),
    ]


def test_truncated_text_gz_yields_partial_document_then_truncated(tmp_path: Path) -> None:
    data = gzip.compress((ARTICLE * 500).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[:-20])
    doc, skipped = read_all(path)
    assert isinstance(doc, RawDocument) and doc.content.startswith("Russia and the United States")
    assert isinstance(skipped, Skipped) and skipped.reason == "truncated"


def test_not_gzip_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "fake.txt.gz"
    path.write_bytes(b"this is not gzip data at all")
    assert reasons(read_all(path)) == ["corrupt"]


def test_warc_gz_html_responses(tmp_path: Path) -> None:
    records = [
        warc_request("https://news.example.com/a"),
        warc_response("https://news.example.com/a", PAGE.encode()),
        warc_response("https://news.example.com/logo.png", b"\x89PNG\r\n", ctype="image/png"),
        warc_response("https://news.example.com/gone", b"<html>gone</html>", status="404 Not Found"),
        warc_response("https://news.example.com/b.txt", ARTICLE.encode(), ctype="text/plain"),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    items = read_all(path)
    assert reasons(items) == ["doc", "unsupported", "http_status", "doc"]
    page, text = items[0], items[3]
    assert isinstance(page, RawDocument) and isinstance(text, RawDocument)
    assert (page.url, page.media_type, page.content) == ("https://news.example.com/a", "html", PAGE)
    assert page.doc_id.startswith("urn:uuid:") and page.origin == f"{path}#R1"
    assert text.media_type == "text"
    assert page.crawl_date == text.crawl_date == "2016-12-03"


def test_warc_crawl_date_is_the_last_date_fallback(tmp_path: Path) -> None:
    body = "".join(f"<p>{ARTICLE.strip()} {word}</p>" for word in ("First.", "Second.", "Third."))
    undated = f"<html><head><title>Geneva talks</title></head><body><article>{body}</article></body></html>"
    meta = '<meta property="article:published_time" content="2016-11-28T08:00:00Z">'
    dated = undated.replace("</title>", f"</title>{meta}")
    records = [
        warc_response("https://e.com/undated", undated.encode(), warc_date="2016-12-05T10:00:00Z"),
        warc_response("https://e.com/dated", dated.encode(), warc_date="2016-12-05T10:00:00Z"),
        warc_response("https://e.com/no-warc-date", undated.encode(), warc_date=None),
    ]
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    docs = read_all(path)
    assert [d.crawl_date for d in docs] == ["2016-12-05", "2016-12-05", None]
    articles = [clean_document(d, OPTIONS) for d in docs]
    assert all(isinstance(a, Article) for a in articles)
    assert [(a.date, a.date_source) for a in articles] == [
        ("2016-12-05", "crawl"),
        ("2016-11-28", "html-metadata"),
        (None, "none"),
    ]


def test_plain_warc_and_truncated_warc_gz(tmp_path: Path) -> None:
    records = [warc_response(f"https://e.com/{i}", (PAGE + "x" * 20000).encode()) for i in range(6)]
    plain = tmp_path / "a.warc"
    plain.write_bytes(b"".join(records))
    assert reasons(read_all(plain)) == ["doc"] * 6
    data = b"".join(gzip.compress(r) for r in records)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:-30])
    items = read_all(cut)
    assert reasons(items) == ["doc"] * 5 + ["truncated"]


# ---------------------------------------------------------------- walking, globs, stdin


def test_directory_walk_is_sorted_recursive_and_reports_unsupported(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "z.txt").write_text(ARTICLE)
    (tmp_path / "a" / "y.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE)
    (tmp_path / "whodid.duckdb").write_bytes(b"\x00db")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    items = read_all(tmp_path)
    assert [item.doc_id for item in items] == ["a/y.html", "a/z.txt", "b.txt", "data.csv"]
    assert reasons(items) == ["doc", "doc", "doc", "unsupported"]


def test_glob_pattern_and_not_found(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "three.html"):
        (tmp_path / name).write_text(ARTICLE)
    docs = read_all(tmp_path / "*.txt")
    assert [Path(d.doc_id).name for d in docs] == ["one.txt", "two.txt"]
    assert reasons(read_all(tmp_path / "*.pdf")) == ["not_found"]
    assert reasons(read_all(tmp_path / "missing.txt")) == ["not_found"]


def test_unknown_extension_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(PAGE)
    (tmp_path / "notes.log").write_text(ARTICLE)
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    items = read_all(tmp_path / "page", tmp_path / "notes.log", tmp_path / "blob.bin")
    assert [getattr(i, "media_type", None) for i in items] == ["html", "text", None]
    assert items[2].reason == "binary"


def test_stdin_stream_sniffing() -> None:
    jsonl = "\n" + json.dumps({"id": "s1", "text": ARTICLE}) + "\nnot json\n"
    items = list(iter_text_stream(io.StringIO(jsonl), OPTIONS))
    assert reasons(items) == ["empty_line", "doc", "bad_json"]  # one item per input line
    assert items[1].doc_id == "s1" and items[1].origin == "<stdin>#L2"
    [html_doc] = iter_text_stream(io.StringIO("  " + PAGE), OPTIONS)
    assert html_doc.media_type == "html" and html_doc.doc_id == "stdin"
    [text_doc] = iter_text_stream(io.StringIO(ARTICLE), OPTIONS)
    assert text_doc.media_type == "text" and text_doc.content == ARTICLE
    assert reasons(list(iter_text_stream(io.StringIO("\n \n"), OPTIONS))) == ["empty"]
    big = list(iter_text_stream(io.StringIO(ARTICLE * 10), Options(max_bytes=100)))
    assert reasons(big) == ["too_large"]


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"id": "q", "text": ARTICLE}) + "\n"))
    [doc] = iter_documents(["-"], OPTIONS)
    assert isinstance(doc, RawDocument) and doc.doc_id == "q"


# ---------------------------------------------------------------- errors


def test_empty_binary_and_undecodable_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "nul.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00\x00" * 20)
    (tmp_path / "noise.txt").write_bytes(bytes([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50)
    items = read_all(tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "nul.txt", tmp_path / "noise.txt")
    assert reasons(items) == ["empty", "empty", "binary", "decode"]
    assert all(item.detail for item in items)


def test_too_large_file_and_jsonl_line(tmp_path: Path) -> None:
    small = Options(max_bytes=200)
    (tmp_path / "big.txt").write_text(ARTICLE * 10)
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress((ARTICLE * 10).encode()))
    lines = [json.dumps({"id": "ok", "text": "short text"}), json.dumps({"id": "big", "text": "x" * 500})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    items = read_all(tmp_path / "big.txt", tmp_path / "big.txt.gz", tmp_path / "in.jsonl", options=small)
    assert reasons(items) == ["too_large", "too_large", "doc", "too_large"]
    assert "--max-bytes" in items[0].detail
    assert items[3].origin.endswith("in.jsonl#L2")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        assert reasons(read_all(path)) == ["unreadable"]
    finally:
        path.chmod(0o600)


def test_file_without_read_permission_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    monkeypatch.setattr("whodid.ingest.os.access", lambda *_args: False)  # what a non-root user without rights sees
    [skipped] = read_all(path)
    assert isinstance(skipped, Skipped) and skipped.reason == "unreadable" and "permission" in skipped.detail


# ---------------------------------------------------------------- parse_jsonl_line


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("", "empty_line"),
        ("   ", "empty_line"),
        ("{", "bad_json"),
        ("[" * 100_000, "bad_json"),
        ('"a string"', "bad_record"),
        ("42", "bad_record"),
        ('{"id": "x"}', "no_text"),
        ('{"id": "x", "text": "   "}', "no_text"),
        ('{"id": "x", "text": 5}', "no_text"),
    ],
)
def test_parse_jsonl_line_never_raises(line: str, reason: str) -> None:
    result = parse_jsonl_line(line, "in.jsonl#L3")
    assert isinstance(result, Skipped)
    assert (result.reason, result.origin) == (reason, "in.jsonl#L3")


def test_parse_jsonl_line_fields() -> None:
    doc = parse_jsonl_line('{"id": {"n": 1}, "text": "Body.", "title": 3, "date": "yesterday"}', "f#L1")
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.title, doc.date, doc.media_type) == ('{"n": 1}', None, None, "text")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-12-03", "2016-12-03"),
        ("20161203", "2016-12-03"),
        ("2016-12-03T10:00:00Z", "2016-12-03"),
        ("2016-02-30", None),
        ("3 December 2016", None),
        (20161203, None),
        (None, None),
    ],
)
def test_normalise_input_date(value: object, expected: str | None) -> None:
    assert normalise_input_date(value) == expected
