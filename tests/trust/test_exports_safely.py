"""Every export says in Dutch when its folder is missing; an export goes through a temporary name, so a
full disk leaves no truncated PDF; files with personal data are 0600 (issue 14, findings 5 and 7)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from ibp_desktop.cli import build_parser, main
from ibp_desktop.core.errors import DiskFullError, OutputFolderMissingError
from ibp_desktop.services import output_file
from ibp_desktop.services.output_file import write_export
from tests.trust.test_global_options import _all_commands

EXPORTS = [(path, rest) for path, rest in _all_commands() if path[0] == "export"]


def test_every_export_is_covered() -> None:
    names = {path[1] for path, _ in EXPORTS}
    assert {"incident-register", "processor-register", "consent-overview", "annual-report"} <= names


@pytest.mark.parametrize(("path", "rest"), EXPORTS, ids=lambda v: " ".join(v) if v else "")
def test_a_missing_output_folder_is_said_before_anything_else(
    path: tuple[str, ...], rest: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "bestaat-niet"
    argv = [*path, *rest]
    index = argv.index("-o") if "-o" in argv else argv.index("--output")
    argv[index + 1] = str(missing / "uitvoer.pdf")
    args = build_parser().parse_args(argv)
    assert args.output  # the form a user types
    code = main([*argv, "--data-dir", str(tmp_path / "geen-school")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"De map {missing} bestaat niet" in err and "Traceback" not in err
    assert not missing.exists()


def test_an_export_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "verslag.pdf"
    target.write_bytes(b"%PDF oud en heel")
    write_export(target, b"%PDF nieuw")
    assert target.read_bytes() == b"%PDF nieuw"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.partial"))


def test_a_full_disk_leaves_the_old_file_and_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "verslag.pdf"
    target.write_bytes(b"%PDF oud en heel")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int) -> None:
            self.handle = real_fdopen(fd, "wb")

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # half of it lands, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_file.os, "fdopen", lambda fd, _mode: FullDisk(fd))
    with pytest.raises(DiskFullError, match=r"De schijf is vol: verslag\.pdf is niet opgeslagen"):
        write_export(target, b"%PDF nieuw " * 1000)
    assert target.read_bytes() == b"%PDF oud en heel"
    assert not list(tmp_path.glob("*.partial"))


def test_a_stale_partial_of_a_stopped_export_is_removed(tmp_path: Path) -> None:
    stale = tmp_path / "verslag.pdf.partial"
    stale.write_bytes(b"%PDF half")
    write_export(tmp_path / "verslag.pdf", b"%PDF heel")
    assert not stale.exists()


def test_a_missing_folder_raises_the_dutch_error(tmp_path: Path) -> None:
    with pytest.raises(OutputFolderMissingError, match="Kies een bestaande map"):
        write_export(tmp_path / "nergens" / "x.csv", b"a;b")


def test_the_database_and_its_info_are_readable_only_by_their_owner(tmp_path: Path) -> None:
    from ibp_desktop.services.database.connection import Location
    from tests.conftest import make_school_db

    school = make_school_db(Location(data_dir=tmp_path / "data"))
    school.database.dispose()
    for path in (school.location.db_path, school.location.info_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
