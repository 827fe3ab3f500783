"""Hostile inputs through `whodid run`: every bad item becomes one skipped-input record, good ones are stored."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from whodid.cli import app
from whodid.options import Options
from whodid.store import Store

GOOD_TEXT = "Russia condemned Turkey on Wednesday after the border incident.\n\nOfficials in Ankara rejected it.\n"
GOOD_PAGE = (
    "<html><head><title>Talks in Tokyo</title></head><body><article><h1>Talks in Tokyo</h1>"
    "<p>China and Japan held talks in Tokyo on Monday about the disputed islands in the East China Sea.</p>"
    "<p>Japan accused China of sending coast guard ships into its waters, and China rejected the charge.</p>"
    "</article></body></html>"
)
LATIN_TEXT = "The café owners in Nîmes met the mayor on Friday.\n\nFrance praised Spain for the agreement.\n"
CP1252_TEXT = "Germany criticised Poland on Tuesday \u2013 \u201cthis is unacceptable,\u201d the minister said.\n"
UTF16_TEXT = "Egypt and Israel signed an accord in Cairo on Sunday to reopen the border crossing.\n"
FRENCH_TEXT = (
    "Le gouvernement français a annoncé jeudi de nouvelles sanctions contre la Russie. Le ministre des "
    "affaires étrangères a déclaré que les négociations se poursuivraient la semaine prochaine à Genève."
)
ARTICLE_PAGE = "<html><body><article><p>{}</p></article></body></html>"


def warc_response(uri: str, body: bytes) -> bytes:
    """One WARC/1.0 response record with an HTML body."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{len(uri)}>\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def build_corpus(folder: Path) -> dict[str, str | None]:
    """Write the hostile corpus; file name -> expected skip reason (None: read and stored correctly)."""
    long_story = (GOOD_TEXT * 40).encode()
    page = ARTICLE_PAGE.format(GOOD_TEXT).encode()
    files: dict[str, bytes] = {
        "good.txt": GOOD_TEXT.encode(),
        "good.html": GOOD_PAGE.encode(),
        "binary.txt": bytes(range(256)) * 8,
        "empty.txt": b"",
        "blank.txt": b" \n\t\n   \r\n",
        "latin1.txt": LATIN_TEXT.encode("latin-1"),
        "cp1252.txt": CP1252_TEXT.encode("cp1252"),
        "utf16.txt": UTF16_TEXT.encode("utf-16"),
        "truncated.txt.gz": gzip.compress(long_story)[:40],
        "truncated.warc.gz": gzip.compress(warc_response("https://e.com/a", page))[:-30],
        "notext.html": b"<html><head><script>var x = 1;</script></head><body><div><img src=a.png></div></body></html>",
        "nested.html": b"<html><body>" + b"<div>" * 5000 + b"&nbsp;" + b"</div>" * 5000 + b"</body></html>",
        "huge.txt": b"x" * (Options().max_bytes + 1),
        "french.txt": FRENCH_TEXT.encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    expected: dict[str, str | None] = {
        "good.txt": None,
        "good.html": None,
        "latin1.txt": None,
        "cp1252.txt": None,
        "utf16.txt": None,
        "binary.txt": "binary",
        "empty.txt": "empty",
        "blank.txt": "empty",
        "truncated.txt.gz": "truncated",
        "truncated.warc.gz": "truncated",
        "notext.html": "empty",
        "nested.html": "empty",
        "huge.txt": "too_large",
        "french.txt": "not_english",
    }
    bad_lines = [json.dumps({"id": "ok", "text": CP1252_TEXT.replace("Germany", "Austria")}), "{not json", "[1, 2]"]
    bad_lines.append(json.dumps({"id": "no-text", "title": "A title only"}))
    (folder / "records.jsonl").write_text("\n".join(bad_lines) + "\n", encoding="utf-8")
    expected |= {"records.jsonl#L2": "bad_json", "records.jsonl#L3": "bad_record", "records.jsonl#L4": "no_text"}
    return expected


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "inputs"
    folder.mkdir()
    expected = build_corpus(folder)
    db = root / "hostile.duckdb"
    start = time.perf_counter()
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "--quiet"], env={"COLUMNS": "250"})
    seconds = time.perf_counter() - start
    with Store(db, read_only=True) as store:
        skipped = store.skipped_inputs()
    with duckdb.connect(str(db), read_only=True) as con:
        origins = {skip_key(origin, folder) for (origin,) in con.execute("SELECT origin FROM articles").fetchall()}
    return folder, expected, result, skipped, origins, seconds


def skip_key(origin: str, folder: Path) -> str:
    """A skipped record's origin as a corpus key: the file name, with "#L<n>" for a JSONL line."""
    path, _, line = origin.partition("#")
    name = Path(path).relative_to(folder).as_posix() if path.startswith(str(folder)) else Path(path).name
    return f"{name}#{line}" if line.startswith("L") else name


def test_run_does_not_crash_and_is_bounded(hostile_run) -> None:
    _, _, result, _, _, seconds = hostile_run
    assert result.exit_code == 0, (result.output, result.exception)
    assert seconds < 60


def test_one_skip_record_per_bad_item_with_its_reason(hostile_run) -> None:
    folder, expected, _, skipped, _, _ = hostile_run
    found = Counter(skip_key(row["origin"], folder) for row in skipped)
    assert all(n == 1 for n in found.values()), found
    reasons = {skip_key(row["origin"], folder): row["reason"] for row in skipped}
    wanted = {key: reason for key, reason in expected.items() if reason is not None}
    assert reasons == wanted
    assert all(row["detail"] for row in skipped)
    french = next(row for row in skipped if row["reason"] == "not_english")
    assert "French" in french["detail"]


def test_good_and_decodable_items_are_stored(hostile_run) -> None:
    _, expected, _, _, stored, _ = hostile_run
    readable = {key for key, reason in expected.items() if reason is None}
    assert readable <= stored


def test_decoded_texts_are_read_correctly(tmp_path) -> None:
    from whodid.ingest import iter_documents

    build_corpus(tmp_path)
    docs = {Path(d.origin).name: d for d in iter_documents([tmp_path], Options()) if hasattr(d, "content")}
    assert docs["latin1.txt"].content == LATIN_TEXT
    assert docs["cp1252.txt"].content == CP1252_TEXT
    assert docs["utf16.txt"].content == UTF16_TEXT


def test_summary_lists_counts_by_reason(hostile_run) -> None:
    _, expected, result, _, _, _ = hostile_run
    out = " ".join(result.stderr.split())
    wanted = Counter(reason for reason in expected.values() if reason is not None)
    match = re.search(r"skipped\W+(\d+) \(([^)]*)\)", out)
    assert match, out
    assert int(match.group(1)) == sum(wanted.values())
    listed = dict(part.split(": ") for part in match.group(2).split(", "))
    assert {reason: int(n) for reason, n in listed.items()} == dict(wanted)
