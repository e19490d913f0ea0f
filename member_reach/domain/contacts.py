"""Contact details as roster files hold them: text cells, phone numbers and e-mail addresses.

Phones are read in the default region (a setting, or the member's country) unless they carry a
country code (``+44 …``, ``0044 …``), and given in E.164 with the text as typed kept. E.164 has
no extensions: ``(646) 555-0175 x123`` gives ``+16465550175`` and ``extension`` "123", which is
not a problem. A number phonenumbers accepts as written is taken as it is. Otherwise Excel damage
is repaired when exactly one reading is valid, and ``repaired`` says so: a lost ``+``
(``442079460000`` under US rules, when it is too long to be a US number), a lost leading ``0``
where the 0 belongs to the number (Italy; phonenumbers reads ``2079460000`` in the UK by itself),
scientific notation that kept every digit (``6.465550175E+09``), a float's ``.0``. Two valid
readings, lost digits (``6.46555E+09``) or a number the right length for the region give a problem.
Filler ("n/a", "none", "-", "000-000-0000"; see :mod:`phone_fillers`) reads as an empty cell.

E-mails are checked for syntax only (email-validator, no network): the domain is lower-cased,
the local part kept as written, ``mailto:`` and ``Name <address>`` unwrapped. A cell holding
several addresses is split with :func:`split_emails`; :func:`normalize_email` reads one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, Final

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import PhoneNumber, PhoneNumberFormat, ValidationResult
from phonenumbers.phonemetadata import PhoneMetadata, PhoneNumberDesc

from member_reach.domain.phone_fillers import is_phone_filler

_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_WHITESPACE = re.compile(r"\s+")
_ARTEFACT_FOLLOWERS: Final = frozenset("+-=@0123456789")


def clean_texts(values: Iterable[Any]) -> list[str]:
    """Return :func:`clean_text` of each value of a whole column.

    Plain text (most cells) is taken as it is without a call, by the test ``clean_text`` makes.
    """
    return [
        ""
        if v is None
        else v
        if v.__class__ is str
        and v.isprintable()
        and v[:1] not in (" ", "'")
        and v[-1:] != " "
        and "  " not in v
        else clean_text(v)
        for v in values
    ]


def clean_text(value: object) -> str:
    """Return a cell as trimmed text.

    Numbers become their digits (``6465550175.0`` gives ``6465550175``), dates ISO text, None "".
    Non-breaking and zero-width spaces are removed from the ends, runs of whitespace inside
    (line breaks too) become one space, and an export's leading apostrophe before
    ``+ - = @`` or a digit (``'+44 20…``, ``'0123``) is dropped.

    Args:
        value: a cell as the reader gives it.
    """
    if isinstance(value, str):
        plain = value.isprintable() and value[:1] not in (" ", "'") and value[-1:] != " "
        return value if plain and "  " not in value else _clean_str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _clean_str(str(value))


def _clean_str(text: str) -> str:
    text = _WHITESPACE.sub(" ", text.translate(_INVISIBLE)).strip()
    if text[:1] == "'" and text[1:2] in _ARTEFACT_FOLLOWERS:
        return text[1:]
    return text


# --- phones -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneResult:
    """One cell read as a phone number.

    Attributes:
        original: the cell's text as typed (trimmed).
        e164: the number in E.164 (``+16465550175``), or None when empty or not certain.
        problem: "" when the number is certain (or the cell empty), else a short reason.
        repaired: True when Excel damage was undone to reach ``e164``.
        extension: the extension written after the number, if any (E.164 has none).
    """

    original: str
    e164: str | None
    problem: str = ""
    repaired: bool = False
    extension: str = ""


_NO_PHONE: Final = PhoneResult("", None)
_FORMATTING: Final = dict.fromkeys(map(ord, " ()-./"), None)
_SCIENTIFIC = re.compile(r"(\d)(?:[.,](\d+))?[eE]\+?(\d{1,2})")
_EXTENSION = re.compile(r"(.+?)\s*(?:x\.?|ext[.n]?|extn\.|extension|#)\s*(\d{1,6})", re.IGNORECASE)
_FLOAT_TEXT = re.compile(r"(\d+)\.0+")
_SEVERAL = re.compile(r"\s*(?:[;,|]|\s/\s|\s(?:or|and|ou|oder|o)\s)\s*", re.IGNORECASE)
_REASONS: Final = {ValidationResult.TOO_SHORT: "too short", ValidationResult.TOO_LONG: "too long"}


def normalize_phone(value: object, default_region: str) -> PhoneResult:
    """Read one cell (text, or a number from a numeric cell) as a phone number.

    ``default_region`` (ISO 3166) is assumed for numbers without a country code. Returns the
    E.164 number, or None with a problem; see the module docstring for the rules.
    """
    return _normalize_phone_text(clean_text(value), default_region.upper())


@lru_cache(maxsize=16_384)
def _normalize_phone_text(text: str, region: str) -> PhoneResult:
    if not text:
        return _NO_PHONE
    if ".0" in text and (float_text := _FLOAT_TEXT.fullmatch(text)) is not None:
        return _as_repair(text, _normalize_phone_text(float_text.group(1), region))
    fast = _fast_e164(text, region)
    if fast is not None:
        return PhoneResult(text, fast)
    if (extension := _EXTENSION.fullmatch(text)) and (fast := _fast_e164(extension[1], region)):
        return PhoneResult(text, fast, extension=extension[2])
    if (scientific := _SCIENTIFIC.fullmatch(text)) is not None:
        return _from_scientific(text, scientific, region)
    parsed = _parse(text, region)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
        return PhoneResult(text, e164, extension=parsed.extension or "")
    # Filler ("n/a", "-", "000-000-0000") that is no number reads as an empty cell.
    missing = _NO_PHONE if is_phone_filler(text) else _invalid(text, parsed, region)
    return _repaired(text, parsed, region) or missing


def _parse(text: str, region: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return None


def _valid_e164(text: str, region: str) -> str | None:
    if (fast := _fast_e164(text, region)) is not None:
        return fast
    parsed = _parse(text, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def _repaired(text: str, parsed: PhoneNumber | None, region: str) -> PhoneResult | None:
    """Undo a lost ``+`` or leading ``0``, or read ``00`` as ``+``, when only one reading fits."""
    digits = text.translate(_FORMATTING)
    if not (digits.isascii() and digits.isdigit()):
        return None
    if digits.startswith("00") and (e164 := _valid_e164("+" + digits[2:], region)):
        return PhoneResult(text, e164)  # 00 is how most of the world dials abroad: no damage
    metadata = PhoneMetadata.metadata_for_region(region)
    if digits.startswith("0") or metadata is None:
        return None  # without a known region, bare digits could be anything
    # Only where 0 belongs to the number (Italy) can it be lost: phonenumbers reads a national
    # number without its trunk prefix (2079460000 in the UK) as it is.
    lost_zero = _valid_e164("0" + digits, region) if metadata.national_prefix is None else None
    lost_plus = _valid_e164("+" + digits, region) if len(digits) >= 8 else None
    if lost_zero and lost_plus and lost_zero != lost_plus:
        both = f"{lost_zero} if Excel dropped a leading 0, {lost_plus} if it dropped a leading +"
        return PhoneResult(text, None, f"'{text}' is uncertain: {both}")
    if lost_plus and parsed is not None and phonenumbers.is_possible_number(parsed):
        # As long as a number here: more likely a mistyped local number than a lost +.
        return PhoneResult(
            text, None, f"'{text}' is not a valid phone number; with a + it would be {lost_plus}"
        )
    if lost_zero or lost_plus:
        return PhoneResult(text, lost_zero or lost_plus, "", repaired=True)
    return None


def _invalid(text: str, parsed: PhoneNumber | None, region: str) -> PhoneResult:
    pieces = [p for p in _SEVERAL.split(text) if sum(c.isdigit() for c in p) >= 6]
    if len(pieces) > 1 and all(_valid_e164(p, region) for p in pieces):
        return PhoneResult(text, None, f"'{text}' holds {len(pieces)} phone numbers, not one")
    reason = _REASONS.get(phonenumbers.is_possible_number_with_reason(parsed)) if parsed else None
    suffix = f" ({reason})" if reason else ""
    return PhoneResult(text, None, f"'{text}' is not a valid phone number{suffix}")


def _from_scientific(text: str, match: re.Match[str], region: str) -> PhoneResult:
    lead, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
    digits = lead + fraction
    if len(digits) < exponent + 1:
        lost = "lost its last digits to Excel's scientific notation; export the column as text"
        return PhoneResult(text, None, f"'{text}' {lost}")
    if len(digits) > exponent + 1:
        return PhoneResult(text, None, f"'{text}' is not a valid phone number")
    return _as_repair(text, _normalize_phone_text(digits, region))


def _as_repair(text: str, result: PhoneResult) -> PhoneResult:
    if result.e164 is None:
        return PhoneResult(text, None, f"'{text}' is not a valid phone number")
    return replace(result, original=text, repaired=True)


# The fast path reads plain digit strings with phonenumbers' own metadata, about ten times faster
# than parse() and is_valid_number(); it answers only when the number is valid, so anything it
# cannot settle (extensions, Italian leading zeros, carrier codes, other NANP countries, damage)
# goes the full way. tests/test_domain_contacts.py checks it agrees with phonenumbers.


@dataclass(frozen=True)
class _RegionRules:
    country_code: int
    national_prefix: str
    prefix_pattern: re.Pattern[str]  # (?!) matches nothing
    international_prefix: re.Pattern[str]
    general: tuple[frozenset[int], re.Pattern[str]]
    kinds: tuple[tuple[frozenset[int], re.Pattern[str]], ...]

    def national_number(self, digits: str) -> str | None:
        """Return ``digits`` without the national prefix, or None when that needs parse()."""
        if self.international_prefix.match(digits):
            return None  # dialled abroad (011 44…, or Israel's 015…)
        found = self.prefix_pattern.match(digits)
        if found is None:
            return digits
        if found.group(0) != self.national_prefix or any(found.groups()):
            return None
        return digits[found.end() :]

    def is_valid(self, number: str) -> bool:
        """Return whether a national significant number is valid, as is_valid_number says."""
        size = len(number)
        lengths, pattern = self.general
        if (lengths and size not in lengths) or pattern.fullmatch(number) is None:
            return False
        for lengths, pattern in self.kinds:  # a plain loop: any() costs half as much again
            if (not lengths or size in lengths) and pattern.fullmatch(number) is not None:
                return True
        return False


# The commonest kinds first: any one match makes a number valid.
_KIND_NAMES: Final = "fixed_line mobile toll_free premium_rate shared_cost voip personal_number"
_KINDS: Final = (*_KIND_NAMES.split(), "pager", "uan", "voicemail")


def _desc(desc: PhoneNumberDesc | None) -> tuple[frozenset[int], re.Pattern[str]] | None:
    if desc is None or not desc.national_number_pattern:
        return None
    return frozenset(desc.possible_length or ()), re.compile(desc.national_number_pattern)


@cache
def _region_rules(region: str) -> _RegionRules | None:
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.national_prefix_transform_rule is not None:
        return None
    general = _desc(metadata.general_desc)
    if general is None or metadata.country_code is None:
        return None
    descs = (_desc(getattr(metadata, kind)) for kind in _KINDS)
    kinds = tuple(dict.fromkeys(d for d in descs if d is not None))  # mobile often = fixed
    parsing, abroad = metadata.national_prefix_for_parsing, metadata.international_prefix
    prefix, abroad_pattern = re.compile(parsing or "(?!)"), re.compile(abroad or "(?!)")
    return _RegionRules(
        metadata.country_code,
        metadata.national_prefix or "",
        prefix,
        abroad_pattern,
        general,
        kinds,
    )


def _fast_e164(text: str, region: str) -> str | None:
    international = text.startswith("+")
    digits = (text[1:] if international else text).translate(_FORMATTING)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 17:
        return None
    national: str | None
    if international:
        rules, national = _international_rules(digits, region)
    else:
        rules = _region_rules(region)
        national = rules.national_number(digits) if rules is not None else None
    if rules is None or not national or national[0] == "0" or not rules.is_valid(national):
        return None
    return f"+{rules.country_code}{national}"


def _international_rules(digits: str, region: str) -> tuple[_RegionRules | None, str]:
    if digits[:1] in ("", "0"):
        return None, ""  # no country code starts with 0
    for length in (1, 2, 3):
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:length]))
        if regions:
            target = region if region in regions else regions[0]
            return _region_rules(target), digits[length:]
    return None, ""


# --- e-mail -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailResult:
    """One e-mail address read from a cell.

    Attributes:
        address: the normalized address ("" when empty or invalid).
        problem: "" when fine (or empty), else a short reason.
    """

    address: str
    problem: str = ""


_NO_EMAIL: Final = EmailResult("")
_MAILTO = re.compile(r"mailto:\s*([^?]*)(?:\?.*)?", re.IGNORECASE)
_ANGLE = re.compile(r"[^<]*<([^<>]*)>")
_SIMPLE_EMAIL = re.compile(
    r"([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@([A-Za-z0-9.-]+)"
)
_EMAIL_SEPARATORS = re.compile(r"""("[^"]*"|<[^>]*>)|[;,]""")


