"""Reviewers and their roles; passwords hashed with Argon2id (argon2-cffi).

Roles: ``analyst`` decides alerts, ``approver`` also approves other people's true matches,
``admin`` manages users (and may decide). A user without a password exists for the CLI only
(``--user NAME``) and cannot log in to the web UI. Every change is an audit record.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from embargo.cases import audit
from embargo.cases.models import ROLES, User, utcnow

DECIDERS = ("analyst", "approver", "admin")
APPROVERS = ("approver",)
_MIN_PASSWORD = 8


class UserError(Exception):
    """A user cannot be created, changed or act as asked; the message says why."""


@lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < _MIN_PASSWORD:
        raise UserError(f"password too short: at least {_MIN_PASSWORD} characters")
    return _hasher().hash(password)


def check_password(user: User, password: str) -> bool:
    """Whether ``password`` is the user's; False for users without one or disabled."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if not user.active or not user.password_hash:
        return False
    try:
        return _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(f"role {role!r}: use one of {', '.join(ROLES)}")


def add_user(
    session: Session, name: str, role: str, password: str | None = None, actor: str = "cli"
) -> User:
    """Create a user (in the caller's transaction, with its audit record)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("user name: 1 to 100 characters")
    _check_role(role)
    if session.execute(select(User).where(User.name == name)).scalar_one_or_none():
        raise UserError(f"user {name!r} exists already; change it with `embargo users set`")
    user = User(
        name=name,
        role=role,
        password_hash=hash_password(password) if password else None,
        active=True,
    )
    session.add(user)
    session.flush()
    audit.append(
        session,
        "user.add",
        f"user:{name}",
        {"name": name, "role": role, "password": bool(password), "active": True},
        actor=actor,
    )
    return user


def set_user(
    session: Session,
    name: str,
    *,
    role: str | None = None,
    password: str | None = None,
    active: bool | None = None,
    actor: str = "cli",
) -> User:
    """Change a user's role, password or active flag (audited)."""
    user = get_user(session, name, for_update=True)
    changes: dict[str, object] = {}
    if role is not None and role != user.role:
        _check_role(role)
        user.role = role
        changes["role"] = role
    if password is not None:
        user.password_hash = hash_password(password)
        changes["password"] = True
    if active is not None and active != user.active:
        user.active = active
        changes["active"] = active
    if changes:
        user.updated_at = utcnow()
        audit.append(session, "user.update", f"user:{name}", {"name": name, **changes}, actor)
    return user


def get_user(session: Session, name: str, for_update: bool = False) -> User:
    query = select(User).where(User.name == name)
    if for_update:
        query = query.with_for_update()
    user = session.execute(query).scalar_one_or_none()
    if user is None:
        raise UserError(f"no user {name!r}; add one with `embargo users add {name} --role …`")
    return user


def acting_user(session: Session, name: str, roles: tuple[str, ...]) -> User:
    """The user ``name`` if active and holding one of ``roles``."""
    user = get_user(session, name)
    if not user.active:
        raise UserError(f"user {name!r} is disabled")
    if user.role not in roles:
        raise UserError(f"user {name!r} has role {user.role}; this needs {' or '.join(roles)}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.name)).scalars())
