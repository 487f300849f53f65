"""Route guards by role: checked on the server for every request."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user, login_required

from lms.accounts.models import Role

F = TypeVar("F", bound=Callable[..., object])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Signed-in users with one of `roles` pass; others get 403 (anonymous users are sent to sign in)."""

    def decorate(view: F) -> F:
        @wraps(view)
        @login_required
        def guarded(*args: object, **kwargs: object) -> object:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


staff_required = role_required(Role.instructor, Role.admin)
admin_required = role_required(Role.admin)
