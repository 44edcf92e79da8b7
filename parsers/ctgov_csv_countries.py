"""Country names, as the ClinicalTrials.gov site writes a site's country, for reading the
Locations cells of its CSV download (``ctgov_csv_cells``): a lone part of a site is its
country only when it names one, and a " | " in a cell of one site separates two sites only
after a country.

The names are the registry's (its current and former spellings: "Korea, Republic of",
"Turkey (Türkiye)", "Former Serbia and Montenegro") and the ISO 3166 short names, matched
without regard to case, accents, apostrophes and punctuation (``is_country``). A part of a
site naming the site's own country is no city (``names_site_country``), unless the country
is named as its capital is ("Mexico", "Singapore").
"""

from __future__ import annotations

import re
import unicodedata

_NAMES = """
Afghanistan|Åland Islands|Albania|Algeria|American Samoa|Andorra|Angola|Anguilla|Antarctica|
Antigua and Barbuda|Argentina|Armenia|Aruba|Australia|Austria|Azerbaijan|Bahamas|Bahrain|
Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bermuda|Bhutan|Bolivia|
Bolivia, Plurinational State of|Bonaire, Sint Eustatius and Saba|Bosnia and Herzegovina|
Botswana|Brazil|British Virgin Islands|Brunei|Brunei Darussalam|Bulgaria|Burkina Faso|Burundi|
Cabo Verde|Cape Verde|Cambodia|Cameroon|Canada|Cayman Islands|Central African Republic|Chad|
Chile|China|Christmas Island|Colombia|Comoros|Congo|Congo, The Democratic Republic of the|
Democratic Republic of the Congo|Republic of the Congo|Cook Islands|Costa Rica|Côte d'Ivoire|
Cote D'Ivoire|Ivory Coast|Croatia|Cuba|Curaçao|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|
Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|
Eswatini|Swaziland|Ethiopia|Falkland Islands|Faroe Islands|Fiji|Finland|France|French Guiana|
French Polynesia|Gabon|Gambia|Georgia|Germany|Ghana|Gibraltar|Greece|Greenland|Grenada|
Guadeloupe|Guam|Guatemala|Guernsey|Guinea|Guinea-Bissau|Guyana|Haiti|
Holy See (Vatican City State)|Vatican City|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|
Iran|Iran, Islamic Republic of|Iraq|Ireland|Isle of Man|Israel|Italy|Jamaica|Japan|Jersey|
Jordan|Kazakhstan|Kenya|Kiribati|Korea, Democratic People's Republic of|North Korea|
Korea, Republic of|South Korea|Korea|Kosovo|Kuwait|Kyrgyzstan|Lao People's Democratic Republic|
Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Libyan Arab Jamahiriya|Liechtenstein|Lithuania|
Luxembourg|Macau|Macao|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|
Martinique|Mauritania|Mauritius|Mayotte|Mexico|Micronesia|Micronesia, Federated States of|
Moldova|Moldova, Republic of|Monaco|Mongolia|Montenegro|Montserrat|Morocco|Mozambique|Myanmar|
Burma|Namibia|Nauru|Nepal|Netherlands|Netherlands Antilles|New Caledonia|New Zealand|Nicaragua|
Niger|Nigeria|Niue|North Macedonia|Macedonia|Macedonia, The Former Yugoslav Republic of|
Northern Mariana Islands|Norway|Oman|Pakistan|Palau|Palestine|Palestine, State of|
Palestinian Territories|Palestinian Territory, occupied|Palestinian Territories, Occupied|
Panama|Papua New Guinea|Paraguay|Peru|Philippines|Pitcairn|Poland|Portugal|Puerto Rico|Qatar|
Réunion|Romania|Russia|Russian Federation|Rwanda|Saint Barthélemy|Saint Helena|
Saint Kitts and Nevis|Saint Lucia|Saint Martin|Saint Pierre and Miquelon|
Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|Senegal|
Serbia|Serbia and Montenegro|Former Serbia and Montenegro|Seychelles|Sierra Leone|Singapore|
Sint Maarten|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|
Sri Lanka|Sudan|Suriname|Svalbard and Jan Mayen|Sweden|Switzerland|Syria|Syrian Arab Republic|
Taiwan|Tajikistan|Tanzania|Tanzania, United Republic of|Thailand|Timor-Leste|East Timor|Togo|
Tokelau|Tonga|Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkey (Türkiye)|Turkmenistan|
Turks and Caicos Islands|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
Great Britain|England|Scotland|Wales|Northern Ireland|United States|United States of America|
USA|U.S.|US|United States Minor Outlying Islands|Uruguay|Uzbekistan|Vanuatu|Venezuela|
Venezuela, Bolivarian Republic of|Vietnam|Viet Nam|Virgin Islands (U.S.)|Virgin Islands, U.S.|
Virgin Islands, British|Wallis and Futuna|Western Sahara|Yemen|Yugoslavia|Zambia|Zimbabwe
"""

_NOT_KEY = re.compile(r"[^0-9a-z]+")


def place_key(name: str) -> str:
    """A name casefolded, without accents, apostrophes ("d’Ivoire") and punctuation."""
    bare = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(char for char in bare if not unicodedata.combining(char))
    return _NOT_KEY.sub(" ", bare.replace("'", "").replace("\u2019", "")).strip()


_KEYS = frozenset(place_key(name) for name in _NAMES.replace("\n", "").split("|")
                  if name.strip())


def is_country(text: str) -> bool:
    """True when the text is a country's name ("Canada", "Korea, Republic of", "Côte
    D'Ivoire"), in any case."""
    return place_key(text) in _KEYS


#: countries whose capital bears their name, so a site's city may be written as the country
_NAMED_AS_CITIES = frozenset(
    place_key(name)
    for name in (
        "Mexico", "Singapore", "Hong Kong", "Macau", "Macao", "Kuwait", "Panama", "Guatemala",
        "Luxembourg", "Monaco", "San Marino", "Djibouti", "Gibraltar", "Vatican City",
    )
)
#: places the registry lists as countries, which a site may write with the country
#: they are part of ("Macau, China, Macao, Macau")
_PART_OF = {place_key("Hong Kong"): place_key("China"),
            place_key("Macau"): place_key("China"),
            place_key("Macao"): place_key("China")}  # fmt: skip


def names_site_country(part: str, country: str) -> bool:
    """True when a part of a site names the site's own country ("Brazil" in a site in
    Brazil, "Korea" in one in "Korea, Republic of") or the country it is part of ("China"
    for Macau), and that is not also a city's name ("Mexico", "Singapore")."""
    name, own = place_key(part), place_key(country)
    if name not in _KEYS or name in _NAMED_AS_CITIES or not own:
        return False
    return own == name or own.startswith(name + " ") or _PART_OF.get(own) == name
