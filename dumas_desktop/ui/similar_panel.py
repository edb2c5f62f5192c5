"""Complaints that may be the same one, beside the new complaint in the intake wizard or
for an existing case ("Cari pengaduan serupa"). Looked up on the database worker a moment
after the typing pauses; never merged: the officer opens one, or marks a link to it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.errors import DumasError
from ..services import links, similar
from ..services.similar import Candidate, Probe
from . import dialogs
from .context import AppContext
from .texts import tr

# With a lookup of 25-50 ms on 100,000 cases: shown < 150 ms after the typing stops, with
# room for a lookup slowed by a busy PC (README: measured).
DEBOUNCE_MS = 50
LIKELY = 80  # from this score on a candidate is "kemungkinan besar sama" (README: measured)


class SimilarPanel(QWidget):
    """The candidates, best first. In the wizard a marked link waits for the complaint to
    be recorded (`chosen`); for an existing case it is recorded at once."""

    open_case = Signal(int)
    linked = Signal(object)  # the Linked recorded for an existing case

    def __init__(self, app: AppContext, parent: QWidget | None = None, *, case_id: int | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.case_id = case_id
        self.candidates: list[Candidate] = []
        self.chosen: tuple[str, Candidate] | None = None
        self._asked = 0  # the newest lookup; an older one's answer is dropped
        self._probe: Probe | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._look_up)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel("<b>" + tr("Pengaduan serupa") + "</b>")
        self.state = QLabel(
            tr(
                "Ketik pokok dan uraian pengaduan (terlapor dan tempat menguatkan kecocokan): pengaduan serupa "
                "muncul di sini."
            )
        )
        self.state.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Nomor agenda"), tr("Skor"), tr("Pokok pengaduan")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemDoubleClicked.connect(lambda _item: self._open())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(tr("Buka"))
        self.open_button.clicked.connect(self._open)
        self.related_button = QPushButton(tr("Tandai terkait"))
        self.related_button.clicked.connect(lambda: self._mark("terkait"))
        self.duplicate_button = QPushButton(tr("Tandai duplikat"))
        self.duplicate_button.clicked.connect(lambda: self._mark("duplikat"))
        buttons = QHBoxLayout()
        for b in (self.open_button, self.related_button, self.duplicate_button):
            buttons.addWidget(b)
        self.choice = QLabel()
        self.choice.setWordWrap(True)
        self.choice.setTextFormat(Qt.TextFormat.RichText)
        self.undo = QPushButton(tr("Batalkan tanda"))
        self.undo.clicked.connect(self._unmark)
        layout.addWidget(title)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.choice)
        layout.addWidget(self.undo, alignment=Qt.AlignmentFlag.AlignLeft)
        self._show_choice()
        self._selected()

    # --- looking up ------------------------------------------------------------------------------
    def probe_changed(self, probe: Probe) -> None:
        """What was typed changed: look again once the typing pauses."""
        self._probe = probe
        self._timer.start()

    def look_now(self, probe: Probe) -> None:
        self._probe = probe
        self._look_up()

    def _look_up(self) -> None:
        probe = self._probe
        if probe is None or probe.empty:
            self._show([])
            return
        self._asked += 1
        asked, ws = self._asked, self.app.ws

        def look() -> list[Candidate] | None:
            # Typing went on while this waited for the worker: a newer lookup is queued behind
            # it, and this one's answer would be dropped, so it is not worked out at all.
            return similar.find(ws, probe) if asked == self._asked else None

        self.state.setText(tr("Mencari pengaduan serupa…"))
        self.app.runner.run(
            look,
            lambda found: self._answer(asked, found),
            on_message=lambda error: self.state.setText(error.message),
        )

    def _answer(self, asked: int, found: list[Candidate] | None) -> None:
        if asked == self._asked and found is not None:
            self._show(found)

    def _show(self, found: list[Candidate]) -> None:
        self.candidates = found
        self.table.setRowCount(len(found))
        for row, c in enumerate(found):
            cells = (c.agenda_number, f"{c.score:.0f}", c.subject)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(self._tooltip(c))
                if c.score >= LIKELY:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        if not found:
            self.state.setText(
                tr("Tidak ada pengaduan serupa dalam {d} hari sekitar tanggal diterima.").format(d=similar.WINDOW_DAYS)
            )
        else:
            likely = sum(c.score >= LIKELY for c in found)
            self.state.setText(
                tr("{n} pengaduan serupa; {k} kemungkinan besar sama (skor {s} ke atas, tebal).").format(
                    n=len(found), k=likely, s=LIKELY
                )
            )
        self._selected()

    @staticmethod
    def _tooltip(c: Candidate) -> str:
        return ", ".join(c.reasons) or tr("kemiripan teks")

    # --- one candidate ---------------------------------------------------------------------------
    def current(self) -> Candidate | None:
        row = self.table.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) and self.table.selectedItems() else None

    def _selected(self) -> None:
        c = self.current()
        for b in (self.open_button, self.related_button, self.duplicate_button):
            b.setEnabled(c is not None)
        if c is None:
            self.detail.setText("")
            return
        status = tr(catalog.STATUSES.get(c.status, c.status))
        lines = [
            f"<b>{_escape(c.agenda_number)}</b> — {_escape(status)}",
            tr("Diterima {d} lewat {k}").format(
                d=f"{c.received_at:%d-%m-%Y}", k=tr(catalog.CHANNELS.get(c.channel, c.channel))
            ),
            tr("Pelapor: {p}").format(p=c.reporter or "–"),
            tr("Terlapor: {t}").format(t=c.respondent or "–"),
            tr("Mirip karena: {r}").format(r=self._tooltip(c)),
        ]
        if c.mark:
            mark = tr(links.MARK_LABELS.get(c.mark, c.mark)).lower()
            lines.append(tr("Sudah bertaut dengan pengaduan lain ({m}).").format(m=mark))
        number_line, rest = lines[0], [_escape(line) for line in lines[1:]]
        self.detail.setText(_one_line(number_line) + "<br>".join(rest))

    def _open(self) -> None:
        c = self.current()
        if c is not None:
            self.open_case.emit(c.id)

    def _mark(self, kind: str) -> None:
        c = self.current()
        if c is None:
            return
        if self.case_id is None:
            self.chosen = (kind, c)
            self._show_choice()
            return
        case_id, ws = self.case_id, self.app.ws

        def done(result: links.Linked) -> None:
            self.app.events.tell(result)
            self.linked.emit(result)
            said = tr("Dicatat: {kind} {n}.").format(kind=tr(links.KINDS[kind]).lower(), n=_escape(c.agenda_number))
            self.choice.setText(_one_line(said))

        self.app.runner.run(
            lambda: links.link(ws, case_id, c.id, kind),
            done,
            on_message=lambda error: dialogs.warn(self, tr("Tautan tidak dicatat"), error.message),
        )

    def _unmark(self) -> None:
        self.chosen = None
        self._show_choice()

    def _show_choice(self) -> None:
        if self.case_id is not None or self.chosen is None:
            self.choice.setText("")
            self.undo.setVisible(False)
            return
        kind, c = self.chosen
        said = tr("Pengaduan baru akan dicatat {kind} {n}.").format(
            kind=tr(links.KINDS[kind]).lower(), n=_escape(c.agenda_number)
        )
        self.choice.setText(_one_line(f"<b>{said}</b>"))
        self.undo.setVisible(True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _one_line(html: str) -> str:
    """A line with an agenda number, never wrapped: Qt breaks a line after any "/" or "-"
    (001/DUMAS/ | 6103/2026), and half a number reads as another one. The label asks for
    the line's whole width instead."""
    return f'<p style="white-space: nowrap; margin: 0">{html}</p>'


class SimilarDialog(QDialog):
    """ "Cari pengaduan serupa" on an existing case."""

    def __init__(
        self, app: AppContext, case_id: int, number: str, open_case: Callable[[int], None], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Pengaduan serupa dengan {n}").format(n=number))
        self.resize(760, 520)
        self.panel = SimilarPanel(app, self, case_id=case_id)
        self.panel.open_case.connect(open_case)
        close = QPushButton(tr("&Tutup"))
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        ws = app.ws

        def probe() -> Probe:
            return similar.probe_of_case(ws, case_id)

        app.runner.run(probe, self.panel.look_now, on_message=self._refused)

    def _refused(self, error: DumasError) -> None:
        self.panel.state.setText(error.message)
