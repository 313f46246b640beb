"""ANSM entries with several levels are graded per drug pair (knowledge/build/ansm_levels.json)."""

import importlib.util
import json
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hms.clinical.interactions import check_interactions, interacting_rules
from hms.clinical.warnings import Severity

SEDATIVES = "ansm:autres-medicaments-sedatifs:medicaments-sedatifs"


def _warning_severity(first: str, second: str) -> Severity:
    [warning] = check_interactions([first], [second])
    return warning.severity


def test_two_common_sedatives_are_take_into_account_not_contraindicated() -> None:
    # "À prendre en compte : pour tous les médicaments sédatifs entre eux".
    [warning] = check_interactions(["gabapentin"], ["mirtazapine"])
    assert warning.severity is Severity.MINOR
    assert [r.id for r in interacting_rules("gabapentin", "mirtazapine")] == [SEDATIVES]
    # Gabapentin + tramadol: the ANSM rule stays minor, but the FDA safety communication of
    # 19 December 2019 (gabapentinoids with opioids: respiratory depression) makes it major.
    levels = {r.id: r.severity for r in interacting_rules("gabapentin", "tramadol")}
    assert levels[SEDATIVES] is Severity.MINOR
    assert levels["fda-gabapentinoid-opioid"] is Severity.MAJOR
    assert _warning_severity("gabapentin", "tramadol") is Severity.MAJOR


def test_sodium_oxybate_with_an_opioid_stays_contraindicated() -> None:
    # "Contre-indication : entre l'oxybate de sodium et les opiacés ou les barbituriques."
    assert _warning_severity("sodium-oxybate", "tramadol") is Severity.CONTRAINDICATED
    assert _warning_severity("phenobarbital", "sodium-oxybate") is Severity.CONTRAINDICATED
    ids = {r.id for r in interacting_rules("sodium-oxybate", "tramadol")}
    assert f"{SEDATIVES}/contraindicated" in ids
    # "Association déconseillée : avec l'oxybate de sodium" (any other sedative).
    assert _warning_severity("sodium-oxybate", "mirtazapine") is Severity.MAJOR
    levels = {r.id: r.severity for r in interacting_rules("sodium-oxybate", "zolpidem")}
    assert levels[f"{SEDATIVES}/major"] is Severity.MAJOR
    # The US label contraindicates sodium oxybate with sedative hypnotics (FDA DSC 2012).
    assert levels["fda-sodium-oxybate-sedative-hypnotic"] is Severity.CONTRAINDICATED
    assert _warning_severity("sodium-oxybate", "zolpidem") is Severity.CONTRAINDICATED


def test_hydroxychloroquine_is_contraindicated_only_with_the_named_torsadogens() -> None:
    # "Contre-indication : avec le citalopram, la dompéridone, l'escitalopram, l'hydroxyzine
    # et la pipéraquine. Association déconseillée : avec les autres ... torsades de pointes."
    for named in ("citalopram", "domperidone", "escitalopram", "hydroxyzine"):
        assert _warning_severity(named, "hydroxychloroquine") is Severity.CONTRAINDICATED
    for other in ("sotalol", "haloperidol", "moxifloxacin"):
        assert _warning_severity(other, "hydroxychloroquine") is Severity.MAJOR


def test_a_dose_dependent_entry_keeps_its_severe_level_and_says_when() -> None:
    [warning] = check_interactions(["aspirin"], ["warfarin"])
    assert warning.severity is Severity.CONTRAINDICATED
    assert "Contraindicated at anti-inflammatory aspirin doses (≥1 g per dose" in warning.message
    assert "antiplatelet doses" in warning.message
    [rule, *_] = interacting_rules("aspirin", "warfarin")
    assert rule.condition is not None


def test_a_conditional_part_is_named_while_the_rest_of_the_entry_is_lower() -> None:
    # Fibrates + statins: contraindicated at rosuvastatin 40 mg, otherwise not recommended;
    # gemfibrozil + simvastatin contraindicated whatever the dose.
    [rosuvastatin] = check_interactions(["fenofibrate"], ["rosuvastatin"])
    assert rosuvastatin.severity is Severity.CONTRAINDICATED
    assert "rosuvastatin 40 mg" in rosuvastatin.message
    assert _warning_severity("fenofibrate", "atorvastatin") is Severity.MAJOR
    [gemfibrozil] = check_interactions(["gemfibrozil"], ["simvastatin"])
    assert gemfibrozil.severity is Severity.CONTRAINDICATED
    assert "40 mg" not in gemfibrozil.message


