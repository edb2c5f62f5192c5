"""The SOP profiles that ship with the program (light: the command line lists them before
anything heavy is imported)."""

from __future__ import annotations

from . import paths
from .domain.errors import ProfileError
from .domain.sop import Profile, load_profile


def bundled_profile_ids() -> list[str]:
    return sorted(p.stem for p in paths.sop_dir().glob("*.toml"))


def bundled_profile(profile_id: str) -> Profile:
    path = paths.sop_dir() / f"{profile_id}.toml"
    if not path.exists():
        raise ProfileError(
            f"Profil SOP \u201c{profile_id}\u201d tidak dikenal (tersedia: {', '.join(bundled_profile_ids())})."
        )
    return load_profile(path)
