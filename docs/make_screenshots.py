"""Screenshots of the main screens, taken from the real program on a demo file.

    xvfb-run -s "-screen 0 1366x768x24" python docs/make_screenshots.py [DATA]

Run it under a real (virtual) X server so Qt draws with its normal platform plugin.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from dumas_desktop.services import documents, queries
from dumas_desktop.services.demo import DEMO_ADMIN, DEMO_PASSWORD, make_demo
from dumas_desktop.ui import dialogs
from dumas_desktop.ui.app import Controller, application
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.main_window import MainWindow
from dumas_desktop.ui.paper_dialog import PaperDialog
from dumas_desktop.ui.profile_editor import ProfileEditor

OUT = Path(__file__).parent / "screenshots"


def settle(seconds: float = 0.8) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def shoot(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/dumas-screenshots.dumas")
    if not data.exists():
        make_demo(data, 400, "sanggau-2026", seed=3)
    application()
    dialogs.ask = lambda *args: False  # type: ignore[assignment]  # no draft prompts while shooting
    os.environ["DUMAS_USER"], os.environ["DUMAS_PASSWORD"] = DEMO_ADMIN, DEMO_PASSWORD
    controller = Controller("petugas")
    assert controller.open(data)
    window = controller.window
    assert window is not None
    settle(1.5)
    OUT.mkdir(parents=True, exist_ok=True)
    titles = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    for title, name in (
        ("Buku Agenda", "buku-agenda"),
        ("Skrining", "skrining"),
        ("Kertas Kerja Telaah", "kertas-kerja-telaah"),
        ("Berita Acara Pleno", "berita-acara-pleno"),
        ("Pengaturan", "pengaturan"),
    ):  # by title: the tabs between them come and go with the file (Statistik, Surel masuk)
        window.tabs.setCurrentIndex(titles.index(title))
        shoot(window, name)
    window.tabs.setCurrentIndex(0)
    ids = queries.agenda_ids(window.app.ws, queries.Filters(step="klarifikasi", status="proses")) or queries.agenda_ids(
        window.app.ws, queries.Filters(status="proses")
    )
    window.show_case(ids[0])
    settle(1.0)
    view = window.windows[-1]
    assert isinstance(view, CaseView)
    shoot(view, "berkas-pengaduan")
    view.tabs.setCurrentIndex(1)
    shoot(view, "linimasa-langkah")
    view.close()
    papers(window)
    carrying(window, data)
    file_dialog(window)
    review_ids = queries.agenda_ids(window.app.ws, queries.Filters(step="verifikasi", status="proses"))
    window.work_on_step(review_ids[0])
    settle(1.0)
    shoot(window.windows[-1], "wizard-langkah")
    window.windows[-1].close()
    window.new_complaint()
    settle(0.5)
    shoot(window.windows[-1], "pengaduan-baru")
    window.windows[-1].close()
    similar_complaints(window)
    people(window)
    profile_editor(window)
    controller.close_window()
    as_role(data, "pengarah")


def profile_editor(window: MainWindow) -> None:
    """Pengaturan → Profil SOP on the review step, its branches in view."""
    window.show_profile_editor()
    settle(1.0)
    editor = window.windows[-1]
    assert isinstance(editor, ProfileEditor)
    editor.steps.setCurrentRow(2)
    shoot(editor, "profil-sop")
    editor.close()


def similar_complaints(window: MainWindow) -> None:
    """The intake wizard with a complaint typed in again: the earlier one offered beside it."""
    from PySide6.QtWidgets import QTableWidgetItem

    from dumas_desktop.services import similar

    ws = window.app.ws
    case_id = queries.agenda_ids(ws, queries.Filters(status="proses"), limit=1)[0]
    earlier = similar.probe_of_case(ws, case_id)
    from dumas_desktop.ui.intake_wizard import IntakeWizard

    window.new_complaint()
    wizard = window.windows[-1]
    assert isinstance(wizard, IntakeWizard)
    wizard.reporter_page.name.setText("Agustinus Ranto")
    wizard.respondent_page.table.setItem(0, 0, QTableWidgetItem(earlier.respondents[0]))
    words = earlier.subject.split()
    wizard.complaint_page.subject.setText(" ".join(words[len(words) // 2 :] + words[: len(words) // 2]))
    wizard.complaint_page.description.setPlainText(earlier.description.split(". ")[0] + ".")
    for _ in range(3):
        wizard.next()
    settle(1.5)
    wizard.similar.table.selectRow(0)
    shoot(wizard, "pengaduan-serupa")
    wizard.done_ = True  # closing without the draft prompt
    wizard.close()
    from dumas_desktop.services import links

    links.link(ws, case_id, similar.similar_to_case(ws, case_id)[0].id, "duplikat", "Diterima lagi lewat pesan")
    window.app.events.tell()
    settle(1.0)
    window.show_case(case_id)
    settle(1.5)
    view = window.windows[-1]
    assert isinstance(view, CaseView)
    view.tabs.setCurrentIndex([view.tabs.tabText(i) for i in range(view.tabs.count())].index("Tautan (1)"))
    shoot(view, "berkas-pengaduan-tautan")
    view.close()
    shoot(window, "buku-agenda-tautan")


def people(window: MainWindow) -> None:
    """Signing in, the users and their roles, the audit trail, and the locked screen."""
    from dumas_desktop.services import accounts
    from dumas_desktop.ui.audit_dialog import AuditDialog
    from dumas_desktop.ui.sign_in import LockScreen, SignInDialog
    from dumas_desktop.ui.users_dialog import UsersDialog

    db = window.app.ws.db
    signing = SignInDialog(db, window.app.office_name, window.app.runner, accounts.demo_hint(db), window)
    signing.username.setText("tim_telaah")
    signing.show()
    shoot(signing, "masuk")
    signing.close()
    users = UsersDialog(window.app, window)
    users.show()
    users.table.selectRow(1)
    shoot(users, "pengguna-dan-peran")
    users.close()
    trail = AuditDialog(window.app, window)
    trail.show()
    settle(1.0)
    shoot(trail, "jejak-audit")
    trail.close()
    lock = LockScreen(db, window.app.ws.access, window.app.runner)
    lock.resize(1000, 600)
    lock.show()
    shoot(lock, "layar-terkunci")
    lock.close()


def as_role(data: Path, username: str) -> None:
    """The window as a user whose role need not know confidential reporters."""
    os.environ["DUMAS_USER"] = username
    controller = Controller("petugas")
    assert controller.open(data)
    window = controller.window
    assert window is not None
    settle(1.5)
    shoot(window, f"buku-agenda-{username}")
    hidden = [r.id for r in queries.agenda_page(window.app.ws, limit=400) if r.reporter == "Dirahasiakan"]
    window.show_case(hidden[0])
    settle(1.0)
    view = window.windows[-1]
    assert isinstance(view, CaseView)
    view.tabs.setCurrentIndex(2)
    shoot(view, f"berkas-pengaduan-{username}")
    view.close()
    controller.close_window()


def carrying(window: MainWindow, data: Path) -> None:
    """The recap, backups and import dialogs as a person sees them."""
    import tempfile

    from dumas_desktop.services import transfer
    from dumas_desktop.storage import backups
    from dumas_desktop.ui.backups_dialog import BackupsDialog
    from dumas_desktop.ui.recap_dialog import RecapDialog
    from dumas_desktop.ui.transfer_dialogs import ImportDialog

    recap = RecapDialog(window.app, window)
    recap.show()
    shoot(recap, "rekapitulasi")
    recap.close()
    backups.make_backup(data)
    listing = BackupsDialog(window.app, window)
    listing.show()
    shoot(listing, "cadangan")
    listing.close()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as work:
        package = Path(work) / "kantor-lain.dumaspkg"
        other = Path(work) / "lain.dumas"
        from dumas_desktop.services.demo import make_demo

        make_demo(other, 40, "sumbar-2022", seed=5)
        transfer.export_package(other, package)
        importing = ImportDialog(window.app, window)
        importing.package = package
        importing.chosen.setText(str(package))
        importing.run(dry_run=True)
        importing.show()
        shoot(importing, "impor-paket")
        importing.close()


def file_dialog(window: MainWindow) -> None:
    """Qt's own file dialog, in its detail view, on a folder of sample files (not the
    Documents folder of whoever runs this)."""
    import tempfile

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog, QToolButton

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(100, look)
            return
        detail = next(b for b in dialog.findChildren(QToolButton) if b.toolTip() == "Tampilan rincian")
        detail.click()
        dialog.resize(900, 460)
        shoot(dialog, "dialog-berkas")
        dialog.reject()

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as work:
        folder = Path(work) / "Dokumen"
        (folder / "Arsip 2026").mkdir(parents=True)
        for name, size in (
            ("kantor.dumas", 3_440_000),
            ("cadangan-kantor.dumas", 3_100_000),
            ("kab-sanggau.dumaspkg", 52_000),
        ):
            (folder / name).write_bytes(b"\0" * size)
        dialogs.start_folder = lambda purpose: folder  # type: ignore[assignment]
        QTimer.singleShot(100, look)
        window.choose_file()


def papers(window: MainWindow) -> None:
    """The Dokumen tab of a case whose minutes were adopted, its minutes in the preview, and
    the minutes' first page as the printer gets it."""
    ws = window.app.ws
    adopted = [
        case_id
        for case_id in queries.agenda_ids(ws, queries.Filters(status="selesai"))[:80]
        if any(o.kind == "berita_acara" and o.ready for o in documents.offers(ws, case_id))
    ]
    window.show_case(adopted[0])
    settle(1.0)
    view = window.windows[-1]
    assert isinstance(view, CaseView)
    assert isinstance(view, CaseView)
    view.show_documents()
    view.documents.select("berita_acara")
    shoot(view, "dokumen-pengaduan")
    paper = documents.issue(ws, adopted[0], "berita_acara")
    preview = PaperDialog(paper, window)
    preview.show()
    shoot(preview, "pratinjau-berita-acara")
    page = preview.document.pagePointSize(0)
    scale = 110 / 72
    image = preview.document.render(0, QSize(int(page.width() * scale), int(page.height() * scale)))
    image.save(str(OUT / "berita-acara-halaman-1.png"))
    print(OUT / "berita-acara-halaman-1.png")
    preview.close()
    view.close()


if __name__ == "__main__":
    main()
