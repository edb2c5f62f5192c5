"""A fuzzer over the whole command line (issue 13, item 9): every subcommand with random
choices of its options and values, valid and not, on a copy of a small prepared data file.

Whatever is typed, the program never ends with a program error (exit 3) or a traceback; an
explained error is one line; and the data file always still passes `check`.

The suite runs a bounded, repeatable number of examples; for a longer bench run:

    DUMAS_FUZZ_EXAMPLES=2000 QT_QPA_PLATFORM=offscreen pytest tests/test_cli_fuzz.py -s
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dumas_desktop import cli
from dumas_desktop.documents.kinds import KINDS
from dumas_desktop.storage.integrity import check_file

EXAMPLES = int(os.environ.get("DUMAS_FUZZ_EXAMPLES", "60"))
BENCH = "DUMAS_FUZZ_EXAMPLES" in os.environ


@dataclass
class Tally:
    runs: int = 0
    codes: dict[int, int] = field(default_factory=dict)
    commands: dict[str, int] = field(default_factory=dict)


TALLY = Tally()


@dataclass(frozen=True)
class Template:
    folder: Path
    agenda: tuple[str, ...]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Template:
    """A demo file of a few cases, with the files a person hands over beside it."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    data = folder / "kantor.dumas"
    assert cli.main(["demo", "--data", str(data), "--cases", "12"]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["cases", "--data", str(data), "--limit", "100"]) == 0
    agenda = tuple(line.split("\t")[0] for line in out.getvalue().splitlines())
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["backup", "--data", str(data), "--out", str(folder / "cadangan.dumas")]) == 0
        assert cli.main(["export", "--data", str(data), "--out", str(folder / "paket.dumaspkg")]) == 0
        assert cli.main(["profile", "--data", str(data), "--export", str(folder / "profil.toml")]) == 0
    (folder / "sandi.txt").write_text("dumas-demo\n", encoding="utf-8")
    (folder / "sandi-bom.txt").write_bytes("\ufeffdumas-demo \r\n".encode())
    (folder / "sandi-utf16.txt").write_bytes("dumas-demo\r\n".encode("utf-16"))
    (folder / "sandi-baru.txt").write_text("kata-sandi-baru-123\n", encoding="utf-8")
    (folder / "kosong.txt").write_bytes(b"")
    (folder / "biner.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "catatan.txt").write_text("bukan data Dumas\n", encoding="utf-8")
    (folder / "rusak.toml").write_text('[profile\nid = "x"\n', encoding="utf-8")
    (folder / "folder").mkdir()
    return Template(folder, agenda)


def _options() -> dict[str, list[argparse.Action]]:
    parser = cli._parser()
    commands: dict[str, list[argparse.Action]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands[name] = [a for a in sub._actions if a.option_strings]
    return commands


COMMANDS = _options()
# Placeholders, resolved against the example's own folder.
FILES = (
    "@data",
    "@data",
    "@data",
    "@missing",
    "@folder",
    "@catatan.txt",
    "@kosong.txt",
    "@biner.bin",
    "@cadangan.dumas",
    "@paket.dumaspkg",
    "@profil.toml",
    "@rusak.toml",
    "@sandi.txt",
    "@sandi-bom.txt",
    "@sandi-utf16.txt",
    "@sandi-baru.txt",
    "@out.pdf",
    "@out.xlsx",
    "@baru/sub/out.dumas",
    "",
)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12
)
dashed = texts.map(lambda t: "-" + t)
numbers = st.one_of(
    st.integers(-3, 60),
    st.sampled_from([0, 1, 12, 13, 2026, 1899, 10_000, 200_000, 200_001, 2**63, 10**20, -(10**20)]),
).map(str)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()), st.sampled_from(["2026-02-30", "2026-13-01", "kemarin", "26-02-2026"])
)


