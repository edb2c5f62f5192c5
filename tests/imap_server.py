"""A real IMAP server for the mailbox tests: Debian's Dovecot, configured in a temporary
folder on high loopback ports, with a passwd-file of users (one mailbox per test) and
Maildirs the tests fill, plain/STARTTLS on one port and SSL on another, with a self-signed
certificate made here (cryptography).

Run as root (CI), Dovecot's own unprivileged users run the login and mail processes;
run as anyone else, that user runs everything."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

# Dovecot, its users and signals are POSIX: the tests that use it run on Linux (CI) and are
# skipped on Windows; the asserts below tell a type checker for Windows so.

USERS = 200
PASSWORD = "rahasia-surel"
DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(folder: Path, name: str = "localhost") -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return cert_path, key_path


class Dovecot:
    folder: Path
    port: int
    ssl_port: int
    cert: Path
    key: Path
    passwd: Path
    users: list[str]
    homes: Path
    uid: int
    gid: int
    config: Path
    process: subprocess.Popen[bytes] | None

    def __init__(self, folder: Path) -> None:
        if sys.platform == "win32":
            raise RuntimeError("Dovecot runs on Linux")
        self.folder = folder
        self.port = free_port()
        self.ssl_port = free_port()
        self.cert, self.key = self_signed(folder)
        # Every mailbox a run may need, written before the server starts: Dovecot reads a
        # passwd-file again only when its modification time changes, within a second's grain.
        self.passwd = folder / "passwd"
        self.users = [f"kantor{i:03d}-{uuid.uuid4().hex[:6]}@kpu.test" for i in range(USERS)]
        self.passwd.write_text("".join(f"{u}:{{PLAIN}}{PASSWORD}\n" for u in self.users), encoding="utf-8")
        self.homes = folder / "home"
        self.homes.mkdir()
        if os.geteuid() == 0:
            mail_user = _existing("dovecot") or "nobody"
            internal, login = mail_user, _existing("dovenull") or mail_user
        else:
            mail_user = internal = login = pwd.getpwuid(os.getuid()).pw_name
        entry = pwd.getpwnam(mail_user)
        self.uid, self.gid = entry.pw_uid, entry.pw_gid
        for path in (self.folder, self.homes):
            os.chown(path, os.getuid(), os.getgid())
            path.chmod(0o755)
        os.chown(self.homes, self.uid, self.gid)
        self.config = folder / "dovecot.conf"
        self.config.write_text(
            f"""
protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {min(self.uid, 1) if self.uid else 0}
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={self.homes}/%u
}}
mail_location = maildir:{self.homes}/%u/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.ssl_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
""",
            encoding="utf-8",
        )
        self.key.chmod(0o644 if os.geteuid() == 0 else 0o600)  # read by the master (root) either way
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert DOVECOT is not None
        for sub in ("run", "state"):
            (self.folder / sub).mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopping it ends every session too
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.folder / "dovecot.log"
                raise RuntimeError(
                    f"Dovecot stopped: {log.read_text(encoding='utf-8', errors='replace') if log.exists() else ''}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.1)
        raise RuntimeError("Dovecot did not answer within 15 s")

    def stop(self) -> None:
        """The server goes away at once, mid-session (as a dropped line or a crash would)."""
        if sys.platform == "win32":
            raise RuntimeError("Dovecot runs on Linux")
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)
        self.process = None
        for stale in ("run/master.pid",):
            with contextlib.suppress(FileNotFoundError):
                (self.folder / stale).unlink()

    def mailbox(self) -> tuple[str, str]:
        """A user of its own with an empty Maildir: every test reads its own mailbox."""
        if sys.platform == "win32":
            raise RuntimeError("Dovecot runs on Linux")
        user = self.users.pop(0)
        maildir = self.maildir(user)
        for sub in ("new", "cur", "tmp"):
            (maildir / sub).mkdir(parents=True, exist_ok=True)
        for path in (self.homes / user, maildir, *(maildir / s for s in ("new", "cur", "tmp"))):
            os.chown(path, self.uid, self.gid)
        return user, PASSWORD

    def maildir(self, user: str) -> Path:
        return self.homes / user / "Maildir"

    def deliver(self, user: str, raw: bytes, received: dt.datetime) -> None:
        """Put one message in the mailbox, as received by the server at `received`."""
        if sys.platform == "win32":
            raise RuntimeError("Dovecot runs on Linux")
        name = f"{int(received.timestamp())}.{uuid.uuid4().hex}.kpu.test"
        target = self.maildir(user) / "new" / name
        tmp = self.maildir(user) / "tmp" / name
        tmp.write_bytes(raw)
        stamp = received.timestamp()
        os.utime(tmp, (stamp, stamp))
        os.chown(tmp, self.uid, self.gid)
        tmp.rename(target)


def _existing(name: str) -> str | None:
    if sys.platform == "win32":
        raise RuntimeError("Dovecot runs on Linux")
    try:
        pwd.getpwnam(name)
    except KeyError:
        return None
    return name


class StallingLine:
    """A TCP relay between the program and a server that stops passing the server's bytes
    once `stall_after` of them have passed, until `release()`: a connection that stalls in
    the middle of a fetch, so a test can act while the fetch is under way (as a slow line
    would let a person do), without touching the program."""

    def __init__(self, server_port: int, stall_after: int) -> None:
        import threading

        self.server_port = server_port
        self.stall_after = stall_after
        self.stalled = threading.Event()
        self.released = threading.Event()
        self.passed = 0
        self.cutting = False
        self.sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def release(self) -> None:
        self.released.set()

    def cut(self) -> None:
        """The line drops where it stalled: what the server had sent beyond it never arrives."""
        self.cutting = True
        self.released.set()

    def close(self) -> None:
        self.released.set()
        self.listener.close()
        for each in self.sockets:
            each.close()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(("127.0.0.1", self.server_port))
            self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, from_server: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if from_server and not self.released.is_set() and self.passed + len(data) > self.stall_after:
                    cut = max(0, self.stall_after - self.passed)
                    sink.sendall(data[:cut])
                    self.passed += cut
                    data = data[cut:]
                    self.stalled.set()
                    self.released.wait()
                    if self.cutting:
                        for each in (source, sink):
                            each.shutdown(socket.SHUT_RDWR)
                        return
                if from_server:
                    self.passed += len(data)
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
