"""Telling how a text file is encoded, and spotting text that was decoded the wrong way.

The order of the guesses: a byte-order mark says it outright; UTF-16 without one shows as a NUL
byte in every other position; then strict UTF-8, which almost never decodes text written in
another encoding; then Windows-1252, which decodes anything (the usual encoding of a CSV that
Excel saved on a Western-European Windows).
"""

from __future__ import annotations

import codecs
import re

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that do not occur in text (everything below 0x20 but tab, LF, FF, CR and Ctrl-Z).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))
_BINARY_SHARE = 0.05

# What UTF-8 looks like when decoded as Windows-1252: the lead byte of a two-byte sequence
# ("Ã", "Â", "Å") or the first two bytes of a three-byte one ("â€"), then a continuation byte.
_CONTINUATION = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xC0))
MOJIBAKE = re.compile(f"[ÃÂÅ][{re.escape(_CONTINUATION)}]|â€.|\ufffd")
# A number Excel saved in scientific notation: its digits are lost (6.47E+09).
SCIENTIFIC = re.compile(r"(?<![\w.])\d(?:[.,]\d+)?E\+\d+(?![\w.])")
#: Characters whose presence anywhere in a file makes the per-row checks worthwhile.
SUSPECT_MARKERS = ("Ã", "Â", "Å", "â€", "\ufffd", "E+")


def bom_encoding(head: bytes) -> str | None:
    """Return the encoding a byte-order mark at the start of ``head`` announces, if any."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """Return "utf-16-le" or "utf-16-be" when ``head`` looks like UTF-16 text without a BOM."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls > 0.4 * len(odd) and even_nuls < 0.05 * len(even):
        return "utf-16-le"
    if even_nuls > 0.4 * len(even) and odd_nuls < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """Return True when ``head`` (not UTF-16) holds too many control bytes to be text."""
    if not head:
        return False
    control = len(head) - len(head.translate(None, _CONTROL))
    return control > _BINARY_SHARE * len(head)


def sniff_encoding(head: bytes, complete: bool) -> str | None:
    """Guess the encoding of a text file from its first bytes.

    Args:
        head: the first bytes of the file.
        complete: True when ``head`` is the whole file (a multi-byte character cut at the end
            of a partial head is then an error, not a truncation).

    Returns:
        A Python codec name ("utf-8-sig", "utf-16", "utf-16-le", "utf-8", "cp1252", ...), or
        None when the bytes are not text.
    """
    encoding = bom_encoding(head) or utf16_without_bom(head)
    if encoding is not None:
        return encoding
    if looks_binary(head):
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def mojibake(text: str) -> str:
    """Return the first sign that ``text`` was decoded with the wrong encoding, or ""."""
    found = MOJIBAKE.search(text)
    return found.group() if found else ""


def text_problem(text: str) -> str:
    """Return why ``text`` (a row's cells joined) looks wrong, or "" when it looks fine."""
    problems = []
    sign = mojibake(text)
    if sign == "\ufffd":
        problems.append("text holds bytes that are not valid in its encoding")
    elif sign:
        problems.append(f"text looks mis-decoded ({sign})")
    if "E+" in text:
        number = SCIENTIFIC.search(text)
        if number:
            problems.append(
                f"a number was saved in scientific notation ({number.group()}): digits are lost"
            )
    return "; ".join(problems)
