"""The IMAP connection, made safely: TLS verified against the system's authorities, or
against the one certificate the office trusts (pinned by its SHA-256), plain only to this
PC or the LAN. Every network failure becomes a DumasError in Indonesian."""

from __future__ import annotations

import hashlib
import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from ..domain.errors import DumasError
from .mail_settings import MailboxSettings, address_is_local

TIMEOUT_SECONDS = 30


class MailConnectionError(DumasError):
    """The mailbox could not be reached, refused us, or went away."""


def _where(settings: MailboxSettings) -> str:
    return f"{settings.host}:{settings.port}"


def _context(settings: MailboxSettings) -> ssl.SSLContext:
    if settings.trusted_sha256:
        # The office trusts this one certificate (a server with its own, self-signed): the
        # handshake takes any, and the fingerprint is compared before anything is sent.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _check_pin(sock: ssl.SSLSocket, settings: MailboxSettings) -> None:
    if not settings.trusted_sha256:
        return
    der = sock.getpeercert(binary_form=True) or b""
    found = hashlib.sha256(der).hexdigest()
    if found != settings.trusted_sha256:
        raise MailConnectionError(
            f"Sertifikat server {_where(settings)} bukan yang dipercaya di Pengaturan (sidik SHA-256 server: "
            f"{pretty_fingerprint(found)}). Sambungan dibatalkan sebelum kata sandi dikirim."
        )


def pretty_fingerprint(digest: str) -> str:
    """AB:CD:… as the refusal shows it and as the settings show it back."""
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2)).upper()


