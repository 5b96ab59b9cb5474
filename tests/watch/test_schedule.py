"""When a feed is polled next: pure functions, tested by hand-made cases."""

from __future__ import annotations

import pytest

from svodka.watch import schedule

pytestmark = pytest.mark.issue(17)


@pytest.mark.parametrize(
    "fixed, ttl, rate, expected",
    [
        (None, None, None, schedule.MIN_INTERVAL),  # unknown: as often as allowed
        (600, 3600, 1000.0, 600),  # the user's --every wins
        (None, None, 1000.0, schedule.MIN_INTERVAL),  # a busy feed: the lower bound
        (None, None, 24.0, 1800),  # one item an hour: polled twice an hour
        (None, 3600, 24.0, 3600),  # never sooner than the feed asks
        (None, None, 0.1, schedule.MAX_INTERVAL),  # a quiet feed: the upper bound
        (None, None, 0.0, schedule.MAX_INTERVAL),
        (None, 10 * 86400, None, schedule.MAX_INTERVAL),  # a ttl past the bound is capped
    ],
)
def test_schedule_interval(fixed, ttl, rate, expected):
    assert schedule.interval(fixed=fixed, ttl=ttl, items_per_day=rate) == expected


def test_schedule_interval_bounds_given():
    assert schedule.interval(fixed=None, ttl=None, items_per_day=10_000.0, low=5, high=60) == 5
    assert schedule.interval(fixed=None, ttl=None, items_per_day=0.0, low=5, high=60) == 60


def test_schedule_observed_rate():
    # first poll: from the spread of publication dates (3 items over 2 hours: 36 a day)
    dates = ["2024-03-28T10:00:00+00:00", "2024-03-28T11:00:00+00:00", "2024-03-28T12:00:00+00:00"]
    assert schedule.observed_rate(None, 3, 0, dates) == pytest.approx(24.0)
    assert schedule.observed_rate(None, 3, 0, [None, dates[0]]) is None
    assert schedule.observed_rate(None, 1, 3600) == pytest.approx(24.0)  # unknown until now: this poll's rate
    # then a moving average: 2 new items in an hour is 48 a day, weighted in by RATE_WEIGHT
    assert schedule.observed_rate(24.0, 2, 3600) == pytest.approx(24.0 * 0.7 + 48.0 * 0.3)
    assert schedule.observed_rate(24.0, 0, 3600) < 24.0
    assert schedule.observed_rate(24.0, 5, 0) == 24.0


def test_schedule_backoff_grows_with_jitter_then_fails():
    waits = [schedule.backoff(n, rand=lambda: 0.999)[0] for n in range(1, schedule.FAIL_AFTER)]
    assert waits == sorted(waits) and waits[0] < schedule.ERROR_BASE + 1
    low = schedule.backoff(3, rand=lambda: 0.0)[0]
    high = schedule.backoff(3, rand=lambda: 0.999)[0]
    assert low == schedule.ERROR_BASE * 4 // 2 and high > low  # jitter in [0.5, 1) of the wait
    assert schedule.backoff(schedule.FAIL_AFTER - 1)[1] is False
    assert schedule.backoff(schedule.FAIL_AFTER) == (schedule.FAILING_RETRY, True)
    assert schedule.backoff(30, high=600, rand=lambda: 0.999) == (schedule.FAILING_RETRY, True)
    assert schedule.backoff(4, high=100, rand=lambda: 0.999)[0] <= 100
