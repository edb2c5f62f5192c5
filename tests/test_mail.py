"""The office mailbox against a real IMAP server (Dovecot): fetch, fetch again, register,
set aside, print, a server that stops mid-fetch, and STARTTLS with a self-signed certificate."""

from __future__ import annotations

import hashlib
import io
import ssl
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from dumas_desktop.cli import main
from dumas_desktop.domain.errors import DumasError, NotAllowed, ValidationError
from dumas_desktop.services import documents, mail_settings, mailbox
from dumas_desktop.services.intake import PartyInput
from dumas_desktop.services.mail_fetch import MailInterrupted, fetch
from dumas_desktop.services.mail_imap import MailConnectionError
from dumas_desktop.services.mail_print import print_message
from dumas_desktop.services.mail_settings import MailboxSettings
from tests.builders import acting
from tests.mail_samples import complaint_mail

SINCE = date(2026, 2, 1)


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def box(dovecot, ws, memory_keyring):  # type: ignore[no-untyped-def]
    user, password = dovecot.mailbox()
    mail_settings.save(
        ws,
        MailboxSettings(host="127.0.0.1", port=dovecot.port, security="none", user=user, since=SINCE),
        password,
    )
    return user


def deliver(dovecot, user, count=1, start=datetime(2026, 2, 20, 9, 0), **mail):  # type: ignore[no-untyped-def]
    for i in range(count):
        when = start + timedelta(minutes=i)
        dovecot.deliver(user, complaint_mail(when, **mail), when)


def test_fetch_takes_what_is_new_since_the_start_date_and_a_second_fetch_takes_nothing(dovecot, ws, box):
    deliver(dovecot, box, 1, start=datetime(2026, 1, 10, 9, 0), subject="Surel lama sebelum tanggal mulai")
    deliver(dovecot, box, 2)
    first = fetch(ws)
    assert (first.new, first.refused) == (2, ())
    listed = mailbox.list_messages(ws)
    assert [m.subject for m in listed] == ["Pengaduan: petugas PPS berkampanye"] * 2
    assert listed[0].sender == "Maria Lestari <maria.lestari@contoh.id>"
    assert listed[0].attachments == 1
    again = fetch(ws)
    assert again.new == 0
    deliver(dovecot, box, 1, start=datetime(2026, 2, 25, 8, 0), subject="Surel ketiga")
    assert fetch(ws).new == 1
    assert len(mailbox.list_messages(ws)) == 3


def test_the_same_message_in_the_mailbox_twice_is_kept_once(dovecot, ws, box):
    raw = complaint_mail(datetime(2026, 2, 20, 9, 0))
    dovecot.deliver(box, raw, datetime(2026, 2, 20, 9, 0))
    dovecot.deliver(box, raw, datetime(2026, 2, 20, 9, 1))
    result = fetch(ws)
    assert (result.new, result.already) == (1, 1)
    kept = mailbox.raw_message(ws, mailbox.list_messages(ws)[0].id)
    assert hashlib.sha256(kept).digest() == hashlib.sha256(raw).digest()


def test_registering_an_email_makes_a_case_with_its_attachments_and_the_raw_message_as_evidence(
    dovecot, ws, box, clock
):
    deliver(dovecot, box, 1)
    fetch(ws)
    message = mailbox.list_messages(ws)[0]
    start = mailbox.intake_of(ws, message.id)
    assert (start.channel, start.reporter_name, start.reporter_email) == (
        "surat_elektronik",
        "Maria Lestari",
        "maria.lestari@contoh.id",
    )
    assert start.received_at == message.received_at
    assert (message.subject, start.subject) == ("Pengaduan: petugas PPS berkampanye", "Petugas PPS berkampanye")
    reporter = PartyInput("Maria Lestari", email=start.reporter_email)
    received = mailbox.register(ws, message.id, mailbox.complaint_input(start, reporter), complete_step=False)
    assert mailbox.list_messages(ws) == []
    handled = mailbox.list_messages(ws, everything=True)[0]
    assert (handled.state, handled.agenda_number) == ("dicatat", received.agenda_number)
    with ws.db.read() as session:
        from sqlalchemy import select

        from dumas_desktop.storage.models import Evidence

        names = session.scalars(select(Evidence.name).where(Evidence.complaint_id == received.case_id)).all()
    assert names[0] == "foto-kampanye.jpg" and names[1].endswith(".eml")
    with pytest.raises(NotAllowed, match="sudah dicatat"):
        mailbox.register(ws, message.id, mailbox.complaint_input(start), complete_step=False)

    # The print-out is a paper of the case now: numbered with the agenda number, archived.
    offered = [o.kind for o in documents.offers(ws, received.case_id)]
    assert "cetakan_surel" in offered
    paper = print_message(ws, message.id)
    assert paper.number == received.agenda_number and not paper.is_copy
    text = pdf_text(paper.pdf)
    for words in ("CETAKAN SUREL PENGADUAN", "maria.lestari@contoh.id", "Sungai Mawang", "foto-kampanye.jpg"):
        assert words in text
    sha = hashlib.sha256(b"\xff\xd8\xff\xe0 foto").hexdigest()
    assert sha[:40] in text.replace(" ", "")
    assert print_message(ws, message.id).is_copy


