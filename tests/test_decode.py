"""Tests for whodid.decode: bytes to text with every fallback, binary detection, whitespace normalisation."""

from __future__ import annotations

from whodid.decode import decode_bytes, decode_with_charset, looks_binary, normalise_whitespace


def test_decode_bytes_fallbacks() -> None:
    assert decode_bytes("Café “news” – ok".encode("cp1252")) == ("Café “news” – ok", None)
    assert decode_bytes(b"\xef\xbb\xbfhello") == ("hello", None)
    assert decode_bytes("hello world".encode("utf-16")) == ("hello world", None)
    assert decode_bytes("naïve".encode() + "é".encode()[:1]) == ("naïve", None)  # cut mid-character
    assert decode_bytes(b"\x00\x01\x02binary") == (None, "binary")


def test_utf8_with_a_stray_byte_is_not_read_as_cp1252() -> None:
    data = "Café “news” in Zürich – São Paulo".encode() + b"\xe9 end"
    assert decode_bytes(data) == ("Café “news” in Zürich – São Paulo\ufffd end", None)
    assert decode_bytes("Café in Nîmes".encode("latin-1")) == ("Café in Nîmes", None)


def test_utf16_without_byte_order_mark_is_decoded() -> None:
    text = "Egypt and Israel signed an accord in Cairo on Sunday. Café owners cheered."
    assert decode_bytes(text.encode("utf-16-le")) == (text, None)
    assert decode_bytes(text.encode("utf-16-be")) == (text, None)
    assert decode_bytes(b"\x00\x01" * 40) == (None, "binary")


def test_declared_charset_comes_first_and_a_bad_one_falls_back() -> None:
    data = "Привет, мир".encode("koi8-r")
    assert decode_with_charset(data, "koi8-r") == ("Привет, мир", None)
    assert decode_with_charset("Café".encode(), "no-such-charset") == ("Café", None)
    assert decode_with_charset("Café".encode(), "ascii") == ("Café", None)  # declared wrongly: sniffed instead
    assert decode_with_charset(b"\x00\x01\x02binary", None) == (None, "binary")


def test_looks_binary() -> None:
    assert looks_binary(b"PK\x03\x04\x00")
    assert looks_binary(bytes(range(1, 32)) * 3)
    assert not looks_binary(b"plain text\twith tabs\r\n")
    assert not looks_binary(b"")


def test_normalise_whitespace_keeps_typographic_quotes() -> None:
    raw = "He\u00a0said \u201cno\u201d\u200b \u2013 twice.\r\nIt’s   done.\u2028Next"
    assert normalise_whitespace(raw) == "He said “no” – twice.\nIt’s done.\nNext"


def test_normalise_whitespace_composes_and_drops_controls() -> None:
    assert normalise_whitespace("Cafe\u0301\x07 \ufeffnews\n\n\n") == "Café news"
