"""A refused action says in Dutch what was not allowed (issue 16: "(print consent)", "(manage incidents)")."""

from __future__ import annotations

from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import _PERMISSION_TEXTS


def test_every_permission_has_a_dutch_text() -> None:
    assert set(_PERMISSION_TEXTS) == set(Permission)
    assert all("_" not in text for text in _PERMISSION_TEXTS.values())  # no identifiers like print_consent
