"""The command line's shared option declarations (typer needs them per command; they are written once here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file (created if missing).")]
StoredDbOption = Annotated[Path, typer.Option("--db", help="DuckDB database written by `whodid run`.")]
ModelOption = Annotated[
    str, typer.Option("--model", help="spaCy English pipeline to use (e.g. en_core_web_md if installed).")
]
BatchOption = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")]
MaxCharsOption = Annotated[
    int, typer.Option("--max-chars", min=100, help="Skip cleaned articles longer than this (characters).")
]


ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Your own PETRARCH-format .actors file (repeatable), added to the packaged ones."),
]
AgentsOption = Annotated[
    list[Path] | None, typer.Option("--agents", help="Your own PETRARCH-format .agents file (repeatable).")
]
VerbsOption = Annotated[
    Path | None, typer.Option("--verbs", help="Your own PETRARCH-format verb dictionary, instead of CAMEO 2.0.")
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        help="Your own lexicon file (repeatable): verbs, event nouns and verb-noun pairs with codes, tab-separated "
        "(see data/lexicon_example.tsv), added to the packaged lexicon (or to the --verbs dictionary).",
    ),
]
OnlyOwnOption = Annotated[
    bool, typer.Option("--only-own-dictionaries", help="Use only the --actors/--agents files, not Phoenix's.")
]
NotCameoOption = Annotated[
    bool,
    typer.Option(
        "--verb-codes-not-cameo", help="The --verbs file codes in another scheme (e.g. WEIS): no CAMEO table."
    ),
]


LanguageOption = Annotated[
    list[str] | None,
    typer.Option("--language", help="Code articles in this language (ISO 639-1, repeatable; default: en)."),
]
AnyLanguageOption = Annotated[bool, typer.Option("--any-language", help="No language check: code every article.")]
StatementsOption = Annotated[
    bool, typer.Option("--statements/--no-statements", help="Code a bare 'X said' as 010 when nothing else is.")
]
NearOption = Annotated[
    float,
    typer.Option("--near-threshold", min=0.0, max=1.0, help="Jaccard above which a re-post is a duplicate (0: off)."),
]
ParseAllOption = Annotated[
    bool,
    typer.Option("--parse-all", help="Parse every sentence fully, not only those with a trigger word and an actor."),
]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip input files larger than this.")]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", min=1, help="Processes that parse and analyse (each loads the model: about 400 MiB more each)."
    ),
]