def presented_fingerprint(settings: MailboxSettings) -> str:
    """The SHA-256 of the certificate the server shows, read without trusting it, so the
    message about an untrusted certificate can name what the administrator would trust."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        if settings.security == "ssl":
            with (
                socket.create_connection((settings.host, settings.port), timeout=TIMEOUT_SECONDS) as raw,
                context.wrap_socket(raw, server_hostname=settings.host) as tls,
            ):
                der = tls.getpeercert(binary_form=True) or b""
        else:
            imap = imaplib.IMAP4(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
            try:
                imap.starttls(context)
                der = imap.sock.getpeercert(binary_form=True) or b""  # type: ignore[attr-defined]
            finally:
                imap.shutdown()
    except (OSError, imaplib.IMAP4.error):
        return ""
    return pretty_fingerprint(hashlib.sha256(der).hexdigest()) if der else ""


def _refuse_plain_to_internet(settings: MailboxSettings) -> None:
    try:
        found = {info[4][0] for info in socket.getaddrinfo(settings.host, settings.port, type=socket.SOCK_STREAM)}
    except OSError as exc:
        raise MailConnectionError(f"Nama server {settings.host} tidak dikenal: {exc.strerror or exc}.") from None
    outside = sorted(a for a in found if not address_is_local(str(a)))
    if outside:
        raise MailConnectionError(
            f"Server {settings.host} beralamat {outside[0]}, di luar LAN kantor: sambungan tanpa enkripsi ditolak. "
            "Pilih SSL/TLS atau STARTTLS di Pengaturan."
        )


# OpenSSL's words for why a certificate is refused, as an officer reads them.
CERTIFICATE_REASONS = {
    "self-signed certificate": "sertifikat buatan sendiri",
    "self signed certificate": "sertifikat buatan sendiri",
    "self-signed certificate in certificate chain": "rantai sertifikat berakhir pada sertifikat buatan sendiri",
    "certificate has expired": "sertifikat sudah kedaluwarsa",
    "unable to get local issuer certificate": "penerbit sertifikat tidak dikenal",
    "hostname mismatch": "sertifikat untuk nama server lain",
}


def _untrusted(settings: MailboxSettings, exc: ssl.SSLError) -> MailConnectionError:
    seen = presented_fingerprint(settings)
    said = getattr(exc, "verify_message", "") or exc.reason or str(exc)
    reason = next((ours for words, ours in CERTIFICATE_REASONS.items() if words in str(said).lower()), None)
    reason = reason or f"ditolak pemeriksaan TLS: {said}"
    trust = (
        f" Bila server kantor memang memakai sertifikat sendiri, Administrator dapat mempercayainya di Pengaturan "
        f"dengan sidik SHA-256 ini (periksa dahulu dengan pengelola server): {seen}."
        if seen
        else ""
    )
    return MailConnectionError(
        f"Sertifikat server {_where(settings)} tidak dipercaya ({reason}); tidak tersambung.{trust}"
    )


def open_imap(settings: MailboxSettings, password: str) -> imaplib.IMAP4:
    """A signed-in connection; the caller logs out."""
    context = _context(settings)
    if settings.security == "none":
        _refuse_plain_to_internet(settings)
    imap: imaplib.IMAP4 | None = None
    try:
        if settings.security == "ssl":
            imap = imaplib.IMAP4_SSL(settings.host, settings.port, ssl_context=context, timeout=TIMEOUT_SECONDS)
            _check_pin(imap.sock, settings)  # type: ignore[arg-type]
        else:
            imap = imaplib.IMAP4(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
            if settings.security == "starttls":
                if "STARTTLS" not in imap.capabilities:
                    raise MailConnectionError(
                        f"Server {_where(settings)} tidak menawarkan STARTTLS; tidak tersambung (kata sandi tidak "
                        "dikirim terbuka)."
                    )
                imap.starttls(context)
                _check_pin(imap.sock, settings)  # type: ignore[arg-type]
        imap.login(settings.user, password)
        return imap
    except ssl.SSLCertVerificationError as exc:
        _close(imap)
        raise _untrusted(settings, exc) from None
    except ssl.SSLError as exc:
        _close(imap)
        raise MailConnectionError(
            f"Sambungan aman ke {_where(settings)} gagal ({exc.reason or exc}). Periksa port dan pilihan keamanan."
        ) from None
    except MailConnectionError:
        _close(imap)
        raise
    except imaplib.IMAP4.abort as exc:
        _close(imap)
        raise MailConnectionError(f"Server surel {_where(settings)} memutus sambungan: {_said(exc)}.") from None
    except imaplib.IMAP4.error as exc:
        _close(imap)
        raise MailConnectionError(
            f"Masuk ke kotak surel {settings.user} di {_where(settings)} ditolak ({_said(exc)}). Periksa nama "
            "pengguna dan kata sandi di Pengaturan."
        ) from None
    except OSError as exc:
        _close(imap)
        raise MailConnectionError(
            f"Server surel {_where(settings)} tidak dapat dihubungi ({_network_trouble(exc)}). Surel yang sudah "
            "diambil tetap tersimpan; coba lagi saat sambungan ke server surel tersedia."
        ) from None


def _network_trouble(exc: OSError) -> str:
    """Why the server did not answer, in Indonesian; the system's own words only when unknown."""
    if isinstance(exc, TimeoutError) or "timed out" in str(exc).lower():
        return "server tidak menjawab dalam batas waktu"
    if isinstance(exc, ConnectionRefusedError):
        return "sambungan ditolak; periksa alamat dan port"
    if isinstance(exc, ConnectionResetError):
        return "sambungan diputus oleh server"
    if "getaddrinfo" in str(exc) or "Name or service not known" in str(exc):
        return "nama server tidak ditemukan; periksa alamatnya atau sambungan jaringan"
    return f"galat jaringan: {exc.strerror or exc}"


def _said(exc: BaseException) -> str:
    text = str(exc)
    return "".join(c for c in text if c.isprintable())[:200] or type(exc).__name__


def _close(imap: imaplib.IMAP4 | None) -> None:
    if imap is None:
        return
    with suppress(OSError):
        imap.shutdown()


@contextmanager
def connected(settings: MailboxSettings, password: str) -> Iterator[imaplib.IMAP4]:
    imap = open_imap(settings, password)
    try:
        yield imap
    finally:
        try:
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            _close(imap)
