"""Errors that carry a Dutch message for the user.

Every layer raises these; the GUI shows ``str(error)``, the command line prints it and exits with
``exit_code``.
"""

from __future__ import annotations


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


class DutiesNotApartError(PermissionDeniedError):
    """Two duties that must be held by different people would meet in one (four eyes, AVG art. 38(6)).

    A refusal of what was asked, not a missing permission: the command line exits with 2."""

    exit_code = 2
