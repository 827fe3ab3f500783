"""Ingest: files, directories, globs, stdin, JSONL and WARC read into RawDocument (or Skipped) records."""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, AnyStr, TextIO

from whodid.decode import decode_bytes, decode_with_charset
from whodid.options import Options
from whodid.records import MediaType, RawDocument, Skipped

Item = RawDocument | Skipped

TEXT_EXTS = frozenset({".txt", ".text", ".md"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
WARC_EXTS = frozenset({".warc"})
SUPPORTED = ".txt, .text, .md, .html, .htm, .xhtml, .jsonl, .ndjson, .warc (each optionally .gz)"
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
STDIN_ORIGIN = "<stdin>"

_CHUNK = 1 << 16
_GLOB_CHARS = re.compile(r"[*?\[]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?|(\d{4})(\d{2})(\d{2})")
_HTML_TAGS = ("<!doctype html", "<html", "<head", "<body", "<p>", "<div", "<article", "<title")
_IGNORED_IN_WALK = (".duckdb", ".duckdb.wal")
_TRUNCATED_DETAIL = "the compressed file ends early; what came before was read: re-download or re-compress it"


# ---------------------------------------------------------------- entry points


def iter_documents(paths: Iterable[str | Path], options: Options) -> Iterator[Item]:
    """Every document under `paths` (files, directories, globs, "-" for stdin), streamed in a stable order."""
    for arg in paths:
        yield from iter_stdin(options) if str(arg) == "-" else _iter_argument(str(arg), options)


def iter_stdin(options: Options) -> Iterator[Item]:
    """Documents read from standard input (bytes decoded as UTF-8), sniffed as JSONL, HTML or text."""
    buffer = getattr(sys.stdin, "buffer", None)
    stream = io.TextIOWrapper(buffer, encoding="utf-8") if buffer is not None else sys.stdin
    try:
        yield from iter_text_stream(stream, options)
    except UnicodeDecodeError as exc:
        yield Skipped(STDIN_ORIGIN, "decode", f"stdin is not UTF-8 ({exc.reason}); convert it with iconv")
    finally:
        if stream is not sys.stdin:
            stream.detach()  # leave sys.stdin.buffer open


def iter_text_stream(stream: TextIO, options: Options, origin: str = STDIN_ORIGIN) -> Iterator[Item]:
    """Documents from a text stream: JSONL if the first non-blank character is "{", else one HTML/text doc."""
    limit = options.max_bytes
    head: list[str] = []
    while True:
        line = stream.readline(limit + 1)
        if not line:
            break
        head.append(line)
        if line.strip():
            break
    if not head or not "".join(head).strip():
        yield Skipped(origin, "empty", "the input stream was empty: nothing to read")
        return
    if head[-1].lstrip().startswith("{"):
        lines = _limited_lines(_chain_readline(head, stream.readline), limit, "\n")
        yield from _jsonl_items(lines, origin, limit)
        return
    content = "".join(head) + stream.read(limit + 1)
    if len(content) > limit:
        yield _too_large(origin, None, limit)
        return
    yield _document(content, origin, "stdin", _sniff_media(content))


def parse_jsonl_line(line: str, origin: str) -> RawDocument | Skipped:
    """One JSONL record as a RawDocument, or a Skipped saying what is wrong with the line. Never raises."""
    try:
        return _parse_record(line, origin)
    except Exception as exc:  # last resort: one output line per input line, whatever the input
        return Skipped(origin, "bad_record", f"unreadable record ({type(exc).__name__}): fix the line")


def normalise_input_date(value: object) -> str | None:
    """An ISO date from "YYYY-MM-DD", "YYYYMMDD" or an ISO timestamp; None when missing or unparseable."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (g for g in match.groups() if g is not None)
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- paths, globs, directories


def _iter_argument(arg: str, options: Options) -> Iterator[Item]:
    path = Path(arg)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:
        yield Skipped(arg, "unreadable", f"cannot access {arg} ({exc.strerror}): check its permissions")
        return
    if is_dir or exists:
        yield from (_walk(path, path, options) if is_dir else _read_file(path, path.as_posix(), options, explicit=True))
    elif _GLOB_CHARS.search(arg):
        matches = sorted(glob.iglob(arg, recursive=True))
        if not matches:
            yield Skipped(arg, "not_found", f"the pattern {arg!r} matches no file: check it and its quoting")
        for match in matches:
            yield from _iter_argument(match, options)
    else:
        yield Skipped(arg, "not_found", f"no such file or directory: {arg}: check the path")


def _walk(folder: Path, root: Path, options: Options) -> Iterator[Item]:
    """Files under `folder` in sorted order (hidden entries and DuckDB files left out), one folder at once."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), "unreadable", f"cannot list {folder} ({exc.strerror}): check permissions")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().endswith(_IGNORED_IN_WALK):
            continue
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, root, options)
        elif entry.is_symlink() and path.is_dir():
            yield Skipped(str(path), "unsupported", "symlinked folders are not followed: pass the target")
        else:
            yield from _read_file(path, rel, options, explicit=False)


def file_format(path: Path) -> tuple[str | None, bool]:
    """The input format by extension ("text", "html", "jsonl", "warc" or None) and whether it is gzipped."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    ext = os.path.splitext(name[:-3] if gz else name)[1]
    for exts, kind in ((TEXT_EXTS, "text"), (HTML_EXTS, "html"), (JSONL_EXTS, "jsonl"), (WARC_EXTS, "warc")):
        if ext in exts:
            return kind, gz
    return None, gz


# ---------------------------------------------------------------- files


def _read_file(path: Path, doc_id: str, options: Options, *, explicit: bool) -> Iterator[Item]:
    origin = str(path)
    kind, gz = file_format(path)
    if kind is None and not explicit:
        ext = "".join(path.suffixes[-2:]) or "no extension"
        detail = f"unsupported file type ({ext}); whodid reads {SUPPORTED}. Pass it by name to sniff it"
        yield Skipped(origin, "unsupported", detail, doc_id)
        return
    try:
        size = path.stat().st_size
        if not os.access(path, os.R_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        yield Skipped(origin, "unreadable", f"cannot read it ({exc.strerror}): check permissions", doc_id)
        return
    if size == 0:
        yield Skipped(origin, "empty", "the file is empty: nothing to read", doc_id)
    elif kind == "jsonl":
        yield from _read_jsonl_file(path, gz, options)
    elif kind == "warc":
        yield from _read_warc(path, gz, options)
    elif not gz and size > options.max_bytes:
        yield _too_large(origin, doc_id, options.max_bytes, size)
    else:
        yield from _read_document_file(path, doc_id, kind, gz, options)


def _read_document_file(path: Path, doc_id: str, kind: str | None, gz: bool, options: Options) -> Iterator[Item]:
    origin = str(path)
    try:
        data, truncated = _read_limited(path, gz, options.max_bytes)
    except (OSError, zlib.error) as exc:
        yield _read_error(origin, exc, doc_id)
        return
    if len(data) > options.max_bytes:
        yield _too_large(origin, doc_id, options.max_bytes)
        return
    if data or not truncated:
        text, reason = decode_bytes(data)
        if text is None:
            yield _undecodable(origin, doc_id, reason or "decode")
        else:
            media = kind if kind in ("text", "html") else _sniff_media(text)
            yield _document(text, origin, doc_id, media)  # type: ignore[arg-type]
    if truncated:
        yield Skipped(origin, "truncated", _TRUNCATED_DETAIL, doc_id)


def _read_limited(path: Path, gz: bool, limit: int) -> tuple[bytes, bool]:
    """Up to limit + 1 (decompressed) bytes, and whether a gzip stream ended early."""
    data = bytearray()
    with gzip.open(path, "rb") if gz else open(path, "rb") as fh:
        reader = _EarlyEndReader(fh)
        while len(data) <= limit and (chunk := reader.read(min(_CHUNK, limit + 1 - len(data)))):
            data += chunk
    return bytes(data), reader.ended_early


def _read_jsonl_file(path: Path, gz: bool, options: Options) -> Iterator[Item]:
    origin = str(path)
    try:
        with gzip.open(path, "rb") if gz else open(path, "rb") as fh:
            lines = _limited_lines(fh.readline, options.max_bytes, b"\n")
            yield from _jsonl_items(lines, origin, options.max_bytes)
    except (EOFError, OSError, zlib.error) as exc:
        yield _read_error(origin, exc)


def _jsonl_items(lines: Iterable[str | bytes | None], origin: str, limit: int) -> Iterator[Item]:
    """One item per line (bytes are decoded as UTF-8); None marks a line over the size limit."""
    count = 0
    for count, line in enumerate(lines, 1):
        where = f"{origin}#L{count}"
        if line is None:
            yield _too_large(where, None, limit)
            continue
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            yield Skipped(where, "decode", "this line is not valid UTF-8: JSONL must be UTF-8; convert it")
            continue
        yield parse_jsonl_line(text.removeprefix("\ufeff") if count == 1 else text, where)
    if count == 0:
        yield Skipped(origin, "empty", "the file is empty: nothing to read")


def _limited_lines(readline: Callable[[int], AnyStr], limit: int, newline: AnyStr) -> Iterator[AnyStr | None]:
    """Lines read without ever holding more than `limit` of one line; None stands for an over-long line."""
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(newline):
            while line and not line.endswith(newline):
                line = readline(_CHUNK)
            yield None
        else:
            yield line


def _chain_readline(head: list[str], readline: Callable[[int], str]) -> Callable[[int], str]:
    """A readline that first returns the already-read `head` lines."""
    pending = list(head)

    def read(size: int) -> str:
        return pending.pop(0) if pending else readline(size)

    return read


def _parse_record(line: str, origin: str) -> RawDocument | Skipped:
    if not line.strip():
        return Skipped(origin, "empty_line", "a blank line in JSONL input: remove it")
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return Skipped(origin, "bad_json", f"invalid JSON ({exc}): each line must be one JSON object")
    if not isinstance(record, dict):
        kind = type(record).__name__
        return Skipped(origin, "bad_record", f"a JSON {kind}, not an object: use {{'id': ..., 'text': ...}}")
    doc_id = _record_id(record.get("id"))
    content, media = _record_content(record)
    if content is None:
        detail = 'no "text" (or "html") with content: add the article text to the record'
        return Skipped(origin, "no_text", detail, doc_id)
    return RawDocument(
        doc_id=doc_id or origin,
        origin=origin,
        content=content,
        media_type=media,
        title=_optional_str(record.get("title")),
        date=normalise_input_date(record.get("date")),
        url=_optional_str(record.get("url")),
    )


def _record_id(value: object) -> str | None:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if value is not None and text.strip() else None


def _record_content(record: dict[str, object]) -> tuple[str | None, MediaType]:
    for key, media in (("text", "text"), ("html", "html")):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, media  # type: ignore[return-value]
    return None, "text"


def _optional_str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


# ---------------------------------------------------------------- WARC


def _read_warc(path: Path, gz: bool, options: Options) -> Iterator[Item]:
    """HTTP responses with an HTML or text body; a gzip stream that ends early is read up to where it ends."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    origin = str(path)
    try:
        fh = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        yield _read_error(origin, exc)
        return
    with fh:
        stream = _EarlyEndReader(fh)
        count, last_truncated = 0, False
        try:
            records = ArchiveIterator(stream, record_types=WarcRecordType.response, auto_decode="all")
            for count, record in enumerate(records, 1):
                try:
                    item = _warc_document(record, f"{origin}#R{count}", options)
                except Exception as exc:  # a malformed record must not end the whole archive
                    item = Skipped(f"{origin}#R{count}", "corrupt", f"bad WARC record ({type(exc).__name__})")
                last_truncated = isinstance(item, Skipped) and item.reason == "truncated"
                yield item
        except (OSError, zlib.error) as exc:  # fastwarc reports a malformed archive as a bare OSError
            if not stream.ended_early:
                yield Skipped(origin, "corrupt", f"not a valid WARC file ({exc}): check or re-download it")
                return
        if stream.ended_early and not last_truncated:
            yield Skipped(origin, "truncated", _TRUNCATED_DETAIL)
        elif count == 0 and not stream.ended_early:
            yield Skipped(origin, "empty", "no HTTP response records in this WARC file")


def _warc_document(record: Any, origin: str, options: Options) -> Item:
    doc_id = (record.record_id or "").strip("<>") or origin
    url = record.headers.get("WARC-Target-URI")
    http = record.http_headers
    status = http.status_code if http is not None else None
    if status is not None and not 200 <= status < 300:
        return Skipped(origin, "http_status", f"HTTP {status} response, not a page ({url})", doc_id)
    ctype = (record.http_content_type or "").lower()
    if ctype in HTML_CONTENT_TYPES or not ctype:
        media: MediaType = "html"
    elif ctype == "text/plain":
        media = "text"
    else:
        return Skipped(origin, "unsupported", f"WARC response of type {ctype} ({url}): not text", doc_id)
    if record.content_length > options.max_bytes:
        return _too_large(origin, doc_id, options.max_bytes, record.content_length)
    body = record.reader.read()
    encoded = http is not None and (http.get("Content-Encoding") or http.get("Transfer-Encoding"))
    if len(body) < record.content_length and not encoded:
        detail = f"the record ends early ({len(body)} of {record.content_length} bytes): re-download the file"
        return Skipped(origin, "truncated", detail, doc_id)
    text, reason = decode_with_charset(body, record.http_charset)
    if text is None:
        return _undecodable(origin, doc_id, reason or "decode")
    if not text.strip():
        return Skipped(origin, "empty", f"empty response body ({url})", doc_id)
    crawl_date = normalise_input_date(record.headers.get("WARC-Date"))
    return RawDocument(doc_id=doc_id, origin=origin, content=text, media_type=media, url=url, crawl_date=crawl_date)


class _EarlyEndReader:
    """A binary stream for fastwarc whose early end (truncated gzip) reads as a normal end, remembered."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.ended_early = False

    def read(self, size: int = -1) -> bytes:
        if self.ended_early:
            return b""
        try:
            return self.fh.read1(size) if size and size > 0 else self.fh.read()
        except EOFError:
            self.ended_early = True
            return b""

    def tell(self) -> int:
        return self.fh.tell()


# ---------------------------------------------------------------- helpers


def _sniff_media(text: str) -> MediaType:
    head = text[:2048].lstrip().lower()
    return "html" if head.startswith("<") and any(tag in head for tag in _HTML_TAGS) else "text"


def _document(content: str, origin: str, doc_id: str, media: MediaType) -> Item:
    if not content.strip():
        return Skipped(origin, "empty", "the document holds only whitespace: nothing to read", doc_id)
    return RawDocument(doc_id=doc_id, origin=origin, content=content, media_type=media)


def _read_error(origin: str, exc: BaseException, doc_id: str | None = None) -> Skipped:
    """The Skipped record for an error while reading a (possibly gzipped) file."""
    if isinstance(exc, EOFError):
        return Skipped(origin, "truncated", _TRUNCATED_DETAIL, doc_id)
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return Skipped(origin, "corrupt", f"not a valid gzip file ({exc}): re-compress it", doc_id)
    detail = f"cannot read it ({getattr(exc, 'strerror', None) or exc}): check the file and its permissions"
    return Skipped(origin, "unreadable", detail, doc_id)


def _too_large(origin: str, doc_id: str | None, limit: int, size: int | None = None) -> Skipped:
    over = f"{size:,} bytes, more than" if size is not None else "more than"
    detail = f"{over} the max_bytes limit of {limit:,} bytes: raise --max-bytes or split the input"
    return Skipped(origin, "too_large", detail, doc_id)


def _undecodable(origin: str, doc_id: str | None, reason: str) -> Skipped:
    if reason == "binary":
        return Skipped(origin, "binary", "binary content, not text: convert it to text or HTML first", doc_id)
    return Skipped(origin, "decode", "cannot decode the text: convert it to UTF-8 (e.g. with iconv)", doc_id)
