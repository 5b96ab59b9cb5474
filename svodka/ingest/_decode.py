"""Bytes to text for the readers: a BOM, a declared charset, UTF-8 (damaged UTF-8 too), then the
Cyrillic code pages and charset-normalizer's guess, the most plausible Russian text winning."""

from __future__ import annotations

import codecs
from typing import Any

from ..errors import InputError
from ._private import cyrillic_quality, plausible_share

__all__ = ["decode", "decode_counted"]

# Code pages tried, after UTF-8, for bytes that are not UTF-8. These are the encodings of
# Russian-language sites; charset-normalizer's own guess is added to them.
# mac-cyrillic is left out: it differs from cp1251 only in a few letters and would tie with it.
FALLBACK_ENCODINGS = ("cp1251", "koi8-r", "cp866", "iso-8859-5")

# A decoding whose non-space characters are less than this share of plausible Latin/Cyrillic
# text is rejected as undecodable (real Russian text scores ~1.0, random bytes < 0.5).
MIN_PLAUSIBLE = 0.85

# A declared charset is kept unless another decoding looks better by this margin of
# cyrillic_quality (so that a correct declaration always wins ties).
DECLARED_MARGIN = 0.15

# Characters of a decoding that are scored (plausibility, lowercase Cyrillic): enough to tell
# code pages apart. Of a code page that is only a candidate, only these are kept: four whole
# decodings of a cp1251 JSON Lines file unpacked to 95 MB took 819 MB; the winner is decoded
# again in full.
SCORE_CHARS = 20_000

# Share of control characters from which a decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.01

# Bytes that are not UTF-8 are still read as damaged UTF-8 (each bad sequence becomes U+FFFD)
# while there is at most one bad sequence per this many well-formed non-ASCII characters (or
# a single one in a short text). An appended 0xFF in the founding example gives 1 bad sequence
# against 1,968 good characters; the same text in cp1251 or koi8-r gives 1,968 bad and 0 good,
# and 100 KB of random bytes 41,738 bad against 3,225 good: neither passes.
UTF8_GOOD_PER_BAD = 20


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, detecting the encoding of Russian-language input.

    Order: a BOM; the declared charset if it decodes cleanly and looks like text at least
    as good as the alternatives; UTF-8 (mostly-valid UTF-8 too, its bad bytes replaced by
    U+FFFD: see ``decode_counted``); then the Cyrillic code pages and charset-normalizer's
    guess, taking the decoding whose letters are mostly lowercase Russian (or ASCII).

    Args:
        data: the raw bytes.
        declared: a charset named by the container (HTTP header, ``<meta charset>``), if any.

    Returns:
        ``(text, encoding)`` with the codec name used (``"utf-8"``, ``"cp1251"``, ...).

    Raises:
        InputError: (with no name) when no encoding gives plausible text.
    """
    text, encoding, _ = decode_counted(data, declared)
    return text, encoding


def decode_counted(data: bytes, declared: str | None = None) -> tuple[str, str, int]:
    """``decode``, also returning how many bad byte sequences were replaced by U+FFFD (0 for clean input)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", ""), 0
            except UnicodeDecodeError:
                break  # a lying BOM (or damaged UTF-8 after it): go on with detection
    # codec -> its decoding: whole for the declared charset and UTF-8, the first SCORE_CHARS
    # characters for the code pages tried after them (listed in ``partial``)
    candidates: dict[str, str] = {}
    partial: set[str] = set()
    declared_codec = _codec_name(declared) if declared else None
    if declared_codec:
        try:
            candidates[declared_codec] = data.decode(declared_codec)
        except UnicodeError:  # UnicodeDecodeError, or a codec that decodes nothing ("undefined")
            pass
    bad = 0
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8, bad = _damaged_utf8(data)
    if utf8 is not None and (declared_codec in (None, "utf-8") or declared_codec not in candidates):
        return utf8, "utf-8", bad
    if utf8 is not None:
        candidates["utf-8"] = utf8
    else:
        guess = _normalizer_guess(data)
        for codec in (*FALLBACK_ENCODINGS, guess):
            if not codec or codec in candidates:
                continue
            try:
                candidates[codec] = data.decode(codec)[:SCORE_CHARS]  # the whole decoding checks every byte
            except (UnicodeError, LookupError):
                continue
            partial.add(codec)
    if not candidates:
        raise InputError(None, "undecodable bytes: not UTF-8, cp1251 or koi8-r text")
    scored = {codec: _text_score(text) for codec, text in candidates.items()}
    best = max(scored, key=lambda c: scored[c])  # ties go to the first: declared, then FALLBACK_ENCODINGS order
    if declared_codec in scored and scored[declared_codec] >= scored[best] - DECLARED_MARGIN:
        best = declared_codec
    if plausible_share(candidates[best][:SCORE_CHARS]) < MIN_PLAUSIBLE:
        raise InputError(None, "undecodable bytes: not UTF-8, cp1251 or koi8-r text")
    text = data.decode(best) if best in partial else candidates[best]
    return text, best, bad if best == "utf-8" else 0


def _damaged_utf8(data: bytes) -> tuple[str | None, int]:
    """Mostly-valid UTF-8 with its bad sequences replaced, and their number; ``(None, 0)`` when it is not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    # non-ASCII characters counted in C (encode drops them), not with a Python loop
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good and bad <= max(1, good // UTF8_GOOD_PER_BAD):
        return text, bad
    return None, 0


def _text_score(text: str) -> float:
    """Rank a decoding: plausible characters first, then lowercase-Cyrillic letters."""
    sample = text[:SCORE_CHARS]
    return plausible_share(sample) + cyrillic_quality(sample)


def _codec_name(name: str | None) -> str | None:
    """A Python codec name for a charset label, or None if unknown (``windows-1251`` -> ``cp1251``).

    Only text encodings count: ``hex``, ``base64``, ``rot13``, ``zlib`` are codecs too, but
    ``bytes.decode`` refuses them with a LookupError (a page declaring one was lost, and the
    API answered 500); a page or header that names one is read as if it named none.
    """
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name.replace("_", "-")


def _normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding for the bytes, or None."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # the detector must never turn a readable input into a traceback
        return None
    return _codec_name(best.encoding) if best is not None else None


def _decode_meta(bad: int) -> dict[str, Any]:
    """Document meta saying how many bad byte sequences decoding replaced (none: empty)."""
    return {"decode_errors": bad} if bad else {}


def _replaced(*texts: str | None) -> int:
    """U+FFFD characters in a record's fields: its share of a damaged file's replaced bytes."""
    return sum((t or "").count("\ufffd") for t in texts)