def _mostly(valid: st.SearchStrategy[str], junk: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly values a person would mean (so commands get past parsing), sometimes junk."""
    return st.integers(0, 4).flatmap(lambda n: junk if n == 0 else valid)


FILE_DESTS = ("data", "out", "package", "source", "check", "install", "export")


def _is_file(action: argparse.Action) -> bool:
    return action.dest in FILE_DESTS or action.dest.endswith("password_file")


def _values(action: argparse.Action, template: Template) -> st.SearchStrategy[str]:
    junk = st.one_of(texts, dashed)
    if _is_file(action):
        # A typed file name stays inside the example's folder: "%" marks it for _resolve.
        junk = junk.map(lambda t: "%" + t)
    return _mostly(_meant(action, template), junk)


def _meant(action: argparse.Action, template: Template) -> st.SearchStrategy[str]:
    if action.choices is not None:
        return st.sampled_from([str(c) for c in action.choices])
    dest = action.dest
    if _is_file(action):
        return st.sampled_from(FILES)
    if dest in ("year", "month", "quarter", "limit", "cases", "seed"):
        # Valid demo sizes stay small: a fuzz example must take well under a second.
        if dest == "cases":
            return st.one_of(st.integers(0, 15).map(str), st.sampled_from(["-1", "200001", str(10**20), "x"]))
        return numbers
    if dest in ("since", "until", "receipts_of"):
        return dates
    if dest == "case":
        return st.sampled_from(template.agenda)
    if dest == "kind":
        return st.sampled_from([*KINDS, "rekapitulasi_pengaduan"])
    if dest in ("user", "add", "set", "reset_password", "deactivate", "activate", "by", "admin"):
        return st.sampled_from(["admin", "pelaksana", "pengarah", "baru.satu", "ADMIN", ""])
    if dest == "roles":
        return st.sampled_from(["admin", "pelaksana,tim_telaah", "entah", ","])
    return texts


@st.composite
def command_lines(draw: st.DrawFn, template: Template) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    actions = [a for a in COMMANDS[command] if "--help" not in a.option_strings or draw(st.integers(0, 30)) == 0]
    chosen = draw(st.lists(st.sampled_from(actions), max_size=6, unique_by=lambda a: a.dest)) if actions else []
    for needed in [a for a in actions if a.required or a.dest == "data"][::-1]:
        if needed not in chosen and draw(st.integers(0, 9)) > 0:
            chosen.insert(0, needed)  # most lines give the data file and what is required, as real ones do
    argv = [command]
    for action in chosen:
        option = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(option)
        else:
            value = draw(_values(action, template))
            if draw(st.integers(0, 5)) == 0:
                argv.append(f"{option}={value}")
            else:
                argv += [option, value]
    if draw(st.integers(0, 12)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(st.one_of(texts, dashed)))
    return argv


def _resolve(argv: list[str], work: Path) -> list[str]:
    def one(item: str) -> str:
        head, sep, value = item.partition("=")
        if sep and head.startswith("--"):
            return f"{head}={one(value)}"
        if item.startswith("%"):  # a typed name: in the example's folder, whatever it holds
            name = "".join(c if c not in "/\\" else "_" for c in item[1:]) or "_"
            return str(work / name) if not name.startswith("-") else name
        if not item.startswith("@"):
            return item
        name = item[1:]
        return str(work / {"data": "kantor.dumas", "missing": "tidak-ada.dumas"}.get(name, name))

    return [one(item) for item in argv]


def test_no_input_is_a_program_error(template, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # never a prompt: stdin is not a terminal

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not BENCH,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def example(data: st.DataObject) -> None:
        argv = data.draw(command_lines(template))
        work = Path(tempfile.mkdtemp(prefix="dumas-fuzz-"))
        try:
            for item in template.folder.iterdir():
                if item.is_file():
                    shutil.copyfile(item, work / item.name)
            (work / "folder").mkdir()
            resolved = _resolve(argv, work)
            before = hashlib.sha256((work / "kantor.dumas").read_bytes()).hexdigest()
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.chdir(work):
                code = cli.main(resolved)
            TALLY.runs += 1
            TALLY.codes[code] = TALLY.codes.get(code, 0) + 1
            command = next(a for a in argv if a in COMMANDS)
            TALLY.commands[command] = TALLY.commands.get(command, 0) + 1
            message = err.getvalue()
            assert code in (0, 1, 2), (resolved, code, message)
            assert "Traceback" not in message and "kesalahan program" not in message, (resolved, message)
            assert "Traceback" not in out.getvalue(), resolved
            if code == 2:
                lines = message.splitlines()
                assert len(lines) == 1 and lines[0].startswith("Galat: "), (resolved, message)
                if lines[0].endswith(" --help"):  # refused by the parser: nothing was opened
                    after = hashlib.sha256((work / "kantor.dumas").read_bytes()).hexdigest()
                    assert after == before, resolved
            data_file = work / "kantor.dumas"
            assert data_file.exists(), resolved
            report = check_file(data_file)
            assert report.ok, (resolved, message, report.problems)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    example()
    codes = dict(sorted(TALLY.codes.items()))
    print(f"\nfuzzer: {TALLY.runs} command lines, exit codes {codes}, per command {TALLY.commands}")
    assert TALLY.runs >= min(EXAMPLES, 20)
