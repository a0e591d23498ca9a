"""How common a word is in English at large, from wordfreq (the only module that imports it): a word a
question uses that is common English ("good", "role", "Apple") is absent from the pool, not misspelt."""

from __future__ import annotations

from wordfreq import zipf_frequency

# Zipf 3.5 is about once in 300,000 words. "good" 6.1, "role" 5.2, "Apple" 4.8, "Walmart" 4.0 are words in
# their own right; the slips people make ("thier" 3.0, "recieve" 2.8, "managment" 2.2, "Pyhton" 0) fall below.
COMMON = 3.5


def is_common_english(word: str) -> bool:
    return zipf_frequency(word, "en") >= COMMON
