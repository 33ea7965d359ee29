"""The demo school has examples in the processing register, the DPIAs and the complaints, and the
Overzicht shows what needs attention in them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.services.accountability.evidence import EvidenceService
from ibp_desktop.services.accountability.processing import ProcessingService
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.database.connection import open_location

TODAY = date(2026, 11, 28)


def test_demo_registers_and_their_attention_items(tmp_path: Path, demo_copy) -> None:
    location = demo_copy(TODAY)
    database = open_location(location)
    try:
        director = login(database, "directeur", "Regenboog-directeur")
        activities = {r.name: r for r in ProcessingService(database, director).list_activities(today=TODAY)}
        assert len(activities) == 11
        assert activities["Leerlingvolgsysteem (LVS)"].status.text == "In orde"
        assert activities["Beeldmateriaal van leerlingen"].status.text == (
            "Geen verwerkersovereenkomst met Fotostudio Zonnestraal (demo)"
        )
        dpias = {r.number: r for r in DpiaService(database, director).list_dpias(today=TODAY)}
        assert dpias["DPIA-2025-01"].status.text == "Herbeoordelen op 28-12-2026"
        assert dpias["DPIA-2026-01"].status.text == "Wacht op advies FG (gevraagd 22-11-2026)"
        fg = login(database, "fg", "Regenboog-fg")
        complaints = ComplaintService(database, fg).list_complaints(today=TODAY)
        assert [(c.number, c.status.text) for c in complaints] == [
            ("K2026-002", "Open, nog 5 dagen"),
            ("K2026-001", "Beantwoord op 09-08-2026"),
        ]
        files = EvidenceService(database, director).list_files("complaint", complaints[1].id)
        assert [f.file_name for f in files] == ["antwoord-klacht.eml"]
        texts = {i.text for i in DashboardService(database, director).overview(TODAY).attention}
        photos = "Fotostudio Zonnestraal (demo)"
        assert f"Verwerking Beeldmateriaal van leerlingen: geen verwerkersovereenkomst met {photos}." in texts
        assert "Verwerkingsregister: 1 verwerking is het afgelopen jaar niet gecontroleerd." in texts
        assert "Klacht K2026-002: open, nog 5 dagen." in texts
        assert "DPIA DPIA-2025-01 (Camerabewaking): herbeoordelen op 28-12-2026." in texts
    finally:
        database.dispose()
