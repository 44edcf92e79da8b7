"""Where each compared trial runs: the countries of its sites, and how many sites recruit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .fields import Record

#: A site counts as recruiting in one of these statuses (docs/record.md Location.status).
RECRUITING_STATUSES = frozenset({"RECRUITING", "NOT_YET_RECRUITING"})


@dataclass
class Sites:
    """One trial's sites.

    countries: (country, number of sites) for each distinct country, most sites first (ties
        by name); no_country: listed sites that name no country; listed: the sites the record
        lists; stated: the number of sites the record states (locations_count, which may
        exceed the list when the source only counts them); recruiting: listed sites whose
        status is RECRUITING or NOT_YET_RECRUITING, None when no listed site states a status
        (a CSV export has none) so that "0 recruiting" is never guessed.
    """

    countries: list[tuple[str, int]]
    no_country: int
    listed: int
    stated: int | None
    recruiting: int | None

    def to_json(self) -> dict[str, Any]:
        """The sites as JSON-able data (docs/compare.md)."""
        return {
            "countries": [{"country": name, "sites": count} for name, count in self.countries],
            "no_country": self.no_country,
            "listed": self.listed,
            "stated": self.stated,
            "recruiting": self.recruiting,
        }


def country_of(location: dict[str, Any]) -> str | None:
    """A site's country, whitespace-collapsed; None when it names none."""
    country = location.get("country")
    if not isinstance(country, str):
        return None
    return " ".join(country.split()) or None


def sites_of(record: Record) -> Sites:
    """The sites of a record (a record without the locations section lists none)."""
    locations = [loc for loc in record.get("locations") or [] if isinstance(loc, dict)]
    names = [country_of(loc) for loc in locations]
    counts = Counter(name for name in names if name)
    countries = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    statuses = [loc.get("status") for loc in locations]
    recruiting = (
        sum(status in RECRUITING_STATUSES for status in statuses)
        if any(status is not None for status in statuses)
        else None
    )
    stated = record.get("locations_count")
    return Sites(
        countries=countries,
        no_country=names.count(None),
        listed=len(locations),
        stated=stated if isinstance(stated, int) else None,
        recruiting=recruiting,
    )
