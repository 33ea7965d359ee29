"""All models in one metadata, and the schema revisions this program knows.

Checking the revision is a single SELECT; Alembic itself is imported only when an upgrade is due.
A test keeps these constants equal to the chain in db/versions.
"""

from __future__ import annotations

from ibp_desktop.store import (
    consent_models,
    import_models,
    incident_models,
    models,
    policy_models,
    processing_models,
    report_models,
    request_models,
    retention_models,
    scan_models,
    staff_models,
    trust_models,
)
from ibp_desktop.store.models import Base

metadata = Base.metadata
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_foundation", "0002_pupil_import", "0003_consent", "0004_incidents",
    "0005_requests_processors",
    "0006_retention",
    "0007_reports",
    "0008_policy",
    "0009_import_mappings",
    "0010_trust",
    "0011_law",
    "0012_registers",
    "0013_board",
    "0014_staff",
    "0015_scans",
    "0016_speed_indexes",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]

__all__ = [
    "HEAD_REVISION", "KNOWN_REVISIONS", "consent_models", "import_models", "incident_models", "metadata",
    "models", "policy_models", "processing_models", "report_models", "request_models", "retention_models",
    "scan_models", "staff_models", "trust_models",
]
