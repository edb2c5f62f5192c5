"""Users: the first administrator, signing in, passwords and roles.

Passwords are hashed with Argon2id (argon2-cffi). After three wrong passwords in a row a
user must wait before the next try, twice as long each time (up to five minutes); the
wait is kept in the data file, so restarting the program does not shorten it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.access import ADMIN, Access, roles_of
from ..domain.errors import DumasError, NotAllowed, NotFound, ValidationError
from ..domain.validation import Problems
from ..storage import audit
from ..storage.database import Database
from ..storage.models import Office, User
from .context import Workspace, home_office

IDLE_SETTING = "security.idle_minutes"
DEFAULT_IDLE_MINUTES = 10
FREE_TRIES = 3
LONGEST_WAIT = timedelta(minutes=5)
MIN_PASSWORD = 8
_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,29}$")
_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("dumas-desktop-bukan-kata-sandi")


class SignInRefused(DumasError):
    """Wrong name or password, a disabled account, or a wait after repeated failures."""


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    roles: tuple[str, ...]
    active: bool


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def has_users(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def _access(user: User) -> Access:
    return Access(user.username, user.full_name, frozenset(user.roles))


def _check_new(problems: Problems, username: str, full_name: str, password: str) -> None:
    if not _USERNAME_RE.match(username):
        problems.add(
            "username",
            "Nama pengguna",
            "3–30 huruf kecil, angka, titik, garis bawah, atau tanda minus, diawali huruf atau angka",
        )
    problems.required(full_name, "full_name", "Nama lengkap")
    _check_password(problems, password)


def check_new_account(username: str, full_name: str, password: str) -> None:
    """A new account's name and password, checked before anything is made (init's first administrator)."""
    problems = Problems()
    _check_new(problems, username.strip().lower(), full_name, password)
    problems.raise_if_any()


def _check_password(problems: Problems, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        problems.add("password", "Kata sandi", f"paling sedikit {MIN_PASSWORD} karakter")


def _check_roles(problems: Problems, roles: list[str], known: dict[str, str]) -> None:
    unknown = [r for r in roles if r not in known]
    if unknown:
        problems.add("roles", "Peran", f"tidak dikenal: {', '.join(unknown)} (pilih: {', '.join(known)})")
    if not roles:
        problems.add("roles", "Peran", "pilih paling sedikit satu peran")


def _add(
    ws: Workspace,
    session: Session,
    username: str,
    full_name: str,
    password: str,
    roles: list[str],
    active: bool = True,
) -> int:
    username = username.strip().lower()
    problems = Problems()
    _check_new(problems, username, full_name, password)
    _check_roles(problems, roles, roles_of(ws.home_profile(session)))
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        problems.add("username", "Nama pengguna", f"\u201c{username}\u201d sudah dipakai")
    problems.raise_if_any()
    now = ws.now()
    user = User(
        username=username,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        roles=sorted(set(roles)),
        active=active,
        failed_attempts=0,
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    ws.audit(
        session,
        home_office(session).office_code,
        "pengguna_ditambahkan",
        "user",
        after={"username": user.username, "full_name": user.full_name, "roles": user.roles, "active": user.active},
    )
    return user.id


def create_first_admin(
    db: Database, username: str, full_name: str, password: str, clock: Callable[[], datetime] = datetime.now
) -> Access:
    """The first run: the administrator, who then adds the others. Refused once any user exists."""
    ws = Workspace(db, actor="pengaturan awal", clock=clock)
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise NotAllowed("Berkas ini sudah memiliki pengguna; administrator pertama sudah dibuat.")
        _add(ws, session, username, full_name, password, [ADMIN])
    return Access(username.strip().lower(), full_name.strip(), frozenset({ADMIN}))


def add_user(ws: Workspace, username: str, full_name: str, password: str, roles: list[str], active: bool = True) -> int:
    """A new account; `active=False` makes it ready but unable to sign in until an
    administrator activates it (an officer who starts next month)."""
    ws.access.require_admin("Menambah pengguna")
    with ws.db.transaction() as session:
        return _add(ws, session, username, full_name, password, roles, bool(active))


def list_users(ws: Workspace) -> list[UserView]:
    with ws.db.read() as session:
        return [
            UserView(u.id, u.username, u.full_name, tuple(u.roles), u.active)
            for u in session.scalars(select(User).order_by(User.username))
        ]


def _load(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"Pengguna #{user_id} tidak ada.")
    return user


def _admins_left(session: Session, without: int) -> int:
    others = session.scalars(select(User).where(User.active.is_(True), User.id != without))
    return sum(1 for u in others if ADMIN in u.roles)


def update_user(ws: Workspace, user_id: int, full_name: str, roles: list[str], active: bool) -> None:
    ws.access.require_admin("Mengubah pengguna")
    with ws.db.transaction() as session:
        user = _load(session, user_id)
        problems = Problems()
        problems.required(full_name, "full_name", "Nama lengkap")
        _check_roles(problems, roles, roles_of(ws.home_profile(session)))
        problems.raise_if_any()
        if (
            (ADMIN in user.roles and user.active)
            and (ADMIN not in roles or not active)
            and not _admins_left(session, user.id)
        ):
            raise NotAllowed("Harus tetap ada paling sedikit satu administrator yang aktif.")
        before = {"full_name": user.full_name, "roles": user.roles, "active": user.active}
        user.full_name, user.roles, user.active = full_name.strip(), sorted(set(roles)), active
        user.updated_at = ws.now()
        ws.audit(
            session,
            home_office(session).office_code,
            "pengguna_diubah",
            "user",
            before=before,
            after={"username": user.username, "full_name": user.full_name, "roles": user.roles, "active": active},
        )


def reset_password(ws: Workspace, user_id: int, password: str) -> None:
    ws.access.require_admin("Mengatur ulang kata sandi pengguna")
    problems = Problems()
    _check_password(problems, password)
    problems.raise_if_any()
    with ws.db.transaction() as session:
        user = _load(session, user_id)
        _set_password(ws, session, user, password, "kata_sandi_diatur_ulang")


def change_own_password(ws: Workspace, old: str, new: str) -> None:
    problems = Problems()
    _check_password(problems, new)
    problems.raise_if_any()
    verify(ws.db, ws.access.username, old, ws.now(), purpose=CONFIRM)
    with ws.db.transaction() as session:
        user = session.scalar(select(User).where(User.username == ws.access.username))
        if user is None:
            raise NotFound("Akun Anda tidak ada lagi dalam berkas ini.")
        _set_password(ws, session, user, new, "kata_sandi_diganti")


def _set_password(ws: Workspace, session: Session, user: User, password: str, action: str) -> None:
    user.password_hash = hash_password(password)
    user.failed_attempts, user.retry_after = 0, None
    user.updated_at = ws.now()
    ws.audit(session, home_office(session).office_code, action, "user", after={"username": user.username})


def _wait_after(failures: int) -> timedelta:
    if failures < FREE_TRIES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_TRIES)), LONGEST_WAIT)


# Why a password is asked, and what the audit trail records: every failure; a success when
# it opens a session (the window) or unlocks one. A command-line command checks the password
# for itself alone: its success is not recorded (what the command changes is, under the user's
# name), so a refused import or a listing leaves the file as it was.
SIGN_IN, UNLOCK, CONFIRM, COMMAND = "masuk", "buka_kunci", "konfirmasi", "perintah"
_RECORDED = {
    SIGN_IN: ("pengguna_masuk", "masuk_gagal"),
    COMMAND: ("", "masuk_gagal"),
    UNLOCK: ("kunci_layar_dibuka", "buka_kunci_gagal"),
    CONFIRM: ("", "kata_sandi_salah"),
}


def verify(db: Database, username: str, password: str, now: datetime, *, purpose: str = SIGN_IN) -> Access:
    """Check a user's password, counting failures; the signed-in Access when right. Every
    sign-in, every refused one and every failed unlock is recorded in the audit trail."""
    username = username.strip().lower()
    with db.read() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            with contextlib.suppress(VerificationError):
                _hasher.verify(_DUMMY_HASH, password + "x")
            _refused(db, username, purpose, "nama pengguna tidak dikenal", now)
            raise SignInRefused("Nama pengguna atau kata sandi salah.")
        if not user.active:
            _refused(db, username, purpose, "akun dinonaktifkan", now)
            raise SignInRefused(f"Akun {username} dinonaktifkan. Hubungi administrator kantor.")
        if user.retry_after is not None and user.retry_after > now:
            seconds = int((user.retry_after - now).total_seconds()) + 1
            _refused(db, username, purpose, "masih harus menunggu", now)
            raise SignInRefused(f"Terlalu banyak kata sandi yang salah. Coba lagi dalam {seconds} detik.")
        stored, user_id, access = user.password_hash, user.id, _access(user)
    try:
        _hasher.verify(stored, password)
        right = True
    except (VerificationError, InvalidHashError):
        right = False
    _count(db, user_id, right, now, purpose)
    if not right:
        # Unlocking asks only for the password: the message speaks of that alone.
        raise SignInRefused("Kata sandi salah." if purpose == UNLOCK else "Nama pengguna atau kata sandi salah.")
    return access


def _record(session: Session, actor: str, action: str, after: dict[str, object], now: datetime) -> None:
    office = session.scalar(select(Office.office_code).where(Office.is_home.is_(True)))
    audit.record(session, office_code=office or "", at=now, actor=actor, action=action, entity="user", after=after)


def _refused(db: Database, username: str, purpose: str, reason: str, now: datetime) -> None:
    if db.read_only:
        return
    with db.transaction() as session:
        name = username[:60]
        _record(session, name or "-", _RECORDED[purpose][1], {"username": name, "reason": reason}, now)


def _count(db: Database, user_id: int, right: bool, now: datetime, purpose: str = SIGN_IN) -> None:
    if db.read_only:
        return  # a file opened read-only cannot keep the count (nor the record); the wait is then not stored
    with db.transaction() as session:
        user = _load(session, user_id)
        actor = _access(user).label
        done, failed = _RECORDED[purpose]
        if right:
            if user.failed_attempts or user.retry_after:
                user.failed_attempts, user.retry_after = 0, None
            if done:
                _record(session, actor, done, {"username": user.username}, now)
            return
        user.failed_attempts += 1
        wait = _wait_after(user.failed_attempts)
        user.retry_after = now + wait if wait else None
        after = {"username": user.username, "reason": "kata sandi salah", "failures": user.failed_attempts}
        _record(session, actor, failed, after, now)


def sign_in(db: Database, username: str, password: str, now: datetime | None = None) -> Workspace:
    """A workspace for a user who gave the right password."""
    access = verify(db, username, password, (now or datetime.now()).replace(microsecond=0))
    return Workspace.signed_in(db, access)


def demo_hint(db: Database) -> str:
    """For a demo file only: how to sign in (its accounts share a published password)."""
    from .demo import DEMO_ADMIN, DEMO_PASSWORD_SETTING
    from .numbering import get_setting

    with db.read() as session:
        password = get_setting(session, DEMO_PASSWORD_SETTING, None)
    if not password:
        return ""
    return (
        f"Berkas contoh: masuk sebagai \u201c{DEMO_ADMIN}\u201d (semua peran) atau dengan nama peran, "
        f"mis. \u201cpelaksana\u201d, \u201ctim_telaah\u201d; kata sandi \u201c{password}\u201d."
    )


def idle_minutes(db: Database) -> int:
    from .numbering import get_setting

    with db.read() as session:
        value = get_setting(session, IDLE_SETTING, DEFAULT_IDLE_MINUTES)
    return value if isinstance(value, int) and value > 0 else DEFAULT_IDLE_MINUTES


def set_idle_minutes(ws: Workspace, minutes: int) -> None:
    from .numbering import set_setting

    ws.access.require_admin("Mengubah waktu kunci layar")
    if not 1 <= minutes <= 240:
        raise ValidationError.single("idle_minutes", "Kunci layar setelah", "antara 1 dan 240 menit")
    with ws.db.transaction() as session:
        set_setting(session, IDLE_SETTING, minutes)
