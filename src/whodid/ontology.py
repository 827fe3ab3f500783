"""The CAMEO code table (names, Goldstein scale, QuadClass, PLOVER mapping), loaded once from package data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and what it maps to."""

    code: str
    name: str
    level: int  # 0 root (2 digits), 1 base (3 digits), 2 detailed (4 digits)
    root: str
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein: float
    plover_event: str | None
    plover_mode: str | None
    description: str | None = None

    @property
    def base(self) -> str:
        """The level-1 (3-digit) parent; the root code for root-level codes."""
        return self.code[:3] if len(self.code) >= 3 else self.code


class Ontology:
    """All CAMEO codes by code, with lookups that tolerate codes missing from the table."""

    def __init__(self, table: dict[str, dict]) -> None:
        self._codes = {
            code: CameoCode(
                code=code,
                name=row["name"],
                level=row["level"],
                root=row["root"],
                quad_class=row["quad_class"],
                goldstein=row["goldstein"],
                plover_event=row.get("plover_event"),
                plover_mode=row.get("plover_mode"),
                description=row.get("description"),
            )
            for code, row in table.items()
        }

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> CameoCode | None:
        """The entry for `code`, falling back to its base and root code when the exact code is unknown."""
        for candidate in (code, code[:3], code[:2]):
            if candidate in self._codes:
                return self._codes[candidate]
        return None

    def name(self, code: str) -> str:
        entry = self.get(code)
        return entry.name if entry else code

    def names(self) -> dict[str, str]:
        """Code -> name, for display."""
        return {code: entry.name for code, entry in self._codes.items()}


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged CAMEO table (built by scripts/build_data.py from the CAMEO manual and CAMEO2PLOVER)."""
    text = resources.files("whodid").joinpath("data/cameo.json").read_text(encoding="utf-8")
    return Ontology(json.loads(text))
