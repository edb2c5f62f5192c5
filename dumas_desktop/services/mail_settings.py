"""The office mailbox: where it is, how to reach it safely, and its password in the OS keyring.

The settings live in the data file (they are the office's); the password never does. It
goes to the operating system's keyring through `keyring` (Windows Credential Manager, the
Secret Service or KWallet on Linux, the macOS keychain), never into the data file, the
command line or a log. A machine with no keyring at all gets a clear message rather than a
password written somewhere weaker.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import ssl
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from ..domain.errors import DumasError, ValidationError
from .context import Workspace
from .numbering import get_setting, set_setting

SETTING = "mail.account"
SECURITIES = {
    "ssl": "SSL/TLS",
    "starttls": "STARTTLS",
    "none": "Tanpa enkripsi (hanya server di LAN kantor atau PC ini)",
}
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
KEYRING_SERVICE = "Dumas Desktop - surel kantor"
MAX_INTERVAL_MINUTES = 24 * 60
PLAIN_WARNING = (
    "Tanpa enkripsi, kata sandi dan isi surel melintas terbuka di jaringan; pakai hanya untuk server di LAN "
    "kantor atau di PC ini."
)


@dataclass(frozen=True)
class MailboxSettings:
    host: str = ""
    port: int = 993
    security: str = "ssl"
    user: str = ""
    folder: str = "INBOX"
    mark_read: bool = False  # messages are never deleted on the server
    since: date | None = None  # only messages the server received on or after this day
    interval_minutes: int = 0  # fetch every N minutes while the program runs; 0 = only by hand
    trusted_sha256: str = ""  # the server certificate the office trusts although no authority signed it

    @property
    def configured(self) -> bool:
        return bool(self.host and self.user)

    @property
    def account(self) -> str:
        """The keyring's name for the password: one mailbox, one entry (whatever its port)."""
        return f"{self.user} di {self.host}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        return data

    @classmethod
    def from_json(cls, data: Any) -> MailboxSettings:
        if not isinstance(data, dict):
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        since = known.get("since")
        known["since"] = date.fromisoformat(since) if isinstance(since, str) and since else None
        return cls(**known)


def plain_allowed(host: str) -> bool:
    """A plain connection only to this PC or the office LAN (a private address, or a name
    that only a LAN resolves)."""
    host = host.strip().strip("[]").lower()
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host or host.endswith((".local", ".lan", ".home.arpa", ".internal", ".localdomain"))
    return address.is_loopback or address.is_private or address.is_link_local


def address_is_local(address: str) -> bool:
    try:
        parsed = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return parsed.is_loopback or parsed.is_private or parsed.is_link_local


def normal_fingerprint(text: str) -> str:
    return re.sub(r"[^0-9a-f]", "", text.lower())


def fingerprint_of_pem(pem: str) -> str:
    """The SHA-256 of a certificate file's first certificate (PEM), as a trusted fingerprint."""
    try:
        der = ssl.PEM_cert_to_DER_cert(pem)
    except (ValueError, IndexError):
        raise DumasError("Berkas sertifikat tidak berisi sertifikat PEM (-----BEGIN CERTIFICATE-----).") from None
    return hashlib.sha256(der).hexdigest()


def check_settings(settings: MailboxSettings) -> MailboxSettings:
    problems = []
    host = settings.host.strip()
    if not host or len(host) > 253 or not re.fullmatch(r"[A-Za-z0-9.\-:\[\]_]+", host):
        problems.append(("host", "Server IMAP", "tulis nama server atau alamat IP, misalnya imap.contoh.go.id"))
    if settings.security not in SECURITIES:
        problems.append(("security", "Keamanan", f"pilih salah satu: {', '.join(SECURITIES)}"))
    elif settings.security == "none" and host and not plain_allowed(host):
        problems.append(
            (
                "security",
                "Keamanan",
                f"sambungan tanpa enkripsi hanya untuk server di LAN kantor atau PC ini, bukan {host}; pilih SSL/TLS "
                "atau STARTTLS",
            )
        )
    if not 1 <= settings.port <= 65535:
        problems.append(("port", "Port", "antara 1 dan 65535"))
    user = settings.user.strip()
    if not user or len(user) > 320 or any(not c.isprintable() for c in user):
        problems.append(("user", "Nama pengguna", "wajib diisi (biasanya alamat surel kantor)"))
    folder = settings.folder.strip() or "INBOX"
    if len(folder) > 200 or any(not c.isprintable() or c in '"\\' for c in folder):
        problems.append(("folder", "Folder", "nama folder tidak sah"))
    if not 0 <= settings.interval_minutes <= MAX_INTERVAL_MINUTES:
        problems.append(("interval", "Ambil otomatis", f"0 (mati) sampai {MAX_INTERVAL_MINUTES} menit"))
    pin = normal_fingerprint(settings.trusted_sha256)
    if settings.trusted_sha256.strip() and len(pin) != 64:
        problems.append(("trusted", "Sidik sertifikat", "SHA-256 ditulis 64 angka heksadesimal"))
    if problems:
        from ..domain.errors import FieldProblem

        raise ValidationError([FieldProblem(*p) for p in problems])
    return replace(settings, host=host, user=user, folder=folder, trusted_sha256=pin)


