import pytest

from hms.clinical.interactions import (
    check_condition_contraindications,
    check_interactions,
    interacting_rules,
)
from hms.clinical.knowledge import UnknownDrugError, get_knowledge
from hms.clinical.warnings import Severity, WarningKind, check_duplicate_therapy

# One concrete pair per ONC high-priority rule (Phansalkar et al., JAMIA 2012;19:735).
ONC_PAIRS = [
    ("onc-01-amphetamine-maoi", "methylphenidate", "phenelzine"),
    ("onc-02-atazanavir-ppi", "atazanavir", "omeprazole"),
    ("onc-03-febuxostat-thiopurine", "azathioprine", "febuxostat"),
    ("onc-04-serotonergic-maoi", "sertraline", "tranylcypromine"),
    ("onc-05-irinotecan-cyp3a4", "irinotecan", "ketoconazole"),
    ("onc-06-opioid-maoi", "tramadol", "phenelzine"),
    ("onc-07-tca-maoi", "amitriptyline", "isocarboxazid"),
    ("onc-08-qt-qt", "amiodarone", "sotalol"),
    ("onc-09-ramelteon-fluvoxamine", "ramelteon", "fluvoxamine"),
    ("onc-10-inducer-protease-inhibitor", "rifampicin", "darunavir"),
    ("onc-11-statin-cyp3a4", "simvastatin", "clarithromycin"),
    ("onc-12-ergot-cyp3a4", "ergotamine", "ritonavir"),
    ("onc-13-tizanidine-cyp1a2", "tizanidine", "ciprofloxacin"),
    ("onc-14-tranylcypromine-procarbazine", "tranylcypromine", "procarbazine"),
    ("onc-15-triptan-maoi", "sumatriptan", "selegiline"),
]


@pytest.mark.parametrize(("rule_id", "new", "active"), ONC_PAIRS)
def test_every_onc_pair_fires_as_contraindicated(rule_id: str, new: str, active: str) -> None:
    warnings = check_interactions([new], [active])
    assert len(warnings) == 1
    assert warnings[0].kind is WarningKind.INTERACTION
    assert warnings[0].severity is Severity.CONTRAINDICATED
    assert "Phansalkar" in warnings[0].source
    assert rule_id in {r.id for r in interacting_rules(new, active)}


@pytest.mark.parametrize(
    ("first", "second", "severity"),
    [
        ("sildenafil", "glyceryl-trinitrate", Severity.CONTRAINDICATED),
        ("tadalafil", "isosorbide-mononitrate", Severity.CONTRAINDICATED),
        ("simvastatin", "gemfibrozil", Severity.CONTRAINDICATED),
        ("linezolid", "sertraline", Severity.MAJOR),
        ("linezolid", "pseudoephedrine", Severity.MAJOR),
        ("repaglinide", "gemfibrozil", Severity.CONTRAINDICATED),
    ],
)
def test_candidates_left_off_the_onc_list_are_graded_from_labels(
    first: str, second: str, severity: Severity
) -> None:
    [warning] = check_interactions([first, second], [])
    assert warning.severity.rank >= severity.rank


def test_metformin_with_iodinated_contrast_warns() -> None:
    [warning] = check_interactions(["iohexol"], ["metformin"])
    assert warning.severity.rank >= Severity.MODERATE.rank
    assert warning.code == "interaction:metformin:iohexol"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("amoxicillin", "paracetamol"),
        ("metformin", "lisinopril"),
        ("omeprazole", "paracetamol"),
        ("salbutamol", "beclometasone"),
        ("levothyroxine", "paracetamol"),
        ("amlodipine", "atorvastatin"),
    ],
)
def test_common_safe_combinations_stay_quiet(first: str, second: str) -> None:
    assert check_interactions([first], [second]) == []
    assert check_interactions([first, second], []) == []


def test_pair_is_reported_once_with_every_source_and_the_worst_severity() -> None:
    [warning] = check_interactions(["clarithromycin"], ["simvastatin"])
    assert warning.code == "interaction:simvastatin:clarithromycin"
    assert warning.drug_ids == ("simvastatin", "clarithromycin")
    assert "Phansalkar" in warning.source and "ANSM" in warning.source
    assert warning.message.startswith("Simvastatin + Clarithromycin: contraindicated")
    assert warning.management