def normalize_email(value: object) -> EmailResult:
    """Read one cell (or one piece from :func:`split_emails`) as an e-mail address.

    The cell: ``ada@example.org``, ``mailto:ada@example.org``, ``Ada Lovelace <ada@example.org>``.
    Returns the address with its domain lower-cased, or "" and a problem such as
    ``'ada@' is not a valid e-mail address (there must be something after the @-sign)``.
    """
    return _normalize_email_text(clean_text(value))


@lru_cache(maxsize=16_384)
def _normalize_email_text(text: str) -> EmailResult:
    if not text:
        return _NO_EMAIL
    address = _unwrap(text)
    simple = _SIMPLE_EMAIL.fullmatch(address)
    if simple is not None and len(simple.group(1)) <= 64:
        domain, problem = _email_domain(simple.group(2))
        normalized = f"{simple.group(1)}@{domain}"
        if not problem and len(normalized) <= 254:
            return EmailResult(normalized)
    if len(pieces := split_emails(text)) > 1:
        return EmailResult("", f"'{text}' holds {len(pieces)} e-mail addresses, not one")
    try:
        return EmailResult(validate_email(address, check_deliverability=False).normalized)
    except EmailNotValidError as error:
        reason = str(error).rstrip(".")
        reason = reason[:1].lower() + reason[1:]
        return EmailResult("", f"'{text}' is not a valid e-mail address ({reason})")


