"""A large, realistically messy AMS roster for the roster-import benchmark.

``make_roster(path, rows, seed)`` writes ``rows`` data rows under one header row, as CSV (UTF-8)
or xlsx (openpyxl write-only) chosen by the suffix. The same seed gives the same file.

What makes it messy, the way real AMS exports are:

- dates mixed within a column: US "3/14/2021" (sometimes zero-padded), ISO "2021-03-14" and
  "14-Mar-2021"; in xlsx also real date cells and a few bare Excel serial numbers;
- phones typed every way: "(646) 555-0175", "646-555-0175", "+1 646 555 0175", "6465550175",
  "646.555.0175", with an extension now and then; in xlsx some are numbers; a few UK
  "+44 20 7946 0xxx" / "020 7946 0xxx"; some empty;
- e-mails mostly lower case, some mixed or upper case, about 5% empty;
- dues as "$195.00", "$1,250.00", 195, "195", "195.00";
- countries as "United States" / "USA" / "US" / blank, states as codes or full names;
- 2% of the rows repeat an earlier member (same Member ID), often with the e-mail cased
  differently, other date and phone formats, and a later Paid Thru.

Only fictional contact data: NANP 555-0100..0199 numbers, UK 020 7946 0000..0999 (Ofcom's drama
range), and example.org / example.com / example.net addresses.

Run it directly to write files by hand: ``python make_roster.py OUT.xlsx [ROWS] [SEED]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

HEADER = [
    "Member ID",
    "First Name",
    "Last Name",
    "Organization",
    "Email",
    "Phone",
    "Mobile",
    "City",
    "State",
    "Country",
    "Membership Type",
    "Member Since",
    "Paid Thru",
    "Dues",
    "Status",
]
DUPLICATE_SHARE = 0.02
# Paid Thru dates are spread around this day, which the benchmark passes as --today.
TODAY = dt.date(2026, 11, 23)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_FIRST = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy "
    "Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew "
    "Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Priya Wei "
    "Aisha Mohammed Olga Hiroshi Fatima Kwame Siobhan Mateo Ingrid Raj"
) + ("José", "Zoë", "Renée", "Björn", "Chloé", "Łukasz", "Anne-Marie", "Mary Ellen")
_LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Patel Kim Chen "
    "Okafor Kowalski Schmidt Rossi Novak Murphy Kelly Sullivan Cohen Shapiro Yamamoto Singh"
) + ("O'Brien", "Müller", "García", "van der Berg", "McAllister", "St. John", "Nuñez")
_ORG_CORE = _words(
    "Bluefield Harborview Summit Pinecrest Lakeside Ironwood Redstone Maplewood Granite Cedar "
    "Brightwater Northgate Copperline Stonebridge Fairhaven Westbrook Oakmont Riverbend Highpoint"
)
_ORG_KIND = (
    "Engineering",
    "Consulting",
    "Health",
    "Analytics",
    "Builders",
    "Logistics",
    "Design",
    "Partners",
    "Labs",
    "Medical Group",
    "Financial",
    "Architects",
)
_ORG_SUFFIX = ("LLC", "Inc.", "Inc", "Ltd", "", "", "Co.", "& Associates", "Group", "PLLC")
_DOMAINS = ("example.org", "example.com", "example.net")

# (city, state code, state name, area codes, country key)
_PLACES = (
    ("New York", "NY", "New York", ("212", "646", "718"), "US"),
    ("Chicago", "IL", "Illinois", ("312", "773"), "US"),
    ("Boston", "MA", "Massachusetts", ("617", "857"), "US"),
    ("San Francisco", "CA", "California", ("415", "628"), "US"),
    ("Los Angeles", "CA", "California", ("213", "310", "323"), "US"),
    ("Houston", "TX", "Texas", ("713", "832"), "US"),
    ("Austin", "TX", "Texas", ("512", "737"), "US"),
    ("Denver", "CO", "Colorado", ("303", "720"), "US"),
    ("Seattle", "WA", "Washington", ("206",), "US"),
    ("Atlanta", "GA", "Georgia", ("404", "678"), "US"),
    ("Washington", "DC", "District of Columbia", ("202",), "US"),
    ("Miami", "FL", "Florida", ("305", "786"), "US"),
    ("Philadelphia", "PA", "Pennsylvania", ("215", "267"), "US"),
    ("Minneapolis", "MN", "Minnesota", ("612",), "US"),
    ("Phoenix", "AZ", "Arizona", ("602", "480"), "US"),
    ("Portland", "OR", "Oregon", ("503", "971"), "US"),
    ("Nashville", "TN", "Tennessee", ("615",), "US"),
    ("Columbus", "OH", "Ohio", ("614",), "US"),
    ("Toronto", "ON", "Ontario", ("416", "647"), "CA"),
    ("Vancouver", "BC", "British Columbia", ("604",), "CA"),
    ("Montréal", "QC", "Quebec", ("514",), "CA"),
    ("London", "", "England", (), "GB"),
)
_COUNTRY_SPELLINGS = {
    "US": ("United States", "United States", "USA", "USA", "US", "U.S.A.", "", ""),
    "CA": ("Canada", "Canada", "CAN"),
    "GB": ("United Kingdom", "UK", "United Kingdom", "GB", "England"),
}

# (type, dues, share): the shares add up to 1.
_TYPES = (
    ("Individual", 195, 0.52),
    ("Early Career", 110, 0.12),
    ("Student", 45, 0.10),
    ("Retired", 95, 0.08),
    ("Corporate", 1250, 0.10),
    ("Lifetime", 0, 0.04),
    ("International", 150, 0.04),
)


@dataclass(frozen=True)
class Member:
    """One member as the AMS knows them; each row renders it with fresh formatting."""

    member_id: int
    first: str
    last: str
    organisation: str
    email: str  # lower case; "" when none on file
    phone: tuple[str, str]  # (country key, national digits); ("", "") when none
    mobile: tuple[str, str]
    place: int  # index into _PLACES
    membership_type: str
    dues: int
    member_since: dt.date
    paid_thru: dt.date | None  # None for lifetime members
    status: str


def make_roster(path: Path, rows: int = 100_000, seed: int = 7) -> Path:
    """Write a messy AMS roster of ``rows`` data rows to ``path`` (.csv or .xlsx) and return it.

    The file is the same for the same ``rows`` and ``seed``. 2% of the rows repeat an earlier
    member's Member ID.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"make_roster writes .csv or .xlsx, not {path.name!r}")
    xlsx = suffix == ".xlsx"
    rng = random.Random(seed)
    records = (_render(member, rng, xlsx=xlsx) for member in _members(rows, rng))
    path.parent.mkdir(parents=True, exist_ok=True)
    if xlsx:
        _write_xlsx(path, records)
    else:
        _write_csv(path, records)
    return path


