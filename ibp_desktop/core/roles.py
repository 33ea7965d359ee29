"""Roles and permissions (DOMAIN.md, "Who uses it").

The matrix lives here, in one place, so that services check it and tests can print it.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATION = "administration"
    DIRECTOR = "director"
    SECURITY_OFFICER = "security_officer"
    DPO = "dpo"
    BOARD = "board"
    ICT = "ict"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMINISTRATION: "Administratief medewerker",
    Role.DIRECTOR: "Schooldirecteur",
    Role.SECURITY_OFFICER: "Security officer",
    Role.DPO: "Functionaris gegevensbescherming (FG)",
    Role.BOARD: "Bestuurder",
    Role.ICT: "ICT'er",
}

# The first account of a new school holds every school role except FG: the FG is an independent
# adviser outside the school and must not be able to change the facts.
FIRST_ACCOUNT_ROLES: frozenset[Role] = frozenset(Role) - {Role.DPO}

# The FG may not hold a position that decides on the purposes and means of processing (AVG art. 38(6);
# WP243 par. 3.5): these roles decide, so nobody holds one of them together with the FG role.
DPO_INCOMPATIBLE: frozenset[Role] = frozenset(
    {Role.DIRECTOR, Role.SECURITY_OFFICER, Role.BOARD, Role.ADMINISTRATION}
)

# A clean-up run may not be approved by an account that its proposer created or gave a role this recently.
ROLE_CHANGE_COOLING_DAYS = 30


def role_conflict(roles: frozenset[Role] | set[Role]) -> str | None:
    """The Dutch reason these roles may not go together on one account; None when they may."""
    if Role.DPO not in roles:
        return None
    clash = sorted(set(roles) & DPO_INCOMPATIBLE)
    if not clash:
        return None
    names = ", ".join(ROLE_LABELS[r].lower() for r in clash)
    return (
        f"De rol FG kan niet samen met: {names}. De FG houdt onafhankelijk toezicht en mag niet zelf "
        "beslissen over het gebruik van persoonsgegevens (AVG artikel 38 lid 6). Geef de FG een eigen "
        "account met alleen de rol FG."
    )


# Roles that see every school of the board, whatever schools their account names.
BOARD_WIDE_ROLES: frozenset[Role] = frozenset({Role.DPO, Role.BOARD})


class Permission(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_PUPILS = "view_pupils"
    IMPORT_PUPILS = "import_pupils"
    RECORD_CONSENT = "record_consent"
    MANAGE_CONSENT_FORMS = "manage_consent_forms"
    PRINT_CONSENT = "print_consent"
    VIEW_RETENTION = "view_retention"
    PROPOSE_RETENTION_RUN = "propose_retention_run"
    APPROVE_RETENTION_RUN = "approve_retention_run"
    EDIT_RETENTION_SCHEDULE = "edit_retention_schedule"
    REPORT_INCIDENT = "report_incident"
    VIEW_INCIDENTS = "view_incidents"
    MANAGE_INCIDENTS = "manage_incidents"
    ADVISE = "advise"
    VIEW_REQUESTS = "view_requests"
    MANAGE_REQUESTS = "manage_requests"
    VIEW_PROCESSORS = "view_processors"
    MANAGE_PROCESSORS = "manage_processors"
    MANAGE_ACTIONS = "manage_actions"
    VIEW_PROCESSING = "view_processing"
    MANAGE_PROCESSING = "manage_processing"
    VIEW_DPIAS = "view_dpias"
    MANAGE_DPIAS = "manage_dpias"
    VIEW_COMPLAINTS = "view_complaints"
    MANAGE_COMPLAINTS = "manage_complaints"
    VIEW_REPORTS = "view_reports"
    ADOPT_ANNUAL_REPORT = "adopt_annual_report"
    MANAGE_POLICY = "manage_policy"
    MANAGE_USERS = "manage_users"
    MANAGE_SCHOOLS = "manage_schools"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_STAFF = "view_staff"
    MANAGE_STAFF = "manage_staff"


P = Permission

_READ_ALL: frozenset[Permission] = frozenset(
    {
        P.VIEW_DASHBOARD,
        P.VIEW_PUPILS,
        P.VIEW_RETENTION,
        P.VIEW_INCIDENTS,
        P.VIEW_REQUESTS,
        P.VIEW_PROCESSORS,
        P.VIEW_REPORTS,
        P.VIEW_AUDIT_LOG,
        P.VIEW_PROCESSING,
        P.VIEW_DPIAS,
        P.VIEW_COMPLAINTS,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATION: frozenset(
        {
            P.VIEW_DASHBOARD,
            P.VIEW_PUPILS,
            P.IMPORT_PUPILS,
            P.RECORD_CONSENT,
            P.PRINT_CONSENT,
            P.VIEW_RETENTION,
            P.PROPOSE_RETENTION_RUN,
            P.REPORT_INCIDENT,
            P.VIEW_PROCESSORS,
            P.VIEW_PROCESSING,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            P.VIEW_DASHBOARD,
            P.VIEW_PUPILS,
            P.RECORD_CONSENT,
            P.MANAGE_CONSENT_FORMS,
            P.PRINT_CONSENT,
            P.VIEW_RETENTION,
            P.APPROVE_RETENTION_RUN,
            P.EDIT_RETENTION_SCHEDULE,
            P.REPORT_INCIDENT,
            P.VIEW_INCIDENTS,
            P.VIEW_REQUESTS,
            P.MANAGE_REQUESTS,
            P.VIEW_PROCESSORS,
            P.MANAGE_PROCESSORS,
            P.MANAGE_ACTIONS,
            P.VIEW_REPORTS,
            P.MANAGE_SETTINGS,
            P.MANAGE_POLICY,
            P.VIEW_STAFF,
            P.MANAGE_STAFF,
            P.VIEW_PROCESSING,
            P.MANAGE_PROCESSING,
            P.VIEW_DPIAS,
            P.VIEW_COMPLAINTS,
            P.MANAGE_COMPLAINTS,
        }
    ),
    Role.SECURITY_OFFICER: frozenset(
        {
            P.VIEW_DASHBOARD,
            P.REPORT_INCIDENT,
            P.VIEW_INCIDENTS,
            P.MANAGE_INCIDENTS,
            P.VIEW_PROCESSORS,
            P.MANAGE_PROCESSORS,
            P.MANAGE_ACTIONS,
            P.VIEW_REPORTS,
            P.MANAGE_USERS,
            P.MANAGE_SCHOOLS,
            P.MANAGE_SETTINGS,
            P.VIEW_AUDIT_LOG,
            P.MANAGE_POLICY,
            P.VIEW_STAFF,
            P.VIEW_PROCESSING,
            P.MANAGE_PROCESSING,
            P.VIEW_DPIAS,
            P.MANAGE_DPIAS,
            P.VIEW_COMPLAINTS,
        }
    ),
    Role.DPO: _READ_ALL | {P.ADVISE, P.VIEW_STAFF},
    # The board reads figures and registers, not pupil lists or consent per pupil (AVG art. 5(1)(c),
    # data minimisation): its consent figures come from the annual report (VIEW_REPORTS).
    Role.BOARD: (_READ_ALL - {P.VIEW_PUPILS}) | {P.ADOPT_ANNUAL_REPORT, P.MANAGE_POLICY},
    # Staff awareness (issue 20): the ICT'er raises awareness, so records sessions and acknowledgements.
    Role.ICT: frozenset(
        {P.VIEW_DASHBOARD, P.REPORT_INCIDENT, P.VIEW_PROCESSORS, P.VIEW_PROCESSING, P.VIEW_STAFF,
         P.MANAGE_STAFF}
    ),
}


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    """Everything a user with these roles may do: the union of the roles' permissions."""
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def parse_roles(text: str) -> frozenset[Role]:
    """Parse "director,administration" (code names or Dutch labels) into roles; ValueError in Dutch."""
    by_label = {label.lower(): role for role, label in ROLE_LABELS.items()}
    roles: set[Role] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        lowered = part.lower()
        if lowered in {r.value for r in Role}:
            roles.add(Role(lowered))
        elif lowered in by_label:
            roles.add(by_label[lowered])
        else:
            known = ", ".join(r.value for r in Role)
            raise ValueError(f"Onbekende rol '{part}'. Kies uit: {known}.")
    if not roles:
        raise ValueError("Geef minstens één rol op.")
    return frozenset(roles)
