"""Tests for whodid.ontology: the packaged CAMEO code table and its tolerant lookups."""

from __future__ import annotations

import pytest

from whodid.ontology import CameoCode, Ontology, load_ontology


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def test_table_has_all_cameo_codes(ontology: Ontology) -> None:
    assert 300 <= len(ontology) <= 330
    assert all(f"{root:02d}" in ontology for root in range(1, 21))
    assert len(ontology.names()) == len(ontology)


def test_load_ontology_is_cached() -> None:
    assert load_ontology() is load_ontology()


def test_get_detailed_code(ontology: Ontology) -> None:
    entry = ontology.get("0256")
    assert isinstance(entry, CameoCode)
    assert entry.code == "0256"
    assert entry.level == 2
    assert entry.root == "02"
    assert entry.base == "025"
    assert entry.quad_class == 1
    assert "de-escalation" in entry.name.lower()
    assert entry.plover_event == "REQUEST"


def test_get_root_and_base_codes(ontology: Ontology) -> None:
    root = ontology.get("18")
    assert root is not None and root.level == 0 and root.base == "18" and root.quad_class == 4
    base = ontology.get("190")
    assert base is not None and base.level == 1 and base.root == "19" and base.base == "190"


def test_get_falls_back_to_base_then_root(ontology: Ontology) -> None:
    assert ontology.get("0999").code == "09"  # neither 0999 nor 099 exists
    assert ontology.get("1909").code == "190"  # 1909 does not exist, its base does
    assert "0999" not in ontology


@pytest.mark.parametrize("code", ["", "9", "99", "999", "ZZ"])
def test_get_unknown_code_is_none(ontology: Ontology, code: str) -> None:
    assert ontology.get(code) is None


def test_name_uses_fallback_and_returns_the_code_when_unknown(ontology: Ontology) -> None:
    assert ontology.name("0999") == ontology.get("09").name
    assert ontology.name("99") == "99"
    assert ontology.names()["04"] == ontology.name("04")


def test_quad_classes_follow_cameo_roots(ontology: Ontology) -> None:
    expected = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
    for quad, roots in expected.items():
        for root in roots:
            assert ontology.get(f"{root:02d}").quad_class == quad


def test_goldstein_signs(ontology: Ontology) -> None:
    assert ontology.get("051").goldstein > 0  # praise
    assert ontology.get("190").goldstein < -5  # use conventional military force
    assert ontology.get("010").goldstein == 0.0


def test_ontology_from_an_inline_table() -> None:
    table = {
        "04": {"name": "CONSULT", "level": 0, "root": "04", "quad_class": 1, "goldstein": 1.0},
        "042": {"name": "Make a visit", "level": 1, "root": "04", "quad_class": 1, "goldstein": 1.9},
    }
    onto = Ontology(table)
    assert len(onto) == 2
    assert onto.get("0421").code == "042"
    assert onto.get("042").plover_event is None and onto.get("042").description is None
    assert onto.names() == {"04": "CONSULT", "042": "Make a visit"}
