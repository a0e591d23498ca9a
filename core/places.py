"""Place names as résumés and questions write them: "Houston, TX" and "Texas" name the same state."""

from __future__ import annotations

import re
from collections.abc import Collection

US_STATES = {
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca", "colorado": "co",
    "connecticut": "ct", "delaware": "de", "district of columbia": "dc", "florida": "fl", "georgia": "ga",
    "hawaii": "hi", "idaho": "id", "illinois": "il", "indiana": "in", "iowa": "ia", "kansas": "ks",
    "kentucky": "ky", "louisiana": "la", "maine": "me", "maryland": "md", "massachusetts": "ma",
    "michigan": "mi", "minnesota": "mn", "mississippi": "ms", "missouri": "mo", "montana": "mt",
    "nebraska": "ne", "nevada": "nv", "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm",
    "new york": "ny", "north carolina": "nc", "north dakota": "nd", "ohio": "oh", "oklahoma": "ok",
    "oregon": "or", "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc", "south dakota": "sd",
    "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt", "virginia": "va", "washington": "wa",
    "west virginia": "wv", "wisconsin": "wi", "wyoming": "wy",
}

# Countries by their English names and the short forms people write, lower-cased.
COUNTRIES = frozenset({
    "afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria", "azerbaijan",
    "bahrain", "bangladesh", "belarus", "belgium", "bolivia", "bosnia and herzegovina", "botswana", "brazil",
    "bulgaria", "cambodia", "cameroon", "canada", "chile", "china", "colombia", "costa rica", "croatia",
    "cuba", "cyprus", "czech republic", "czechia", "denmark", "dominican republic", "ecuador", "egypt",
    "el salvador", "estonia", "ethiopia", "finland", "france", "georgia", "germany", "ghana", "greece",
    "guatemala", "honduras", "hong kong", "hungary", "iceland", "india", "indonesia", "iran", "iraq",
    "ireland", "israel", "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kuwait", "latvia",
    "lebanon", "lithuania", "luxembourg", "malaysia", "malta", "mexico", "moldova", "mongolia", "morocco",
    "nepal", "netherlands", "new zealand", "nicaragua", "nigeria", "north macedonia", "norway", "oman",
    "pakistan", "panama", "paraguay", "peru", "philippines", "poland", "portugal", "puerto rico", "qatar",
    "romania", "russia", "rwanda", "saudi arabia", "senegal", "serbia", "singapore", "slovakia", "slovenia",
    "south africa", "south korea", "korea", "spain", "sri lanka", "sweden", "switzerland", "taiwan",
    "tanzania", "thailand", "tunisia", "turkey", "uganda", "ukraine", "united arab emirates", "uae",
    "united kingdom", "uk", "england", "scotland", "wales", "united states", "usa", "us", "uruguay",
    "uzbekistan", "venezuela", "vietnam", "zambia", "zimbabwe",
})

_REGIONS = frozenset(US_STATES.values()) | COUNTRIES  # what ends "City, ST" or "City, Country"

# Cities known by two names: a question's "Bangalore" finds a résumé's "Bengaluru".
_SAME_CITY = {"bangalore": "bengaluru", "gurgaon": "gurugram", "bombay": "mumbai", "madras": "chennai",
              "calcutta": "kolkata", "cochin": "kochi", "poona": "pune", "nyc": "new york city",
              "saigon": "ho chi minh city", "peking": "beijing"}


def place_parts(text: str) -> list[str]:
    """The parts of a place, most specific first, lower-cased, a US state as its two-letter code:
    "Austin, Texas 78701" -> ["austin", "tx"]."""
    parts = [re.sub(r"\s+\d{5}(?:-\d{4})?$", "", p).strip().lower() for p in re.split(r"[,;/|]", text)]
    return [US_STATES.get(p, _SAME_CITY.get(p, p)) for p in parts if p]


_REGION_AND_CODE = re.compile(r"[A-Za-z .]+\s+\d{4,6}(?:-\d{4})?")  # "TX 78701" is a place, "Flat 4" not


def without_street(place: str) -> str:
    """A place without the street address a résumé may open with: "456 Main St, Anytown, USA" -> "Anytown,
    USA". An answer about where people are needs the town, not where they live in it."""
    parts = [p.strip() for p in place.split(",")]
    kept = [p for p in parts if not re.search(r"\d", p) or _REGION_AND_CODE.fullmatch(p)]
    return ", ".join(kept) if kept else place


def same_place(asked: str, where: str) -> bool:
    """Whether a candidate in `where` is in the place asked for: its most specific part is one of the
    candidate's ("Austin, TX" takes "Austin, TX 78701"; "Texas" takes "Houston, TX"; "Berlin, Germany"
    takes "Berlin")."""
    wanted, have = place_parts(asked), place_parts(where)
    return bool(wanted) and (wanted[0] in have or asked.strip().lower() in where.lower())


def known_place(text: str, places: Collection[str] = ()) -> bool:
    """Whether `text` names a place for certain: a US state, a country, "City, ST", or a place among
    `places` (the parts of the places the résumés in the pool give, as `place_parts` writes them)."""
    parts = place_parts(text)
    if not parts:
        return False
    if len(parts) > 1 and parts[-1] in _REGIONS:
        return True
    return parts[0] in places or parts[0] in COUNTRIES or text.strip().lower() in US_STATES
