"""The SOP table's flowchart: a symbol in each actor's cell of a step's row, and the arrows
between them, drawn over the page once the table is laid out.

Each symbol is a small flowable that notes where on the page it was drawn; the page's end
hook then joins the symbols of steps that follow each other (down, across, down), routes
the other branches along the right edge of the actors' columns, and labels the outcomes.
Arrows are drawn between symbols on the same page; a table row that starts a new page
begins its own chain there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.colors import black, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..domain.sop import CLOSE_TARGET, COMPLETION_TARGET, Profile, Step
from . import fonts

START, PROCESS, DECISION, END = "mulai", "proses", "keputusan", "selesai"
SHAPES = {
    START: "Mulai/selesai",
    PROCESS: "Proses/kegiatan",
    DECISION: "Keputusan (bercabang)",
}
SYMBOL_WIDTH = 10 * mm
SYMBOL_HEIGHT = {START: 5 * mm, END: 5 * mm, PROCESS: 5.5 * mm, DECISION: 7 * mm}
LABEL_SIZE = 5.5


def shape_of(profile: Profile, index: int) -> str:
    step = profile.steps[index]
    if index == 0:
        return START
    if step.branches:
        return DECISION
    return END if step.next == CLOSE_TARGET else PROCESS


def draw_shape(canvas: Canvas, shape: str, x: float, y: float) -> None:
    """One symbol centred on (x, y)."""
    w, h = SYMBOL_WIDTH, SYMBOL_HEIGHT[shape]
    canvas.saveState()
    canvas.setLineWidth(0.8)
    canvas.setStrokeColor(black)
    canvas.setFillColor(white)
    if shape in (START, END):
        canvas.roundRect(x - w / 2, y - h / 2, w, h, h / 2, stroke=1, fill=1)
    elif shape == DECISION:
        path = canvas.beginPath()
        path.moveTo(x, y + h / 2)
        path.lineTo(x + w / 2, y)
        path.lineTo(x, y - h / 2)
        path.lineTo(x - w / 2, y)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
    else:
        canvas.rect(x - w / 2, y - h / 2, w, h, stroke=1, fill=1)
    canvas.restoreState()


@dataclass(frozen=True)
class Placed:
    page: int
    column: int
    x: float
    y: float
    shape: str

    @property
    def half_height(self) -> float:
        return SYMBOL_HEIGHT[self.shape] / 2


@dataclass
class Board:
    """Where each step's symbols landed, and the joins to draw between them."""

    profile: Profile
    column_width: float  # of one actor's column, in points
    placed: dict[int, list[Placed]] = field(default_factory=dict)

    def symbol(self, index: int, column: int) -> Flowable:
        return _Symbol(self, index, column, shape_of(self.profile, index))

    def legend_symbol(self, shape: str) -> Flowable:
        return _Symbol(None, -1, -1, shape)

    def draw_arrows(self, canvas: Canvas) -> None:
        page = canvas.getPageNumber()
        here = {i: [p for p in spots if p.page == page] for i, spots in self.placed.items()}
        here = {i: spots for i, spots in here.items() if spots}
        keys = {s.key: i for i, s in enumerate(self.profile.steps)}
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setFillColor(black)
        canvas.setLineWidth(0.6)
        for spots in here.values():  # one step's symbols joined across its actors' columns
            if len(spots) > 1:
                left, right = min(spots, key=lambda p: p.x), max(spots, key=lambda p: p.x)
                canvas.line(left.x + SYMBOL_WIDTH / 2, left.y, right.x - SYMBOL_WIDTH / 2, right.y)
        lane = 0
        for index, spots in sorted(here.items()):
            step = self.profile.steps[index]
            for target, outcome in _targets(step):
                label = outcome.replace("_", " ") if outcome else ""
                if target in keys and keys[target] == index + 1 and index + 1 in here:
                    self._down(canvas, spots, here[index + 1], label)
                elif target in keys and keys[target] in here:
                    lane += 1
                    self._around(canvas, spots, here[keys[target]], label, lane)
                elif target in keys:  # the flow goes on on another page: an off-page connector
                    self._leaving(canvas, spots, self.profile.steps[keys[target]].no, label)
                elif target == COMPLETION_TARGET or (target == CLOSE_TARGET and step.branches):
                    self._aside(canvas, spots, label or "kelengkapan")
        for index, spots in sorted(here.items()):  # and where it comes in from another page
            for source_index, source in enumerate(self.profile.steps):
                if source_index in here:
                    continue
                if any(target == self.profile.steps[index].key for target, _ in _targets(source)):
                    self._arriving(canvas, spots, source.no)
        canvas.restoreState()

    def _leaving(self, canvas: Canvas, source: list[Placed], to_no: int, label: str) -> None:
        """Down out of the symbol into a connector that names the step it continues at."""
        a = min(source, key=lambda p: p.x)
        top = a.y - a.half_height
        centre = top - CONNECTOR_GAP - CONNECTOR_RADIUS
        canvas.line(a.x, top, a.x, centre + CONNECTOR_RADIUS)
        _head(canvas, a.x, centre + CONNECTOR_RADIUS, "down")
        _connector(canvas, a.x, centre, to_no)
        if label:
            _label(canvas, a.x + CONNECTOR_RADIUS + 0.8 * mm, centre - 1 * mm, f"{label} \u2192 langkah {to_no}")

    def _arriving(self, canvas: Canvas, target: list[Placed], from_no: int) -> None:
        """A connector above the symbol naming the step the flow comes from."""
        b = min(target, key=lambda p: p.x)
        bottom = b.y + b.half_height
        centre = bottom + CONNECTOR_GAP + CONNECTOR_RADIUS
        _connector(canvas, b.x, centre, from_no)
        canvas.line(b.x, centre - CONNECTOR_RADIUS, b.x, bottom)
        _head(canvas, b.x, bottom, "down")

    def _down(self, canvas: Canvas, source: list[Placed], target: list[Placed], label: str) -> None:
        a, b = _closest(source, target)
        top, bottom = a.y - a.half_height, b.y + b.half_height
        if abs(a.x - b.x) < 1:
            canvas.line(a.x, top, b.x, bottom)
        else:
            middle = (top + bottom) / 2
            canvas.lines([(a.x, top, a.x, middle), (a.x, middle, b.x, middle), (b.x, middle, b.x, bottom)])
        _head(canvas, b.x, bottom, "down")
        if label:
            _label(canvas, a.x + 1 * mm, top - 2.2 * mm, label)

    def _around(self, canvas: Canvas, source: list[Placed], target: list[Placed], label: str, lane: int) -> None:
        """A branch to a step that is not the next row: out of the right side, along the
        actors' right edge, into the target's right side."""
        a = max(source, key=lambda p: p.x)
        b = max(target, key=lambda p: p.x)
        columns = len(self.profile.actors)
        edge = a.x - (a.column + 0.5) * self.column_width + columns * self.column_width
        x = edge - 0.8 * mm - (lane % 2) * 1.2 * mm
        start, end = a.x + SYMBOL_WIDTH / 2, b.x + SYMBOL_WIDTH / 2
        canvas.lines([(start, a.y, x, a.y), (x, a.y, x, b.y), (x, b.y, end, b.y)])
        _head(canvas, end, b.y, "left")
        if label:
            _label(canvas, start + 0.5 * mm, a.y + 0.8 * mm, label)

    def _aside(self, canvas: Canvas, source: list[Placed], label: str) -> None:
        """A branch that leaves the table's steps (to the reporter's completion window, or
        closing): a short arrow out of the left side, with its outcome."""
        a = min(source, key=lambda p: p.x)
        start = a.x - SYMBOL_WIDTH / 2
        canvas.line(start, a.y, start - 2.5 * mm, a.y)
        _head(canvas, start - 2.5 * mm, a.y, "left")
        _label(canvas, start - 0.3 * mm, a.y + 1 * mm, label, right=True)


