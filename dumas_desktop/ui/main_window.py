"""The main window: the attention strip above the agenda book and the work tabs.

The window shows its frame (title, tabs, status bar) before the data file is open, so
that it appears at once; `attach` fills it when the file is open. The parts that use the
services (and through them SQLAlchemy, the slowest import) are imported there, and in the
actions, not at the top of this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from .. import APP_NAME
from ..reports.model import Period
from . import dialogs
from .drafts import DraftStore
from .texts import tr

if TYPE_CHECKING:
    from ..domain.sop import Profile
    from ..services.changes import Changes
    from .agenda_tab import AgendaTab
    from .attention import AttentionStrip
    from .context import AppContext
    from .queue_tab import QueueTab
    from .settings_tab import SettingsTab


@dataclass(frozen=True)
class Queue:
    title: str
    forms: frozenset[str]
    explanation: str
    waiting: bool = False  # also the cases waiting for the reporter's completion


# The work queues by the kind of step (its form); a queue is a tab only where one of the
# file's profiles has such a step, and says which of its steps it holds.
SCREENING = frozenset({"receive", "register"})


def screening_tab_title(profiles: Iterable[Profile]) -> str:
    """The first work tab's name: Sanggau screens (its step 2 registers), Sumatera Barat receives."""
    return tr("Skrining") if any(s.form == "register" for p in profiles for s in p.steps) else tr("Penerimaan")


REVIEW = frozenset({"review", "further_review", "handover", "hearing", "settle", "memo", "reply", "disposition"})
MINUTES = frozenset({"draft_minutes", "plenary", "forward", "decision"})
RECAP = frozenset({"recap", "report"})


def queues_for(profiles: Iterable[Profile]) -> list[Queue]:
    profiles = list(profiles)

    def steps_of(forms: frozenset[str]) -> list[str]:
        names: list[str] = []
        for profile in profiles:
            for step in profile.steps:
                label = f"{step.no}. {step.name}"
                if step.form in forms and label not in names:
                    names.append(label)
        return names

    def has(forms: frozenset[str]) -> bool:
        return any(step.form in forms for profile in profiles for step in profile.steps)

    found = []
    screening_title = screening_tab_title(profiles)
    for title, forms, waiting in (
        (screening_title, SCREENING, True),
        (tr("Kertas Kerja Telaah"), REVIEW, False),
        (tr("Berita Acara Pleno"), MINUTES, False),
        (tr("Rekapitulasi dan Laporan"), RECAP, False),
    ):
        if not has(forms):
            continue
        explanation = tr("Pengaduan pada langkah {steps}.").format(steps="; ".join(steps_of(forms)))
        if waiting:
            explanation += " " + tr("Juga yang menunggu kelengkapan dari pelapor.")
        found.append(Queue(title, forms, explanation, waiting))
    return found


# Why an item of the Berkas menu is unavailable in a file without accounts opened read-only.
NO_PASSWORD = "Berkas ini belum memiliki akun pengguna dan dibuka hanya-baca: tidak ada kata sandi untuk diubah."
NO_SWITCH = "Berkas ini belum memiliki akun pengguna dan dibuka hanya-baca: tidak ada pengguna untuk diganti."
NO_LOCK = "Berkas ini belum memiliki akun pengguna dan dibuka hanya-baca: tidak ada kata sandi untuk membuka kunci."

RECENT_KEY = "berkas/terakhir"


def remember_recent(path: Path) -> list[str]:
    settings = QSettings()
    recent = [p for p in (settings.value(RECENT_KEY) or []) if p != str(path)]
    recent.insert(0, str(path))
    settings.setValue(RECENT_KEY, recent[:8])
    return recent[:8]


OPENING_SIZE = QSize(1360, 820)


def opening_size() -> QSize:
    """1360×820 where the screen has room for it, else the screen's free area (an office
    laptop of 1366×768 leaves about 1366×728 beside the taskbar)."""
    from .behaviour import room_on

    screen = QGuiApplication.primaryScreen()
    return OPENING_SIZE if screen is None else OPENING_SIZE.boundedTo(room_on(screen.availableGeometry()))


