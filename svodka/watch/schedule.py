"""When to poll a feed next: pure functions of what the feed said and what it did.

A feed is polled about twice per expected new item (from its observed posting rate), never
sooner than it asks (RSS ``<ttl>``, ``sy:updatePeriod``), within ``[MIN_INTERVAL,
MAX_INTERVAL]``; a user's ``--every`` overrides all that. Errors back off exponentially with
jitter (so feeds failing together do not retry together); after ``FAIL_AFTER`` errors in a row
a feed is "failing" and tried once a day until it answers again.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Callable

__all__ = ["MIN_INTERVAL", "MAX_INTERVAL", "FAIL_AFTER", "FAILING_RETRY", "ERROR_BASE", "interval", "observed_rate", "backoff"]

# Bounds of the adaptive interval in seconds: 5 minutes to 6 hours (the defaults).
MIN_INTERVAL = 300
MAX_INTERVAL = 6 * 3600
# Errors in a row after which a feed is marked failing.
FAIL_AFTER = 5
# Seconds between tries of a failing feed: once a day.
FAILING_RETRY = 86400
# First wait after an error, in seconds; doubled per further error (60, 120, 240, ... up to MAX).
ERROR_BASE = 60
# Weight of the newest observation in the posting rate (an exponential moving average):
# a third follows a change of pace within a few polls without jumping at one quiet hour.
RATE_WEIGHT = 0.3
# Polls per expected item: 2 halves the expected delay between an item and its poll.
POLLS_PER_ITEM = 2.0


def interval(*, fixed: int | None, ttl: int | None, items_per_day: float | None, low: int = MIN_INTERVAL, high: int = MAX_INTERVAL) -> int:
    """Seconds until a feed's next poll after a successful one.

    Args:
        fixed: the user's ``--every`` (seconds), taken as it is.
        ttl: what the feed asks (seconds), a floor.
        items_per_day: the observed posting rate; None when not known yet (polled at ``low``).
        low, high: the bounds of the adaptive interval.
    """
    if fixed:
        return int(fixed)
    wanted = float(low)
    if items_per_day is not None:
        wanted = high if items_per_day <= 0 else 86400.0 / (items_per_day * POLLS_PER_ITEM)
    if ttl:
        wanted = max(wanted, float(ttl))
    return int(min(max(wanted, low), high))


def observed_rate(previous: float | None, new_items: int, seconds: float, published: list[str | None] | None = None) -> float | None:
    """The posting rate (items per day) after a poll that found ``new_items`` in ``seconds`` since the last one.

    The first poll has no previous one: the rate comes from the spread of the items' own
    publication dates when at least two have one, else it stays unknown until the next poll,
    whose own rate starts the average.
    """
    if previous is None and published:
        times = sorted(t for t in (_epoch(p) for p in published) if t is not None)
        if len(times) >= 2 and times[-1] > times[0]:
            return (len(times) - 1) * 86400.0 / (times[-1] - times[0])
    if seconds <= 0:
        return previous
    now = new_items * 86400.0 / seconds
    # no rate yet (the first poll's items had too few dates): this poll's is the first
    return now if previous is None else (1 - RATE_WEIGHT) * previous + RATE_WEIGHT * now


def _epoch(iso: str | None) -> float | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return None


def backoff(errors: int, *, high: int = MAX_INTERVAL, rand: Callable[[], float] = random.random) -> tuple[int, bool]:
    """(seconds to wait, whether the feed is now failing) after ``errors`` errors in a row.

    The wait is ``ERROR_BASE * 2**(errors-1)`` capped at ``high``, times a jitter in [0.5, 1);
    from ``FAIL_AFTER`` errors on, a day.
    """
    if errors >= FAIL_AFTER:
        return FAILING_RETRY, True
    wait = min(high, ERROR_BASE * 2 ** max(0, errors - 1))
    return max(1, int(wait * (0.5 + rand() / 2))), False
