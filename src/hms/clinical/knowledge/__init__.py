"""Drug knowledge base: catalog, classes, interaction, allergy, dose and contraindication rules."""

from hms.clinical.knowledge.loader import (
    ConditionRule,
    DoseRule,
    Drug,
    DrugClass,
    InteractionRule,
    Knowledge,
    UnknownDrugError,
    get_knowledge,
)

__all__ = [
    "ConditionRule",
    "DoseRule",
    "Drug",
    "DrugClass",
    "InteractionRule",
    "Knowledge",
    "UnknownDrugError",
    "get_knowledge",
]
