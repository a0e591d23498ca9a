"""Place names as résumés and questions write them: "Houston, TX" and "Texas" name the same state."""

from __future__ import annotations

import re

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


def place_parts(text: str) -> list[str]:
    """The parts of a place, most specific first, lower-cased, a US state as its two-letter code:
    "Austin, Texas 78701" -> ["austin", "tx"]."""
    parts = [re.sub(r"\s+\d{5}(?:-\d{4})?$", "", p).strip().lower() for p in re.split(r"[,;/|]", text)]
    return [US_STATES.get(p, p) for p in parts if p]


def same_place(asked: str, where: str) -> bool:
    """Whether a candidate in `where` is in the place asked for: its most specific part is one of the
    candidate's ("Austin, TX" takes "Austin, TX 78701"; "Texas" takes "Houston, TX"; "Berlin, Germany"
    takes "Berlin")."""
    wanted, have = place_parts(asked), place_parts(where)
    return bool(wanted) and (wanted[0] in have or asked.strip().lower() in where.lower())