def test_an_email_printed_before_it_is_registered_has_no_number_and_says_so(dovecot, ws, box):
    deliver(dovecot, box, 1)
    fetch(ws)
    message = mailbox.list_messages(ws)[0]
    paper = print_message(ws, message.id)
    assert paper.number == "" and paper.document_id is None
    assert "belum dicatat sebagai pengaduan" in pdf_text(paper.pdf)
    assert mailbox.intake_of(ws, message.id).printed


def test_setting_an_email_aside_needs_a_reason_and_is_audited(dovecot, ws, box):
    from dumas_desktop.services import audit_log

    deliver(dovecot, box, 2)
    fetch(ws)
    first, second = mailbox.list_messages(ws)
    with pytest.raises(NotAllowed, match="Tuliskan alasannya"):
        mailbox.set_aside(ws, first.id, "lainnya", "  ")
    mailbox.set_aside(ws, first.id, "ppid", "diteruskan ke PPID")
    assert [m.id for m in mailbox.list_messages(ws)] == [second.id]
    kept = {m.id: m for m in mailbox.list_messages(ws, everything=True)}[first.id]
    assert kept.state == "bukan_pengaduan" and "PPID" in kept.reason
    entries = audit_log.entries(ws, audit_log.AuditFilter(action="surel_bukan_pengaduan"), limit=5)
    assert len(entries) == 1
    with pytest.raises(NotAllowed, match="bukan pengaduan"):
        mailbox.register(ws, first.id, mailbox.complaint_input(mailbox.intake_of(ws, second.id)), complete_step=False)


@pytest.mark.parametrize(
    ("subject", "matter"),
    [
        ("PENGADUAN - Politik uang di TPS 03", "Politik uang di TPS 03"),
        ("Fw: Re: Pengaduan: spanduk di sekolah", "Spanduk di sekolah"),
        ("RE[2]: Fwd: [Laporan] Balas: aduan : PPS tidak netral", "PPS tidak netral"),
        ("AW: WG: TR: Teruskan: Bls: jadwal pleno", "Jadwal pleno"),
        ("Pengaduan-pengaduan yang lalu", "Pengaduan-pengaduan yang lalu"),
        ("Laporan dugaan pelanggaran", "Laporan dugaan pelanggaran"),
        ("Re: Pengaduan:", "Re: Pengaduan:"),  # nothing else is left: the subject as it came
    ],
)
def test_the_prefilled_matter_has_no_mail_or_sender_prefixes(subject, matter):
    assert mailbox.complaint_subject(subject) == matter


