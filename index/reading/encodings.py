"""Decode saved pages, text files and fetched responses in the encoding they were written in:
a BOM; else UTF-8 when the bytes are valid UTF-8 with a character beyond ASCII, whatever
the label; else the declared one (HTTP ``charset``, then ``<meta charset>`` or the XML
declaration), then UTF-8, then what ``charset-normalizer`` detects."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy

_HEAD_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<name>[\w.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["'](?P<name>[\w.:-]+)""")
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?(?P<name>[\w.:-]+)", re.IGNORECASE)
# As browsers do (WHATWG Encoding), pages labelled Latin-1 are read as windows-1252, whose
# 0x80-0x9F bytes are the curly quotes and dashes such pages hold. A page labelled ASCII
# says nothing useful (most are UTF-8 really): its label is ignored.
_AS_WINDOWS_1252 = frozenset({"iso8859-1"})
_UNINFORMATIVE = frozenset({"ascii"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are not text in any encoding that could be found."""


def decode_text(data: bytes, content_type: str | None = None) -> str:
    """Return ``data`` as text in the encoding it was written in, any mojibake already in
    it undone (``without_mojibake``: before extraction, which drops the C1 controls a
    Latin-1 round trip leaves).

    ``content_type`` is an HTTP Content-Type whose ``charset`` counts first. Raises NotText
    for binary data (NUL bytes outside UTF-16) or bytes no encoding reads.
    """
    return without_mojibake(_decoded(data, content_type))


def _decoded(data: bytes, content_type: str | None) -> str:
    declared = _declared(data, content_type)
    if declared and not _has_bom(data) and not data.isascii():
        # Bytes that read as UTF-8 and hold a multi-byte character are UTF-8 whatever the
        # label says (a server's default "charset=ISO-8859-1" over a UTF-8 page): text in a
        # legacy encoding practically never forms valid UTF-8 sequences, while reading UTF-8
        # as windows-1252 succeeds, garbled ("cafÃ©").
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for encoding in declared:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if b"\x00" in data[:_HEAD_BYTES]:
        raise NotText("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise NotText("not text in any encoding found")
    return data.decode(_browser_name(best.encoding), errors="replace")


def _has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def _declared(data: bytes, content_type: str | None) -> list[str]:
    """The encodings the data declares, most authoritative first."""
    names: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return [name]
    if content_type:
        match = _HTTP_CHARSET.search(content_type)
        if match:
            names.append(match["name"])
    head = data[:_HEAD_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            names.append(found["name"].decode("ascii", "replace"))
    known = [_browser_name(n) for n in names if _known(n)]
    return [n for n in known if n not in _UNINFORMATIVE]


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _browser_name(name: str) -> str:
    """The codec a browser would use for an encoding label."""
    canonical = codecs.lookup(name).name
    return "cp1252" if canonical in _AS_WINDOWS_1252 else canonical


# UTF-8 once read as windows-1252 or Latin-1 and written again: a lead byte's character
# (Â-ô) followed by a continuation byte's ("Ã©", "â€œ", "â\x80\x9c"). Only text showing one
# is given to ftfy, which undoes the round trip.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)
_REPAIR = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    remove_control_chars=False, normalization=None, explain=False,
)  # fmt: skip


def without_mojibake(text: str) -> str:
    """``text`` with mojibake already in it undone ("cafÃ©" is "café", "â€œ" is "“"), by
    ftfy's encoding fixes only (quotes stay curly, nothing else is normalised); text
    showing no mojibake is returned as it is."""
    if _MOJIBAKE.search(text) is None:
        return text
    return str(ftfy.fix_text(text, _REPAIR))
