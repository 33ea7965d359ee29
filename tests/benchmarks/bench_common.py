"""What every benchmark shares: temporary folders that are removed at exit, figures as JSON per commit."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def scratch(prefix: str) -> str:
    """A new temporary folder, removed (with everything in it) when the benchmark process ends."""
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def commit() -> str:
    """The checked-out commit (with "+dirty" when files were changed), or "unknown" outside git."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=here, capture_output=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty.strip() else "")


def write_json(path: str, benchmark: str, figures: dict[str, Any]) -> None:
    """Append one run's figures as a JSON line, so runs on different commits can be compared."""
    record = {
        "benchmark": benchmark,
        "commit": commit(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        "figures": figures,
    }
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