def load(ws: Workspace) -> MailboxSettings:
    with ws.db.read() as session:
        return MailboxSettings.from_json(get_setting(session, SETTING))


def save(ws: Workspace, settings: MailboxSettings, password: str | None = None) -> MailboxSettings:
    """Keep the mailbox settings (administrator); `password` None keeps the one in the keyring."""
    ws.access.require_admin("Mengatur kotak surel kantor")
    settings = check_settings(settings)
    if password is not None:
        _check_password(password)
    with ws.db.transaction() as session:
        before = MailboxSettings.from_json(get_setting(session, SETTING))
        set_setting(session, SETTING, settings.as_json())
        office = session.scalar(_home_code())
        ws.audit(
            session,
            office or "",
            "kotak_surel_diatur",
            "setting",
            entity_uuid=SETTING,
            before=before.as_json(),
            after=settings.as_json(),  # the password is not among them
        )
    if password is not None:
        # After the settings are kept: a PC without a keyring loses only the password, and says so.
        try:
            store_password(settings, password)
        except DumasError as exc:
            raise PasswordNotKept(
                f"Pengaturan kotak surel tersimpan, tetapi kata sandinya belum: {exc.message} Setelah itu isi kata "
                "sandinya lagi (Pengaturan, bagian Kotak surel kantor, atau dumas-desktop mail setup … "
                "--password-file BERKAS)."
            ) from None
    return settings


class PasswordNotKept(DumasError):
    """The settings were saved; the password was not (this PC has no keyring to keep it)."""


def _home_code() -> Any:
    from sqlalchemy import select

    from ..storage.models import Office

    return select(Office.office_code).where(Office.is_home.is_(True))


# --- the keyring -------------------------------------------------------------------------------
NO_KEYRING = (
    "Penyimpan kata sandi sistem (keyring) tidak tersedia di komputer ini, jadi kata sandi kotak surel tidak dapat "
    "disimpan dengan aman. Di Windows ini Credential Manager; di Linux pasang dan buka GNOME Keyring atau KWallet."
)


def _keyring() -> Any:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    if isinstance(backend, fail.Keyring) or (chained is not None and not chained):
        raise DumasError(NO_KEYRING)
    return keyring


def _check_password(password: str) -> None:
    if not password or any(c in password for c in "\r\n\x00"):
        raise DumasError("Kata sandi kotak surel kosong atau memuat ganti baris.")


def store_password(settings: MailboxSettings, password: str) -> None:
    _check_password(password)
    from keyring.errors import KeyringError

    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, settings.account, password)
    except KeyringError as exc:
        raise DumasError(f"{NO_KEYRING} ({type(exc).__name__})") from None


def password_of(settings: MailboxSettings) -> str:
    from keyring.errors import KeyringError

    keyring = _keyring()
    try:
        password = keyring.get_password(KEYRING_SERVICE, settings.account)
    except KeyringError as exc:
        raise DumasError(f"{NO_KEYRING} ({type(exc).__name__})") from None
    if not password:
        raise DumasError(
            f"Kata sandi kotak surel {settings.account} belum tersimpan di komputer ini. Administrator mengisinya di "
            "Pengaturan, bagian Kotak surel kantor (atau: dumas-desktop mail setup ... --password-file BERKAS)."
        )
    return str(password)