def test_a_server_that_stops_mid_fetch_is_a_message_and_nothing_is_lost(dovecot, ws, box):
    import dataclasses

    from tests.imap_server import StallingLine

    photo = (("foto.jpg", bytes(range(256)) * 80, "image/jpeg"),)  # large enough that IMAP's own words do not count
    deliver(dovecot, box, 60, attachments=photo)
    size = len(complaint_mail(datetime(2026, 2, 20, 9, 0), attachments=photo))
    # The line stalls in the second batch (the first 50 are stored meanwhile), the server
    # stops, and the connection drops there.
    line = StallingLine(dovecot.port, stall_after=size * 55)
    mail_settings.save(ws, dataclasses.replace(mail_settings.load(ws), port=line.port))
    seen: list[int] = []

    def stop_the_server_once_the_first_batch_is_kept(done: int, total: int) -> None:
        seen.append(done)
        if done >= 50 and line.stalled.wait(timeout=30):
            dovecot.stop()
            line.cut()

    try:
        with pytest.raises(MailInterrupted, match="terputus setelah 50 surel baru tersimpan"):
            fetch(ws, stop_the_server_once_the_first_batch_is_kept)
        kept = mailbox.list_messages(ws)
        assert len(kept) == 50
        assert all(m.attachments == 1 for m in kept)  # each message kept whole, with what was read from it
    finally:
        dovecot.start()
        line.close()
    mail_settings.save(ws, dataclasses.replace(mail_settings.load(ws), port=dovecot.port))
    rest = fetch(ws)
    assert rest.new == 10
    assert len(mailbox.list_messages(ws)) == 60


def test_marking_read_on_the_server_marks_exactly_the_messages_stored(dovecot, ws, box):
    import dataclasses
    import imaplib

    from tests.imap_server import PASSWORD

    def unseen() -> int:
        imap = imaplib.IMAP4("127.0.0.1", dovecot.port)
        imap.login(box, PASSWORD)
        imap.select("INBOX", readonly=True)
        found = len(imap.uid("SEARCH", "UNSEEN")[1][0].split())
        imap.logout()
        return found

    deliver(dovecot, box, 3)
    assert fetch(ws).new == 3
    assert unseen() == 3  # BODY.PEEK: fetching alone leaves them unread
    mail_settings.save(ws, dataclasses.replace(mail_settings.load(ws), mark_read=True))
    deliver(dovecot, box, 157, start=datetime(2026, 2, 21, 9, 0))
    assert fetch(ws).new == 157  # four batches, each marked once stored, the last one too
    assert unseen() == 3


def test_hostile_messages_from_the_server_are_stored_with_notes_never_a_program_error(dovecot, ws, box):
    hostile = [
        b"From: =?bogus?q?x?= <<>>\r\nSubject: =?utf-8?b?!!!?=\r\nDate: besok\r\n"
        b"Content-Type: multipart/mixed; boundary=Z\r\n\r\n--Z\r\nContent-Disposition: attachment; "
        b'filename="..\\..\\CON.exe"\r\n\r\nMZ\r\n--Z--\r\n',
        b"Subject: html\r\nContent-Type: text/html; charset=x-none\r\n\r\n<script>alert(1)</script><p>isi</p>",
        b"Subject: kosong\r\n\r\n",
    ]
    for i, raw in enumerate(hostile):
        when = datetime(2026, 2, 20, 9, i)
        dovecot.deliver(box, raw, when)
    result = fetch(ws)
    assert result.new == 3
    details = {m.subject: mailbox.detail(ws, m.id) for m in mailbox.list_messages(ws)}
    assert [a.name for a in details[""].attachments] == ["_CON.exe"]
    assert details["html"].body == "isi"
    assert any("tidak dikenal" in note for note in details["html"].notes)


def test_an_unreachable_server_is_a_message(ws, memory_keyring):
    from tests.imap_server import free_port

    mail_settings.save(
        ws, MailboxSettings(host="127.0.0.1", port=free_port(), security="none", user="x@kpu.test"), "sandi"
    )
    with pytest.raises(MailConnectionError, match="tidak dapat dihubungi") as refused:
        fetch(ws)
    assert "(sambungan ditolak; periksa alamat dan port)" in refused.value.message
    assert "internet" not in refused.value.message  # the office's server may be on its LAN


def test_a_wrong_password_is_a_message(dovecot, ws, box, memory_keyring):
    settings = mail_settings.load(ws)
    mail_settings.store_password(settings, "salah")
    with pytest.raises(MailConnectionError, match="ditolak"):
        fetch(ws)


