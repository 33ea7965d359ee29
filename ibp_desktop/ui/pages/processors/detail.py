"""The detail of one supplier as text: the supplier, its agreement's terms, and its products."""

from __future__ import annotations

from html import escape

from ibp_desktop.core.processors import EU_LABELS, WARN_DAYS
from ibp_desktop.core.register_records import ProductRow, SupplierRow
from ibp_desktop.ui.widgets.detail_view import facts_html, section_html, text_html
from ibp_desktop.ui.widgets.fields import day_text


def status_sentence(row: SupplierRow) -> str:
    if row.agreement is None:
        return ("Geen overeenkomst: leg de verwerkersovereenkomst vast, of vraag de leverancier erom "
                "voordat de school het product (verder) gebruikt.")
    if row.status.needs_attention:
        return f"{row.status_text}: kijk de overeenkomst na (de melding komt {WARN_DAYS} dagen vooraf)."
    return f"{row.status_text}: er is een geldige verwerkersovereenkomst."


def product_text(product: ProductRow) -> str:
    schools = ", ".join(product.schools)
    return f"{product.name} – {schools}" if schools else f"{product.name} – nog geen school"


def supplier_html(row: SupplierRow) -> str:
    parts = [section_html("Leverancier", facts_html([
        ("Deelnemer convenant", "Ja" if row.covenant_participant else "Nee"),
        ("Aantekeningen", text_html(row.notes)),
    ]))]
    if row.agreement is None:
        parts.append(section_html("Verwerkersovereenkomst",
                                  "<p style='color:#8c1d18'>Er is nog geen overeenkomst vastgelegd.</p>"))
    else:
        terms = row.agreement.terms
        parts.append(section_html("Verwerkersovereenkomst", facts_html([
            ("Model", escape(row.agreement.model_label)),
            ("Getekend op", day_text(terms.signed_on) or "Nog niet getekend"),
            ("Einddatum", day_text(terms.ends_on) or "Geen einddatum"),
            ("Privacybijsluiter", escape(f"versie {terms.bijsluiter_version}") if terms.bijsluiter_version
             else "Onbekend"),
            ("Subverwerkers", text_html(terms.sub_processors) or "Niet ingevuld"),
            ("Gegevens in de EU", escape(EU_LABELS[terms.data_in_eu])),
            ("Soorten gegevens", text_html(terms.data_categories) or "Niet ingevuld"),
            ("Herbeoordelen op", day_text(terms.review_on) or "Geen datum"),
        ])))
    return "".join(parts)
