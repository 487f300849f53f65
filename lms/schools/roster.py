"""Bulk roster import from CSV: validated row by row; nothing is created until the whole file is valid."""
from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from lms.accounts import service
from lms.accounts.models import Role, User
from lms.schools import audit, cohorts

REQUIRED = ("email", "full_name")
OPTIONAL = ("role", "cohort")


@dataclass
class RosterRow:
    line: int
    email: str
    full_name: str
    role: Role
    cohort: str
    existing: bool = False


@dataclass
class RosterCheck:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "row 4, column email: ..."

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def check(db: Session, text: str, may_grant: set[Role] | None = None) -> RosterCheck:
    """Validate every row; `may_grant` limits the roles the uploader can give (instructors: learners only)."""
    result = RosterCheck()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if missing or unknown:
        result.errors += [f"row 1: missing column '{c}'" for c in missing]
        result.errors += [f"row 1, column {h}: unknown column (use email, full_name, role, cohort)" for h in unknown]
        return result
    seen: dict[str, int] = {}
    for index, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        result.errors += _row_errors(index, row, seen)
        role = row.get("role") or "learner"
        if may_grant is not None and role in {r.value for r in Role} and Role(role) not in may_grant:
            result.errors.append(f"row {index}, column role: you can only add learners")
        if not any(e.startswith(f"row {index},") for e in result.errors):
            existing = service.find_by_email(db, row["email"]) is not None
            result.rows.append(RosterRow(index, row["email"], " ".join(row["full_name"].split()),
                                         Role(row.get("role") or "learner"), row.get("cohort", ""), existing))
    if not result.rows and not result.errors:
        result.errors.append("row 2: the file has no learners")
    return result


def _row_errors(index: int, row: dict[str, str], seen: dict[str, int]) -> list[str]:
    errors = []
    try:
        validate_email(row.get("email", ""), check_deliverability=False)
    except EmailNotValidError:
        errors.append(f"row {index}, column email: '{row.get('email', '')[:80]}' is not an email address")
    key = User.key_for(row.get("email", ""))
    if key in seen:
        errors.append(f"row {index}, column email: {row['email']} also appears in row {seen[key]}")
    seen.setdefault(key, index)
    if not row.get("full_name"):
        errors.append(f"row {index}, column full_name: enter the learner's full name")
    elif len(row["full_name"]) > 200:
        errors.append(f"row {index}, column full_name: use at most 200 characters")
    if row.get("role") and row["role"] not in {r.value for r in Role}:
        errors.append(f"row {index}, column role: '{row['role'][:40]}' is not learner, instructor or admin")
    if len(row.get("cohort", "")) > 200:
        errors.append(f"row {index}, column cohort: use at most 200 characters")
    return errors


def apply(db: Session, checked: RosterCheck, actor: User) -> list[User]:
    """Create the new accounts (with a random password: they set their own from the welcome link) and add
    everyone to the named cohorts; returns the new users."""
    if not checked.ok:
        raise ValueError("roster has errors")
    created = []
    for row in checked.rows:
        user = service.find_by_email(db, row.email)
        if user is None:
            user = User(email=row.email, email_key=User.key_for(row.email), full_name=row.full_name,
                        password_hash="!" + secrets.token_hex(16), role=row.role)
            db.add(user)
            db.flush()
            created.append(user)
        if row.cohort:
            cohorts.add_member(db, cohorts.find_or_create(db, row.cohort, actor.id), user.id)
    audit.record(db, actor.id, "roster.imported", f"{len(checked.rows)} rows", created=len(created))
    db.commit()
    return created
