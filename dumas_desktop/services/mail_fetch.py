"""Fetching the office mailbox into the data file: what is new since the last fetch (by
UID, within the settings' start date), each message stored once, raw, with what was read
from it (text, attachments), one transaction per batch. A fetch that stops half-way (the
connection drops, or the person cancels) keeps every batch stored before it, and the next
fetch goes on from there."""

from __future__ import annotations

import hashlib
import imaplib
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..domain.access import ADMIN, step_roles
from ..domain.errors import DumasError
from ..storage.models import MailMessage, store_blobs
from ..storage.server import MAILBOX_LOCK, hold_lock
from . import mail_settings
from .cancelling import CancelToken
from .changes import Changes
from .context import Workspace
from .mail_download import Downloader
from .mail_imap import MailConnectionError, connected
from .mail_parse import MAX_MESSAGE_BYTES, MailRefused, ParsedMail, attachment_list, megabytes, parse_message
from .mail_read import read_pending
from .numbering import get_setting, set_setting

STATE = "mail.state"  # folder -> {"uid_validity": n, "last_uid": n}
BATCH_BYTES = 8 * 2**20  # one FETCH asks for about this much, and one transaction keeps it
BATCH_COUNT = 50
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
Progress = Callable[[int, int], None]


class MailInterrupted(DumasError):
    """The connection went away during a fetch: what was stored stays."""


@dataclass(frozen=True)
class FetchResult:
    new: int
    already: int
    refused: tuple[str, ...]
    on_server: int  # messages in the folder within the start date
    cancelled: bool = False  # stopped by the person: the rest comes with the next fetch

    @property
    def changes(self) -> Changes:
        return Changes()

    def summary(self) -> str:
        if self.cancelled:
            text = (
                f"Pengambilan surel dibatalkan: {self.new} surel baru sudah tersimpan; sisanya diambil pada "
                "Ambil surel berikutnya"
            )
        else:
            text = f"{self.new} surel baru diambil" if self.new else "Tidak ada surel baru"
        if self.already:
            text += f", {self.already} sudah tersimpan sebelumnya"
        if self.refused:
            text += f", {len(self.refused)} tidak diambil"
        return text + "."


def mail_roles(ws: Workspace) -> tuple[str, ...]:
    """Who deals with the mailbox: whoever receives complaints under the office's SOP."""
    with ws.db.read() as session:
        profile = ws.home_profile(session)
    return (*step_roles(profile, profile.step(profile.first_step)), ADMIN)


def require_mail_work(ws: Workspace, what: str) -> None:
    with ws.db.read() as session:
        profile = ws.home_profile(session)
    ws.access.require(profile, mail_roles(ws), what)


def imap_date(day: date) -> str:
    """IMAP's date (RFC 3501), in English whatever the PC's language is."""
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day.year}"


def _uid_validity(imap: imaplib.IMAP4) -> int:
    _typ, data = imap.response("UIDVALIDITY")
    try:
        return int(data[0]) if data and data[0] else 0
    except (TypeError, ValueError):
        return 0


def _check(typ: str, data: list, what: str) -> list:
    if typ != "OK":
        said = b" ".join(d for d in data if isinstance(d, bytes)).decode("ascii", "replace")[:200]
        raise MailConnectionError(f"Server surel menolak {what}: {said or typ}.")
    return data


