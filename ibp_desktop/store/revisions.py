"""The schema revisions this program knows, oldest first; the last is the one it works with.

Apart from store/schema.py (which loads every model) so that the revision check on each start loads
no model at all. A test keeps these equal to the chain in db/versions.
"""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_foundation",
    "0002_pupil_import",
    "0003_consent",
    "0004_incidents",
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
