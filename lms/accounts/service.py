"""Account operations on a session: create, authenticate, change password, reset tokens."""
from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.accounts.models import Role, User
from lms.accounts.passwords import hash_password, problems_with, verify_password
from lms.db import utcnow

_RESET_SALT = "lms.password-reset"
# A hash to compare against when no user matches, so sign-in takes the same time either way.
_DUMMY_HASH = hash_password("not-a-real-password-0")


class AccountError(ValueError):
    """A request about an account that cannot be granted; the message is safe to show."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def find_by_email(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email_key == User.key_for(email)))


def create_user(db: Session, email: str, full_name: str, password: str, role: Role = Role.learner,
                time_zone: str = "UTC") -> User:
    """Create and commit a user; raises AccountError naming the field at fault."""
    email, full_name = email.strip(), " ".join(full_name.split())
    if find_by_email(db, email) is not None:
        raise AccountError("An account with this email already exists.", "email")
    weak = problems_with(password, email, full_name)
    if weak:
        raise AccountError(" ".join(weak), "password")
    user = User(email=email, email_key=User.key_for(email), full_name=full_name,
                password_hash=hash_password(password), role=role, time_zone=time_zone)
    db.add(user)
    db.commit()
    return user


def authenticate(db: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same work whether or not the email exists)."""
    user = find_by_email(db, email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    user.last_sign_in_at = utcnow()
    db.commit()
    return user


def set_password(db: Session, user: User, new_password: str) -> None:
    weak = problems_with(new_password, user.email, user.full_name)
    if weak:
        raise AccountError(" ".join(weak), "password")
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    db.commit()


@dataclass(frozen=True)
class ResetTokens:
    """Signed, expiring, single-use password-reset tokens.

    The token carries the time of the user's last password change; once the password is
    changed (by using the token or otherwise) every earlier token stops working.
    """

    secret_key: str
    max_age_seconds: int

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret_key, salt=_RESET_SALT)

    def issue(self, user: User) -> str:
        return self._serializer().dumps({"u": user.id, "p": user.password_changed_at.timestamp()})

    def redeem(self, db: Session, token: str) -> User:
        try:
            data = self._serializer().loads(token, max_age=self.max_age_seconds)
        except SignatureExpired as exc:
            raise AccountError("This reset link has expired. Ask for a new one.") from exc
        except BadSignature as exc:
            raise AccountError("This reset link is not valid.") from exc
        user = db.get(User, data.get("u")) if isinstance(data, dict) else None
        if user is None or not user.active or user.password_changed_at.timestamp() != data.get("p"):
            raise AccountError("This reset link has already been used or is no longer valid.")
        return user