def _sizes(imap: imaplib.IMAP4, uids: list[int]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for start in range(0, len(uids), 500):
        chunk = ",".join(str(u) for u in uids[start : start + 500])
        typ, data = imap.uid("FETCH", chunk, "(RFC822.SIZE)")
        for item in _check(typ, data, "daftar ukuran surel"):
            line = item if isinstance(item, bytes) else item[0] if isinstance(item, tuple) else b""
            uid = re.search(rb"UID (\d+)", line)
            size = re.search(rb"RFC822\.SIZE (\d+)", line)
            if uid and size:
                sizes[int(uid.group(1))] = int(size.group(1))
    return sizes


def _bodies(imap: imaplib.IMAP4, uids: list[int]) -> dict[int, tuple[bytes, datetime | None]]:
    typ, data = imap.uid("FETCH", ",".join(str(u) for u in uids), "(BODY.PEEK[] INTERNALDATE)")
    found: dict[int, tuple[bytes, datetime | None]] = {}
    for item in _check(typ, data, "pengambilan surel"):
        if not isinstance(item, tuple) or len(item) < 2:
            continue
        envelope, raw = item[0], item[1]
        uid = re.search(rb"UID (\d+)", envelope)
        if uid is None or not isinstance(raw, bytes):
            continue
        when = None
        internal = imaplib.Internaldate2tuple(envelope)
        if internal is not None:
            when = datetime(*internal[:6])
        found[int(uid.group(1))] = (raw, when)
    return found


def _batches(uids: list[int], sizes: dict[int, int]) -> list[list[int]]:
    batches: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if current and (total + size > BATCH_BYTES or len(current) >= BATCH_COUNT):
            batches.append(current)
            current, total = [], 0
        current.append(uid)
        total += size
    if current:
        batches.append(current)
    return batches


def _received_at(parsed_date: datetime | None, internal: datetime | None, now: datetime) -> datetime:
    for when in (parsed_date, internal):
        # A sender's clock may be anywhere; a date past now, or decades back, is not believed.
        if when is not None and now - timedelta(days=3650) <= when <= now + timedelta(minutes=5):
            return min(when, now)
    return now


@dataclass(frozen=True)
class _Arrived:
    uid: int
    raw: bytes
    internal: datetime | None
    mail: ParsedMail
    digest: str
    attachments: list[dict[str, object]]  # as the row keeps them, hashed on the download thread


def _read(batch: list[int], bodies: dict[int, tuple[bytes, datetime | None]], refused: list[str]) -> list[_Arrived]:
    """The batch's messages read whole (text, attachments), before any transaction opens:
    reading needs no data file, and the write that follows stays short."""
    arrived = []
    for uid in batch:
        if uid not in bodies:
            refused.append(f"Surel UID {uid} tidak dikirim server (mungkin sudah dihapus).")
            continue
        raw, internal = bodies[uid]
        try:
            mail = parse_message(raw)
        except MailRefused as exc:
            refused.append(f"Surel UID {uid}: {exc.message}")
            continue
        arrived.append(_Arrived(uid, raw, internal, mail, hashlib.sha256(raw).hexdigest(), attachment_list(mail)))
    return arrived


def _store(ws: Workspace, session: Session, folder: str, validity: int, arrived: list[_Arrived]) -> int:
    """Keep the batch's messages, each once (Message-ID and bytes), with their attachments
    listed: one query for the messages kept before, one for the files. Returns how many were new."""
    with session.no_autoflush:  # the batch is written once, at its commit
        found = session.execute(
            select(MailMessage.message_id, MailMessage.raw_sha256).where(
                MailMessage.raw_sha256.in_({a.digest for a in arrived})
            )
        )
        known = {(message_id, digest) for message_id, digest in found}
    new = []
    for item in arrived:
        identity = (item.mail.message_id, item.digest)
        if identity not in known:
            known.add(identity)
            new.append(item)
    # The raw message only: its attachments are listed (name, size, SHA-256) and their files
    # are taken out of it when first opened or registered (mailbox.attachment), so a mailbox
    # of large attachments is not written to the data file twice.
    store_blobs(session, [item.raw for item in new], [item.digest for item in new])
    session.flush()  # the files before the rows that name them
    now = ws.now()
    rows = [
        {
            "message_id": item.mail.message_id,
            "raw_sha256": item.digest,
            "size": len(item.raw),
            "folder": folder,
            "uid_validity": validity,
            "uid": item.uid,
            "received_at": _received_at(item.mail.date, item.internal, now),
            "sender_name": item.mail.sender_name,
            "sender_address": item.mail.sender_address,
            "recipients": item.mail.recipients,
            "subject": item.mail.subject,
            "body": item.mail.body,
            "attachments": item.attachments,
            "notes": list(item.mail.notes),
            "fetched_at": now,
            "read_at": now,
            "state": "baru",
            "reason": "",
            "handled_by": "",
        }
        for item in new
    ]
    if rows:  # one INSERT for the batch, not an object each
        session.execute(insert(MailMessage), rows)
    return len(new)


def fetch(
    ws: Workspace,
    progress: Progress | None = None,
    reading: Progress | None = None,
    *,
    cancel: CancelToken | None = None,
) -> FetchResult:
    """Download what is new, each batch read and stored as it comes (`progress`: messages
    done so far). `cancel` stops it between batches, keeping what was stored. `reading` is
    told about messages a program before this one stored without reading them."""
    require_mail_work(ws, "Mengambil surel kotak surel kantor")
    settings = mail_settings.load(ws)
    if not settings.configured:
        raise DumasError(
            "Kotak surel kantor belum diatur. Administrator mengisinya di Pengaturan, bagian Kotak surel kantor."
        )
    password = mail_settings.password_of(settings)
    try:
        with connected(settings, password) as imap:
            return _fetch(ws, imap, settings, progress, cancel)
    finally:
        # A data file fetched into by an older version may hold messages not read yet.
        read_pending(ws, reading)


def _fetch(
    ws: Workspace,
    imap: imaplib.IMAP4,
    settings: mail_settings.MailboxSettings,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> FetchResult:
    folder = settings.folder
    stored = 0
    try:
        typ, data = imap.select(_quoted(folder), readonly=not settings.mark_read)
        if typ != "OK":
            raise MailConnectionError(f"Folder \u201c{folder}\u201d tidak ada di kotak surel kantor.")
        validity = _uid_validity(imap)
        with ws.db.read() as session:
            state = dict(get_setting(session, STATE, {}) or {})
            seen = set(
                session.scalars(
                    select(MailMessage.uid).where(MailMessage.folder == folder, MailMessage.uid_validity == validity)
                )
            )
        mine = state.get(folder) or {}
        last = int(mine.get("last_uid", 0)) if mine.get("uid_validity") == validity else 0
        criteria = ["SINCE", imap_date(settings.since)] if settings.since else ["ALL"]
        typ, data = imap.uid("SEARCH", *criteria)
        listed = sorted(int(u) for u in b" ".join(_check(typ, data, "pencarian surel")).split() if u.isdigit())
        wanted = [u for u in listed if u > last and u not in seen]
        already = len([u for u in listed if u in seen])
        sizes = _sizes(imap, wanted) if wanted else {}
        refused: list[str] = []
        small = []
        for uid in wanted:
            if sizes.get(uid, 0) > MAX_MESSAGE_BYTES:
                refused.append(
                    f"Surel UID {uid} ({megabytes(sizes[uid])}) melewati batas {megabytes(MAX_MESSAGE_BYTES)}; tidak "
                    "diambil. Bukalah di peramban surel."
                )
            else:
                small.append(uid)
        done = len(wanted) - len(small)
        if progress:
            progress(done, len(wanted))

        def fetch_and_read(batch: list[int]) -> tuple[list[_Arrived], list[str]]:
            said: list[str] = []
            return _read(batch, _bodies(imap, batch), said), said

        def cancelled() -> bool:
            return cancel is not None and cancel.cancelled

        with Downloader(imap, _batches(small, sizes), fetch_and_read, mark_read=settings.mark_read) as downloads:
            for batch, (arrived, said) in downloads.batches(cancelled):
                refused += said
                with ws.db.transaction() as session:
                    # One PC stores from the mailbox at a time: the next sees what this one kept.
                    hold_lock(session, MAILBOX_LOCK)
                    new = _store(ws, session, folder, validity, arrived)
                    state[folder] = {"uid_validity": validity, "last_uid": max(batch[-1], last)}
                    set_setting(session, STATE, dict(state))
                downloads.stored(batch)
                stored += new
                already += len(arrived) - new
                done += len(batch)
                if progress:
                    progress(done, len(wanted))
                if cancelled():
                    break
        if cancelled() and done < len(wanted):
            return FetchResult(stored, already, tuple(refused), len(listed), cancelled=True)
        if not small and wanted:
            with ws.db.transaction() as session:
                state[folder] = {"uid_validity": validity, "last_uid": max(wanted[-1], last)}
                set_setting(session, STATE, dict(state))
        return FetchResult(stored, already, tuple(refused), len(listed))
    except (imaplib.IMAP4.abort, OSError, ssl.SSLError, EOFError):
        raise MailInterrupted(
            f"Sambungan ke server surel terputus setelah {stored} surel baru tersimpan. Yang "
            "sudah tersimpan tetap ada; Ambil surel lagi untuk melanjutkan."
        ) from None
    except imaplib.IMAP4.error as exc:
        raise MailConnectionError(f"Server surel menolak permintaan: {str(exc)[:200]}.") from None


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_connection(ws: Workspace, settings: mail_settings.MailboxSettings, password: str | None = None) -> str:
    """Uji sambungan: sign in and open the folder with these settings (the keyring's
    password when none is given); the answer is a sentence for the administrator."""
    ws.access.require_admin("Menguji kotak surel kantor")
    settings = mail_settings.check_settings(settings)
    secret = password if password else mail_settings.password_of(settings)
    with connected(settings, secret) as imap:
        try:
            typ, data = imap.select(_quoted(settings.folder), readonly=True)
        except (TimeoutError, imaplib.IMAP4.abort, OSError) as exc:
            raise MailConnectionError(f"Sambungan terputus saat membuka folder ({type(exc).__name__}).") from None
        if typ != "OK":
            raise MailConnectionError(f"Tersambung, tetapi folder \u201c{settings.folder}\u201d tidak ada.")
        count = int(data[0]) if data and data[0] and data[0].isdigit() else 0
    return f"Tersambung ke {settings.host}:{settings.port}; folder {settings.folder} berisi {count} surel."
