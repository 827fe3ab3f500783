"""Events in the two real seed articles (../shared/seeds): the events a careful analyst would code are found,
each with its evidence, and the interview small talk yields none."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodid.options import Options
from whodid.pipeline import process
from whodid.records import TITLE_SENTENCE, ArticleResult, Event, RawDocument
from whodid.resources import Resources


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> dict[str, ArticleResult]:
    """Seed file number ("000", "001") -> the pipeline's result for it."""
    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    if len(paths) < 2:
        pytest.skip(f"the two seed articles are not in {shared_dir / 'seeds'}")
    res = Resources(Options())
    raws = [
        RawDocument(path.stem, str(path), path.read_text(encoding="utf-8"), "text", date="2016-12-09")
        for path in paths[:2]
    ]
    outcomes = list(process(raws, res, dedupe=False))  # as `whodid run` does: body and headline
    assert all(o.result is not None for o in outcomes), outcomes
    return {o.doc_id[:3]: o.result for o in outcomes}


def trigger(event: Event) -> str:
    start, end = event.evidence.trigger
    return event.evidence.sentence[start:end]


def actor(mention) -> str | None:
    return mention.actor.code if mention is not None else None


def found(result: ArticleResult, code: str, source: str, target: str | None, word: str) -> Event:
    """The one event with this code (or a more specific one), actors and trigger; its evidence is complete."""
    matches = [
        e
        for e in result.events
        if e.code.startswith(code)
        and actor(e.source) == source
        and (target is None or actor(e.target) == target)
        and trigger(e) == word
    ]
    assert matches, [(e.code, actor(e.source), actor(e.target), trigger(e)) for e in result.events]
    event = matches[0]
    assert event.evidence.rule and word in event.evidence.sentence and not event.negated
    return event


def place(event: Event) -> str | None:
    return event.location.name if event.location is not None else None


def test_lavrov_demands_concrete_proposals_from_the_us(seeds):
    event = found(seeds["000"], "100", "RUSGOV", "USA", "demanding")
    assert "Lavrov called Kerry's bluff" in event.evidence.sentence


def test_the_talks_between_lavrov_and_kerry_in_geneva(seeds):
    for source, target in (("RUSGOV", "USAGOV"), ("USAGOV", "RUSGOV")):
        event = found(seeds["000"], "040", source, target, "discussions")
        assert place(event) == "Geneva" and event.evidence.rule == "noun:discussion"


def test_the_talks_between_the_russians_and_jihadi_representatives_in_ankara(seeds):
    for source, target in (("RUS", "REB"), ("REB", "RUS")):
        assert place(found(seeds["000"], "040", source, target, "talks")) == "Ankara"


def test_the_syrian_army_captures_a_district_of_aleppo(seeds):
    event = found(seeds["000"], "19", "SYRMIL", None, "capture")
    assert place(event) == "Aleppo"


def test_the_september_kerry_lavrov_agreement_is_signed(seeds):
    found(seeds["001"], "057", "USAGOV", "RUSGOV", "sign")
    found(seeds["001"], "057", "RUSGOV", "USAGOV", "sign")


def test_the_us_backtracks_on_its_agreement(seeds):
    event = found(seeds["001"], "12", "USA", None, "backtracked")
    assert event.evidence.rule == "noun:backtrack+agreement"


def test_the_us_air_attack_on_syrian_troops_near_deir_ezzor(seeds):
    strikes = [e for e in seeds["001"].events if e.code == "195" and (actor(e.source) or "").startswith("USA")]
    assert [(actor(e.target), trigger(e), place(e)) for e in strikes] == [("SYRMIL", "launching", "Deir ez-Zor")]


def test_kerry_appeals_for_a_ceasefire_in_the_headline(seeds):
    event = found(seeds["000"], "02", "USAGOV", None, "asks for")
    assert event.sentence == TITLE_SENTENCE
    assert event.evidence.sentence.startswith("Kerry asks for ceasefire in Aleppo")


def test_the_interview_small_talk_yields_no_events(seeds):
    result = seeds["001"]
    turns = [(q.start, q.end) for q in result.quotes if q.kind == "transcript"]
    assert len(turns) > 10
    starts = {s.index: s.start for s in result.sentences}
    in_turns = [
        (e.code, trigger(e))
        for e in result.events
        if e.sentence in starts and any(a <= starts[e.sentence] + e.evidence.trigger[0] < b for a, b in turns)
    ]
    assert in_turns == []


def test_figures_of_speech_are_no_events(seeds):
    """ "may come as a surprise" is no arrival, "digging tunnels" no investigation, and "Kerry's inability to come
    to an agreement" is an agreement that did not happen (negated, which consumers leave out)."""
    events = [e for result in seeds.values() for e in result.events if not e.negated]
    assert [e for e in events if trigger(e) in ("come", "comes") and "surprise" in e.evidence.sentence] == []
    assert [e for e in events if trigger(e) == "digging" or e.code.startswith("09")] == []
    assert [e for e in events if trigger(e) == "come" and "inability to come" in e.evidence.sentence] == []


# ---------------------------------------------------------------- the general rules these events need, in small


def coded(text: str) -> list[tuple[str, str | None, str | None, str]]:
    import json

    from whodid.extract import extract_lines

    (record,) = extract_lines([json.dumps({"id": "t", "text": text, "date": "2016-12-09"})], Options())
    return [
        (
            e["code"],
            (e["source"] or {}).get("code"),
            (e["target"] or {}).get("code"),
            e["evidence"]["sentence"][e["evidence"]["trigger"][0] : e["evidence"]["trigger"][1]],
        )
        for e in record["events"]
        if not e["negated"]
    ]


def test_people_named_by_where_they_belong_are_that_place_s_actor():
    found = coded("The hardliners in Washington launched an air attack on Syrian troops.")
    assert ("195", "USAGOV", "SYRMIL", "launched") in found
    killed = coded("Three soldiers were killed during clashes in the Nigerian city of Maiduguri.")
    assert killed and all(source is None for _, source, _, _ in killed)  # clashes are no people


def test_an_attack_elaborating_a_lesser_act_is_coded():
    found = coded("The Israeli army undermined the truce, launching an air strike on Gaza.")
    assert any(code == "195" and source == "ISRMIL" for code, source, _, _ in found), found


def test_an_inability_to_act_is_no_act():
    assert not [
        e for e in coded("Iran's inability to come to an agreement with Iraq worried Turkey.") if e[3] == "come"
    ]
