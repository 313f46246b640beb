import pytest

from hms.clinical.allergy import AllergyRecord, check_allergies, resolve_allergen
from hms.clinical.warnings import Severity, WarningKind


def severities(drug_ids: list[str], allergy: AllergyRecord) -> dict[str, Severity]:
    warnings = check_allergies(drug_ids, [allergy])
    assert all(w.kind is WarningKind.ALLERGY for w in warnings)
    return {w.drug_ids[0]: w.severity for w in warnings if w.drug_ids}


PENICILLIN_RASH = AllergyRecord(drug_class="penicillins", reaction="rash", severity="mild")
AMOXICILLIN_RASH = AllergyRecord(substance="amoxicillin", reaction="urticaria", severity="moderate")


def test_penicillin_allergy_flags_every_penicillin() -> None:
    drugs = [
        "amoxicillin",
        "ampicillin",
        "piperacillin",
        "benzylpenicillin",
        "flucloxacillin",
        "phenoxymethylpenicillin",
        "amoxicillin-and-clavulanic-acid",
        "piperacillin-and-tazobactam",
    ]
    found = severities(drugs, PENICILLIN_RASH)
    assert set(found) == set(drugs)
    assert set(found.values()) == {Severity.MAJOR}


def test_anaphylaxis_makes_the_penicillin_warning_contraindicated() -> None:
    allergy = AllergyRecord(substance="penicillin", reaction="anaphylaxis")
    assert severities(["amoxicillin"], allergy) == {"amoxicillin": Severity.CONTRAINDICATED}


def test_same_substance_by_synonym() -> None:
    allergy = AllergyRecord(substance="Acetaminophen", reaction="rash")
    warnings = check_allergies(["paracetamol"], [allergy])
    assert [w.code for w in warnings] == ["allergy:paracetamol:acetaminophen"]
    assert "recorded allergy" in warnings[0].message


@pytest.mark.parametrize("cephalosporin", ["cefalexin", "cefadroxil", "cefaclor"])
def test_aminopenicillin_allergy_vs_shared_r1_cephalosporins_is_high(cephalosporin: str) -> None:
    assert severities([cephalosporin], AMOXICILLIN_RASH) == {cephalosporin: Severity.MAJOR}


@pytest.mark.parametrize(
    "cephalosporin", ["cefuroxime", "cefpodoxime", "ceftazidime", "ceftriaxone"]
)
def test_aminopenicillin_allergy_vs_dissimilar_side_chains_is_not_raised(
    cephalosporin: str,
) -> None:
    assert severities([cephalosporin], AMOXICILLIN_RASH) == {}
    assert severities([cephalosporin], PENICILLIN_RASH) == {}


def test_unspecified_penicillin_allergy_vs_aminobenzyl_cephalosporin_is_moderate() -> None:
    assert severities(["cefalexin"], PENICILLIN_RASH) == {"cefalexin": Severity.MODERATE}


def test_carbapenems_are_low_risk_and_aztreonam_is_not_raised() -> None:
    found = severities(["meropenem", "ertapenem", "aztreonam"], PENICILLIN_RASH)
    assert found == {"meropenem": Severity.MINOR, "ertapenem": Severity.MINOR}
    severe = AllergyRecord(drug_class="penicillin", reaction="anaphylaxis")
    assert severities(["meropenem"], severe) == {"meropenem": Severity.MINOR}


def test_ceftazidime_allergy_flags_aztreonam_by_shared_side_chain() -> None:
    allergy = AllergyRecord(substance="ceftazidime", reaction="urticaria")
    assert severities(["aztreonam"], allergy) == {"aztreonam": Severity.MAJOR}


def test_sulfonamide_antibiotic_allergy_spares_non_antibiotic_sulfonamides() -> None:
    allergy = AllergyRecord(drug_class="sulfa", reaction="rash")
    found = severities(
        [
            "sulfamethoxazole-and-trimethoprim",
            "sulfadiazine",
            "furosemide",
            "hydrochlorothiazide",
            "celecoxib",
        ],
        allergy,
    )
    assert set(found) == {"sulfamethoxazole-and-trimethoprim", "sulfadiazine"}


def test_nsaid_cross_intolerance() -> None:
    allergy = AllergyRecord(substance="aspirin", reaction="bronchospasm")
    found = severities(["ibuprofen", "naproxen", "celecoxib", "paracetamol"], allergy)
    assert found == {
        "ibuprofen": Severity.CONTRAINDICATED,
        "naproxen": Severity.CONTRAINDICATED,
        "celecoxib": Severity.MINOR,
    }


def test_opioid_allergy_phenanthrenes_versus_synthetics() -> None:
    allergy = AllergyRecord(substance="codeine", reaction="itching", severity="mild")
    found = severities(["morphine", "oxycodone", "fentanyl", "tramadol", "codeine"], allergy)
    assert found == {
        "morphine": Severity.MODERATE,
        "oxycodone": Severity.MODERATE,
        "fentanyl": Severity.MINOR,
        "tramadol": Severity.MINOR,
        "codeine": Severity.MAJOR,
    }


def test_unrelated_drugs_stay_quiet() -> None:
    assert severities(["paracetamol", "metformin", "lisinopril"], PENICILLIN_RASH) == {}


def test_unmatched_allergen_is_reported_once() -> None:
    warnings = check_allergies(["amoxicillin"], [AllergyRecord(substance="strawberries")])
    assert [(w.code, w.severity) for w in warnings] == [
        ("allergy:unmatched:strawberries", Severity.MINOR)
    ]


def test_resolve_allergen_distinguishes_class_from_substance() -> None:
    by_class = resolve_allergen(AllergyRecord(drug_class="Penicillins"))
    assert by_class is not None and by_class.class_level and "penicillin" in by_class.class_ids
    by_drug = resolve_allergen(AllergyRecord(substance="co-amoxiclav"))
    assert by_drug is not None and not by_drug.class_level
    assert by_drug.drug_ids == {"amoxicillin", "clavulanic-acid"}