@lru_cache(maxsize=4096)
def _email_domain(domain: str) -> tuple[str, str]:
    """Return a domain as email-validator normalizes it, or "" and its complaint."""
    try:
        return validate_email("x@" + domain, check_deliverability=False).domain, ""
    except EmailNotValidError as error:
        return "", str(error)


def _unwrap(text: str) -> str:
    if (mailto := _MAILTO.fullmatch(text)) is not None:
        text = mailto.group(1).strip()
    if (angle := _ANGLE.fullmatch(text)) is not None:
        text = angle.group(1).strip()
    return text


def split_emails(value: object) -> list[str]:
    """Split a cell holding several e-mail addresses into its pieces, as written.

    Addresses are separated by ``;`` or ``,`` (or spaces, when every piece is an address);
    separators inside quotes or ``<…>`` do not count, and a piece without ``@`` is the start of
    the next one's display name (``Lovelace, Ada <ada@example.org>``).

    Args:
        value: the cell.

    Returns:
        The pieces, trimmed; [] for an empty cell.
    """
    text = clean_text(value)
    if ";" not in text and "," not in text and text.count("@") <= 1:
        return [text] if text else []
    pieces: list[str] = []
    start = 0
    for match in _EMAIL_SEPARATORS.finditer(text):
        if match.group(1) is None:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [word for piece in _join_display_names(pieces) for word in _split_on_spaces(piece)]


def _join_display_names(pieces: list[str]) -> list[str]:
    joined: list[str] = []
    pending: list[str] = []
    for piece in filter(None, (p.strip() for p in pieces)):
        pending.append(piece)
        if "@" in piece:  # the address ends a piece; anything before it is its display name
            joined.append(", ".join(pending))
            pending = []
    return joined + ([", ".join(pending)] if pending else [])


def _split_on_spaces(piece: str) -> list[str]:
    words = piece.split()
    if len(words) > 1 and all("@" in word and "<" not in word for word in words):
        return words
    return [piece]


def forget_readings() -> None:
    """Forget the phones and e-mails read so far (kept for speed; a file's are mostly new)."""
    _normalize_phone_text.cache_clear()
    _normalize_email_text.cache_clear()
