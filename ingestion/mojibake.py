"""Text decoded with the wrong code page, as PDFs exported from web pages often carry it ("â€“" for "–",
"Ã©" for "é", "Â·" for "·"): ftfy (the only module that imports it) undoes it. Left alone, recruiters read
"Company Name ï¼ City" in quotes, and the mangled words match nothing a job asks for."""

from __future__ import annotations

import re

import ftfy

# Where a byte of the original was lost (the PDF's producer wrote a zero-width space for a byte Windows-1252
# does not define), ftfy cannot tell what the character was. These are the two such sequences seen in
# real résumés: a full-width hyphen ("Company Name － City") and a closing double quote.
_LOST_BYTE = {"ï¼\u200b": "-", "â€\u200b": "\u201d"}
_LOST_BYTE_PATTERN = re.compile("|".join(map(re.escape, _LOST_BYTE)))
# A bullet, dash or arrow (UTF-8 E2 xx xx) read as Windows-1252: ftfy leaves "â—¦" and "â–ª" alone when the
# rest of the line looks right. "â" followed by two such characters is no word of any language.
_E2_SEQUENCE = re.compile("â[\u0080-\u02ff\u2000-\u2122]{2}")
# A no-break space read as Windows-1252 is "Â" + no-break space; where the latter became a plain space or a
# line end, the "Â" is left before it ("IÂ am"). No word ends in "Â".
_STRAY_NBSP = re.compile(r"Â(?=[ \t\n]|$)")


def repair(text: str) -> str:
    """The text as it was written, where its mojibake can be undone; other text is returned unchanged."""
    if not any(mark in text for mark in ("Ã", "Â", "â", "ï¼")):
        return text  # the common case, and ftfy is not free on a long résumé
    text = _LOST_BYTE_PATTERN.sub(lambda m: _LOST_BYTE[m[0]], text)
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False, unescape_html=False,
                         fix_character_width=False, fix_latin_ligatures=False, normalization=None)
    return _STRAY_NBSP.sub(" ", _E2_SEQUENCE.sub(_as_utf8, text))


def _as_utf8(match: re.Match[str]) -> str:
    try:
        return match[0].encode("cp1252").decode("utf-8")
    except UnicodeError:  # not a UTF-8 sequence after all
        return match[0]
