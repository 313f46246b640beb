"""Drug knowledge tables of the public schema, shared by every hospital (migration p0003).

Rows are written only by :mod:`hms.drugs.loader` from the versioned files in
``hms/clinical/knowledge``. Drugs are never deleted: prescription items and formularies of
every hospital reference them, so a drug that leaves the catalog is marked
``in_catalog = false`` instead.
"""

from __future__ import annotations

from sqlalchemy import ARRAY, Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

from hms.platform.db import PublicBase

DRUG_ID_LENGTH = 120

drug_classes = Table(
    "drug_classes",
    PublicBase.metadata,
    Column("id", String(DRUG_ID_LENGTH), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(8), nullable=False),  # hms (pharmacological / ATC) | ansm (thesaurus)
    Column("atc", String(32)),
    Column("parents", ARRAY(Text), nullable=False),
    Column("duplicate_severity", String(16)),
)

drugs = Table(
    "drugs",
    PublicBase.metadata,
    Column("id", String(DRUG_ID_LENGTH), primary_key=True),
    Column("name", Text, nullable=False),
    Column("rxcui", String(16)),
    Column("rxcui_alternates", ARRAY(Text), nullable=False),
    Column("synonyms", ARRAY(Text), nullable=False),
    Column("classes", ARRAY(Text), nullable=False),
    Column("all_classes", ARRAY(Text), nullable=False),
    Column("category", Text),  # the design's DRUGS.category: the first pharmacological class
    Column("components", ARRAY(Text), nullable=False),
    Column("eml", Boolean, nullable=False),
    Column("forms", JSONB, nullable=False),
    Column("contraindications", JSONB, nullable=False),  # the design's DRUGS.contraindications
    Column("sources", ARRAY(Text), nullable=False),
    Column("in_catalog", Boolean, nullable=False),
    Column("knowledge_version", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True)),
)

drug_names = Table(
    "drug_names",
    PublicBase.metadata,
    Column("drug_id", String(DRUG_ID_LENGTH), ForeignKey("public.drugs.id"), primary_key=True),
    Column("name_lower", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("is_synonym", Boolean, nullable=False),
)

drug_interaction_rules = Table(
    "drug_interaction_rules",
    PublicBase.metadata,
    Column("id", String(200), primary_key=True),
    Column("a", JSONB, nullable=False),
    Column("b", JSONB, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("mechanism", Text, nullable=False),
    Column("management", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("lang", String(4), nullable=False),
)

drug_dose_rules = Table(
    "drug_dose_rules",
    PublicBase.metadata,
    Column("drug_id", String(DRUG_ID_LENGTH), primary_key=True),
    Column("route", String(16), primary_key=True),
    Column("rule", JSONB, nullable=False),
    Column("source", Text, nullable=False),
)

drug_condition_rules = Table(
    "drug_condition_rules",
    PublicBase.metadata,
    Column("position", Integer, primary_key=True),
    Column("drugs", ARRAY(Text), nullable=False),
    Column("classes", ARRAY(Text), nullable=False),
    Column("condition", Text, nullable=False),
    Column("icd10_prefixes", ARRAY(Text), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("note", Text, nullable=False),
    Column("source", Text, nullable=False),
)

drug_allergy_rules = Table(
    "drug_allergy_rules",
    PublicBase.metadata,
    Column("kind", String(24), primary_key=True),  # sideChainGroup | classRule | settings
    Column("position", Integer, primary_key=True),
    Column("rule", JSONB, nullable=False),
    Column("source", Text, nullable=False),
)

drug_knowledge_release = Table(
    "drug_knowledge_release",
    PublicBase.metadata,
    Column("source", String(100), primary_key=True),
    Column("version", String(64), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("counts", JSONB, nullable=False),
    Column("loaded_at", DateTime(timezone=True)),
)