class MainWindow(QMainWindow):
    open_file = Signal(Path)
    open_server = Signal(object, str)  # a ServerAddress and the password typed (may be empty)
    restore_requested = Signal(Path)
    closed = Signal()
    lock_requested = Signal()
    switch_user_requested = Signal()

    def __init__(self) -> None:
        """The frame alone: it shows while the data file opens."""
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(opening_size())
        self.windows: list[QWidget] = []
        self.tabs = QTabWidget()
        self.waiting = QLabel(tr("Membuka berkas data…"))  # the queues follow the file's profiles
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs.addTab(self.waiting, tr("Buku Agenda"))
        self.central = QWidget()
        self.layout_ = QVBoxLayout(self.central)
        self.layout_.setContentsMargins(6, 4, 6, 6)
        self.layout_.addWidget(self.tabs, 1)
        self.setCentralWidget(self.central)
        self.busy = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().showMessage(tr("Membuka berkas data…"))

    def say_waiting(self, text: str) -> None:
        """What the empty frame is waiting for: the data opening, or the person signing in."""
        self.waiting.setText(text)
        self.statusBar().showMessage(text)

    def attach(self, app: AppContext, drafts: DraftStore) -> None:
        """Fill the frame once the data file is open."""
        from .agenda_tab import AgendaTab
        from .attention import AttentionStrip
        from .mail_tab import MailTab
        from .settings_tab import SettingsTab
        from .stats_tab import StatsTab

        self.app = app
        self.drafts = drafts
        self.setWindowTitle(f"{APP_NAME} — {app.office_name}")
        if not app.ws.access.everything:
            who = QLabel(tr("Masuk sebagai {who}").format(who=app.ws.access.label))
            who.setToolTip(app.roles_text())
            self.statusBar().addPermanentWidget(who)
        while self.tabs.count():
            placeholder = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if placeholder is not None:
                placeholder.deleteLater()
        # The agenda book first: its rows are what the user waits for, and every tab's first
        # query queues on the one database worker in the order the tabs were made.
        self.agenda: AgendaTab = AgendaTab(app)
        self.attention: AttentionStrip = AttentionStrip(app)
        self.queues: list[QueueTab] = []
        self.statistics: StatsTab = StatsTab(app)
        self.settings: SettingsTab = SettingsTab(app)
        self.tabs.addTab(self.agenda, tr("Buku Agenda"))
        # Surel masuk is a tab once the office mailbox is set (MailTab.configured), beside the book.
        self.mail: MailTab = MailTab(app)
        self.mail.setParent(self.central)
        self.mail.hide()
        self.mail.configured.connect(self._mail_tab)
        self.mail.register.connect(self.register_mail)
        self.mail.show_paper.connect(self._show_paper)
        self.mail.open_dialog.connect(self._dialog)
        self.tabs.addTab(self.statistics, tr("Statistik"))
        self.tabs.addTab(self.settings, tr("Pengaturan"))
        self.layout_.insertWidget(0, self.attention)
        # Which data this PC works on stays in the status bar: a passing message (saved,
        # reconnected) gives way to it again when it times out.
        where = app.ws.db.label
        self.statusBar().showMessage(where)

        def back_to_where(text: str) -> None:
            if not text:
                self.statusBar().showMessage(where)

        self.statusBar().messageChanged.connect(back_to_where)
        app.runner.busy_changed.connect(lambda busy: self.busy.setText(tr("Bekerja…") if busy else ""))

        for spec in queues_for(app.all_profiles()):
            self._add_queue(spec)
        app.events.cases_changed.connect(self._follow_profiles)
        self.agenda.open_case.connect(self.show_case)
        self.agenda.new_complaint.connect(self.new_complaint)
        self.statistics.show_cases.connect(self._cases_of_a_bar)
        self.attention.show_overdue.connect(lambda: self._agenda_only(overdue=True))
        self.attention.show_waiting.connect(lambda: self._agenda_only(status="menunggu_pelapor"))
        self.attention.show_due_today.connect(self._due_today)
        self._menus()
        self._tab_keys()
        app.events.tell()  # every tab loads itself

    def _add_queue(self, spec: Queue) -> QueueTab:
        """A work queue's tab, before Statistik (the queues follow the agenda book in SOP order)."""
        from .case_actions import CloseDialog, CompletionDialog, RejectDialog
        from .queue_tab import QueueTab

        queue = QueueTab(self.app, spec.forms, spec.explanation, include_waiting=spec.waiting)
        queue.open_case.connect(self.show_case)
        queue.work_on_step.connect(self.work_on_step)
        queue.record_completion.connect(lambda cid: self._dialog(CompletionDialog(self.app, cid, self, self.drafts)))
        queue.reject_case.connect(lambda cid: self._dialog(RejectDialog(self.app, cid, self, self.drafts)))
        queue.close_case.connect(lambda cid: self._dialog(CloseDialog(self.app, cid, self, self.drafts)))
        queue.print_documents.connect(self.show_documents)
        order = [q.forms for q in queues_for(self.app.all_profiles())]
        before = sum(1 for q in self.queues if order.index(q.forms) < order.index(spec.forms))
        follows = self.queues[before] if before < len(self.queues) else self.statistics
        self.tabs.insertTab(self.tabs.indexOf(follows), queue, spec.title)
        self.queues.insert(before, queue)
        return queue

    def _follow_profiles(self, changes: Changes) -> None:
        """An import may bring cases under another SOP: its steps join the work queues (a new
        queue becomes a tab) and its names are used, as when the file is opened again."""
        if not changes.everything:
            return
        from ..services import queries

        ws = self.app.ws
        self.app.runner.run(lambda: queries.case_profiles(ws), self._profiles_learned)

    def _profiles_learned(self, profiles: list[Profile]) -> None:
        known = self.app.all_profiles()
        new = [p for p in profiles if p not in known]
        if not new:
            return
        self.app.profiles = (*known, *new)
        for spec in queues_for(self.app.all_profiles()):
            queue = next((q for q in self.queues if q.forms == spec.forms), None)
            if queue is None:
                self._add_queue(spec).reload()  # at open, events.tell() loads every tab
                continue
            queue.learn(self.app.all_profiles(), spec.explanation)
            self.tabs.setTabText(self.tabs.indexOf(queue), spec.title)

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(tr("&Berkas"))
        self._action(menu, tr("&Buka berkas data lain…"), self.choose_file, QKeySequence.StandardKey.Open)
        self._action(menu, tr("Berkas &data baru…"), self.new_file)
        self._action(menu, tr("Sambung ke ser&ver kantor…"), self.show_server)
        self.recent_menu = menu.addMenu(tr("Berkas &terakhir"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(menu, tr("&Rincian berkas…"), self.file_details)
        menu.addSeparator()
        self._action(menu, tr("Rekapitulasi dan &laporan (Excel)…"), self.show_recap)
        self._action(menu, tr("Tanda terima &per hari…"), self.show_receipts)
        self._action(menu, tr("&Cadangan dan pemulihan…"), self.show_backups)
        self._action(menu, tr("&Ekspor ke paket…"), self.show_export)
        import_ = self._action(menu, tr("&Impor paket…"), self.show_import)
        self._admin_only(import_, tr("Impor paket"))
        self._admin_only(self._action(menu, tr("Bentrok imp&or…"), self.show_conflicts), tr("Menyelesaikan bentrok"))
        menu.addSeparator()
        fetch = self._action(menu, tr("A&mbil surel"), self.fetch_mail)
        if not self.mail.allowed:
            self._unavailable(fetch, tr("Surel masuk ditangani oleh petugas penerimaan pengaduan."))
        menu.addSeparator()
        self._action(menu, tr("&Jejak audit…"), self.show_audit)
        self._action(menu, tr("Peng&aturan…"), self.show_settings)
        self._admin_only(self._action(menu, tr("Pro&fil SOP…"), self.show_profile_editor), tr("Menyunting profil SOP"))
        self._admin_only(self._action(menu, tr("Pengguna dan pera&n…"), self.show_users), tr("Mengelola pengguna"))
        self._needs_account(self._action(menu, tr("Ubah kata &sandi…"), self.change_password), NO_PASSWORD)
        self._needs_account(self._action(menu, tr("&Ganti pengguna…"), self.switch_user_requested.emit), NO_SWITCH)
        lock = self._action(menu, tr("K&unci layar"), self.lock_requested.emit)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        # From a wizard or a case window too: whoever leaves the desk locks what is in front.
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._needs_account(lock, NO_LOCK)
        menu.addSeparator()
        # Named, not QKeySequence.Quit: Windows has no standard quit key, so that one is empty
        # there (and on Qt's offscreen platform). From a wizard or a case window too, each a
        # window of its own: they close first and keep their drafts.
        leave = self._action(menu, tr("&Keluar"), self.close, "Ctrl+Q")
        leave.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        cases = self.menuBar().addMenu(tr("&Pengaduan"))
        self._action(cases, tr("Pengaduan &baru…"), self.new_complaint, QKeySequence.StandardKey.New)
        self._action(cases, tr("&Cari…"), self._search, QKeySequence.StandardKey.Find)
        self._action(cases, tr("&Dokumen dan cetak…"), self.print_selected, QKeySequence.StandardKey.Print)
        help_menu = self.menuBar().addMenu(tr("Ban&tuan"))
        self._action(help_menu, tr("&Tentang Dumas Desktop"), self.about)
        # Qt shows neither a disabled item's status tip nor, unless asked, a menu's tooltips:
        # the reason an item is unavailable is its tooltip, shown where the person points.
        for each in (menu, self.recent_menu, cases, help_menu):
            each.setToolTipsVisible(True)

    def _tab_keys(self) -> None:
        """Ctrl+Tab and Ctrl+PgDn to the next tab, Ctrl+Shift+Tab and Ctrl+PgUp back, from
        anywhere in the window (Qt's own Ctrl+Tab works only with the focus in the tabs)."""
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda step=step: self._next_tab(step))

    def _next_tab(self, step: int) -> None:
        count = self.tabs.count()
        index = self.tabs.currentIndex()
        for _ in range(count):
            index = (index + step) % count
            if self.tabs.isTabEnabled(index) and self.tabs.isTabVisible(index):
                self.tabs.setCurrentIndex(index)
                return

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], key: QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    def _admin_only(self, action: QAction, what: str) -> None:
        """Shown to everyone, usable by administrators; the menu says why when it is not."""
        if not self.app.ws.access.is_admin:
            self._unavailable(action, tr("{what} hanya untuk Administrator.").format(what=what))

    def _needs_account(self, action: QAction, reason: str) -> None:
        """A file without accounts, opened read-only, has nobody signed in."""
        if self.app.ws.access.everything:
            self._unavailable(action, tr(reason))

    @staticmethod
    def _unavailable(action: QAction, reason: str) -> None:
        action.setEnabled(False)
        action.setStatusTip(reason)
        action.setToolTip(reason)

    def show_settings(self) -> None:
        """The Pengaturan tab, with the cursor in its first field, as if its tab were clicked."""
        self.tabs.setCurrentWidget(self.settings)
        target = self.settings.nextInFocusChain()
        while target is not None and target is not self.settings:
            if (
                self.settings.isAncestorOf(target)
                and target.isVisible()
                and target.isEnabled()
                and target.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            target = target.nextInFocusChain()
        self.settings.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search(self) -> None:
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.focus_search()

    def _cases_of_a_bar(self, period: Period, kind: str, key: str, office_code: str) -> None:
        """The cases a statistics bar counts: its period (a month, a quarter, the year) and
        its category, without the cancelled ones, as the statistics count them."""
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.show_only(
            year=period.year,
            channel=key if kind == "channel" else None,
            classification=key if kind == "classification" else None,
            office_code=office_code or None,
            narrowing={"received_from": period.start, "received_before": period.end, "counted_only": True},
            said=tr("Dari Statistik: pengaduan yang diterima {period}, tanpa yang dibatalkan.").format(
                period=period.label
            ),
        )

    def _due_today(self) -> None:
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.show_only(
            status="proses", narrowing={"due_today": True}, said=tr("Langkah yang jatuh tempo hari ini.")
        )

    def _agenda_only(self, *, overdue: bool = False, status: str | None = None) -> None:
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.show_only(overdue=overdue, status=status)

    def _dialog(self, dialog: QWidget) -> None:
        self.windows.append(dialog)
        dialog.destroyed.connect(lambda: self.windows.remove(dialog) if dialog in self.windows else None)
        dialog.show()

    # --- actions ---------------------------------------------------------------------------------
    def show_recap(self) -> None:
        from .recap_dialog import RecapDialog

        self._dialog(RecapDialog(self.app, self))

    def show_server(self) -> None:
        from .server_dialog import ServerDialog

        dialog = ServerDialog(self.app, self)
        dialog.connect_requested.connect(self.open_server.emit)
        self._dialog(dialog)

    def show_backups(self) -> None:
        from .backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.app, self)
        dialog.restore_requested.connect(self.restore_requested.emit)
        self._dialog(dialog)

    def show_export(self) -> None:
        from .transfer_dialogs import ExportDialog

        self._dialog(ExportDialog(self.app, self))

    def show_import(self) -> None:
        from .transfer_dialogs import ImportDialog

        self._dialog(ImportDialog(self.app, self))

    def show_conflicts(self) -> None:
        from .conflicts_dialog import ConflictsDialog

        self._dialog(ConflictsDialog(self.app, self))

    def show_audit(self) -> None:
        from .audit_dialog import AuditDialog

        self._dialog(AuditDialog(self.app, self))

    def show_profile_editor(self) -> None:
        from .profile_editor import ProfileEditor

        self._dialog(ProfileEditor(self.app, self))

    def show_users(self) -> None:
        from .users_dialog import UsersDialog

        self._dialog(UsersDialog(self.app, self))

    def change_password(self) -> None:
        from .sign_in import ChangePasswordDialog

        if ChangePasswordDialog(self.app.ws, self.app.runner, self).exec():
            self.statusBar().showMessage(tr("Kata sandi diganti."), 8000)

    def show_receipts(self) -> None:
        from .recap_dialog import ReceiptsDialog

        self._dialog(ReceiptsDialog(self.app, self))

    def show_case(self, case_id: int) -> None:
        from .case_view import CaseView

        view = CaseView(self.app, case_id, self, self.drafts)
        view.work_on_step.connect(self.work_on_step)
        view.open_case.connect(self.show_case)
        self._dialog(view)

    def work_on_step(self, case_id: int) -> None:
        from .step_wizard import StepWizard

        wizard = StepWizard(self.app, self.drafts, case_id, self)
        wizard.finished_step.connect(lambda result: self._after_step(result))
        self._dialog(wizard)

    def _after_step(self, result: object) -> None:
        if result is None:
            return
        next_step = getattr(result, "next_step", "")
        status = getattr(result, "status", "")
        agenda = getattr(result, "agenda_number", "")
        if status == "selesai":
            self.statusBar().showMessage(tr("Pengaduan {n} selesai.").format(n=agenda), 8000)
        elif status == "menunggu_pelapor":
            self.statusBar().showMessage(tr("Pengaduan {n} menunggu kelengkapan dari pelapor.").format(n=agenda), 8000)
        elif next_step and dialogs.ask(
            self,
            tr("Langkah tersimpan"),
            tr("Langkah tersimpan. Lanjutkan ke langkah berikutnya untuk pengaduan {n}?").format(n=agenda),
        ):
            self.work_on_step(getattr(result, "case_id"))  # noqa: B009

    def _mail_tab(self, configured: bool) -> None:
        index = self.tabs.indexOf(self.mail)
        if configured and index < 0:
            self.tabs.insertTab(1, self.mail, tr("Surel masuk"))
        elif not configured and index >= 0:
            self.tabs.removeTab(index)
            self.mail.hide()

    def fetch_mail(self) -> None:
        """Berkas → Ambil surel: the Surel masuk tab, fetching."""
        if self.tabs.indexOf(self.mail) >= 0:
            self.tabs.setCurrentWidget(self.mail)
        self.mail.fetch_now()

    def register_mail(self, start: object) -> None:
        """Catat sebagai pengaduan: the intake wizard, filled from the e-mail."""
        from ..services.mailbox import MailIntake
        from .intake_wizard import IntakeWizard

        assert isinstance(start, MailIntake)
        wizard = IntakeWizard(self.app, self.drafts, self, mail=start)
        wizard.received.connect(self.show_case)
        wizard.print_receipt.connect(self.print_receipt)
        self._dialog(wizard)

    def _show_paper(self, paper: object) -> None:
        from .documents_panel import show_paper

        self._dialog(show_paper(self, paper))  # type: ignore[arg-type]

    def new_complaint(self) -> None:
        from .intake_wizard import IntakeWizard

        wizard = IntakeWizard(self.app, self.drafts, self)
        wizard.received.connect(self.show_case)
        wizard.open_case.connect(self.show_case)
        wizard.print_receipt.connect(self.print_receipt)
        self._dialog(wizard)

    def show_documents(self, case_id: int) -> None:
        from .documents_panel import DocumentsDialog

        self._dialog(DocumentsDialog(self.app, case_id, self))

    def print_selected(self) -> None:
        """Ctrl+P: the papers of the case selected in the current tab."""
        tab = self.tabs.currentWidget()
        table = getattr(tab, "table", None)
        case_id = table.selected_case() if table is not None and hasattr(table, "selected_case") else None
        if case_id is None:
            self.statusBar().showMessage(tr("Pilih pengaduan di daftar terlebih dahulu, lalu tekan Ctrl+P."), 8000)
            return
        self.show_documents(case_id)

    def print_receipt(self, case_id: int) -> None:
        from ..services import documents
        from .documents_panel import show_paper

        self.app.runner.run(
            lambda: documents.issue(self.app.ws, case_id, "tanda_terima"),
            lambda paper: self._dialog(show_paper(self, paper)),
            label=tr("Menyiapkan tanda terima…"),
            on_message=lambda error: dialogs.warn(self, tr("Tanda terima belum dapat dibuat"), error.message),
        )

    def choose_file(self) -> None:
        path = dialogs.open_file_name(
            self, tr("Buka berkas data"), tr("Berkas data Dumas (*.dumas);;Semua berkas (*)"), dialogs.DATA_FILE
        )
        if path is not None:
            self.open_file.emit(path)

    def new_file(self) -> None:
        """Another office file (the office's own after trying the demo, a second office): set
        up through the first-run wizard, then opened in place of this one."""
        from .setup_wizard import SetupWizard

        path = dialogs.save_file_name(
            self, tr("Berkas data baru"), "kantor.dumas", tr("Berkas data Dumas (*.dumas)"), dialogs.DATA_FILE
        )
        if path is None:
            return
        if path.suffix.lower() != ".dumas":
            path = path.with_suffix(".dumas")
        from ..services.data_file import location_problem

        problem = location_problem(path)
        if problem:
            dialogs.warn(self, tr("Berkas data tidak dapat dibuat di tempat ini"), problem)
            return
        if path.exists():
            dialogs.warn(
                self,
                tr("Berkas data baru"),
                tr("{name} sudah ada. Pilih nama lain; berkas yang ada tidak ditimpa.").format(name=path.name),
            )
            return
        wizard = SetupWizard(path, self.app.runner, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Opened after the wizard has closed: opening closes this window, the wizard's parent.
        wizard.accepted.connect(lambda: QTimer.singleShot(0, lambda: self.open_file.emit(path)))
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.show()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in QSettings().value(RECENT_KEY) or []:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file.emit(Path(p)))

    def file_details(self) -> None:
        from ..services import queries

        def show(d: queries.FileDetails) -> None:
            dialogs.inform(
                self,
                tr("Rincian berkas"),
                tr(
                    "Berkas: {path}\nUkuran: {size:.1f} MB\nKantor: {office} ({code})\nPengaduan: {cases}\n"
                    "Profil SOP: {profile}\nVersi skema: {schema}"
                ).format(
                    path=d.path,
                    size=d.size_bytes / 2**20,
                    office=d.office_name,
                    code=d.office_code,
                    cases=d.cases,
                    profile=d.profile,
                    schema=d.schema,
                ),
            )

        self.app.runner.run(lambda: queries.file_details(self.app.ws), show)

    def about(self) -> None:
        from .. import __version__

        dialogs.inform(
            self,
            tr("Tentang Dumas Desktop"),
            tr("Dumas Desktop {v}\nPengelolaan pengaduan masyarakat kantor KPU.").format(v=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.windows):
            if not window.close():  # wizards keep their drafts, or the person stays in one
                event.ignore()
                return
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
