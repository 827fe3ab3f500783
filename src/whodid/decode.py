"""Decode: bytes to text (BOMs, UTF-16, UTF-8, cp1252, charset detection) and text to NFC with plain spaces."""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

_WESTERN_EXTRA = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_ODD_SPACE = re.compile("[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")
_LINE_SEPARATOR = re.compile("[\u2028\u2029\x0b\x0c\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# ---------------------------------------------------------------- bytes to text


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decoded text and None, or None and the reason ("binary" or "decode") it cannot be read as text."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[len(codecs.BOM_UTF8) :])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "decode"
    if (utf16 := _decode_utf16_without_bom(data)) is not None:
        return utf16, None
    if looks_binary(data[:8192]):
        return None, "binary"
    return _decode_utf8(data)


def decode_with_charset(data: bytes, charset: str | None) -> tuple[str | None, str | None]:
    """Like `decode_bytes`, trying the declared charset (e.g. from an HTTP header) first."""
    if charset:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(charset), None
    return decode_bytes(data)


def looks_binary(sample: bytes) -> bool:
    """True for NUL bytes or a sample where more than a tenth of the bytes are control characters."""
    if not sample or b"\x00" in sample:
        return bool(sample)
    controls = sum(1 for b in sample if (b < 32 and b not in (8, 9, 10, 12, 13, 27)) or b == 127)
    return controls / len(sample) > 0.1


def _decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8", errors="strict"), None  # cut mid-character
    if (mostly := _decode_mostly_utf8(data)) is not None:
        return mostly, None
    western = _decode_western(data)
    if western is not None:
        return western, None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (str(best), None) if best is not None else (None, "decode")


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 16 or b"\x00" not in sample:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.7 * len(zeros):
            with contextlib.suppress(UnicodeDecodeError):
                text = data[: len(data) // 2 * 2].decode(encoding)
                if not looks_binary(text[:2048].encode("utf-8", errors="replace")):
                    return text
    return None


def _decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (a bad byte replaced by U+FFFD), rather than mojibake from cp1252."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # non-ASCII characters read well
    return text if good >= 2 * bad else None


def _decode_western(data: bytes) -> str | None:
    """cp1252 text that is mostly ASCII with Western European letters and typographic punctuation."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    other = [c for c in text if ord(c) > 127]
    western = all(c in _WESTERN_EXTRA or (0xA0 <= ord(c) <= 0xFF and c not in "×÷¤¦¨¯¸") for c in other)
    return text if western and len(other) <= 0.2 * len(text) else None


# ---------------------------------------------------------------- text to plain text


def normalise_whitespace(text: str) -> str:
    """NFC text with unified line breaks, odd spaces made plain, zero-width characters out, lines trimmed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", _INVISIBLE.sub("", _LINE_SEPARATOR.sub("\n", _ODD_SPACE.sub(" ", text))))
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")
