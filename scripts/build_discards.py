"""Build src/whodid/data/discards.json from Phoenix.discards.txt (PETRARCH-2, MIT) plus our own additions.

Usage: python scripts/build_discards.py --shared ../shared
Phoenix marks story-level discards with a leading '+'; a trailing '_' marks a word end (we match whole words
anyway). Bare years (1914-1999) and "... ago"/"... later" phrases are left out: they would drop current-event
sentences that mention an earlier time ("since Tirana split with Moscow in 1961", "arrested 15 months ago"),
which whodid codes and dates.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "whodid" / "data" / "discards.json"
ADDITIONS = ROOT / "scripts" / "discard_additions.json"


def read_phoenix(path: Path) -> tuple[list[str], list[str]]:
    """(sentence-level, story-level) phrases, lower-cased, in file order, without duplicates."""
    sentence: dict[str, None] = {}
    story: dict[str, None] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or re.fullmatch(r"\d{4}", line) or re.search(r"\b(?:ago|later)$", line, re.IGNORECASE):
            continue
        whole_story = line.startswith("+")
        phrase = " ".join(line.lstrip("+").rstrip("_").split()).lower()
        if phrase:
            (story if whole_story else sentence)[phrase] = None
    return list(sentence), list(story)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    sentence, story = read_phoenix(args.shared / "dictionaries" / "Phoenix.discards.txt")
    own = json.loads(ADDITIONS.read_text(encoding="utf-8"))
    data = {
        "about": "Phrases that mark a sentence (or a whole story) as outside political event coding: sports, "
        "entertainment, disasters, history. From Phoenix.discards.txt (PETRARCH-2, MIT; see NOTICE) without its "
        "bare years, plus whodid's own additions (scripts/discard_additions.json).",
        "sentence": list(dict.fromkeys(sentence + own["sentence"])),
        "story": list(dict.fromkeys(story + own["story"])),
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['sentence'])} sentence and {len(data['story'])} story phrases")


if __name__ == "__main__":
    main()