def _targets(step: Step) -> list[tuple[str, str]]:
    if step.branches:
        return [(b.next, b.outcome) for b in step.branches]
    return [(step.next or CLOSE_TARGET, "")]


def _closest(source: list[Placed], target: list[Placed]) -> tuple[Placed, Placed]:
    pairs = [(abs(a.x - b.x), a, b) for a in source for b in target]
    _, a, b = min(pairs, key=lambda t: t[0])
    return a, b


def _head(canvas: Canvas, x: float, y: float, pointing: str) -> None:
    size = 1.4 * mm
    path = canvas.beginPath()
    path.moveTo(x, y)
    if pointing == "down":
        path.lineTo(x - size / 2, y + size)
        path.lineTo(x + size / 2, y + size)
    else:  # left
        path.lineTo(x + size, y + size / 2)
        path.lineTo(x + size, y - size / 2)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


CONNECTOR_RADIUS = 2.2 * mm
CONNECTOR_GAP = 1.5 * mm


def _connector(canvas: Canvas, x: float, y: float, step_no: int) -> None:
    """The flowchart's off-page connector: a small circle with the step number."""
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.circle(x, y, CONNECTOR_RADIUS, stroke=1, fill=1)
    canvas.setFillColor(black)
    canvas.setFont(fonts.BOLD, 6.5)
    canvas.drawCentredString(x, y - 2.2, str(step_no))
    canvas.restoreState()


def _label(canvas: Canvas, x: float, y: float, text: str, *, right: bool = False) -> None:
    canvas.setFont(fonts.ITALIC, LABEL_SIZE)
    if right:
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawString(x, y, text)


class _Symbol(Flowable):
    """A step's symbol in one actor's cell, noting where it landed for the arrows."""

    def __init__(self, board: Board | None, index: int, column: int, shape: str) -> None:
        super().__init__()
        self.board, self.index, self.column, self.shape = board, index, column, shape

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = max(available_width, SYMBOL_WIDTH)
        self.height = SYMBOL_HEIGHT[DECISION] + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.width / 2, self.height / 2
        draw_shape(self.canv, self.shape, x, y)
        if self.board is not None:
            ax, ay = self.canv.absolutePosition(x, y)
            spot = Placed(self.canv.getPageNumber(), self.column, ax, ay, self.shape)
            self.board.placed.setdefault(self.index, []).append(spot)