def test_a_lower_named_group_is_taken_out_of_a_more_severe_default() -> None:
    # Quinine + strong CYP3A4 inhibitors: not recommended with protease inhibitors,
    # precaution for use with azole antifungals and macrolides.
    assert _warning_severity("quinine", "ritonavir") is Severity.MAJOR
    assert _warning_severity("quinine", "clarithromycin") is Severity.MODERATE
    assert _warning_severity("quinine", "itraconazole") is Severity.MODERATE


def _ansm_rules() -> list[dict[str, Any]]:
    path = resources.files("hms.clinical.knowledge") / "interactions_ansm.json"
    return list(json.loads(path.read_text(encoding="utf-8"))["rules"])


def test_every_rule_still_carrying_several_levels_says_its_condition() -> None:
    rules = _ansm_rules()
    several = [r for r in rules if len(r["levels"]) > 1]
    assert several and all(r.get("conditional") and r["condition"] for r in several)
    ids = {r["id"] for r in rules}
    parts = [r for r in rules if "/" in r["id"]]
    assert parts and all(r["id"].split("/")[0] in ids and r["levelSource"] for r in parts)


def _build_script() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_drug_knowledge.py"
    spec = importlib.util.spec_from_file_location("build_drug_knowledge", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return _build_script()


def _members(build: ModuleType) -> Any:
    drugs = [
        {"id": d, "classes": [c]}
        for c, ds in {"inhibitors": ["x1", "x2", "x3"], "substrates": ["s1", "s2"]}.items()
        for d in ds
    ]
    classes = [{"id": "inhibitors", "parents": []}, {"id": "substrates", "parents": []}]
    return build.Membership(drugs, classes)


ENTRY = {
    "id": "ansm:inhibitors:substrates",
    "a": {"classes": ["inhibitors"]},
    "b": {"classes": ["substrates"]},
    "levels": {"major": "avec x1", "moderate": "avec les autres"},
}


def test_build_splits_an_entry_and_keeps_every_pair_covered_once(build: ModuleType) -> None:
    graded = {
        "default": "major",
        "source": "avec x1",
        "parts": [{"level": "moderate", "a": {"drugs": ["x2", "x3"]}, "source": "avec x2, x3"}],
    }
    default, part = build.grade_levels(ENTRY, graded, _members(build))
    assert default["id"] == ENTRY["id"] and default["severity"] == "major"
    assert default["a"] == {"classes": ["inhibitors"], "exceptDrugs": ["x2", "x3"]}
    assert part["id"] == f"{ENTRY['id']}/moderate" and part["a"] == {"drugs": ["x2", "x3"]}
    assert part["b"] == {"classes": ["substrates"]} and part["levelSource"] == "avec x2, x3"


def test_build_refuses_a_part_outside_the_entry(build: ModuleType) -> None:
    graded = {
        "default": "moderate",
        "source": "avec les autres",
        "parts": [{"level": "major", "a": {"drugs": ["s1"]}, "source": "avec s1"}],
    }
    with pytest.raises(SystemExit, match="side a names"):
        build.grade_levels(ENTRY, graded, _members(build))


def test_build_keeps_a_conditional_entry_at_its_most_severe_level(build: ModuleType) -> None:
    with pytest.raises(SystemExit, match="keeps major"):
        build.grade_levels(
            ENTRY, {"default": "moderate", "condition": "x", "source": "y"}, _members(build)
        )
    [rule] = build.grade_levels(
        ENTRY, {"default": "major", "condition": "When dosed high.", "source": "y"}, _members(build)
    )
    assert rule["severity"] == "major" and rule["condition"] == "When dosed high."


def test_amiodarone_with_flecainide_is_major_from_the_flecainide_label() -> None:
    # ANSM grades antiarrhythmics of different classes "à prendre en compte"; the flecainide
    # label asks to halve its dose with amiodarone, so the curated rule decides.
    [warning] = check_interactions(["amiodarone"], ["flecainide"])
    assert warning.severity is Severity.MAJOR and "50 %" in warning.management
    assert "label-amiodarone-flecainide" in {
        r.id for r in interacting_rules("amiodarone", "flecainide")
    }
