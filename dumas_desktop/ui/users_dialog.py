"""Users and their SOP roles, for the administrator; and the idle time before the lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.access import roles_of
from ..domain.errors import DumasError
from ..services import accounts
from .context import AppContext
from .texts import tr


class UsersDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.users: list[accounts.UserView] = []
        self.labels = roles_of(app.profile)
        self.setWindowTitle(tr("Pengguna dan peran"))
        self.resize(980, 560)
        outer = QHBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Nama pengguna"), tr("Nama lengkap"), tr("Peran"), tr("Keadaan")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        outer.addWidget(self.table, 3)

        side = QVBoxLayout()
        form_box = QGroupBox(tr("Pengguna"))
        form = QFormLayout(form_box)
        self.username, self.full_name = QLineEdit(), QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("min. 8 karakter"))
        self.active = QCheckBox(tr("Aktif"))
        form.addRow(tr("Nama pengguna"), self.username)
        form.addRow(tr("Nama lengkap"), self.full_name)
        form.addRow(tr("Kata sandi"), self.password)
        self.role_boxes: dict[str, QCheckBox] = {}
        roles_box = QGroupBox(tr("Peran menurut SOP"))
        roles_layout = QVBoxLayout(roles_box)
        for key, label in self.labels.items():
            box = QCheckBox(tr(label))
            self.role_boxes[key] = box
            roles_layout.addWidget(box)
        form.addRow(roles_box)
        form.addRow(self.active)
        side.addWidget(form_box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        side.addWidget(self.message)
        buttons = QHBoxLayout()
        for text, slot in (
            (tr("Kosongkan (pengguna baru)"), self._clear),
            (tr("Tambah"), self._add),
            (tr("Simpan perubahan"), self._save),
            (tr("Atur ulang kata sandi"), self._reset),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        side.addLayout(buttons)
        idle_box = QGroupBox(tr("Kunci layar"))
        idle = QHBoxLayout(idle_box)
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(tr(" menit tanpa kegiatan"))
        self.idle.setValue(accounts.idle_minutes(app.ws.db))
        save_idle = QPushButton(tr("Simpan"))
        save_idle.clicked.connect(self._save_idle)
        idle.addWidget(self.idle)
        idle.addWidget(save_idle)
        side.addWidget(idle_box)
        side.addStretch(1)
        outer.addLayout(side, 2)
        self._load()
        self._clear()  # the form shows what "Tambah" saves: a new, active user

    def _run(self, action: object, done: str) -> None:
        def finished(_result: object) -> None:
            self._say(done)
            self._load()

        self.app.runner.run(action, finished, on_message=lambda error: self._say(error.message, error=True))  # type: ignore[arg-type]

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b02a37" if error else "color: #1e6b35")
        self.message.setText(text)

    def _load(self) -> None:
        try:
            self.users = accounts.list_users(self.app.ws)
        except DumasError as exc:
            self._say(exc.message, error=True)
            return
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            roles = ", ".join(self.labels.get(k, k) for k in user.roles)
            for c, value in enumerate(
                (user.username, user.full_name, roles, tr("aktif") if user.active else tr("nonaktif"))
            ):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _current(self) -> accounts.UserView | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _selected(self) -> None:
        user = self._current()
        if user is None:
            return
        self.username.setText(user.username)
        self.username.setReadOnly(True)
        self.full_name.setText(user.full_name)
        self.password.clear()
        self.active.setChecked(user.active)
        for key, box in self.role_boxes.items():
            box.setChecked(key in user.roles)

    def _clear(self) -> None:
        self.table.clearSelection()
        self.table.selectionModel().clearCurrentIndex()  # "Simpan perubahan" then has no hidden user to change
        self.username.setReadOnly(False)
        for field in (self.username, self.full_name, self.password):
            field.clear()
        self.active.setChecked(True)
        for box in self.role_boxes.values():
            box.setChecked(False)
        self.username.setFocus()

    def _roles(self) -> list[str]:
        return [key for key, box in self.role_boxes.items() if box.isChecked()]

    def _add(self) -> None:
        ws, username, name, password, roles, active = (
            self.app.ws,
            self.username.text(),
            self.full_name.text(),
            self.password.text(),
            self._roles(),
            self.active.isChecked(),
        )
        done = tr("Pengguna ditambahkan.") if active else tr("Pengguna ditambahkan, nonaktif: belum dapat masuk.")
        self._run(lambda: accounts.add_user(ws, username, name, password, roles, active), done)

    def _save(self) -> None:
        user = self._current()
        if user is None:
            self._say(tr("Pilih pengguna di daftar lebih dahulu."), error=True)
            return
        ws, name, roles, active = self.app.ws, self.full_name.text(), self._roles(), self.active.isChecked()
        changed_access = set(roles) != set(user.roles) or active != user.active
        done = tr("Perubahan disimpan.")
        if changed_access:
            done += " " + self._when_it_applies(user.username, active)
        self._run(lambda: accounts.update_user(ws, user.id, name, roles, active), done)

    def _when_it_applies(self, username: str, active: bool) -> str:
        """What a person is allowed is fixed when they sign in (the services check the
        access of that sign-in), so a change reaches a window only through a new sign-in."""
        if username == self.app.ws.access.username:
            return tr(
                "Jendela ini tetap memakai peran Anda saat masuk; perubahan berlaku saat Anda masuk lagi "
                "(Berkas → Ganti pengguna)."
            )
        if not active:
            return tr(
                "{user} tidak dapat masuk lagi. Bila {user} sedang membuka berkas ini hanya-baca di PC lain, "
                "jendelanya tetap terbuka sampai ditutup atau layarnya terkunci."
            ).format(user=username)
        return tr(
            "Berlaku saat {user} masuk berikutnya; bila {user} sedang membuka berkas ini hanya-baca di PC lain, "
            "jendela itu tetap memakai peran lama sampai {user} masuk lagi."
        ).format(user=username)

    def _reset(self) -> None:
        user = self._current()
        if user is None:
            self._say(tr("Pilih pengguna di daftar lebih dahulu."), error=True)
            return
        ws, password = self.app.ws, self.password.text()
        self._run(lambda: accounts.reset_password(ws, user.id, password), tr("Kata sandi diatur ulang."))

    def _save_idle(self) -> None:
        ws, minutes = self.app.ws, self.idle.value()
        self._run(
            lambda: accounts.set_idle_minutes(ws, minutes),
            tr("Waktu kunci layar disimpan; berlaku saat berkas dibuka lagi."),
        )
