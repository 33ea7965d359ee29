"""ConsentImportService: a parent-app export previewed, recorded all or nothing, re-imported as no change;
on SQLCipher and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ibp_desktop.core.consent.rules import Channel, ConsentState, Relation
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.roles import Role
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.consent.importing import ConsentImportService
from ibp_desktop.services.consent.queries import today
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.importers import damage
from tests.importers.consent_files import (
    PUPIL_ROWS,
    parro_rows,
    social_schools_rows,
    write_parro,
    write_social_schools,
)
from tests.services.test_consent import add_pupils

TODAY = today()
ON = TODAY - timedelta(days=3)


def _state(school: SchoolDb) -> tuple[int, int]:
    with school.database.transaction() as session:
        return (
            int(session.scalar(select(func.count(ConsentDecision.id))) or 0),
            int(session.scalar(select(func.count(AuditEntry.id))) or 0),
        )


def _setup(school: SchoolDb) -> tuple[ConsentImportService, ConsentService, dict[str, int]]:
    ids = add_pupils(school, [r for r in PUPIL_ROWS if r[0] in {"1005", "1006"}])
    consent = ConsentService(school.database, school.actor)
    consent.current_form(school.school_id)  # the school's default form exists before the counting starts
    return ConsentImportService(school.database, school.actor), consent, ids


def _states(consent: ConsentService, pupil_id: int) -> dict[str, ConsentState]:
    return {p.code: p.status.state for p in consent.pupil_status(pupil_id).purposes}


def test_import_then_reimport_changes_nothing(school_db: SchoolDb, tmp_path: Path) -> None:
    service, consent, ids = _setup(school_db)
    sid = school_db.school_id
    path = write_parro(tmp_path / "parro.csv", parro_rows(ON))
    before = _state(school_db)
    preview = service.preview(sid, path)
    assert _state(school_db) == before  # a preview records nothing
    assert preview.ok and preview.row_count == 4 and preview.unused_columns == ("Opmerking",)
    counts = preview.counts
    assert (counts.pupils, counts.new, counts.changed, counts.unchanged, counts.refusals) == (4, 16, 0, 0, 4)

    result = service.apply(sid, preview)
    assert (result.pupils, result.decisions, result.new, result.refusals) == (4, 16, 16, 4)
    assert _state(school_db) == (before[0] + 16, before[1] + 1)
    states = _states(consent, ids["1002"])
    assert states["schoolgids"] is ConsentState.GRANTED and states["website"] is ConsentState.REFUSED
    assert states["klassenfoto"] is ConsentState.NO_ANSWER  # not in the file: no answer is no
    last = consent.history(ids["1002"])[-1]
    assert (last.channel, last.given_by, last.relation, last.given_on) == (
        Channel.PARENT_APP,
        "Katarzyna Wiśniewska",
        Relation.GUARDIAN_1,
        ON,
    )
    assert consent.history(ids["1003"])[0].given_by == "ouder/verzorger via ouderapp"

    with school_db.database.transaction() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "consent_imported"
        details = json.loads(entry.details)
    assert details["after"]["decisions"] == 16 and details["after"]["channel"] == "parent_app"
    for personal in ("Yılmaz", "Wiśniewska", "Katarzyna", "Ayşe", "1001"):
        assert personal not in entry.details  # counts only, no names or numbers

    again = service.preview(sid, path)
    assert again.counts.unchanged == 16 and not again.diff.changes_anything
    assert not service.apply(sid, again).wrote_anything
    assert _state(school_db) == (before[0] + 16, before[1] + 1)


def test_a_yes_becoming_no_is_a_refusal_and_history_stays(school_db: SchoolDb, tmp_path: Path) -> None:
    service, consent, ids = _setup(school_db)
    sid = school_db.school_id
    rows = parro_rows(ON)
    service.apply(sid, service.preview(sid, write_parro(tmp_path / "sept.csv", rows)))
    later = [rows[0], (*rows[1][:6], "nee", *rows[1][7:]), *rows[2:]]  # Şükrü: website ja -> nee
    preview = service.preview(sid, write_parro(tmp_path / "okt.csv", later))
    counts = preview.counts
    assert (counts.changed, counts.unchanged, counts.pupils_changed) == (1, 15, 1)
    assert [str(a) for a in preview.diff.pupils[0].to_write] == ["Website van de school: ja → nee"]
    service.apply(sid, preview)
    assert _states(consent, ids["1001"])["website"] is ConsentState.REFUSED
    website = [h.answer for h in consent.history(ids["1001"]) if h.purpose_label == "Website van de school"]
    assert website == ["Ja", "Nee"]


def test_names_dates_and_the_campaign(school_db: SchoolDb, tmp_path: Path) -> None:
    service, consent, ids = _setup(school_db)
    sid = school_db.school_id
    year = school_year_of(ON)
    campaign = consent.start_campaign(sid, year.label, year.ends_on)
    preview = service.preview(sid, write_social_schools(tmp_path / "ss.csv", social_schools_rows(ON)))
    assert preview.ok, preview.problems
    assert [p.pupil.id for p in preview.diff.pupils] == [ids["1001"], ids["1003"], ids["1006"]]
    service.apply(sid, preview)
    assert _states(consent, ids["1006"])["website"] is ConsentState.REFUSED
    assert consent.campaign_progress(campaign.id).returned == 3


def test_a_file_with_errors_records_nothing(school_db: SchoolDb, tmp_path: Path) -> None:
    service, _consent, _ids = _setup(school_db)
    sid = school_db.school_id
    rows = [*parro_rows(ON), ("9999", "Piet Puk", "5", "", "", "ja", "ja", "ja", "ja", "ja", "")]
    rows[2] = (*rows[2][:6], "misschien", *rows[2][7:])
    before = _state(school_db)
    preview = service.preview(sid, write_parro(tmp_path / "fout.csv", rows))
    assert [str(p) for p in preview.problems] == [
        "Rij 3, kolom 'Website: ja/nee': 'misschien' is geen ja of nee. Vul ja, nee of niets in.",
        "Rij 6, kolom 'Leerlingnummer': Er is geen leerling met leerlingnummer 9999 op deze school. "
        "Controleer het nummer, of importeer eerst de nieuwe leerlingenlijst.",
    ]
    with pytest.raises(ImportRejected, match="Er is niets geïmporteerd"):
        service.apply(sid, preview)
    assert _state(school_db) == before


def test_mapping_corrections_and_defaults(school_db: SchoolDb, tmp_path: Path) -> None:
    service, consent, ids = _setup(school_db)
    sid = school_db.school_id
    path = tmp_path / "app.csv"
    path.write_text("Llnr;Foto's in de krant;Kleurplaat\n1001;ja;nee\n", encoding="utf-8")
    preview = service.preview(
        sid, path, {"lokale_pers": "Foto's in de krant"}, given_on=ON, given_by="Ayşe Yılmaz"
    )
    assert [(f.label, f.column_name) for f in preview.fields if f.column_name] == [
        ("Leerlingnummer", "Llnr"),
        ("Lokale pers", "Foto's in de krant"),
    ]
    service.apply(sid, preview)
    row = consent.history(ids["1001"])[0]
    assert (row.purpose_label, row.given_by, row.given_on) == ("Lokale pers", "Ayşe Yılmaz", ON)
    with pytest.raises(ImportRejected, match="Kolom 'Bestaat niet' staat niet in het bestand"):
        service.preview(sid, path, {"website": "Bestaat niet"})
    with pytest.raises(BadInputError, match="ligt in de toekomst"):
        service.preview(sid, path, given_on=TODAY + timedelta(days=1))


def test_a_stale_preview_is_refused(school_db: SchoolDb, tmp_path: Path) -> None:
    service, _consent, _ids = _setup(school_db)
    sid = school_db.school_id
    path = write_parro(tmp_path / "parro.csv", parro_rows(ON))
    first, second = service.preview(sid, path), service.preview(sid, path)
    service.apply(sid, first)
    before = _state(school_db)
    with pytest.raises(StaleEditError, match="Er is niets geïmporteerd"):
        service.apply(sid, second)
    assert _state(school_db) == before


def test_only_who_may_record_consent_may_import(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    _setup(sqlcipher_school)
    UserService(sqlcipher_school.database, sqlcipher_school.actor).add_user(
        "ict", "Łucja Wiśniewska", "Tijdelijk-123", frozenset({Role.ICT})
    )
    ict = ConsentImportService(
        sqlcipher_school.database, login(sqlcipher_school.database, "ict", "Tijdelijk-123")
    )
    with pytest.raises(PermissionDeniedError, match="geen rechten"):
        ict.preview(sqlcipher_school.school_id, write_parro(tmp_path / "p.csv", parro_rows(ON)))


GOOD = {
    "parro.csv": "\r\n".join(";".join(r) for r in parro_rows(ON)).encode("utf-8-sig"),
    "ss.csv": "\n".join(
        ",".join(f'"{c}"' if "," in c else c for c in r) for r in social_schools_rows(ON)
    ).encode(),
}


@damage.damaged_imports(GOOD, max_examples=30, at_most=5_000)
def test_damaged_exports_record_all_or_nothing(
    sqlcipher_school: SchoolDb, tmp_path: Path, which: str, cuts: list[damage.Cut], noise: bytes
) -> None:
    if not hasattr(sqlcipher_school, "_consent_ready"):
        _setup(sqlcipher_school)
        sqlcipher_school._consent_ready = True  # type: ignore[attr-defined]
    path = damage.damaged_file(tmp_path, which, GOOD[which], cuts, noise)
    service = ConsentImportService(sqlcipher_school.database, sqlcipher_school.actor)
    school_id = sqlcipher_school.school_id
    done = damage.imported_or_refused(
        lambda: _state(sqlcipher_school),
        lambda: service.preview(school_id, path),
        lambda preview: service.apply(school_id, preview),
    )
    if done is None:
        return
    before, preview, result = done
    assert _state(sqlcipher_school) == (
        before[0] + result.decisions,
        before[1] + (1 if result.wrote_anything else 0),
    )
    assert result.decisions == preview.counts.to_write
