"""The demo association's made-up people: word lists, and the maker of their contact details.

Names, places, streets, companies and job titles are built in (no network, no Faker). Phone
numbers come from ranges that regulators set aside for drama and documentation (NANP 555-01xx,
Ofcom's 0xx 496 0xxx, ACMA's 5550/7010 blocks, ARCEP's fiction ranges, the German
Bundesnetzagentur film numbers), so the demo never points a caller at a real person. E-mail
addresses use the reserved ``example.*`` domains and the ``.example`` top-level domain.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Any, Final

import phonenumbers
from phonenumbers import PhoneNumberFormat

from member_reach.store.models.people import email_key

Row = dict[str, Any]

ASSOCIATION_NAME: Final = "Allied Trades Professionals Association (demo)"
SOURCE: Final = "demo-ams"
EVENT_SOURCE: Final = "demo-events"
EVENT_SERIES: Final = "Annual Conference"
EVENT_LOCATIONS: Final = ("Chicago, IL", "Toronto, ON", "Denver, CO", "Atlanta, GA", "Seattle, WA")


@dataclass(frozen=True)
class City:
    """A place people live in, with what a roster would say about it.

    Attributes:
        country: ISO 3166-1 alpha-2 code.
        name: the city.
        region: state, province, county or Land.
        postal: a postal-code pattern: ``#`` a digit, ``@`` a letter.
        time_zone: IANA time-zone name.
        phones: national significant numbers with ``#`` for each free digit, all in fiction ranges.
        weight: how many people live there, relative to the other cities of the country.
    """

    country: str
    name: str
    region: str
    postal: str
    time_zone: str
    phones: tuple[str, ...]
    weight: int = 1


def _words(text: str) -> tuple[str, ...]:
    """Split a comma-separated list written across lines (keeps the lists short on screen)."""
    return tuple(word.strip() for word in text.split(",") if word.strip())


def _nanp(*area_codes: str) -> tuple[str, ...]:
    return tuple(f"{code}55501##" for code in area_codes)


_NY, _CHI = "America/New_York", "America/Chicago"
_DEN, _LA = "America/Denver", "America/Los_Angeles"

CITIES: Final[tuple[City, ...]] = (
    City("US", "New York", "NY", "100##", _NY, _nanp("212", "646", "718", "917"), 8),
    City("US", "Chicago", "IL", "606##", _CHI, _nanp("312", "773", "872"), 6),
    City("US", "Los Angeles", "CA", "900##", _LA, _nanp("213", "310", "323"), 5),
    City("US", "San Francisco", "CA", "941##", _LA, _nanp("415", "628"), 3),
    City("US", "San Diego", "CA", "921##", _LA, _nanp("619", "858"), 2),
    City("US", "Seattle", "WA", "981##", _LA, _nanp("206", "425"), 3),
    City("US", "Portland", "OR", "972##", _LA, _nanp("503", "971"), 2),
    City("US", "Boston", "MA", "021##", _NY, _nanp("617", "857"), 3),
    City("US", "Washington", "DC", "200##", _NY, _nanp("202"), 2),
    City("US", "Baltimore", "MD", "212##", _NY, _nanp("410", "443"), 2),
    City("US", "Philadelphia", "PA", "191##", _NY, _nanp("215", "267"), 3),
    City("US", "Atlanta", "GA", "303##", _NY, _nanp("404", "678", "770"), 3),
    City("US", "Miami", "FL", "331##", _NY, _nanp("305", "786"), 2),
    City("US", "Charlotte", "NC", "282##", _NY, _nanp("704"), 1),
    City("US", "Columbus", "OH", "432##", _NY, _nanp("614"), 1),
    City("US", "Detroit", "MI", "482##", "America/Detroit", _nanp("313", "248"), 2),
    City("US", "Indianapolis", "IN", "462##", "America/Indiana/Indianapolis", _nanp("317"), 1),
    City("US", "Dallas", "TX", "752##", _CHI, _nanp("214", "469", "972"), 3),
    City("US", "Houston", "TX", "770##", _CHI, _nanp("713", "832", "281"), 3),
    City("US", "Austin", "TX", "787##", _CHI, _nanp("512", "737"), 2),
    City("US", "Minneapolis", "MN", "554##", _CHI, _nanp("612", "952"), 2),
    City("US", "St. Louis", "MO", "631##", _CHI, _nanp("314"), 1),
    City("US", "Nashville", "TN", "372##", _CHI, _nanp("615"), 1),
    City("US", "Denver", "CO", "802##", _DEN, _nanp("303", "720"), 3),
    City("US", "Phoenix", "AZ", "850##", "America/Phoenix", _nanp("602", "480"), 2),
    City("US", "Anchorage", "AK", "995##", "America/Anchorage", _nanp("907"), 1),
    City("US", "Honolulu", "HI", "968##", "Pacific/Honolulu", _nanp("808"), 1),
    City("CA", "Toronto", "ON", "M#@ #@#", "America/Toronto", _nanp("416", "647"), 4),
    City("CA", "Ottawa", "ON", "K#@ #@#", "America/Toronto", _nanp("613"), 2),
    City("CA", "Montréal", "QC", "H#@ #@#", "America/Toronto", _nanp("514", "438"), 3),
    City("CA", "Vancouver", "BC", "V#@ #@#", "America/Vancouver", _nanp("604", "778"), 3),
    City("CA", "Calgary", "AB", "T#@ #@#", "America/Edmonton", _nanp("403", "587"), 2),
    City("CA", "Edmonton", "AB", "T#@ #@#", "America/Edmonton", _nanp("780"), 1),
    City("CA", "Winnipeg", "MB", "R#@ #@#", "America/Winnipeg", _nanp("204"), 1),
    City("CA", "Halifax", "NS", "B#@ #@#", "America/Halifax", _nanp("902"), 1),
    City("GB", "London", "Greater London", "EC#@ #@@", "Europe/London", ("2079460###",), 7),
    City("GB", "Manchester", "Greater Manchester", "M# #@@", "Europe/London", ("1614960###",), 2),
    City("GB", "Birmingham", "West Midlands", "B# #@@", "Europe/London", ("1214960###",), 2),
    City("GB", "Leeds", "West Yorkshire", "LS# #@@", "Europe/London", ("1134960###",), 1),
    City("GB", "Bristol", "Bristol", "BS# #@@", "Europe/London", ("1174960###",), 1),
    City("GB", "Glasgow", "Glasgow City", "G# #@@", "Europe/London", ("1414960###",), 1),
    City("GB", "Edinburgh", "City of Edinburgh", "EH# #@@", "Europe/London", ("1314960###",), 1),
    City("GB", "Cardiff", "Cardiff", "CF## #@@", "Europe/London", ("2920180###",), 1),
    City("GB", "Belfast", "County Antrim", "BT# #@@", "Europe/London", ("2890180###",), 1),
    City("DE", "Berlin", "Berlin", "10###", "Europe/Berlin", ("3023125###",), 3),
    City("DE", "Hamburg", "Hamburg", "20###", "Europe/Berlin", ("4066969###",), 2),
    City("DE", "Frankfurt am Main", "Hessen", "60###", "Europe/Berlin", ("6990009###",), 2),
    City("DE", "München", "Bayern", "80###", "Europe/Berlin", ("8999998###",), 2),
    City("DE", "Köln", "Nordrhein-Westfalen", "50###", "Europe/Berlin", ("2214710###",), 1),
    City("AU", "Sydney", "NSW", "20##", "Australia/Sydney", ("25550####", "27010####"), 4),
    City("AU", "Melbourne", "VIC", "30##", "Australia/Melbourne", ("35550####", "37010####"), 3),
    City("AU", "Brisbane", "QLD", "40##", "Australia/Brisbane", ("75550####", "77010####"), 2),
    City("AU", "Perth", "WA", "60##", "Australia/Perth", ("85550####",), 1),
    City("AU", "Adelaide", "SA", "50##", "Australia/Adelaide", ("87010####",), 1),
    City("FR", "Paris", "Île-de-France", "750##", "Europe/Paris", ("19900####",), 3),
    City("FR", "Lyon", "Auvergne-Rhône-Alpes", "690##", "Europe/Paris", ("46571####",), 1),
    City("FR", "Bordeaux", "Nouvelle-Aquitaine", "330##", "Europe/Paris", ("53649####",), 1),
    City("FR", "Lille", "Hauts-de-France", "590##", "Europe/Paris", ("35301####",), 1),
    City("FR", "Nantes", "Pays de la Loire", "440##", "Europe/Paris", ("26191####",), 1),
)

# Roughly a North American association with members abroad.
COUNTRY_WEIGHTS: Final = {"US": 62, "CA": 13, "GB": 10, "DE": 5, "AU": 6, "FR": 4}

# Street names; Germans write the house number after the street.
STREETS: Final = {
    "US": _words(
        "Main Street, Oak Avenue, Maple Drive, Park Avenue, Washington Street, Elm Street, "
        "Cedar Lane, Market Street, Broadway, 2nd Street, Pine Street, Highland Avenue, "
        "Commerce Street, Lakeview Road, Sunset Boulevard"
    ),
    "CA": _words(
        "King Street West, Yonge Street, Rue Sainte-Catherine, Granville Street, "
        "Jasper Avenue, Portage Avenue, Bank Street, Barrington Street, Queen Street"
    ),
    "GB": _words(
        "High Street, Station Road, Church Lane, Victoria Road, King Street, Queen's Road, "
        "Mill Lane, Park Road, The Crescent, London Road"
    ),
    "DE": _words(
        "Hauptstraße, Bahnhofstraße, Gartenweg, Schillerstraße, Goethestraße, Lindenallee, "
        "Friedrichstraße, Kirchplatz, Am Markt"
    ),
    "AU": _words(
        "George Street, Collins Street, Queen Street, Hay Street, King William Street, "
        "Beach Road, The Esplanade, Ocean Parade, Church Street"
    ),
    "FR": _words(
        "rue de la République, avenue Victor Hugo, boulevard Haussmann, rue Nationale, "
        "place de la Mairie, rue du Commerce, avenue Jean Jaurès, quai des Chartrons"
    ),
}

LEGAL_SUFFIXES: Final = {
    "US": ("Inc.", "LLC", "Corp.", ""),
    "CA": ("Inc.", "Ltd.", ""),
    "GB": ("Ltd", "plc", "LLP", ""),
    "DE": ("GmbH", "AG", "GmbH & Co. KG"),
    "AU": ("Pty Ltd", ""),
    "FR": ("SAS", "SARL", "SA"),
}

COMPANY_WORDS: Final = _words(
    """
    Northwind, Blue Harbor, Summit, Keystone, Redwood, Ironbridge, Silverline, Cascade, Granite,
    Beacon, Riverside, Pioneer, Crescent, Evergreen, Lakeshore, Harbourview, Sterling, Oakridge,
    Meridian, Falcon, Copperfield, Bluestone, Westgate, Highland, Brightwater, Clearpoint,
    Trident, Horizon, Juniper, Alder, Kestrel, Lighthouse, Maplewood, Northstar, Orchard,
    Prairie, Quarry, Ridgeway
    """
)
COMPANY_KINDS: Final = _words(
    """
    Logistics, Engineering, Consulting, Supply, Manufacturing, Systems, Partners, Builders,
    Analytics, Components, Electrical, Mechanical, Design Group, Labs, Fabrication, Instruments,
    Safety, Contracting, Materials, Software
    """
)

JOB_TITLES: Final = _words(
    """
    Project Manager, Senior Engineer, Operations Director, Estimator, Site Supervisor, Owner,
    President, VP of Sales, Procurement Lead, Safety Officer, Quality Manager,
    Design Engineer, Technician, Account Manager, Controller, Training Coordinator,
    Business Development Manager, Chief Executive Officer, Office Manager, Consultant,
    Apprentice, Plant Manager, Field Service Engineer
    """
)
ORG_CONTACT_TITLES: Final = _words(
    """
    Membership Contact, Office Manager, HR Director, Marketing Manager, Chief Operating Officer,
    Executive Assistant
    """
)

FIRST_NAMES: Final = _words(
    """
    James, Mary, Robert, Patricia, John, Jennifer, Michael, Linda, David, Elizabeth, William,
    Barbara, Richard, Susan, Joseph, Jessica, Thomas, Sarah, Christopher, Karen, Daniel, Lisa,
    Matthew, Nancy, Anthony, Sandra, Mark, Ashley, Steven, Emily, Andrew, Michelle, Joshua,
    Amanda, Kevin, Melissa, Brian, Stephanie, George, Rebecca, Timothy, Laura, Ryan, Amy, Jacob,
    Angela, Nicholas, Rachel, Eric, Catherine, Jonathan, Emma, Samuel, Olivia, Benjamin, Sophia,
    Nathan, Chloe, Ethan, Grace, Liam, Hannah, Noah, Zoe, Oliver, Charlotte, Lucas, Isabella,
    Henry, Ava, José, María, Luis, Ana, Carlos, Carmen, Juan, Lucía, Miguel, Sofía, Alejandro,
    Valentina, Diego, Camila, Javier, Isabel, Wei, Mei, Jun, Li, Hiroshi, Yuki, Kenji, Aiko,
    Min-jun, Ji-woo, Seo-yeon, Hyun, Priya, Arjun, Ananya, Rohan, Deepa, Vikram, Aisha, Omar,
    Fatima, Ahmed, Layla, Yusuf, Mariam, Hassan, Amara, Chinedu, Ngozi, Kwame, Abena, Tendai,
    Thandiwe, Kofi, Zainab, Olumide, Lars, Ingrid, Sven, Astrid, Jürgen, Anke, Klaus, Sabine,
    Matthias, Katrin, Pierre, Camille, Élodie, Julien, Mathieu, Océane, François, Margaux,
    Giulia, Marco, Francesca, Luca, Chiara, Dmitri, Olga, Sergei, Natalia, Aleksander, Katarzyna,
    Piotr, Agnieszka, Siobhan, Declan, Niamh, Ciarán, Aoife, Rhys, Cerys, Ewan, Isla, Hamish,
    Mia, Leilani, Kai, Tane, Aroha, Mateo, Gabriel, Beatriz, Thiago, Larissa, Huong, Linh, Minh,
    Thu, Raj, Sunita, Tariq, Noor, Elif, Emre, Zeynep, Mehmet, Dana, Jordan, Taylor, Morgan
    """
)

LAST_NAMES: Final = _words(
    """
    Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas,
    Moore, Martin, Jackson, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young,
    Allen, King, Wright, Scott, Hill, Green, Adams, Baker, Nelson, Carter, Mitchell, Roberts,
    Turner, Phillips, Campbell, Parker, Evans, Edwards, Collins, Stewart, Morris, Murphy, Cook,
    Rogers, Morgan, Cooper, Peterson, Reed, Bailey, Bell, Kelly, Howard, Ward, Cox, Richardson,
    Wood, Watson, Brooks, Bennett, Gray, Hughes, Price, Sanders, Myers, Long, Ross, Foster,
    García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres,
    Flores, Rivera, Gómez, Díaz, Reyes, Cruz, Morales, Ortiz, Gutiérrez, Chávez, Ramos, Castillo,
    Vargas, Nguyen, Tran, Le, Pham, Chen, Wang, Li, Zhang, Liu, Huang, Zhao, Wu, Kim, Lee, Park,
    Choi, Jung, Kang, Tanaka, Suzuki, Sato, Watanabe, Yamamoto, Nakamura, Patel, Shah, Singh,
    Kumar, Sharma, Gupta, Reddy, Iyer, Khan, Ali, Hussain, Rahman, Haddad, Nasser, Mansour,
    Okafor, Adeyemi, Mensah, Owusu, Nkosi, Mwangi, Diallo, Müller, Schmidt, Schneider, Fischer,
    Weber, Becker, Hoffmann, Schäfer, Koch, Richter, Dubois, Lefebvre, Moreau, Laurent, Girard,
    Bernard, Rousseau, Fontaine, Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Kowalski,
    Nowak, Wiśniewski, Ivanov, Petrov, Novak, Horvat, O'Brien, O'Connor, McCarthy, Walsh, Byrne,
    Murray, Quinn, MacDonald, Fraser, Robertson, Jones-Evans, Llewellyn, Johansson, Andersen,
    Nielsen, Larsen, Virtanen, de Vries, van der Berg, Jansen, Silva, Santos, Oliveira, Costa,
    Pereira, Yilmaz, Demir, Kaya, Cohen, Levi, Friedman, Ngata, Walker-Smith, St. John,
    Van Buren, Abernathy, Fitzgerald, Kaur, Mehta
    """
)

PERSONAL_EMAIL_DOMAINS: Final = _words("example.com, example.net, example.org, mail.example.com")
PROSPECT_NOTES: Final = (
    *_words(
        "Downloaded the membership guide., Referred by a member., Asked about corporate rates."
    ),
    "",
)

_LETTERS: Final = "ABCEGHJKLMNPRSTVWXYZ"
# How North Americans type 212-555-0123, and how often.
_NANP_FORMATS: Final = _words(
    "({a}) {b}-{c}, {a}-{b}-{c}, {a}.{b}.{c}, {a}{b}{c}, 1-{a}-{b}-{c}, +1 {a} {b} {c}, "
    "+1 ({a}) {b}-{c}, {a} {b} {c}"
)
_NANP_WEIGHTS: Final = (30, 25, 8, 8, 6, 10, 5, 8)
_EXTENSIONS: Final = (" ext. ", " x", " ext ")
_FLATS: Final = ("Suite 200", "Apt 4B", "Floor 3", "Unit 12")
_BLANK_PERSON: Final = dict.fromkeys(
    _words("first_name, middle_name, last_name, display_name, organisation, job_title, notes"), ""
)

Contact = tuple[Row, list[Row], list[Row]]  # person, e-mail addresses, phone numbers


def _fill(pattern: str, rng: random.Random) -> str:
    """Replace each ``#`` by a digit and each ``@`` by a letter."""
    fill = {"#": lambda: str(rng.randrange(10)), "@": lambda: rng.choice(_LETTERS)}
    return "".join(fill[c]() if c in fill else c for c in pattern)


