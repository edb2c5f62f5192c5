"""Printing a fetched e-mail, as the SOP asks for a complaint that came by e-mail.

Once the message is registered, its print-out is a paper of the case: numbered with the
agenda number, archived, reprinted as SALINAN (services/documents.py). Before that it is
a print of what came in, without a number, so the officer can read it on paper first."""

from __future__ import annotations

from ..documents.mail import TITLE
from ..domain.errors import NotFound
from ..storage.models import MailMessage
from .context import Workspace, home_office
from .documents import Paper, check_paper, default_paper, issue
from .mail_fetch import require_mail_work
from .mailbox import mail_facts

KIND = "cetakan_surel"


def print_message(ws: Workspace, message_id: int, paper: str | None = None) -> Paper:
    require_mail_work(ws, "Mencetak surel masuk")
    paper = paper or default_paper(ws)
    check_paper(paper)
    with ws.db.read() as session:
        m = session.get(MailMessage, message_id)
        if m is None:
            raise NotFound(f"Surel #{message_id} tidak ada dalam berkas data (lihat: dumas-desktop mail list --all).")
        case_id = m.complaint_id
    if case_id is not None:
        printed = issue(ws, case_id, KIND, paper=paper)
        _mark_printed(ws, message_id, printed.number)
        return printed
    return _unnumbered(ws, message_id, paper)


def _unnumbered(ws: Workspace, message_id: int, paper: str) -> Paper:
    from ..documents.mail import mail_story
    from ..documents.page import body_width, render
    from ..documents.parts import para, space
    from .document_facts import office_facts

    with ws.db.read() as session:
        m = session.get(MailMessage, message_id)
        assert m is not None
        facts = mail_facts(m)
        office = office_facts(session, home_office(session).office_code)
    story = mail_story(facts, "", body_width(paper))
    story[1:1] = [
        para(
            "Surel ini belum dicatat sebagai pengaduan; cetakan ini tanpa nomor. Setelah dicatat, cetakannya "
            "bernomor agenda dan diarsipkan bersama dokumen pengaduan.",
            "small",
        ),
        space(2),
    ]
    pdf = render(story, office, title=TITLE, subject=facts.subject[:200], paper=paper)
    _mark_printed(ws, message_id, "")
    return Paper(pdf, TITLE, f"cetakan-surel-{message_id}.pdf", "", False, None)


def _mark_printed(ws: Workspace, message_id: int, number: str) -> None:
    with ws.db.transaction() as session:
        m = session.get(MailMessage, message_id)
        if m is None:
            return
        m.printed_at = ws.now()
        ws.audit(
            session,
            home_office(session).office_code,
            "surel_dicetak",
            "mail_message",
            entity_uuid=m.uuid,
            after={"subject": m.subject, "number": number},
        )
