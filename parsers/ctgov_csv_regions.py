"""Regions (states, provinces, prefectures…) of the countries with the most trial sites, as the
registry writes a site's state, for reading the Locations cells of its CSV download
(``ctgov_csv_cells``).

A site of two parts before its country is "Facility, City" ("Gustave Roussy, Villejuif,
France") or, when the sponsor withheld the facility's name, "City, State" ("Milano, Lombardia,
Italy", "Kobe, Hyogo, Japan"). ``is_region`` tells the second kind: the part names a region of
the site's country (matched without regard to case, accents and punctuation, with or without
a suffix such as "-ken" or "Sheng"), or reads as one ("Region Hovedstaden", "Moscow Oblast",
"Västra Götalands län", "Co. Cork").

Regions named as their main city ("Berlin", "Madrid", "Seoul", "Antwerpen", "Puebla") are not
listed, so that "Charité, Berlin, Germany" or "UZA, Antwerpen, Belgium" keeps its facility;
Japan's prefectures are (its facilities' names say what they are: "…Hospital", "…Clinic").
"""

from __future__ import annotations

import re

from .ctgov_csv_countries import place_key as _key

_REGIONS: dict[tuple[str, ...], str] = {
    ("Australia",): """New South Wales|Victoria|Queensland|South Australia|Western Australia|
        Tasmania|Australian Capital Territory|Northern Territory|NSW|QLD|VIC|ACT|WA|SA|TAS|NT""",
    ("Canada",): """Alberta|British Columbia|Manitoba|New Brunswick|Newfoundland and Labrador|
        Newfoundland|Nova Scotia|Ontario|Prince Edward Island|Quebec|Saskatchewan|
        Northwest Territories|Nunavut|Yukon|AB|BC|MB|NB|NL|NS|ON|PE|QC|SK""",
    ("Germany",): """Baden-Württemberg|Bayern|Bavaria|Brandenburg|Hessen|Hesse|
        Mecklenburg-Vorpommern|Niedersachsen|Lower Saxony|Nordrhein-Westfalen|
        North Rhine-Westphalia|Rheinland-Pfalz|Rhineland-Palatinate|Saarland|Sachsen|Saxony|
        Sachsen-Anhalt|Saxony-Anhalt|Schleswig-Holstein|Thüringen|Thuringia""",
    ("Austria",): """Burgenland|Kärnten|Carinthia|Niederösterreich|Lower Austria|
        Oberösterreich|Upper Austria|Steiermark|Styria|Tirol|Tyrol|Vorarlberg""",
    ("Switzerland",): """Aargau|Graubünden|Thurgau|Ticino|Valais|Wallis|Vaud|Basel-Stadt|
        Basel-Landschaft|Appenzell|Schwyz|Glarus|Jura""",
    ("Italy",): """Abruzzo|Basilicata|Calabria|Campania|Emilia-Romagna|Friuli-Venezia Giulia|
        Friuli Venezia Giulia|Lazio|Liguria|Lombardia|Lombardy|Marche|Molise|Piemonte|Piedmont|
        Puglia|Apulia|Sardegna|Sardinia|Sicilia|Sicily|Toscana|Tuscany|Trentino-Alto Adige|
        Trentino|Alto Adige|Umbria|Valle d'Aosta|Aosta Valley|Veneto""",
    ("Spain",): """Andalucía|Andalusia|Aragón|Asturias|Principado de Asturias|Baleares|
        Illes Balears|Islas Baleares|Balearic Islands|Canarias|Islas Canarias|Canary Islands|
        Santa Cruz de Tenerife|Las Palmas|Cantabria|Castilla y León|Castilla-León|
        Castilla-La Mancha|Castilla La Mancha|Cataluña|Catalunya|Catalonia|
        Comunidad Valenciana|Comunitat Valenciana|Valencian Community|Extremadura|Galicia|
        La Rioja|Comunidad de Madrid|Madrid, Comunidad de|Región de Murcia|Navarra|Navarre|
        País Vasco|Basque Country|Euskadi|Vizcaya|Bizkaia|Guipúzcoa|Gipuzkoa|Álava|Araba""",
    ("France",): """Île-de-France|Auvergne-Rhône-Alpes|Hauts-de-France|Grand Est|
        Nouvelle-Aquitaine|Occitanie|Bretagne|Brittany|Normandie|Normandy|Pays de la Loire|
        Provence-Alpes-Côte d'Azur|Bourgogne-Franche-Comté|Centre-Val de Loire|Corse|Alsace|
        Aquitaine|Midi-Pyrénées|Languedoc-Roussillon|Rhône-Alpes|Lorraine|Picardie|Limousin|
        Poitou-Charentes|Haute-Normandie|Basse-Normandie|Champagne-Ardenne|Franche-Comté|
        Auvergne|Bourgogne|Nord-Pas-de-Calais|Rhône|Bouches-du-Rhône|Alpes-Maritimes|
        Haute-Garonne|Gironde|Loire-Atlantique|Ille-et-Vilaine|Bas-Rhin|Haut-Rhin|Val-de-Marne|
        Hauts-de-Seine|Seine-Saint-Denis|Val-d'Oise|Essonne|Yvelines|Seine-et-Marne|Isère|
        Hérault|Finistère|Moselle|Meurthe-et-Moselle|Puy-de-Dôme|Maine-et-Loire|Indre-et-Loire|
        Côte-d'Or|Doubs|Var|Vaucluse|Gard|Calvados|Seine-Maritime|Somme|Pas-de-Calais|Marne""",
    ("Belgium",): """Oost-Vlaanderen|East-Flanders|East Flanders|
        West-Vlaanderen|West-Flanders|West Flanders|Vlaams-Brabant|Vlaams Brabant|
        Flemish Brabant|Brabant Wallon|Walloon Brabant|Hainaut|Limburg|Luxembourg|
        Brussels-Capital Region|Bruxelles-Capitale|Brussels Capital|Vlaanderen|Flanders|
        Wallonie|Wallonia""",
    ("Netherlands",): """Drenthe|Flevoland|Friesland|Fryslân|Gelderland|Noord-Brabant|
        North Brabant|Noord-Holland|North Holland|Overijssel|Zeeland|Zuid-Holland|South Holland|
        Limburg""",
    ("United Kingdom", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"): """
        England|Scotland|Wales|Northern Ireland|Greater London|Greater Manchester|
        West Midlands|East Midlands|Merseyside|West Yorkshire|South Yorkshire|North Yorkshire|
        East Yorkshire|East Riding of Yorkshire|Yorkshire|Tyne and Wear|Hampshire|Kent|Essex|
        Surrey|Sussex|East Sussex|West Sussex|Devon|Cornwall|Dorset|Somerset|Avon|
        Gloucestershire|Oxfordshire|Cambridgeshire|Norfolk|Suffolk|Lancashire|Cheshire|Cumbria|
        Derbyshire|Nottinghamshire|Leicestershire|Lincolnshire|Staffordshire|Shropshire|
        Warwickshire|Worcestershire|Herefordshire|Wiltshire|Berkshire|Buckinghamshire|
        Hertfordshire|Bedfordshire|Northamptonshire|Middlesex|Lanarkshire|Lothian|Midlothian|
        West Lothian|Strathclyde|Glamorgan|South Glamorgan|Mid Glamorgan|West Glamorgan|
        Gwent|Dyfed|Gwynedd|Clwyd|Powys|County Durham|Durham|Northumberland|Isle of Wight|
        Antrim|County Antrim|Tayside|Grampian|Fife|Highland|Ayrshire|Dumfries and Galloway|
        Renfrewshire|Aberdeenshire|Cleveland|Humberside|Rutland|Merseyside""",
    ("Ireland",): """Leinster|Munster|Connacht|Ulster""",
    ("Poland",): """Dolnośląskie|Kujawsko-pomorskie|Lubelskie|Lubuskie|Łódzkie|Małopolskie|
        Mazowieckie|Opolskie|Podkarpackie|Podlaskie|Pomorskie|Śląskie|Świętokrzyskie|
        Warmińsko-mazurskie|Wielkopolskie|Zachodniopomorskie|Lower Silesian|Masovian|
        Lesser Poland|Greater Poland|Silesian|Pomeranian|Subcarpathian|West Pomeranian""",
    ("Japan",): """Aichi|Akita|Aomori|Chiba|Ehime|Fukui|Fukuoka|Fukushima|Gifu|Gunma|Hiroshima|
        Hokkaido|Hyogo|Ibaraki|Ishikawa|Iwate|Kagawa|Kagoshima|Kanagawa|Kochi|Kumamoto|Kyoto|
        Mie|Miyagi|Miyazaki|Nagano|Nagasaki|Nara|Niigata|Oita|Okayama|Okinawa|Osaka|Saga|
        Saitama|Shiga|Shimane|Shizuoka|Tochigi|Tokushima|Tokyo|Tottori|Toyama|Wakayama|
        Yamagata|Yamaguchi|Yamanashi""",
    ("China",): """Anhui|Fujian|Gansu|Guangdong|Guangxi|Guizhou|Hainan|Hebei|
        Heilongjiang|Henan|Hubei|Hunan|Inner Mongolia|Nei Mongol|Jiangsu|Jiangxi|Jilin|
        Liaoning|Ningxia|Qinghai|Shaanxi|Shandong|Shanxi|Sichuan|Tibet|
        Xizang|Xinjiang|Yunnan|Zhejiang""",
    ("Korea, Republic of", "South Korea", "Korea"): """Gyeonggi|Gyeonggi-do|Kyonggi-do|
        Gangwon|Gangwon-do|Chungbuk|Chungcheongbuk|Chungnam|Chungcheongnam|Jeonbuk|Jeollabuk|Jeonnam|Jeollanam|Gyeongbuk|
        Gyeongsangbuk|Gyeongnam|Gyeongsangnam|Jeju|Jeju-do""",
    ("India",): """Andhra Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana|
        Himachal Pradesh|Jharkhand|Karnataka|Kerala|Madhya Pradesh|Maharashtra|Manipur|Odisha|
        Orissa|Punjab|Rajasthan|Tamil Nadu|Telangana|Uttar Pradesh|Uttarakhand|West Bengal|
        Jammu and Kashmir|Meghalaya|Tripura|Sikkim""",
    ("Brazil",): """Acre|Alagoas|Amapá|Amazonas|Bahia|Ceará|Distrito Federal|Espírito Santo|
        Goiás|Maranhão|Mato Grosso|Mato Grosso do Sul|Minas Gerais|Pará|Paraíba|Paraná|
        Pernambuco|Piauí|Rio Grande do Norte|Rio Grande do Sul|Rondônia|Roraima|
        Santa Catarina|Sergipe|Tocantins|RS|SP|RJ|MG|PR|SC|BA|PE|CE|GO|DF|ES|PA|AM|MA|PB|RN|
        AL|PI|MT|MS|SE|RO|TO|AC|AP|RR""",
    ("Argentina",): """Ciudad Autónoma de Buenos Aires|Ciudad Auton. de Buenos Aires|
        Capital Federal|Provincia de Buenos Aires|Chaco|Chubut|Entre Ríos|
        Jujuy|La Pampa|Misiones|Río Negro|Santa Cruz|
        Santiago del Estero|Tierra del Fuego|Tucumán""",
    ("Mexico",): """Baja California|Baja California Sur|Chiapas|Coahuila|Distrito Federal|
        Ciudad de México|Estado de México|Guerrero|Hidalgo|Jalisco|Michoacán|Morelos|Nayarit|
        Nuevo León|Quintana Roo|Sinaloa|Sonora|Tabasco|Tamaulipas|Yucatán""",
    ("South Africa",): """Eastern Cape|Free State|Gauteng|KwaZulu-Natal|Limpopo|Mpumalanga|
        North West|Northern Cape|Western Cape""",
    ("Colombia",): """Antioquia|Atlántico|Bolívar|Boyacá|Caldas|Cauca|Cesar|Cundinamarca|Huila|
        Magdalena|Meta|Nariño|Norte de Santander|Quindío|Risaralda|Santander|Tolima|
        Valle del Cauca|Distrito Capital|Bogotá D.C.""",
    ("Chile",): """Región Metropolitana|Region Metropolitana|Metropolitana|RM|
        Biobío|Bío-Bío|Araucanía|La Araucanía|Los Lagos|Maule|
        O'Higgins|Los Ríos""",
    ("Greece",): """Attiki|Attica|Attikí|Crete|Kriti|Central Macedonia|Thessaly|Epirus""",
    ("Malaysia",): """Selangor|Johor|Kedah|Kelantan|Negeri Sembilan|Pahang|
        Perak|Perlis|Pulau Pinang|Penang|Sabah|Sarawak|Terengganu|Wilayah Persekutuan|
        Federal Territory of Kuala Lumpur""",
    ("Philippines",): """Metro Manila|National Capital Region|NCR|Davao del Sur""",
    ("New Zealand",): """Canterbury|Waikato|Otago|Southland|Bay of Plenty|Hawke's Bay|
        Manawatu-Wanganui|Northland|Taranaki""",
}

#: a part that reads as a region whatever its country: "Region Hovedstaden", "Moscow Oblast",
#: "Krasnodarskiy Kray", "Västra Götalands län", "Jihomoravský kraj", "Co. Cork",
#: "Hyogo Prefecture", "Guangdong Province", "Bangkok Metropolis" …
_READS_AS_REGION = re.compile(
    r"(?i).*\b(?:region|r[eé]gion|regi[oó]n|provincia|province|county|oblast'?|kray|krai|kraj|"
    r"l[aä]n|prefecture|voivodeship|governorate|metropolis|canton)\b.*"
    r"|(?:co\.|state of|estado de)\s\S.*|.*\S\s(?:state|district|territory)"
)

#: suffixes a region's name is written with or without ("Osaka-fu", "Hebei Sheng", "Gyeonggi-do")
_SUFFIX = re.compile(r" (?:ken|fu|to|do|sheng|shi|zizhiqu|province|prefecture)$")


def _table() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for countries, names in _REGIONS.items():
        keys = frozenset(_key(name) for name in names.replace("\n", "").split("|")
                         if name.strip())
        for country in countries:
            table[_key(country)] = keys
    return table


_TABLE = _table()


def is_region(part: str, country: str) -> bool:
    """True when a site's part names a region of its country ("Lombardia" in Italy, "Hyogo-ken"
    in Japan) or reads as a region ("Region Midtjylland", "Moscow Oblast")."""
    if _READS_AS_REGION.fullmatch(part.strip()) is not None:
        return True
    regions = _TABLE.get(_key(country))
    if regions is None:
        return False
    name = _key(part)
    return name in regions or _SUFFIX.sub("", name) in regions


def same_name(first: str, second: str) -> bool:
    """True when two parts name one place, whatever their case and accents ("Cordoba,
    Córdoba")."""
    return _key(first) == _key(second) != ""