def test_starttls_with_a_self_signed_certificate_is_refused_unless_the_office_trusts_it(dovecot, ws, box):
    deliver(dovecot, box, 1)
    settings = mail_settings.load(ws)
    mail_settings.save(ws, MailboxSettings(**{**settings.__dict__, "security": "starttls"}))
    with pytest.raises(MailConnectionError, match="tidak dipercaya") as refused:
        fetch(ws)
    der = ssl.PEM_cert_to_DER_cert(dovecot.cert.read_text(encoding="ascii"))
    fingerprint = hashlib.sha256(der).hexdigest()
    assert fingerprint.upper()[:2] + ":" + fingerprint.upper()[2:4] in refused.value.message
    assert "(sertifikat buatan sendiri)" in refused.value.message and "self" not in refused.value.message
    assert mailbox.list_messages(ws) == []
    mail_settings.save(
        ws, MailboxSettings(**{**settings.__dict__, "security": "starttls", "trusted_sha256": "ab" * 32})
    )
    with pytest.raises(MailConnectionError, match="bukan yang dipercaya"):
        fetch(ws)
    pinned = mail_settings.fingerprint_of_pem(dovecot.cert.read_text(encoding="ascii"))
    mail_settings.save(ws, MailboxSettings(**{**settings.__dict__, "security": "starttls", "trusted_sha256": pinned}))
    assert fetch(ws).new == 1


def test_ssl_with_the_trusted_certificate_fetches(dovecot, ws, box):
    deliver(dovecot, box, 1)
    settings = mail_settings.load(ws)
    pinned = mail_settings.fingerprint_of_pem(dovecot.cert.read_text(encoding="ascii"))
    changed = {**settings.__dict__, "security": "ssl", "port": dovecot.ssl_port, "trusted_sha256": pinned}
    mail_settings.save(ws, MailboxSettings(**changed))
    assert fetch(ws).new == 1


def test_a_plain_connection_is_only_for_this_pc_or_the_office_lan(ws, memory_keyring):
    for host in ("127.0.0.1", "192.168.1.10", "localhost", "mail.kantor.lan", "10.0.0.5"):
        mail_settings.save(ws, MailboxSettings(host=host, port=143, security="none", user="u@kpu.test"), "x")
    for host in ("imap.gmail.com", "8.8.8.8"):
        with pytest.raises(ValidationError, match="tanpa enkripsi hanya untuk server di LAN"):
            mail_settings.save(ws, MailboxSettings(host=host, port=143, security="none", user="u@kpu.test"), "x")


def test_the_password_is_in_the_keyring_never_in_the_data_file(ws, memory_keyring, data_file):
    mail_settings.save(
        ws, MailboxSettings(host="127.0.0.1", port=143, security="none", user="u@kpu.test"), "Sandi-Rahasia-77"
    )
    assert list(memory_keyring.passwords.values()) == ["Sandi-Rahasia-77"]
    ws.db.close()
    assert b"Sandi-Rahasia-77" not in data_file.read_bytes()
    wal = data_file.with_name(data_file.name + "-wal")
    assert not wal.exists() or b"Sandi-Rahasia-77" not in wal.read_bytes()


def test_without_a_keyring_the_password_is_refused_with_a_clear_message(ws):
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(DumasError, match="keyring\\) tidak tersedia") as refused:
            mail_settings.save(ws, MailboxSettings(host="127.0.0.1", port=143, security="none", user="u@x.id"), "x")
        assert refused.value.message.startswith("Pengaturan kotak surel tersimpan, tetapi kata sandinya belum")
        # What was typed besides the password is kept: the office sets only the password again.
        assert (mail_settings.load(ws).host, mail_settings.load(ws).user) == ("127.0.0.1", "u@x.id")
    finally:
        keyring.set_keyring(before)


def test_only_an_administrator_sets_the_mailbox_and_only_intake_roles_deal_with_mail(ws, memory_keyring):
    officer = acting(ws, "tim_verifikator")
    with pytest.raises(NotAllowed, match="Administrator"):
        mail_settings.save(officer, MailboxSettings(host="127.0.0.1", port=143, security="none", user="u@x.id"), "x")
    with pytest.raises(NotAllowed):
        mailbox.list_messages(acting(ws, "pengarah"))
    assert mailbox.list_messages(acting(ws, "pelaksana")) == []


