r"""Smoke check of a built folder: the program answers, makes a demo office, checks it,
makes a document and a recap, and opens and closes its window offscreen; then, where the
PostgreSQL server binaries are installed (tests/postgres.py starts a throwaway server),
sets up an office server, moves the demo office onto another, and works on it.

    python packaging/smoke.py [dist/dumas-desktop/dumas-desktop]
    py packaging\smoke.py [dist\dumas-desktop\dumas-desktop-cli.exe]     (Windows)

Exits non-zero on the first failure, printing what failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(program: Path, *args: str, env: dict[str, str] | None = None) -> str:
    started = time.perf_counter()
    # The program writes UTF-8 whatever the console's code page (cp1252 on an Indonesian Windows).
    done = subprocess.run(
        [str(program), *args], capture_output=True, encoding="utf-8", errors="replace", env=env, timeout=600
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        print(f"GAGAL ({done.returncode}): {' '.join(args)}\n{done.stdout}\n{done.stderr}", file=sys.stderr)
        sys.exit(1)
    print(f"ok {took:5.2f} s  {' '.join(args[:3])}")
    return done.stdout


# More than the demo's 2,000-case chunk, so its worker processes start: on Windows they are
# spawned by running the executable again, which fails without freeze_support().
DEMO_CASES = 4100


def default_program() -> str:
    # Windows: dumas-desktop.exe is the windowed program (no console, sys.stdout is None);
    # the command line is its console twin.
    if sys.platform == "win32":
        return "dist/dumas-desktop/dumas-desktop-cli.exe"
    return "dist/dumas-desktop/dumas-desktop"


def main() -> None:
    program = Path(sys.argv[1] if len(sys.argv) > 1 else default_program()).resolve()
    # Run from elsewhere, with the source tree out of reach: the folder must hold everything.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DUMAS_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Demo files have accounts: sign in as the demo administrator (Argon2 must work in the build).
    env["DUMAS_USER"], env["DUMAS_PASSWORD"] = "admin", "dumas-demo"
    # Windows: an antivirus scan may still hold a new file when the folder is removed.
    with tempfile.TemporaryDirectory(prefix="dumas-smoke-", ignore_cleanup_errors=True) as work:
        os.chdir(work)
        data = Path(work) / "kantor.dumas"
        assert "Dumas Desktop" in run(program, "--version", env=env)
        run(program, "demo", "--data", str(data), "--cases", str(DEMO_CASES), env=env)
        run(program, "check", "--data", str(data), env=env)
        first = run(program, "cases", "--data", str(data), "--limit", str(DEMO_CASES), env=env).splitlines()
        assert len(first) == DEMO_CASES, f"{len(first)} cases listed, {DEMO_CASES} made"
        agenda = sorted(line.split("\t")[0] for line in first)[0]
        pdf = Path(work) / "tanda-terima.pdf"
        run(
            program,
            "document",
            "--data",
            str(data),
            "--case",
            agenda,
            "--kind",
            "tanda_terima",
            "--out",
            str(pdf),
            env=env,
        )
        assert pdf.read_bytes().startswith(b"%PDF"), "the receipt is not a PDF"
        minutes = Path(work) / "ba.pdf"
        listing = run(program, "document", "--data", str(data), "--case", agenda, "--list", env=env)
        if "berita_acara\t" in listing and "siap dibuat" in listing.split("berita_acara\t", 1)[1].split("\n", 1)[0]:
            run(
                program,
                "document",
                "--data",
                str(data),
                "--case",
                agenda,
                "--kind",
                "berita_acara",
                "--out",
                str(minutes),
                env=env,
            )
        year = agenda.rsplit("/", 1)[-1]
        xlsx = Path(work) / "rekap.xlsx"
        run(program, "recap", "--data", str(data), "--year", year, "--out", str(xlsx), env=env)
        assert xlsx.read_bytes().startswith(b"PK"), "the recap is not a workbook"
        package = Path(work) / "kantor.dumaspkg"
        run(program, "export", "--data", str(data), "--out", str(package), env=env)
        admin_password = Path(work) / "sandi-admin.txt"
        admin_password.write_text("admin-pc-baru-123", encoding="utf-8")
        moved = str(Path(work) / "pc-baru.dumas")
        run(program, "import", "--data", moved, "--in", str(package), "--admin", "kepala",
            "--admin-password-file", str(admin_password), env=env)  # fmt: skip
        out = run(program, "--data", str(data), "--smoke", env=env)
        assert "ditutup dengan baik" in out, out
        on_a_server(program, env, Path(work), data)
    print("Pemeriksaan hasil build lulus.")


def on_a_server(program: Path, env: dict[str, str], work: Path, data: Path) -> None:
    """The built program against a real server: psycopg and its C library, the Alembic
    migrations for PostgreSQL and the COPY of migrate-from must all be in the folder."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the harness, not the program
    from tests.postgres import NoServer, running_server

    try:
        with running_server() as server:
            for database in ("kantor_baru", "kantor_pindah"):
                with server.admin() as conn:
                    conn.execute(f'CREATE DATABASE "{database}"')
            password = work / "sandi-kepala.txt"
            password.write_text("sandi-kepala-kantor", encoding="utf-8")
            run(program, "server", "init", "--data", str(server.address("kantor_baru")),
                "--office", "Komisi Pemilihan Umum Kabupaten Sanggau", "--office-code", "6103",
                "--sop", "sanggau-2026", "--admin", "kepala", "--admin-password-file", str(password),
                env=env)  # fmt: skip
            office = str(server.address("kantor_baru", "dumas_program"))
            signed = {**env, "DUMAS_USER": "kepala", "DUMAS_PASSWORD": "sandi-kepala-kantor"}
            assert "utuh: 0 pengaduan" in run(program, "check", "--data", office, env=signed)
            run(program, "server", "migrate-from", "--data", str(server.address("kantor_pindah")),
                "--from", str(data), env=env)  # fmt: skip
            moved = str(server.address("kantor_pindah", "dumas_program"))
            run(program, "check", "--data", moved, env=env)
            listed = run(program, "cases", "--data", moved, "--limit", str(DEMO_CASES), env=env).splitlines()
            assert len(listed) == DEMO_CASES, f"{len(listed)} cases on the server, {DEMO_CASES} moved"
            agenda = sorted(line.split("\t")[0] for line in listed)[0]
            receipt = work / "tanda-terima-server.pdf"
            run(program, "document", "--data", moved, "--case", agenda, "--kind", "tanda_terima",
                "--out", str(receipt), env=env)  # fmt: skip
            assert receipt.read_bytes().startswith(b"%PDF"), "the receipt from the server is not a PDF"
            run(program, "export", "--data", moved, "--out", str(work / "server.dumaspkg"), env=env)
            out = run(program, "--data", moved, "--smoke", env=env)  # the window on the server
            assert "ditutup dengan baik" in out, out
    except NoServer as exc:
        if os.environ.get("CI") == "true":
            raise SystemExit(f"GAGAL: server PostgreSQL untuk pemeriksaan tidak dapat dijalankan: {exc}") from None
        print(f"lewati pemeriksaan server: {exc}")


if __name__ == "__main__":
    main()
