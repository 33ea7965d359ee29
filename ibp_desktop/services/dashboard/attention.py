"""An item on the Overzicht page: something a user should act on today."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttentionItem:
    """Something a user should act on; ``area`` names the page that deals with it."""

    text: str
    area: str
    severity: str = "info"  # "info", "warning" or "urgent"
