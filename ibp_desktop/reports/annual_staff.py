"""The annual report's section on staff (issue 20): per school the share of staff who acknowledged the
current code of conduct, who is not yet informed, new staff informed within their first month, and the
awareness sessions per topic. Figures only: no names."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.staff.rules import StaffFigures, share
from ibp_desktop.reports.template import styles, table


def staff_section(per_school: tuple[tuple[str, StaffFigures], ...], number: str) -> list[Flowable]:
    sheet = styles()
    out: list[Flowable] = [
        Spacer(1, 4 * mm),
        Paragraph(f"{number}. Medewerkers: gedragsregels en bewustwording", sheet["h2"]),
    ]
    if not per_school or all(f.active == 0 and f.sessions == 0 for _n, f in per_school):
        out.append(Paragraph("Er is nog geen personeelslijst vastgelegd.", sheet["body"]))
        return out
    rows = [
        [
            "School",
            "Gedragsregels getekend",
            "Nog te tekenen of bij te praten",
            "Nieuw, binnen een maand bijgepraat",
        ]
    ]
    for name, figures in per_school:
        version = f" (versie {figures.code_version})" if figures.code_version else " (nog geen versie)"
        rows.append(
            [
                name,
                figures.acknowledged_share + version,
                str(figures.not_informed + figures.new_version_pending),
                share(figures.new_staff_informed_in_month, figures.new_staff).replace(
                    "geen medewerkers", "geen nieuwe medewerkers"
                ),
            ]
        )
    out.append(table(rows, [45 * mm, 45 * mm, 30 * mm, 50 * mm]))
    out.append(Spacer(1, 3 * mm))
    sessions = [["School", "Onderwerp", "Sessies"]]
    for name, figures in per_school:
        sessions += [[name, topic, str(n)] for topic, n in figures.sessions_by_topic.items()]
        if not figures.sessions_by_topic:
            sessions.append([name, "geen sessies gehouden", "0"])
    out.append(table(sessions, [60 * mm, 70 * mm, 25 * mm]))
    return out
