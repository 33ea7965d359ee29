"""A pupil as the school's database has it, in plain data: what the imports (pupils, consent answers)
compare and match their file's rows with. The services load them (services/pupils/importing.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.importers.values import format_date

__all__ = ["ExistingPupil"]


@dataclass(frozen=True)
class ExistingPupil:
    """One pupil of the school, also a deregistered one (``version`` guards against stale writes)."""

    id: int
    version: int
    pupil_number: str | None
    first_name: str
    infix: str
    last_name: str
    date_of_birth: date
    group_name: str | None
    enrolled_on: date | None
    deregistered_on: date | None

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.infix, self.last_name)

    @property
    def label_with_birth(self) -> str:
        """ "1001 Şükrü Yılmaz (05-03-2017)": the pupil import tells pupils apart by date of birth."""
        return f"{self._number}{self.display_name} ({format_date(self.date_of_birth)})"

    @property
    def label_with_group(self) -> str:
        """ "1001 Şükrü Yılmaz (groep 5)": the consent import lists answers by group."""
        return f"{self._number}{self.display_name} (groep {self.group_name or '-'})"

    @property
    def _number(self) -> str:
        return f"{self.pupil_number} " if self.pupil_number else ""
