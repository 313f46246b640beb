"""The OpenAPI document carries the prescribing rules the web client's generated types import:
exactly the server's countable units, frequency codes and prescription statuses."""

from typing import Any

import pytest

from hms.app import create_app
from hms.clinical.frequency import FrequencyCode, parse_frequency
from hms.config import Settings
from hms.prescriptions.models import STATUSES
from hms.prescriptions.schemas import COUNTABLE, CountableUnit, DoseUnit


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    # Nothing connects to these stores: the app opens them when it starts serving.
    app = create_app(
        Settings(
            database_url="postgresql+asyncpg://u@127.0.0.1:1/none",
            redis_url="redis://127.0.0.1:1/0",
        )
    )
    document: dict[str, Any] = app.api.openapi()
    return document["components"]["schemas"]


def _refs(schema: dict[str, Any]) -> set[str]:
    return {option["$ref"].rsplit("/", 1)[-1] for option in schema["anyOf"] if "$ref" in option}


def test_countable_units_are_the_servers(schemas: dict[str, Any]) -> None:
    assert schemas["CountableUnit"]["enum"] == [unit.value for unit in CountableUnit]
    assert set(schemas["CountableUnit"]["enum"]) == {unit.value for unit in COUNTABLE}
    assert schemas["DoseUnit"]["enum"] == [unit.value for unit in DoseUnit]
    assert _refs(schemas["ItemIn"]["properties"]["unit"]) == {"CountableUnit", "DoseUnit"}


def test_frequency_codes_are_the_servers(schemas: dict[str, Any]) -> None:
    assert schemas["FrequencyCode"]["enum"] == [code.value for code in FrequencyCode]
    frequency = schemas["ItemIn"]["properties"]["frequency"]
    assert _refs(frequency) == {"FrequencyCode"}
    assert {"type": "string", "minLength": 1, "maxLength": 40} in frequency["anyOf"]


@pytest.mark.parametrize("code", list(FrequencyCode))
def test_every_frequency_code_is_accepted(code: FrequencyCode) -> None:
    parse_frequency(code.value)


def test_prescription_statuses_are_the_tables(schemas: dict[str, Any]) -> None:
    assert schemas["PrescriptionOut"]["properties"]["status"]["enum"] == list(STATUSES)
