"""Errors that carry a Dutch message for the user.

Every layer raises these; the GUI shows ``str(error)``, the command line prints it and exits with
``exit_code``.
"""

from __future__ import annotations

from datetime import timedelta


class IbpError(Exception):
    """Base class: the message is Dutch and meant for the user."""

    exit_code = 1


class BadInputError(IbpError):
    """The user gave something we cannot use; nothing was written."""

    exit_code = 2


class PermissionDeniedError(IbpError):
    """The logged-in user lacks the permission for this action."""


class NotFoundError(IbpError):
    """The record asked for does not exist (any more)."""

    exit_code = 2


class AuthenticationError(IbpError):
    """Wrong user name or password, or a disabled account."""

    exit_code = 2


class StaleEditError(IbpError):
    """Someone else saved the same record first."""


class NoDisplayError(IbpError):
    """There is no screen to open the program on (a server, an SSH session): use --no-gui."""


class DataFolderReadOnlyError(IbpError):
    """The data folder (or the output folder) cannot be written to."""


class DiskFullError(IbpError):
    """The disk is full; nothing was saved (the message never holds the data that was being saved)."""


class OutputFolderMissingError(BadInputError):
    """The folder for an export does not exist."""


class DatabaseDamagedError(IbpError):
    """The database file is cut short or damaged: restore a backup (not a key problem)."""


class TooManyAttemptsError(AuthenticationError):
    """Too many wrong passwords for this account: wait before the next try (``wait`` says how long)."""

    def __init__(self, message: str, wait: timedelta) -> None:
        super().__init__(message)
        self.wait = wait


class PasswordChangeRequiredError(AuthenticationError):
    """The account has a temporary password: only changing it is allowed."""


class AuditTamperedError(IbpError):
    """The audit log does not match its anchor outside the database (cut short, wiped or rewritten)."""


class RestoreRefusedError(IbpError):
    """A restore that may not happen now (in use elsewhere, no permission)."""


class DutiesNotApartError(PermissionDeniedError):
    """Two duties that must be held by different people would meet in one (four eyes, AVG art. 38(6)).

    A refusal of what was asked, not a missing permission: the command line exits with 2."""

    exit_code = 2
