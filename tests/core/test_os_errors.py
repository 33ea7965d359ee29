"""File errors are explained in Dutch (issue 16: no English in any message)."""

from __future__ import annotations

import errno

from ibp_desktop.core.os_errors import reason


def test_common_file_errors_in_dutch() -> None:
    assert reason(PermissionError(errno.EACCES, "Permission denied")) == \
        "u heeft daar geen toegang (geen schrijf- of leesrechten)"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "de schijf is vol"
    assert "foutcode 9999" in reason(OSError(9999, "Something odd"))
    assert "denied" not in reason(OSError(errno.EACCES, "Permission denied"))


def test_a_refused_read_says_why_in_dutch(tmp_path) -> None:
    import os

    from ibp_desktop.importers.problems import ImportRejected
    from ibp_desktop.importers.tabular import read_table

    folder = tmp_path / "map.csv"
    folder.mkdir()  # reading a folder as a file: EISDIR (or EACCES on Windows)
    try:
        read_table(folder)
    except ImportRejected as rejected:
        text = str(rejected)
        assert "map" in text or "toegang" in text
        assert "Is a directory" not in text
    else:  # pragma: no cover - every platform refuses to read a folder
        raise AssertionError(os.name)
