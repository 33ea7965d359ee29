"""Validation of identifiers users type: BRIN codes, user names, passwords."""

from __future__ import annotations

import re

_BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}$")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD_LENGTH = 10


def normalise_brin(text: str) -> str:
    """A BRIN code is two digits and two letters (e.g. 12AB); ValueError with a Dutch message."""
    brin = text.strip().upper()
    if not _BRIN.match(brin):
        raise ValueError(
            f"BRIN-code '{text}' klopt niet. Een BRIN-code bestaat uit twee cijfers en twee letters, "
            "bijvoorbeeld 12AB."
        )
    return brin


def normalise_username(text: str) -> str:
    name = text.strip().lower()
    if not _USERNAME.match(name):
        raise ValueError(
            f"Gebruikersnaam '{text}' kan niet. Gebruik 2 tot 40 tekens: kleine letters, cijfers, punt, "
            "streepje of liggend streepje, beginnend met een letter of cijfer."
        )
    return name


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn.")
    if password.strip() != password or len(set(password)) < 4:
        raise ValueError("Kies een wachtwoord dat niet alleen uit herhaalde tekens of spaties bestaat.")
