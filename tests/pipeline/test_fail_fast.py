"""Permanent errors skip the retry policy; transient ones keep it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


def test_missing_reference_file_is_permanent(tmp_path: Path) -> None:
    """A missing catalog fails at once: no 10 s + 20 s of retries before the summary."""
    from assets.reference import department_catalog
    from pipelines.resources import InputFolders

    inputs = InputFolders(data_dir=str(tmp_path), reference_dir=str(tmp_path / "nowhere"))
    result = dg.materialize(
        [department_catalog], resources={"inputs": inputs}, raise_on_error=False
    )
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    error = failure.step_failure_data.error
    assert "FileNotFoundError" in str(error.message) or "FileNotFoundError" in str(error.cause)
    assert failure.step_failure_data.user_failure_data is not None
