"""Which time zone names a hospital may have: IANA names of places, checked with zoneinfo."""

from __future__ import annotations

import functools
from zoneinfo import available_timezones

# In the zone database but not a place: the server machine's own zone and tzcode internals.
_NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_PLACES


def check_time_zone(name: str) -> str:
    """``name`` if it is an IANA time zone; ValueError saying what to give otherwise."""
    if name not in _known():
        raise ValueError(
            f"{name!r} is not an IANA time zone; give one such as Europe/London, "
            "America/New_York or UTC"
        )
    return name
