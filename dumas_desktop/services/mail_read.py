"""Reading fetched messages that were stored without being read: their text and attachment
list. A fetch now reads each message before storing it (mail_fetch); a data file fetched
into by an earlier version, which stored the raw message first and read it afterwards, may
still hold messages whose reading was cut short, and those are read here: by the next fetch,
or when the message is opened."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import NotFound
from ..storage.models import MailMessage, load_blob
from .context import Workspace
from .mail_parse import MailRefused, attachment_list, parse_message

BATCH = 25


def _raw(session: Session, digest: str) -> bytes | None:
    try:
        return load_blob(session, digest, "surel")
    except NotFound:  # the caller notes the message as not whole
        return None


def read_message(session: Session, m: MailMessage, now: object) -> None:
    raw = _raw(session, m.raw_sha256)
    notes = list(m.notes or [])
    if raw is None:
        notes.append("Surel asli dalam berkas data tidak utuh (SHA-256 tidak cocok); isinya tidak dibaca.")
        m.notes = notes
        m.read_at = now  # type: ignore[assignment]
        return
    try:
        parsed = parse_message(raw)
    except MailRefused as refused:
        notes.append(refused.message)
    else:
        m.body = parsed.body
        m.attachments = attachment_list(parsed)
        notes += [n for n in parsed.notes if n not in notes]
    m.notes = notes
    m.read_at = now  # type: ignore[assignment]


def read_pending(ws: Workspace, progress: Callable[[int, int], None] | None = None, only: int | None = None) -> int:
    """Read every message not read yet (or only message `only`); returns how many."""
    query = select(MailMessage.id).where(MailMessage.read_at.is_(None)).order_by(MailMessage.id)
    if only is not None:
        query = query.where(MailMessage.id == only)
    with ws.db.read() as session:
        pending = list(session.scalars(query))
    for start in range(0, len(pending), BATCH):
        with ws.db.transaction() as session:
            for message_id in pending[start : start + BATCH]:
                m = session.get(MailMessage, message_id)
                if m is not None and m.read_at is None:
                    read_message(session, m, ws.now())
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    return len(pending)
