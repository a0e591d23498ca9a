"""A candidate's work history read from their dated positions: gaps between jobs, how long they stay in one,
and whether they hold one now. Pure: the profile's positions in, months out.

A résumé that writes only years ("2010 - 2013") is read as January of them, so a gap is measured at its
shortest: an end that may be a bare year runs to that year's December. "2010 - 2013, 2014 - 2016" has no
gap, though the months say twelve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingestion.dates import month_index, month_of
from retrieval.pool import CandidateView

GAP_MONTHS = 6  # shorter breaks are notice periods and moves, not gaps a recruiter asks about


@dataclass(frozen=True)
class Gap:
    before: dict[str, Any]  # the position that ended (of those ended last, the one ending latest)
    after: dict[str, Any]  # the position that started next
    months: int  # at least this long


def dated(candidate: CandidateView) -> list[dict[str, Any]]:
    """The positions the résumé dates, earliest first."""
    return sorted((p for p in candidate.profile.get("positions", []) if p.get("start")),
                  key=lambda p: p["start"])


def gaps(candidate: CandidateView, *, at_least: int = GAP_MONTHS) -> list[Gap]:
    """Breaks of `at_least` months or more between dated positions (overlapping ones count as one span),
    longest first. A break after the last position is no gap here: see `current`."""
    now = month_of(candidate.present)
    found = []
    reach: tuple[int, dict[str, Any]] | None = None  # the latest month worked so far, and in which position
    for position in dated(candidate):
        start = month_index(position["start"])
        if reach is not None and start - reach[0] - 1 >= at_least:
            found.append(Gap(reach[1], position, start - reach[0] - 1))
        end = _latest_end(position, now)
        if reach is None or end > reach[0]:
            reach = (end, position)
    return sorted(found, key=lambda g: -g.months)


def mean_tenure(candidate: CandidateView) -> float | None:
    """Months in a dated position, on average (an open one runs to the file's date or today); None for no
    dated position. Bare years count as written: "2010 - 2013" is 36 months."""
    now = month_of(candidate.present)
    months = [max(1, (now if p.get("end") is None else month_index(p["end"])) - month_index(p["start"]))
              for p in dated(candidate)]
    return sum(months) / len(months) if months else None


def current(candidate: CandidateView) -> dict[str, Any] | None:
    """The position the résumé says is still going ("to Present"), the latest started of them; None when every
    dated position has ended."""
    ongoing = [p for p in dated(candidate) if p.get("end") is None]
    return ongoing[-1] if ongoing else None


def described(position: dict[str, Any]) -> str:
    """ "Flight Attendant, 2010 to 2014"; "to now" for a current one. Years only: the profile writes a
    résumé's "2014" as 2014-01, which is no month the résumé gave."""
    start, end = position.get("start"), position.get("end")
    return f"{position['title']}, {start[:4]} to {end[:4] if end else 'now'}" if start else position["title"]


def _latest_end(position: dict[str, Any], now: int) -> int:
    """The last month the position may have run to: an open end is now; January may be a bare year."""
    end = position.get("end")
    if end is None:
        return now
    return month_index(end) + (11 if end.endswith("-01") else 0)
