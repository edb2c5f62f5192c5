"""Screenshots of Surel masuk and of an e-mail's print-out, from the real program reading a
real IMAP server (Dovecot, as the tests start it) filled with a morning's mail.

    xvfb-run -s "-screen 0 1366x768x24" python docs/make_mail_screenshots.py

Linux with dovecot-imapd installed; the mailbox password goes to an in-memory keyring."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import keyring
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dumas_desktop.services import mail_settings
from dumas_desktop.services.demo import DEMO_ADMIN, DEMO_PASSWORD, make_demo
from dumas_desktop.services.mail_print import print_message
from dumas_desktop.services.mail_settings import MailboxSettings
from dumas_desktop.ui import dialogs
from dumas_desktop.ui.app import Controller, application
from dumas_desktop.ui.paper_dialog import PaperDialog
from tests.imap_server import Dovecot
from tests.mail_samples import complaint_mail
from tests.memory_keyring import MemoryKeyring

OUT = Path(__file__).parent / "screenshots"
HTML = (
    "<p>Yth. Ketua KPU Kabupaten Sanggau,</p><p>Pada hari Sabtu, 14 Februari 2026, saya melihat anggota PPS "
    "Desa Sungai Mawang, Sdr. <b>Yohanes Bilung</b>, hadir dan berorasi dalam kampanye salah satu calon di "
    "Balai Desa. Foto dan rekaman terlampir.</p><p>Mohon ditindaklanjuti.</p><p>Hormat saya,<br>Maria Lestari"
    "<br>Jl. Jenderal Sudirman 12, Beringin</p><img src='https://pelacak.example/t.gif' width=1>"
)


def settle(seconds: float = 0.8) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def morning(server: Dovecot, user: str) -> None:
    photo = (Path(__file__).parent / "screenshots" / "buku-agenda.png").read_bytes()
    evidence = (
        ("foto-kampanye.png", photo, "image/png"),
        ("rekaman.zip", b"PK\x03\x04" + b"\0" * 900, "application/zip"),
    )
    mails: list[tuple[datetime, dict[str, object]]] = [
        (
            datetime(2026, 11, 30, 7, 42),
            {"subject": "Pengaduan: anggota PPS Sungai Mawang ikut kampanye", "html": HTML, "attachments": evidence},
        ),
        (
            datetime(2026, 11, 30, 8, 5),
            {
                "subject": "Permohonan salinan DPT Kecamatan Kapuas",
                "sender": "Andreas Tarigan <andreas.t@contoh.id>",
                "attachments": (),
            },
        ),
        (
            datetime(2026, 11, 30, 8, 31),
            {"subject": "Menangkan hadiah!", "sender": "promo@iklan.example", "attachments": ()},
        ),
        (
            datetime(2026, 12, 1, 6, 58),
            {
                "subject": "Laporan dugaan politik uang di TPS 07 Beringin",
                "sender": "Rudi Hartono <rudi.hartono@contoh.id>",
            },
        ),
    ]
    for when, mail in mails:
        server.deliver(user, complaint_mail(when, **mail), when)  # type: ignore[arg-type]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dumas-mail-shots-"))
    os.chmod(folder, 0o755)
    server = Dovecot(folder)
    server.start()
    try:
        user, password = server.mailbox()
        morning(server, user)
        keyring.set_keyring(MemoryKeyring())
        data = folder / "kantor.dumas"
        make_demo(data, 30, "sanggau-2026", seed=3)
        application()
        dialogs.ask = lambda *args: False  # type: ignore[assignment]
        os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"] = DEMO_ADMIN, DEMO_PASSWORD
        controller = Controller("petugas")
        assert controller.open(data)
        window = controller.window
        assert window is not None
        settings = MailboxSettings(host="127.0.0.1", port=server.port, security="none", user=user, interval_minutes=30)
        mail_settings.save(window.app.ws, settings, password)
        window.app.events.settings_changed.emit()
        settle(1.5)
        window.fetch_mail()
        settle(3.0)
        tab = window.mail
        chosen = next(i for i, row in enumerate(tab.rows) if row.subject.startswith("Pengaduan: anggota PPS"))
        tab.table.selectRow(chosen)
        settle(1.5)
        tab.attachments.setCurrentRow(0)
        settle(1.5)
        OUT.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT / "surel-masuk.png"))
        print(OUT / "surel-masuk.png")
        paper = print_message(window.app.ws, tab.rows[chosen].id)
        preview = PaperDialog(paper, window)
        preview.show()
        settle(1.0)
        page = preview.document.pagePointSize(0)
        scale = 110 / 72
        image = preview.document.render(0, QSize(int(page.width() * scale), int(page.height() * scale)))
        image.save(str(OUT / "cetakan-surel-halaman-1.png"))
        print(OUT / "cetakan-surel-halaman-1.png")
        preview.close()
        controller.close_window()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
