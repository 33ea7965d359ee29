"""Good import files damaged the way a broken download, a bad USB stick or a half-saved file damages
them, for the properties "reads or refuses" (importers) and "imports all or nothing" (services)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ibp_desktop.core.errors import BadInputError

Cut = tuple[int, int, bytes]  # at, how many bytes to delete, what to put in their place
State = TypeVar("State")
Preview = TypeVar("Preview")
Result = TypeVar("Result")


def cuts(*, at_most: int, length: int, replacement: int, count: int) -> st.SearchStrategy[list[Cut]]:
    """Up to ``count`` cuts anywhere in the first ``at_most`` bytes (positions wrap around the file)."""
    return st.lists(
        st.tuples(st.integers(0, at_most), st.integers(0, length), st.binary(max_size=replacement)),
        max_size=count,
    )


def damaged_imports(
    good: Mapping[str, bytes], *, max_examples: int, at_most: int
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Run an import test (with the school fixture) on ``max_examples`` damaged versions of the ``good``
    files: it gets ``which`` (the file's name in ``good``), ``cuts`` and ``noise`` for ``damaged_file``."""

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        examples = given(
            which=st.sampled_from(sorted(good)),
            cuts=cuts(at_most=at_most, length=30, replacement=6, count=3),
            noise=st.binary(max_size=200),
        )(test)
        ran: Callable[..., Any] = settings(
            max_examples=max_examples,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )(examples)
        return ran

    return decorate


def damaged(good: bytes, cuts: list[Cut]) -> bytes:
    """``good`` with each cut applied: a stretch deleted and other bytes put in its place."""
    data = bytearray(good)
    for at, length, replacement in cuts:
        at %= max(len(data), 1)
        data[at : at + length] = replacement
    return bytes(data)


def damaged_file(folder: Path, name: str, good: bytes, cuts: list[Cut], noise: bytes) -> Path:
    """Write ``folder/name``: ``good`` damaged by ``cuts``; without cuts, the random ``noise`` under the
    good file's name (when there is any noise, else the good file itself)."""
    path = folder / name
    path.write_bytes(damaged(good, cuts) if cuts or not noise else noise)
    return path


def imported_or_refused(
    state: Callable[[], State], preview: Callable[[], Preview], apply: Callable[[Preview], Result]
) -> tuple[State, Preview, Result] | None:
    """Preview and apply an import, checking the all-or-nothing rule on the way: the preview writes
    nothing, and a refusal (BadInputError, e.g. ImportRejected) at either step leaves ``state()`` as it
    was. Returns the state before, the preview and the result; None when the import was refused."""
    before = state()
    try:
        previewed = preview()
        assert state() == before  # a preview never writes
        result = apply(previewed)
    except BadInputError:
        assert state() == before
        return None
    return before, previewed, result
