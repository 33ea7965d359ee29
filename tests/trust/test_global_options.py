"""--data-dir and --database-url work before the command (the form --help shows) and after it, for
every command: a scheduled backup must never act on another database without a word (issue 14)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from ibp_desktop.cli import build_parser, main
from tests.conftest import TEST_PASSWORD


def _leaf_commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for action in subs:
        for name, sub in action.choices.items():
            yield from _leaf_commands(sub, (*path, name))


def _required_arguments(parser: argparse.ArgumentParser) -> list[str]:
    """Made-up values for what the command requires, so that parsing alone can be tested."""
    argv: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        value = str(next(iter(action.choices))) if action.choices else "2026" if action.type is int else "x"
        if not action.option_strings:
            count = action.nargs if isinstance(action.nargs, int) else 1
            argv.extend([value] * count)
        elif action.required:
            argv.extend([action.option_strings[0], value])
    return argv


def _takes_them_as_its_own(parser: argparse.ArgumentParser) -> bool:
    """move-to-server requires --data-dir (the file to move) and --database-url (the server) itself."""
    return any(a.required and "--data-dir" in a.option_strings for a in parser._actions)


def _all_commands() -> list[tuple[tuple[str, ...], list[str]]]:
    return [
        (path, _required_arguments(sub))
        for path, sub in _leaf_commands(build_parser())
        if path and not _takes_them_as_its_own(sub)
    ]


def test_every_command_is_covered() -> None:
    names = {" ".join(path) for path, _ in _all_commands()}
    assert {"backup", "restore", "check", "users list", "retention due", "export consent-overview"} <= names
    assert len(names) > 30


@pytest.mark.parametrize(("path", "rest"), _all_commands(), ids=lambda v: " ".join(v) if v else "")
@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_and_database_url_before_or_after_the_command(
    path: tuple[str, ...], rest: list[str], where: str
) -> None:
    options = ["--data-dir", "/elders/D", "--database-url", "postgresql+psycopg://u@h/ibp"]
    argv = [*options, *path, *rest] if where == "before" else [*path, *rest, *options]
    args = build_parser().parse_args(argv)
    assert args.data_dir == "/elders/D"
    assert args.database_url == "postgresql+psycopg://u@h/ibp"


@pytest.mark.parametrize(("path", "rest"), _all_commands(), ids=lambda v: " ".join(v) if v else "")
def test_without_the_options_they_are_none(path: tuple[str, ...], rest: list[str]) -> None:
    args = build_parser().parse_args([*path, *rest])
    assert args.data_dir is None and args.database_url is None


def test_a_backup_with_data_dir_before_the_command_backs_up_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "default"
    chosen = tmp_path / "gekozen"
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(other))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    init = ["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]
    assert main(["--data-dir", str(chosen), *init]) == 0
    assert not other.exists()
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["--data-dir", str(chosen), "backup", "-o", str(out)]) == 0
    assert len(list(out.glob("ibp-backup-*.sqlite3"))) == 1
    assert not other.exists()
    assert main(["check", "--data-dir", str(chosen)]) == 0
    assert "Alles in orde" in capsys.readouterr().out
