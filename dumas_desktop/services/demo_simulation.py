"""The simulation behind the demo office: each case walked through its SOP profile.

Every step takes a plausible time on the working-day clock (mostly in time, sometimes
late), records what its form records, and takes a branch; a case stops where the walk
reaches "now", so open cases have real due times, some of them overdue.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime

from ..domain.calendar import OfficeHours, WorkingCalendar
from ..domain.deadlines import deadline_for, step_timing
from ..domain.numbering import render
from ..domain.sop import CLOSE_TARGET, COMPLETION_TARGET, Profile, Step, parse_profile
from ..storage import audit
from ..storage.models import Base
from . import demo_data as words
from .minutes import CONTENT_FIELDS

ACTOR = "demo"
NUMBER_MARK = "\x00nomor:"
# Ids are handed out in ranges: chunk k of table t starts at base + k * CHUNK * ROWS_PER_CASE,
# so chunks can be simulated side by side and still never collide.
CHUNK = 2000
ROWS_PER_CASE = 64
# Tables whose number columns hold NUMBER_MARK placeholders, and those columns.
NUMBER_COLUMNS = {
    "dispositions": "number",
    "hearings": "assignment_number",
    "hearing_participants": "invitation_number",
    "plenary_meetings": "number",
    "letters": "number",
}
# Version 4 and the RFC 4122 variant, as uuid.UUID(version=4) sets them.
_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_UUID_SET = (0x4000 << 64) | (0x8000 << 48)


class CaseSimulation:
    """Builds the rows of one chunk of cases, walking each through the profile."""

    def __init__(
        self,
        profile: Profile,
        profile_record_id: int,
        office_code: str,
        office_name: str,
        region: str,
        calendar: WorkingCalendar,
        rng: random.Random,
        now: datetime,
        agenda_pattern: str,
        evidence: list[tuple[str, str, str, int]],
    ) -> None:
        self.profile = profile
        self.profile_record_id = profile_record_id
        self.office_code = office_code
        self.office_name = office_name
        self.region = region
        self.calendar = calendar
        self.rng = rng
        self.now = now
        self.agenda_pattern = agenda_pattern
        self.evidence = evidence
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.ids: dict[str, int] = {}
        self.places = words.SANGGAU_DISTRICTS if profile.office_level == "kabupaten/kota" else words.SUMBAR_REGENCIES
        self.previous_case: tuple[int, str] | None = None
        self.case_parties: list[dict[str, Any]] = []
        self.case_minutes: list[dict[str, Any]] = []

    # --- small helpers -------------------------------------------------------------
    def uuid(self) -> str:
        """A version-4 UUID drawn from the seeded generator (the same seed, the same
        file), formatted directly: uuid.UUID costs more than the rest of a row."""
        bits = (self.rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def number(self, kind: str, on: date) -> str:
        """A placeholder: numbers run on across chunks, so the writer fills them in order."""
        return f"{NUMBER_MARK}{kind}|{on.isoformat()}"

    def person(self) -> tuple[str, bool]:
        female = self.rng.random() < 0.45
        pool = words.FIRST_NAMES_FEMALE if female else words.FIRST_NAMES_MALE
        first = self.rng.choice(words.LOCAL_NAMES) if self.rng.random() < 0.2 else self.rng.choice(pool)
        return f"{first} {self.rng.choice(words.LAST_NAMES)}", female

    def nik(self, district_code: str, female: bool) -> str:
        born = date(1950, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 55))
        day = born.day + (40 if female else 0)
        area = f"{self.region}{district_code}"
        if len(area) == 4:  # a province office: add a kecamatan code
            area += f"{self.rng.randrange(1, 12):02d}"
        return f"{area}{day:02d}{born.month:02d}{born.year % 100:02d}{self.rng.randrange(1, 9999):04d}"

    def later(self, start: datetime, minutes: int) -> datetime:
        return self.calendar.add_working_minutes(start, max(1, minutes))

    def audit(self, at: datetime, action: str, entity_uuid: str, complaint_uuid: str, after: Any) -> None:
        """An entry without its hash: the chain runs across chunks, so the writer links it."""
        self.rows["audit_log"].append(
            {
                "uuid": self.uuid(),
                "office_code": self.office_code,
                "at": at,
                "actor": ACTOR,
                "action": action,
                "entity": "complaint",
                "entity_uuid": entity_uuid,
                "complaint_uuid": complaint_uuid,
                "before": None,
                "after": audit.jsonable(after),
            }
        )

    def common(self, table: str, **values: Any) -> dict[str, Any]:
        row = {"id": self.next_id(table), "uuid": self.uuid(), "office_code": self.office_code, **values}
        self.rows[table].append(row)
        return row

    def finish(self, record: dict[str, Any], at: datetime, **values: Any) -> None:
        """A step record done at `at`, with what the statistics count of it (as workflow does)."""
        days, on_time = step_timing(self.calendar, record["started_at"], at, record["due_at"])
        record.update(completed_at=at, working_days=days, on_time=on_time, **values)

    # --- one case --------------------------------------------------------------------
    def case(self, received_at: datetime, seq: int) -> None:
        rng = self.rng
        district = rng.choice(list(self.places))
        district_code, villages = self.places[district]
        village = rng.choice(villages)
        classification = rng.choice(list(self.profile.classifications))
        templates = words.SUBJECTS.get(classification) or words.SUBJECTS["lainnya"]
        position, unit = rng.choice(words.RESPONDENT_POSITIONS)
        fill = {
            "village": village,
            "district": district,
            "tps": f"{rng.randrange(1, 30):03d}",
            "office": self.office_name.replace("Komisi Pemilihan Umum", "KPU"),
            "position": position,
        }
        subject = rng.choice(templates).format(**fill)
        if self.profile.office_level == "kabupaten/kota":
            place = f"Desa {village}, Kecamatan {district}"
        else:
            place = f"Kecamatan {village}, {district}"
        agenda = render(self.agenda_pattern, seq, received_at.date(), self.office_code)
        cid = self.next_id("complaints")
        cuuid = self.uuid()
        self.case_parties, self.case_minutes = [], []
        complaint: dict[str, Any] = {
            "id": cid,
            "uuid": cuuid,
            "office_code": self.office_code,
            "sop_profile_id": self.profile_record_id,
            "year": received_at.year,
            "agenda_seq": seq,
            "agenda_number": agenda,
            "received_at": received_at,
            "channel": rng.choices(
                ["kotak_aduan", "surat", "surat_elektronik", "pesan_elektronik", "datang_langsung", "lainnya"],
                [1, 4, 3, 3, 4, 1],
            )[0],
            "subject": subject,
            "description": words.DESCRIPTION.format(subject_lower=subject[0].lower() + subject[1:], place=place),
            "event_date": (received_at - timedelta(days=rng.randrange(1, 30))).date(),
            "event_place": place,
            "location": place,
            "classification": "",
            "status": "proses",
            "current_step": "",
            "current_due_at": None,
            "current_warn_at": None,
            "completion_due_at": None,
            "closure_kind": "",
            "closure_note": "",
            "referred_to": "",
            "duplicate_of_id": None,
            "closed_at": None,
            "void_reason": "",
            "revision": 1,
            "created_by": ACTOR,
            "created_at": received_at,
            "updated_at": received_at,
        }
        self.rows["complaints"].append(complaint)
        reporter_name, female = self.person()
        confidentiality = rng.choices(["terbuka", "identitas", "seluruh"], [80, 15, 5])[0]
        self.party(
            cid,
            "reporter",
            0,
            reporter_name,
            self.nik(district_code, female),
            confidentiality,
            address=f"Desa {village}, Kecamatan {district}",
            occupation=rng.choice(words.OCCUPATIONS),
        )
        respondent, _ = self.person()
        self.party(cid, "respondent", 1, respondent, "", "terbuka", position=position, unit=unit.format(**fill))
        if rng.random() < 0.4:
            witness, w_female = self.person()
            self.party(
                cid, "witness", 2, witness, self.nik(district_code, w_female), "terbuka", address=f"Desa {village}"
            )
        for name, title, sha, size in rng.sample(self.evidence, rng.choice((0, 1, 1, 2))):
            self.common(
                "evidence",
                complaint_id=cid,
                name=name,
                mime_type="application/pdf",
                size=size,
                sha256=sha,
                description=title,
                added_at=received_at,
                added_by=ACTOR,
            )
        self.walk(complaint, classification)
        self.previous_case = (cid, agenda)
        # The demo writes each case whole, so the trail holds one entry per case saying so.
        self.audit(
            complaint["closed_at"] or received_at,
            "pengaduan_contoh_dibuat",
            cuuid,
            cuuid,
            {
                "agenda_number": agenda,
                "subject": subject,
                "status": complaint["status"],
                "step": complaint["current_step"],
                "closure": complaint["closure_kind"],
            },
        )

    def party(self, cid: int, role: str, sort: int, name: str, nik: str, confidentiality: str, **extra: str) -> None:
        phone = f"+628{self.rng.choice('1235')}{self.rng.randrange(10**8, 10**9)}" if role == "reporter" else ""
        values = {"address": "", "occupation": "", "position": "", "unit": "", **extra}
        row = self.common(
            "parties",
            complaint_id=cid,
            role=role,
            name=name,
            id_kind="nik" if nik else "lainnya",
            id_number=nik,
            phone=phone,
            email="",
            confidentiality=confidentiality,
            sort=sort,
            **values,
        )
        self.case_parties.append(row)

    def duration(self, start: datetime, step: Step, due: datetime | None) -> datetime:
        """When the step was done: mostly in time, sometimes late."""
        if due is None:
            return self.later(start, self.rng.randrange(60, 5 * 8 * 60))
        span = max(1, self.calendar.working_minutes_between(start, due))
        share = self.rng.uniform(0.1, 0.95) if self.rng.random() < 0.85 else self.rng.uniform(1.05, 2.5)
        return self.later(start, int(span * share))

    def walk(self, complaint: dict[str, Any], classification: str) -> None:
        rng = self.rng
        cid = complaint["id"]
        step = self.profile.step(self.profile.first_step)
        started = complaint["received_at"]
        hearing_needed = rng.random() < 0.6
        while True:
            deadline = deadline_for(self.calendar, started, step.time) if step.time else None
            record = self.common(
                "step_records",
                complaint_id=cid,
                step_key=step.key,
                step_no=step.no,
                started_at=started,
                due_at=deadline.due if deadline else None,
                warn_at=deadline.warn if deadline else None,
                completed_at=None,
                outcome="",
                next_step="",
                paused_at=None,
                paused_minutes=0,
                confirmations=[r.key for r in step.requirements if r.kind == "confirm"],
                actor=ACTOR,
                note="",
                working_days=None,
                on_time=None,
            )
            complaint["current_step"] = step.key
            complaint["current_due_at"] = record["due_at"]
            complaint["current_warn_at"] = record["warn_at"]
            done = self.duration(started, step, record["due_at"])
            if done > self.now:
                return  # still open at this step
            self.step_data(complaint, step, done, classification, hearing_needed)
            if step.no == 1 and rng.random() < 0.005:
                self.finish(record, done, outcome="dibatalkan")
                complaint.update(
                    status="batal",
                    void_reason="Salah catat: bukan pengaduan",
                    closed_at=done,
                    current_due_at=None,
                    current_warn_at=None,
                )
                return
            if step.no in (2, 3) and rng.random() < 0.06:
                kind = rng.choice(("bukan_kewenangan", "bukan_kewenangan", "dicabut", "duplikat"))
                self.close_early(complaint, record, kind, done)
                return
            target, outcome = self.choose(step, hearing_needed)
            if target == COMPLETION_TARGET:
                resumed = self.completion(complaint, record, done)
                if resumed is None:
                    return
                started = resumed  # the same step runs on, its clock extended by the pause
                record["due_at"], record["warn_at"] = self.extended(record, done, resumed)
                record["paused_minutes"] = self.calendar.working_minutes_between(done, resumed)
                complaint["current_due_at"], complaint["current_warn_at"] = record["due_at"], record["warn_at"]
                finish = self.later(resumed, rng.randrange(30, 300))
                if finish > self.now:
                    return
                self.worksheet(cid, "telaah", step.key, finish, result="lengkap")
                target, outcome = self.choose(step, hearing_needed, avoid_completion=True)
                done = finish
            if step.form == "plenary" and outcome != "perbaikan":
                self.adopt(cid, done)
            self.finish(record, done, outcome=outcome, next_step=target)
            if target == CLOSE_TARGET:
                complaint.update(
                    status="selesai", closure_kind="selesai", closed_at=done, current_due_at=None, current_warn_at=None
                )
                return
            step = self.profile.step(target)
            started = done

    def extended(self, record: dict[str, Any], paused: datetime, resumed: datetime) -> tuple[Any, Any]:
        if record["due_at"] is None:
            return None, None
        lost = self.calendar.working_minutes_between(paused, resumed)
        return (
            self.calendar.add_working_minutes(record["due_at"], lost),
            self.calendar.add_working_minutes(record["warn_at"], lost),
        )

    def choose(self, step: Step, hearing_needed: bool, avoid_completion: bool = False) -> tuple[str, str]:
        if not step.branches:
            return step.next or CLOSE_TARGET, ""
        options = list(step.branches)
        if avoid_completion:
            options = [b for b in options if b.next != COMPLETION_TARGET] or options
        for branch in options:  # branches decided by data follow the data
            checks = {r.key for r in branch.requirements}
            if "hearing_needed" in checks and hearing_needed:
                return branch.next, branch.outcome
            if "hearing_not_needed" in checks and not hearing_needed:
                return branch.next, branch.outcome
        weights = [
            0.25 if b.next == COMPLETION_TARGET else (0.08 if b.outcome == "perbaikan" else 1.0) for b in options
        ]
        branch = self.rng.choices(options, weights)[0]
        return branch.next, branch.outcome

    def completion(self, complaint: dict[str, Any], record: dict[str, Any], at: datetime) -> datetime | None:
        """The reporter's window; returns when the file was completed, or None when the
        case still waits or was rejected."""
        due = self.calendar.add_working_days(at, self.profile.completion.time.value)
        request = self.common(
            "completion_requests",
            complaint_id=complaint["id"],
            requested_at=at,
            due_at=due,
            missing_items="Fotokopi identitas pelapor dan bukti dukung asli",
            resolved_at=None,
            outcome="",
            note="",
        )
        record["paused_at"] = at
        complaint.update(status="menunggu_pelapor", completion_due_at=due, current_due_at=None, current_warn_at=None)
        if self.rng.random() < 0.7:
            back = self.later(at, self.rng.randrange(60, 3 * 8 * 60))
            if back > self.now:
                return None
            request.update(
                resolved_at=back,
                outcome="dilengkapi" if back <= due else "dilengkapi_terlambat",
                note="Pelapor menyerahkan kelengkapan",
            )
            record["paused_at"] = None
            complaint.update(status="proses", completion_due_at=None)
            return back
        rejected = self.calendar.add_working_days(due, 1)
        if rejected > self.now:
            return None
        request.update(resolved_at=rejected, outcome="lewat_waktu")
        self.finish(record, rejected, outcome="ditolak", paused_at=None)
        complaint.update(
            status="selesai",
            closure_kind="ditolak",
            closed_at=rejected,
            completion_due_at=None,
            closure_note="Pelapor tidak melengkapi pengaduan dalam 3 hari kerja",
        )
        return None

    def close_early(self, complaint: dict[str, Any], record: dict[str, Any], kind: str, at: datetime) -> None:
        self.finish(record, at, outcome=f"ditutup_{kind}")
        extra: dict[str, Any] = {}
        if kind == "bukan_kewenangan":
            extra = {
                "referred_to": self.rng.choice(("bawaslu", "dkpp", "instansi_lain")),
                "closure_note": "Pengaduan bukan kewenangan KPU dan dilimpahkan",
            }
        elif kind == "duplikat" and self.previous_case:
            original_id, original_agenda = self.previous_case
            extra = {"closure_note": f"Sama dengan pengaduan {original_agenda}", "duplicate_of_id": original_id}
        elif kind == "duplikat":
            kind, extra = "dicabut", {"closure_note": "Pelapor mencabut pengaduan"}
        else:
            extra = {"closure_note": "Pelapor mencabut pengaduan secara tertulis"}
        complaint.update(
            status="selesai", closure_kind=kind, closed_at=at, current_due_at=None, current_warn_at=None, **extra
        )

    # --- what each step records --------------------------------------------------------
    def step_data(
        self, complaint: dict[str, Any], step: Step, at: datetime, classification: str, hearing_needed: bool
    ) -> None:
        cid = complaint["id"]
        checks = {r.key for r in step.requirements if r.kind == "check"}
        if "classified" in checks or step.form == "register":
            complaint["classification"] = classification
        if "step_disposition" in checks or step.form == "disposition":
            self.common(
                "dispositions",
                complaint_id=cid,
                step_key=step.key,
                given_at=at,
                from_name="Pimpinan",
                from_position="",
                to_name=self.profile.actor_names(step.actors),
                instruction="Tindak lanjuti sesuai SOP",
                number=self.number("lembar_disposisi", at.date()),
                actor=ACTOR,
            )
        form = step.form
        if form == "review":
            self.worksheet(cid, "telaah", step.key, at, result="lengkap")
        elif form == "further_review":
            self.worksheet(cid, "telaah_lanjutan", step.key, at, hearing_needed=hearing_needed)
        elif form == "settle":
            self.worksheet(cid, "penyelesaian", step.key, at)
        elif form == "hearing":
            self.hearing(cid, at)
        elif form == "draft_minutes":
            self.minutes(cid, at, adopted=None)
        elif form == "plenary":
            self.plenary(cid, at)
        elif form in ("memo", "forward", "reply"):
            kind = {"memo": "nota_dinas", "forward": "surat_pengantar", "reply": "laporan_hasil_telaah"}[form]
            self.common(
                "letters",
                complaint_id=cid,
                direction="masuk" if form == "reply" else "keluar",
                kind=kind,
                number=self.number(kind, at.date()),
                letter_date=at.date(),
                subject="Tindak lanjut pengaduan",
                counterpart="KPU RI" if form == "forward" else "Bagian terkait",
                receipt_at=at if form == "forward" else None,
                receipt_by="Bagian Persuratan KPU RI" if form == "forward" else "",
                note="",
                recorded_at=at,
            )
        elif form == "decision":
            self.common(
                "kpu_decisions",
                complaint_id=cid,
                decided_at=at.date(),
                kind=self.rng.choice(("dkpp", "pejabat_asn", "tidak_terbukti")),
                summary="KPU RI menindaklanjuti berita acara",
                letter_number="",
                received_at=at,
            )

    def worksheet(
        self, cid: int, kind: str, step_key: str, at: datetime, result: str = "", hearing_needed: bool | None = None
    ) -> None:
        self.common(
            "worksheets",
            complaint_id=cid,
            kind=kind,
            step_key=step_key,
            identity_ok=True,
            identity_note="",
            evidence_ok=True,
            evidence_note="",
            time_ok=True,
            time_note="",
            place_ok=True,
            place_note="",
            event_ok=True,
            event_note="",
            rule_ok=True,
            rule_note="",
            rules_cited=self.rng.choice(words.RULES),
            survey="Klarifikasi dan konfirmasi kepada unit kerja terkait",
            analysis="Telaah atas uraian dan bukti.",
            conclusion="Pengaduan memenuhi syarat untuk ditindaklanjuti.",
            result=result,
            missing_items="",
            hearing_needed=hearing_needed,
            reviewer=ACTOR,
            saved_at=at,
        )

    def hearing(self, cid: int, at: datetime) -> None:
        hid = self.next_id("hearings")
        held = at - timedelta(hours=2)
        self.rows["hearings"].append(
            {
                "id": hid,
                "uuid": self.uuid(),
                "office_code": self.office_code,
                "complaint_id": cid,
                "scheduled_at": held,
                "place": f"Ruang Rapat {self.office_name}",
                "agenda": "Verifikasi dan klarifikasi",
                "status": "dilaksanakan",
                "held_at": held,
                "summary": "Para pihak memberikan keterangan.",
                "assignment_number": self.number("surat_tugas", held.date()),
            }
        )
        parties = self.case_parties
        for name, role in (("Anggota KPU", "tim"), ("Kasubag Hukum dan SDM", "tim")):
            self.common(
                "hearing_participants",
                hearing_id=hid,
                party_id=None,
                role=role,
                name=name,
                position=name,
                invitation_number="",
                attended=True,
                statement="",
            )
        roles = {"reporter": "pelapor", "respondent": "terlapor", "witness": "saksi", "related": "pihak_terkait"}
        for party in parties:
            self.common(
                "hearing_participants",
                hearing_id=hid,
                party_id=party["id"],
                role=roles[party["role"]],
                name=party["name"],
                position=party["position"],
                invitation_number=self.number("surat_undangan", held.date()),
                attended=self.rng.random() < 0.85,
                statement="Memberikan keterangan sesuai undangan.",
            )

    def minutes(self, cid: int, at: datetime, adopted: int | None) -> None:
        existing = self.case_minutes
        if existing and existing[-1]["status"] == "draf":
            existing[-1].update(drafted_at=at, plenary_id=None)
            return
        row = self.common(
            "minutes",
            complaint_id=cid,
            version=len(existing) + 1,
            status="draf",
            place=self.office_name,
            chronology="Kronologi sebagaimana uraian pengaduan dan hasil klarifikasi.",
            identities="Identitas pelapor dan terlapor sebagaimana tercatat.",
            evidence_summary="Bukti dukung yang dilampirkan pelapor.",
            petitum="Terlapor diduga melanggar ketentuan yang dirujuk.",
            recommended_sanction=self.rng.choice(words.SANCTIONS),
            drafted_at=at,
            drafted_by=ACTOR,
            plenary_id=None,
            adopted_at=None,
            content_sha256="",
            supersedes_id=None,
            correction_reason="",
        )
        self.case_minutes.append(row)

    def plenary(self, cid: int, at: datetime) -> None:
        draft = self.case_minutes[-1]
        pid = self.next_id("plenary_meetings")
        self.rows["plenary_meetings"].append(
            {
                "id": pid,
                "uuid": self.uuid(),
                "office_code": self.office_code,
                "held_at": at,
                "place": f"Ruang Pleno {self.office_name}",
                "chair": "Ketua",
                "members_present": ["Ketua", "Anggota Divisi Hukum", "Anggota Divisi Teknis", "Anggota Divisi SDM"],
                "decision": "Menetapkan berita acara verifikasi dan klarifikasi",
                "number": self.number("berita_acara_pleno", at.date()),
            }
        )
        draft["plenary_id"] = pid

    def adopt(self, cid: int, at: datetime) -> None:
        draft = self.case_minutes[-1]
        draft.update(status="ditetapkan", adopted_at=at)
        draft["content_sha256"] = hashlib.sha256(
            audit.canonical({f: draft[f] for f in CONTENT_FIELDS}).encode()
        ).hexdigest()


@dataclass(frozen=True)
class ChunkJob:
    index: int
    seed: int
    profile_text: str
    profile_record_id: int
    office_code: str
    office_name: str
    region: str
    hours: dict[str, str]
    days_off: dict[date, str]
    extra_days: tuple[date, ...]
    now: datetime
    agenda_pattern: str
    cases: tuple[tuple[datetime, int], ...]  # received at, agenda sequence
    id_bases: dict[str, int]
    evidence: tuple[tuple[str, str, str, int], ...]


@dataclass
class ChunkRows:
    """A chunk's rows as the database stores them (columns, values), audit entries unlinked."""

    first_case_id: int
    last_case_id: int
    tables: dict[str, tuple[list[str], list[list[Any]]]]
    audit: list[dict[str, Any]]


