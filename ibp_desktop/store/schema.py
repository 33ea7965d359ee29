"""All models in one metadata, and (from store/revisions.py) the schema revisions this program knows.

Checking the revision is a single SELECT that loads no model (store/migrate.py imports revisions.py
only); Alembic itself is imported only when an upgrade is due. Code that needs every table (moving a
school, retention, Alembic) imports ``metadata`` from here.
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
from ibp_desktop.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

metadata = Base.metadata

__all__ = [
    "HEAD_REVISION", "KNOWN_REVISIONS", "consent_models", "import_models", "incident_models", "metadata",
    "models", "policy_models", "processing_models", "report_models", "request_models", "retention_models",
    "scan_models", "staff_models", "trust_models",
]
