"""Permanent errors skip the retry policy; transient ones keep it."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
import pytest

from assets._errors import fail_fast_on_permanent_errors


def test_permanent_errors_become_non_retryable_failures() -> None:
    @fail_fast_on_permanent_errors
    def bad_catalog() -> None:
        raise ValueError("indicators.csv: missing columns ['measure']")

    with pytest.raises(dg.Failure) as info:
        bad_catalog()
    assert info.value.allow_retries is False
    assert "missing columns" in (info.value.description or "")


def test_transient_errors_are_left_to_the_retry_policy() -> None:
    @fail_fast_on_permanent_errors
    def busy_disk() -> Iterator[int]:
        yield 1
        raise OSError("resource temporarily unavailable")

    with pytest.raises(OSError):
        list(busy_disk())


def test_retry_policy_applies_to_transient_errors_only() -> None:
    calls = {"transient": 0, "permanent": 0}

    @dg.asset(retry_policy=dg.RetryPolicy(max_retries=2))
    @fail_fast_on_permanent_errors
    def transient() -> None:
        calls["transient"] += 1
        raise OSError("file is being written")

    @dg.asset(retry_policy=dg.RetryPolicy(max_retries=2))
    @fail_fast_on_permanent_errors
    def permanent() -> None:
        calls["permanent"] += 1
        raise KeyError("higher_is_better")

    result = dg.materialize([transient, permanent], raise_on_error=False)
    assert not result.success
    assert calls == {"transient": 3, "permanent": 1}