def _timestamp(value: datetime | None) -> str | None:
    # SQLAlchemy's SQLite dialect always writes microseconds; SQL comparisons between
    # stored and bound timestamps are string comparisons, so the forms must match.
    if value is None:
        return None
    text_ = value.isoformat(" ")
    return text_ if value.microsecond else text_ + ".000000"


def storage_form(column_type: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a value (None: as it is)."""
    if isinstance(column_type, DateTime):
        return _timestamp
    if isinstance(column_type, Date):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(column_type, JSON):
        return json.dumps
    if isinstance(column_type, Boolean):
        return lambda v: None if v is None else int(v)
    return None


def storage_rows(table_name: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    table = Base.metadata.tables[table_name]
    columns = [c for c in table.columns if c.name in rows[0]]
    pick = itemgetter(*(c.name for c in columns))
    converted = [(i, form) for i, c in enumerate(columns) if (form := storage_form(c.type)) is not None]
    values = []
    for row in rows:
        record = list(pick(row))
        for i, form in converted:
            record[i] = form(record[i])
        values.append(record)
    return [c.name for c in columns], values


@lru_cache(maxsize=4)
def _profile(text_: str) -> Profile:
    return parse_profile(text_, "demo")


def simulate_chunk(job: ChunkJob) -> ChunkRows:
    """Simulate one chunk of cases; runs in a worker process for large demos."""
    profile = _profile(job.profile_text)
    calendar = WorkingCalendar(OfficeHours.from_dict(job.hours), job.days_off, job.extra_days)
    sim = CaseSimulation(
        profile,
        job.profile_record_id,
        job.office_code,
        job.office_name,
        job.region,
        calendar,
        random.Random(job.seed * 1_000_003 + job.index),
        job.now,
        job.agenda_pattern,
        list(job.evidence),
    )
    for table, base in job.id_bases.items():
        span = CHUNK if table == "complaints" else CHUNK * ROWS_PER_CASE
        sim.ids[table] = base + job.index * span
    first = sim.ids["complaints"] + 1
    for received, seq in job.cases:
        sim.case(received, seq)
    tables = {}
    for table, rows in sim.rows.items():
        if table == "audit_log" or not rows:
            continue
        start = job.id_bases[table] + job.index * (CHUNK if table == "complaints" else CHUNK * ROWS_PER_CASE)
        if sim.ids[table] - start > (CHUNK if table == "complaints" else CHUNK * ROWS_PER_CASE):
            raise RuntimeError(f"demo chunk overflowed the id range of {table}")
        tables[table] = storage_rows(table, rows)
    return ChunkRows(first, sim.ids["complaints"], tables, sim.rows["audit_log"])