def ascii_slug(text: str, keep: str = "") -> str:
    """Return ``text`` lower-cased, without accents, keeping letters, digits and ``keep``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(f"[^a-z0-9{re.escape(keep)}]", "", plain.lower())


def human_phone(country: str, nsn: str, rng: random.Random) -> str:
    """Write a national significant number as a person in ``country`` might type it."""
    if country in ("US", "CA"):
        template = rng.choices(_NANP_FORMATS, _NANP_WEIGHTS)[0]
        return template.format(a=nsn[:3], b=nsn[3:6], c=nsn[6:])
    code = phonenumbers.country_code_for_region(country)
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(nsn))
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    # Australians dial 0011 abroad, not 00: nobody there writes 0061.
    dialled = international.replace(" ", "") if country == "AU" else "00" + international[1:]
    with_trunk = international.replace(f"+{code} ", f"+{code} (0)", 1)
    choices = (national, international, national.replace(" ", ""), national.replace(" ", "-"))
    return rng.choices((*choices, dialled, with_trunk), (35, 25, 12, 8, 10, 10))[0]


class Contacts:
    """Makes people's person rows, e-mail addresses and phone numbers from one random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._cities = {c: [city for city in CITIES if city.country == c] for c in COUNTRY_WEIGHTS}
        self._phones: set[str] = set()
        self._emails: set[str] = set()
        self._companies: set[str] = set()

    def city(self) -> City:
        """A city: countries, then cities, weighted by how many people live there."""
        country = self.rng.choices(list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values()))[0]
        cities = self._cities[country]
        return self.rng.choices(cities, [c.weight for c in cities])[0]

    def company(self, country: str) -> tuple[str, str]:
        """A company name (new while names last) and its e-mail domain."""
        for _ in range(40):
            word, kind = self.rng.choice(COMPANY_WORDS), self.rng.choice(COMPANY_KINDS)
            if f"{word} {kind}" not in self._companies:
                break
        self._companies.add(f"{word} {kind}")
        name = f"{word} {kind} {self.rng.choice(LEGAL_SUFFIXES[country])}".strip()
        return name, f"{ascii_slug(word + kind)}-{country.lower()}.example"

    def phone(self, city: City, kind: str, primary: bool) -> Row:
        """A phone number in ``city`` as a person typed it, with its E.164 form."""
        for _ in range(20):
            nsn = _fill(self.rng.choice(city.phones), self.rng)
            if nsn not in self._phones:
                break
        self._phones.add(nsn)
        original = human_phone(city.country, nsn, self.rng)
        if kind == "work" and self.rng.random() < 0.1:
            original += f"{self.rng.choice(_EXTENSIONS)}{self.rng.randint(100, 499)}"
        # Every range is a valid one (the demo's tests parse each number back): its E.164 form
        # is written directly, which parsing and validating each number took half the time of
        # planning the people to do.
        e164 = f"+{phonenumbers.country_code_for_region(city.country)}{nsn}"
        return dict(original=original, e164=e164, kind=kind, is_primary=primary, problem="")

    def email(self, first: str, last: str, domain: str, kind: str, primary: bool) -> Row:
        """An e-mail address made from a name, unique in the demo."""
        f, surname = ascii_slug(first) or "info", ascii_slug(last, "-")
        styles = (f"{f}.{surname}", f"{f}{surname}", f"{f[0]}{surname}", f"{surname}.{f}")
        local = self.rng.choice(styles) if surname else f
        address = f"{local}@{domain}"
        while email_key(address) in self._emails:
            address = f"{local}{self.rng.randint(2, 999)}@{domain}"
        self._emails.add(email_key(address))
        if self.rng.random() < 0.08:  # typed with capitals, as people do
            address = address.title()
        return dict(address=address, address_key=email_key(address), kind=kind, is_primary=primary)

    def _person(self, city: City, **names: str) -> Row:
        rng, country = self.rng, city.country
        number, street = (
            rng.randint(1, 180 if country == "DE" else 2400),
            rng.choice(STREETS[country]),
        )
        roll = rng.random()
        return {
            **_BLANK_PERSON,
            **names,
            "is_organisation": False,
            "address_line1": f"{street} {number}" if country == "DE" else f"{number} {street}",
            "address_line2": rng.choice(_FLATS) if rng.random() < 0.12 else "",
            "city": city.name,
            "region": city.region,
            "postal_code": _fill(city.postal, rng),
            "country": country,
            "time_zone": city.time_zone,
            "do_not_call": roll < 0.025,
            "do_not_email": 0.025 <= roll < 0.04,
            "preferred_contact": rng.choice(("", "", "", "email", "phone", "mail")),
        }

    def _phones_for(self, city: City, kinds: tuple[str, ...], chance: float) -> list[Row]:
        if self.rng.random() >= chance:
            return []
        phones = [self.phone(city, kinds[0], True)]
        if self.rng.random() < 0.25:
            phones.append(self.phone(city, self.rng.choice(kinds[1:]), False))
        return phones

    def individual(self, prospect: bool = False) -> Contact:
        """A person (often with an employer), with e-mail addresses and phone numbers."""
        rng, city = self.rng, self.city()
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        employer, domain = self.company(city.country) if rng.random() < 0.55 else ("", "")
        person = self._person(
            city,
            first_name=first,
            middle_name=f"{rng.choice(string.ascii_uppercase)}." if rng.random() < 0.15 else "",
            last_name=last,
            display_name=f"{first} {last}",
            organisation=employer,
            job_title=rng.choice(JOB_TITLES) if employer else "",
            notes=rng.choice(PROSPECT_NOTES) if prospect else "",
        )
        emails = []
        if rng.random() < 0.9:
            work = bool(domain) and rng.random() < 0.5
            mail_domain = domain if work else rng.choice(PERSONAL_EMAIL_DOMAINS)
            emails.append(self.email(first, last, mail_domain, "work" if work else "home", True))
            if rng.random() < 0.12:
                other = rng.choice(PERSONAL_EMAIL_DOMAINS)
                emails.append(self.email(first, last, other, "home", False))
        kinds = rng.choice((("mobile", "home", "work"), ("work", "mobile"), ("home", "mobile")))
        return person, emails, self._phones_for(city, kinds, 0.93)

    def organisation(self, with_contact: bool) -> Contact:
        """A company (maybe with a named contact), with e-mail addresses and phone numbers."""
        rng, city = self.rng, self.city()
        name, domain = self.company(city.country)
        first, last = (
            (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) if with_contact else ("", "")
        )
        title = rng.choice(ORG_CONTACT_TITLES) if with_contact else ""
        person = self._person(
            city,
            first_name=first,
            last_name=last,
            display_name=name,
            organisation=name,
            job_title=title,
        )
        person["is_organisation"] = True
        mailbox = rng.choice(("info", "membership", "office"))
        emails = [self.email(mailbox, "", domain, "work", not with_contact)]
        if with_contact and rng.random() < 0.7:
            emails.insert(0, self.email(first, last, domain, "work", True))
        emails[0]["is_primary"] = True
        return person, emails, self._phones_for(city, ("work", "mobile"), 0.97)
