"""Print the server's OpenAPI document as JSON (the web client's API types are generated from it).

Builds the app with placeholder store URLs: nothing connects until the app starts serving.
"""

from __future__ import annotations

import json
import logging
import sys

from hms.app import create_app
from hms.config import Settings


def main() -> None:
    logging.disable(logging.WARNING)  # "web app not built" does not belong in the document
    app = create_app(
        Settings(
            database_url="postgresql+asyncpg://openapi@127.0.0.1:1/openapi",
            redis_url="redis://127.0.0.1:1/0",
        )
    )
    json.dump(app.api.openapi(), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
