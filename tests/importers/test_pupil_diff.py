"""The diff between a pupil file and the school's pupils (pure function)."""

from __future__ import annotations

from datetime import date

from ibp_desktop.importers.existing_pupil import ExistingPupil
from ibp_desktop.importers.pupil_diff import diff_pupils
from ibp_desktop.importers.pupils import PupilRecord


def _record(
    row: int,
    number: str | None,
    first: str,
    infix: str,
    last: str,
    born: date,
    group: str | None,
    **extra: object,
) -> PupilRecord:
    values: dict[str, object] = {"enrolled_on": None, "deregistered_on": None, **extra}
    return PupilRecord(row, number, first, infix, last, born, group, **values)  # type: ignore[arg-type]


def _pupil(
    pid: int,
    number: str | None,
    first: str,
    infix: str,
    last: str,
    born: date,
    group: str | None,
    deregistered_on: date | None = None,
) -> ExistingPupil:
    return ExistingPupil(pid, 1, number, first, infix, last, born, group, date(2020, 8, 1), deregistered_on)


ANNE = _pupil(1, "1001", "Anne-Fleur", "van der", "Berg-de Vries", date(2018, 5, 3), "1/2a")
SUKRU = _pupil(2, "1002", "Şükrü", "", "Yılmaz", date(2016, 4, 12), "5a")
LUCJA = _pupil(3, None, "Łucja", "", "Wiśniewska", date(2015, 10, 1), "6")
AN = _pupil(4, "1004", "An", "", "Nguyễn Văn", date(2017, 1, 30), "4", deregistered_on=date(2025, 7, 18))
DAAN = _pupil(5, "1005", "Daan", "de", "Jong", date(2012, 3, 3), "8")
SCHOOL = [ANNE, SUKRU, LUCJA, AN, DAAN]


def test_the_same_list_again_changes_nothing() -> None:
    records = [
        _record(2, "1001", "Anne-Fleur", "van der", "Berg-de Vries", date(2018, 5, 3), "1/2A"),
        _record(3, "1002", "Şükrü", "", "Yılmaz", date(2016, 4, 12), "5a"),
        _record(4, None, "Łucja", "", "Wiśniewska", date(2015, 10, 1), None),  # empty group: keep
        _record(5, "1005", "Daan", "de", "Jong", date(2012, 3, 3), "8", enrolled_on=date(2020, 8, 1)),
    ]
    diff = diff_pupils(records, SCHOOL)
    assert diff.unchanged == (1, 2, 3, 5)
    assert not (diff.new or diff.changed or diff.reenrolled or diff.missing)
    assert not diff.changes_anything


def test_every_kind_of_difference() -> None:
    records = [
        # new school year: another group
        _record(2, "1001", "Anne-Fleur", "van der", "Berg-de Vries", date(2018, 5, 3), "3"),
        # no number in the file: found on name and date of birth, ignoring accents and case
        _record(3, None, "Sukru", "", "YILMAZ", date(2016, 4, 12), "6a"),
        # left last year, back again
        _record(4, "1004", "An", "", "Nguyễn Văn", date(2017, 1, 30), "4"),
        # corrected date of birth and name
        _record(5, "1005", "Daan", "de", "Jong-Bakker", date(2012, 3, 4), "8"),
        # new pupil
        _record(6, "1006", "Chloë", "de", "Groot", date(2019, 1, 1), "1/2b"),
    ]
    diff = diff_pupils(records, SCHOOL)
    assert [r.row for r in diff.new] == [6]
    assert [(u.pupil.id, u.summary) for u in diff.changed] == [
        (1, "Groep: 1/2a → 3"),
        (2, "Roepnaam: Şükrü → Sukru; Achternaam: Yılmaz → YILMAZ; Groep: 5a → 6a"),
        (5, "Achternaam: Jong → Jong-Bakker; Geboortedatum: 03-03-2012 → 04-03-2012"),
    ]
    assert [(u.pupil.id, u.summary) for u in diff.reenrolled] == [(4, "Uitgeschreven: 18-07-2025 → (leeg)")]
    assert [p.id for p in diff.missing] == [3]  # Łucja is enrolled but not in the file
    assert diff.counts.unchanged == 0


def test_a_name_from_one_column_that_reads_the_same_is_unchanged() -> None:
    # "Nguyễn Văn, An" split differently than stored, but the whole name is the same.
    record = _record(2, "1004", "An Nguyễn", "", "Văn", date(2017, 1, 30), "4", name_in_one_column=True)
    diff = diff_pupils([record], [AN])
    assert diff.changed == () and [u.summary for u in diff.reenrolled] == [
        "Uitgeschreven: 18-07-2025 → (leeg)"
    ]


def test_number_match_wins_and_a_new_number_is_taken_over_on_a_name_match() -> None:
    records = [_record(2, "9999", "Łucja", "", "Wiśniewska", date(2015, 10, 1), "6")]
    diff = diff_pupils(records, [LUCJA])
    assert [u.summary for u in diff.changed] == ["Leerlingnummer: (leeg) → 9999"]
    assert diff.new == ()


def test_a_deregistration_date_in_the_file() -> None:
    record = _record(
        2, "1005", "Daan", "de", "Jong", date(2012, 3, 3), "8", deregistered_on=date(2026, 7, 17)
    )
    diff = diff_pupils([record], [DAAN])
    assert [u.summary for u in diff.changed] == ["Uitgeschreven: (leeg) → 17-07-2026"]
    assert diff_pupils([record], [AN]).missing == ()


def test_deregistered_pupils_not_in_the_file_are_not_missing() -> None:
    assert diff_pupils([], SCHOOL).missing == (ANNE, DAAN, LUCJA, SUKRU)  # Dutch name order