def test_active_pairs_are_never_rechecked() -> None:
    assert check_interactions(["paracetamol"], ["simvastatin", "clarithromycin"]) == []


def test_pairs_among_new_items_are_checked() -> None:
    warnings = check_interactions(["paracetamol", "simvastatin", "clarithromycin"], ["amlodipine"])
    assert {w.code for w in warnings} >= {"interaction:simvastatin:clarithromycin"}


def test_ansm_class_level_rule_reaches_substances() -> None:
    [warning] = check_interactions(["warfarin"], ["fluconazole"])
    assert "ANSM" in warning.source
    assert warning.severity.rank >= Severity.MODERATE.rank


def test_combination_product_is_checked_by_its_components() -> None:
    [warning] = check_interactions(["sulfamethoxazole-and-trimethoprim"], ["methotrexate"])
    assert warning.severity.rank >= Severity.MAJOR.rank


def test_unknown_drug_id_fails_loudly() -> None:
    with pytest.raises(UnknownDrugError, match="no-such-drug"):
        check_interactions(["no-such-drug"], ["paracetamol"])


@pytest.mark.parametrize(
    ("name", "drug_id"),
    [
        ("acetaminophen", "paracetamol"),
        ("Albuterol", "salbutamol"),
        ("meperidine", "pethidine"),
        ("adrenaline", "epinephrine"),
        ("frusemide", "furosemide"),
        ("nitroglycerin", "glyceryl-trinitrate"),
        ("lignocaine", "lidocaine"),
        ("rifampin", "rifampicin"),
        ("cyclosporine", "ciclosporin"),
        ("co-trimoxazole", "sulfamethoxazole-and-trimethoprim"),
    ],
)
def test_us_and_uk_names_resolve_to_one_drug(name: str, drug_id: str) -> None:
    drug = get_knowledge().find_drug(name)
    assert drug is not None and drug.id == drug_id


def test_catalog_covers_rxcuis_and_essential_medicines() -> None:
    kb = get_knowledge()
    assert kb.drug("paracetamol").rxcui == "161"
    assert kb.drug("simvastatin").rxcui == "36567"
    assert sum(d.eml for d in kb.drugs.values()) >= 300
    assert "statin" in kb.drug("rosuvastatin").all_classes
    assert "penicillin" in kb.drug("amoxicillin").all_classes


def test_duplicate_therapy_same_class() -> None:
    [warning] = check_duplicate_therapy(["fluoxetine"], ["sertraline"])
    assert warning.kind is WarningKind.DUPLICATE
    assert warning.code == "duplicate:fluoxetine:sertraline"
    assert "selective serotonin reuptake inhibitors" in warning.message


def test_duplicate_therapy_same_ingredient_in_a_combination() -> None:
    [warning] = check_duplicate_therapy(["amoxicillin-and-clavulanic-acid"], ["amoxicillin"])
    assert warning.severity is Severity.MAJOR
    assert "amoxicillin" in warning.message.lower()


def test_duplicate_therapy_same_drug_already_active() -> None:
    warnings = check_duplicate_therapy(["atorvastatin"], ["atorvastatin", "metformin"])
    assert [w.code for w in warnings] == ["duplicate:atorvastatin"]


def test_duplicate_therapy_ignores_unrelated_and_active_pairs() -> None:
    assert check_duplicate_therapy(["amoxicillin"], ["paracetamol"]) == []
    assert check_duplicate_therapy(["paracetamol"], ["sertraline", "fluoxetine"]) == []


def test_two_anticoagulants_are_a_major_duplicate() -> None:
    [warning] = check_duplicate_therapy(["apixaban"], ["warfarin"])
    assert warning.severity is Severity.MAJOR


def test_condition_contraindications_match_icd10_prefixes() -> None:
    warnings = check_condition_contraindications(
        ["ibuprofen", "propranolol", "paracetamol"], ["K25.4", "J45.909"]
    )
    assert {(w.drug_ids[0], w.severity) for w in warnings} == {
        ("ibuprofen", Severity.CONTRAINDICATED),
        ("propranolol", Severity.CONTRAINDICATED),
    }
    assert all(w.kind is WarningKind.CONTRAINDICATION for w in warnings)
