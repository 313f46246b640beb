#!/bin/sh
# Regenerate web/src/lib/api/schema.gen.ts from the server's OpenAPI document.
#   scripts/gen_api_types.sh          write the file
#   scripts/gen_api_types.sh --check  fail when the committed file differs from what the server generates
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${OPENAPI_PYTHON:-$ROOT/.venv/bin/python}
TARGET=$ROOT/web/src/lib/api/schema.gen.ts
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" "$ROOT/scripts/openapi.py" >"$WORK/openapi.json"
"$ROOT/web/node_modules/.bin/openapi-typescript" "$WORK/openapi.json" \
	--enum-values --default-non-nullable false --output "$WORK/schema.gen.ts" >/dev/null

if [ "${1:-}" = "--check" ]; then
	if ! diff -u "$TARGET" "$WORK/schema.gen.ts" >"$WORK/diff"; then
		head -n 40 "$WORK/diff" >&2
		echo "web/src/lib/api/schema.gen.ts is stale: run scripts/gen_api_types.sh (npm run gen:api in web/) and commit it" >&2
		exit 1
	fi
else
	cp "$WORK/schema.gen.ts" "$TARGET"
fi