def duplicate_count(rows: int) -> int:
    """How many of ``rows`` data rows repeat an earlier member."""
    return round(rows * DUPLICATE_SHARE)


def _write_csv(path: Path, records: Iterator[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)  # Excel dialect: "\r\n" line ends, quoting only when needed
        writer.writerow(HEADER)
        writer.writerows(records)


def _write_xlsx(path: Path, records: Iterator[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Members")
    sheet.append(HEADER)
    for record in records:
        sheet.append(record)
    book.save(path)


# --- the members ---------------------------------------------------------------------------


def _members(rows: int, rng: random.Random) -> Iterator[Member]:
    """``rows`` members in file order; the duplicate positions repeat an earlier member."""
    duplicates = set(rng.sample(range(1, rows), duplicate_count(rows))) if rows > 1 else set()
    emitted: list[Member] = []
    repeated: set[int] = set()
    emails: dict[str, int] = {}
    next_id = 100_000
    for position in range(rows):
        if position in duplicates:
            yield _repeat(emitted, repeated, rng)
            continue
        next_id += rng.randint(1, 3)
        member = _new_member(next_id, rng, emails)
        emitted.append(member)
        yield member


def _repeat(emitted: list[Member], repeated: set[int], rng: random.Random) -> Member:
    """An earlier member again, preferably one not repeated yet, maybe renewed since."""
    index = rng.randrange(len(emitted))
    for _ in range(5):
        if index not in repeated:
            break
        index = rng.randrange(len(emitted))
    repeated.add(index)
    original = emitted[index]
    if original.paid_thru is not None and rng.random() < 0.5:
        # Renewed between the two exports that were pasted together: a year later.
        return replace(original, paid_thru=_add_years(original.paid_thru, 1), status="Active")
    return original


def _new_member(member_id: int, rng: random.Random, emails: dict[str, int]) -> Member:
    first = rng.choice(_FIRST)
    last = rng.choice(_LAST)
    place = _pick_place(rng)
    country = _PLACES[place][4]
    membership_type, dues = _pick_type(rng, country)
    since = _member_since(rng)
    paid_thru = None if membership_type == "Lifetime" else _paid_thru(rng, since)
    return Member(
        member_id=member_id,
        first=first,
        last=last,
        organisation=_organisation(rng, membership_type),
        email=_email(rng, first, last, emails),
        phone=_phone(rng, place) if rng.random() < 0.88 else ("", ""),
        mobile=_phone(rng, place) if rng.random() < 0.45 else ("", ""),
        place=place,
        membership_type=membership_type,
        dues=dues,
        member_since=since,
        paid_thru=paid_thru,
        status=_status(rng, since, paid_thru),
    )


def _pick_place(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.02:
        return len(_PLACES) - 1  # London
    if draw < 0.06:
        return rng.randrange(len(_PLACES) - 4, len(_PLACES) - 1)  # Canada
    return rng.randrange(len(_PLACES) - 4)  # the United States


def _pick_type(rng: random.Random, country: str) -> tuple[str, int]:
    if country != "US" and rng.random() < 0.6:
        return "International", 150
    draw = rng.random()
    for name, dues, share in _TYPES:
        draw -= share
        if draw < 0:
            return name, dues
    return _TYPES[0][0], _TYPES[0][1]


def _organisation(rng: random.Random, membership_type: str) -> str:
    if membership_type in ("Student", "Retired") or rng.random() < 0.08:
        return rng.choice(("", "", "Self-employed", "Independent"))
    core = rng.choice(_ORG_CORE)
    return f"{core} {rng.choice(_ORG_KIND)} {rng.choice(_ORG_SUFFIX)}".rstrip()


def _email(rng: random.Random, first: str, last: str, emails: dict[str, int]) -> str:
    if rng.random() < 0.05:
        return ""
    f = _ascii(first).lower().replace(" ", "").replace("-", "")
    last_part = _ascii(last).lower().replace(" ", "").replace("'", "").replace(".", "")
    style = rng.randrange(4)
    if style == 0:
        local = f"{f}.{last_part}"
    elif style == 1:
        local = f"{f[0]}{last_part}"
    elif style == 2:
        local = f"{f}_{last_part}"
    else:
        local = f"{f}{last_part[0]}"
    domain = rng.choice(_DOMAINS)
    address = f"{local}@{domain}"
    seen = emails.get(address, 0)
    emails[address] = seen + 1
    if seen:
        address = f"{local}{seen + 1}@{domain}"
    return address


def _ascii(text: str) -> str:
    """Plain letters for an e-mail address: "Zoë" -> "Zoe", "Łukasz" -> "Lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _phone(rng: random.Random, place: int) -> tuple[str, str]:
    """National digits of a fictional number: NANP 555-01xx, or UK 020 7946 0xxx."""
    _, _, _, areas, country = _PLACES[place]
    if country == "GB":
        return "GB", f"2079460{rng.randrange(1000):03d}"
    return "NANP", f"{rng.choice(areas)}5550{rng.randrange(100, 200)}"


def _member_since(rng: random.Random) -> dt.date:
    # Most members joined in the last dozen years; a long tail goes back to 1985.
    years_ago = min(rng.expovariate(1 / 7), 41)
    return TODAY - dt.timedelta(days=int(years_ago * 365.25) + rng.randrange(20))


def _paid_thru(rng: random.Random, since: dt.date) -> dt.date:
    """An anniversary of joining: mostly ahead of today, some in grace, some long lapsed."""
    draw = rng.random()
    if draw < 0.62:
        target = TODAY + dt.timedelta(days=rng.randrange(1, 366))
    elif draw < 0.72:
        target = TODAY - dt.timedelta(days=rng.randrange(0, 90))
    else:
        target = TODAY - dt.timedelta(days=rng.randrange(90, 7 * 365))
    anniversary = _anniversary_on_or_after(since, target)
    return max(anniversary, _add_years(since, 1))


def _anniversary_on_or_after(since: dt.date, target: dt.date) -> dt.date:
    candidate = _add_years(since, target.year - since.year)
    return candidate if candidate >= target else _add_years(since, target.year - since.year + 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _status(rng: random.Random, since: dt.date, paid_thru: dt.date | None) -> str:
    if rng.random() < 0.04:
        return ""  # the AMS left it blank
    if paid_thru is None:
        return "Lifetime"
    if paid_thru >= TODAY:
        if (TODAY - since).days < 365:
            return "New"
        return "Active"
    if (TODAY - paid_thru).days <= 90:
        return rng.choice(("Grace", "Grace Period", "Active"))  # stale "Active" happens
    return rng.choice(("Lapsed", "Lapsed", "Expired", "Inactive"))


# --- rendering one row -----------------------------------------------------------------------


def _render(member: Member, rng: random.Random, *, xlsx: bool) -> list[object]:
    city, state_code, state_name, _, country = _PLACES[member.place]
    cells = [
        member.member_id if xlsx else str(member.member_id),
        _cased_name(rng, member.first),
        _cased_name(rng, member.last),
        member.organisation,
        _cased_email(rng, member.email),
        _render_phone(rng, member.phone, xlsx=xlsx),
        _render_phone(rng, member.mobile, xlsx=xlsx),
        city,
        _render_state(rng, state_code, state_name),
        rng.choice(_COUNTRY_SPELLINGS[country]),
        member.membership_type,
        _render_date(rng, member.member_since, xlsx=xlsx),
        "" if member.paid_thru is None else _render_date(rng, member.paid_thru, xlsx=xlsx),
        _render_dues(rng, member.dues, xlsx=xlsx),
        member.status,
    ]
    if xlsx:  # a blank cell in a real export is no cell at all, not an empty string
        return [None if cell == "" else cell for cell in cells]
    return cells


def _cased_name(rng: random.Random, name: str) -> str:
    draw = rng.random()
    if draw < 0.02:
        return name.upper()
    if draw < 0.03:
        return f"{name} "  # trailing space, typed by hand
    return name


def _cased_email(rng: random.Random, email: str) -> str:
    if not email:
        return ""
    draw = rng.random()
    if draw < 0.80:
        return email
    if draw < 0.95:
        local, _, domain = email.partition("@")
        return f"{'.'.join(p.capitalize() for p in local.split('.'))}@{domain.capitalize()}"
    return email.upper()


def _render_phone(rng: random.Random, phone: tuple[str, str], *, xlsx: bool) -> object:
    kind, digits = phone
    if not kind:
        return ""
    if kind == "GB":  # 2079460xxx
        if rng.random() < 0.7:
            return f"+44 {digits[:2]} {digits[2:6]} {digits[6:]}"
        return f"0{digits[:2]} {digits[2:6]} {digits[6:]}"
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    draw = rng.random()
    if draw < 0.35:
        return f"({area}) {exchange}-{line}"
    if draw < 0.60:
        return f"{area}-{exchange}-{line}"
    if draw < 0.72:
        return f"+1 {area} {exchange} {line}"
    if draw < 0.88:
        return int(digits) if xlsx and rng.random() < 0.6 else digits
    if draw < 0.94:
        return f"{area}.{exchange}.{line}"
    if draw < 0.97:
        return f"1-{area}-{exchange}-{line}"
    return f"({area}) {exchange}-{line} x{rng.randrange(10, 400)}"


def _render_state(rng: random.Random, code: str, name: str) -> str:
    if not code:
        return name if rng.random() < 0.3 else ""
    draw = rng.random()
    if draw < 0.80:
        return code
    if draw < 0.95:
        return name
    return ""


def _render_date(rng: random.Random, day: dt.date, *, xlsx: bool) -> object:
    draw = rng.random()
    if xlsx:
        if draw < 0.40:
            return dt.datetime(day.year, day.month, day.day)  # a real date cell
        if draw < 0.45:
            return (day - _EXCEL_EPOCH).days  # a serial number left unformatted
        draw = (draw - 0.45) / 0.55
    if draw < 0.35:
        return f"{day.month}/{day.day}/{day.year}"
    if draw < 0.50:
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if draw < 0.80:
        return day.isoformat()
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"


def _render_dues(rng: random.Random, dues: int, *, xlsx: bool) -> object:
    if dues == 0:
        return rng.choice(("", "$0.00", 0 if xlsx else "0"))
    draw = rng.random()
    if draw < 0.40:
        return f"${dues:,.2f}"
    if draw < 0.70:
        return dues if xlsx else str(dues)
    if draw < 0.90:
        return str(dues)
    return f"{dues:.2f}"


if __name__ == "__main__":
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    print(make_roster(out, count, seed))