def test_the_mail_commands(dovecot, data_file, tmp_path, capsys, memory_keyring):
    user, password = dovecot.mailbox()
    deliver(dovecot, user, 2)
    secret = tmp_path / "sandi.txt"
    secret.write_text(password + "\n", encoding="utf-8")
    args = ["mail", "setup", "--data", data_file, "--host", "127.0.0.1", "--port", dovecot.port, "--user", user]
    code = main([str(a) for a in [*args, "--password-file", secret, "--security", "none", "--since", "2026-02-01"]])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "diatur" in out.out and "Peringatan" in out.out and password not in out.out
    assert main(["mail", "fetch", "--data", str(data_file)]) == 0
    assert "2 surel baru diambil" in capsys.readouterr().out
    assert main(["mail", "fetch", "--data", str(data_file)]) == 0
    assert "Tidak ada surel baru" in capsys.readouterr().out
    assert main(["mail", "list", "--data", str(data_file)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first = lines[0].split("\t")
    assert first[2] == "Maria Lestari <maria.lestari@contoh.id>" and first[4] == "Baru"
    out_pdf = tmp_path / "surel.pdf"
    assert main(["mail", "print", "--data", str(data_file), "--message", first[0], "--out", str(out_pdf)]) == 0
    assert "tanpa nomor" in capsys.readouterr().out
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert main(["mail", "print", "--data", str(data_file), "--message", "999", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "Surel #999 tidak ada" in capsys.readouterr().err


def test_mail_setup_on_a_pc_without_a_keyring_keeps_the_settings_and_says_so(data_file, tmp_path, capsys, no_keyring):
    secret = tmp_path / "sandi.txt"
    secret.write_text("Sandi-Rahasia-77\n", encoding="utf-8")
    args = ["mail", "setup", "--data", str(data_file), "--host", "127.0.0.1", "--user", "dumas@kpu.test"]
    code = main([*args, "--password-file", str(secret), "--security", "none"])
    out = capsys.readouterr()
    assert code == 2
    assert "Pengaturan kotak surel tersimpan, tetapi kata sandinya belum" in out.err and "keyring" in out.err
    assert "Traceback" not in out.err and "Sandi-Rahasia-77" not in out.err + out.out
    assert main(["mail", "fetch", "--data", str(data_file)]) == 2  # the settings are there; the password is not
    assert "(keyring) tidak tersedia" in capsys.readouterr().err


def test_ctrl_c_during_mail_fetch_stops_after_the_batch_and_says_how_many_were_kept(
    dovecot, data_file, tmp_path, capsys, memory_keyring
):
    import os
    import signal
    import sqlite3
    import threading
    import time
    from contextlib import closing

    user, password = dovecot.mailbox()
    deliver(dovecot, user, 200, attachments=(("pindaian.pdf", b"%PDF-1.4 " + os.urandom(100_000), "application/pdf"),))
    secret = tmp_path / "sandi.txt"
    secret.write_text(password, encoding="utf-8")
    args = ["mail", "setup", "--data", str(data_file), "--host", "127.0.0.1", "--port", str(dovecot.port)]
    assert main([*args, "--user", user, "--password-file", str(secret), "--security", "none"]) == 0

    def stored() -> int:
        with closing(sqlite3.connect(f"file:{data_file}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0]

    def press_ctrl_c_once_a_batch_is_kept() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if stored():
                    break
            except sqlite3.OperationalError:  # the file busy for a moment
                pass
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press_ctrl_c_once_a_batch_is_kept)
    capsys.readouterr()
    presser.start()
    code = main(["mail", "fetch", "--data", str(data_file)])
    presser.join()
    out = capsys.readouterr()
    kept = stored()
    assert code == 130, out
    assert 0 < kept < 200
    assert f"Pengambilan surel dibatalkan: {kept} surel baru sudah tersimpan" in out.out
    assert "Ctrl+C sekali lagi" in out.err
    assert main(["mail", "fetch", "--data", str(data_file)]) == 0  # the rest comes with the next fetch
    assert f"{200 - kept} surel baru diambil" in capsys.readouterr().out
