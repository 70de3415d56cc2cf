"""Validates each notebook given against the official nbformat schema (Debian python3-nbformat); exits non-zero on the first invalid one.

The file is checked as written: nbformat.read and nbformat.validate repair some schema errors on the way (a cell without
an id in nbformat 4.5 only raises a warning), so the raw JSON goes through the schema's own validator first.
"""
import json
import sys

import nbformat
from nbformat.validator import get_validator

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    validator = get_validator(version=nb.get("nbformat"), version_minor=nb.get("nbformat_minor"))
    if validator is None:
        sys.exit(f"{path}: no nbformat schema for version {nb.get('nbformat')}.{nb.get('nbformat_minor')}")
    errors = sorted(validator.iter_errors(nb), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path)
        sys.exit(f"{path}: {len(errors)} schema error(s), first at {where or '(root)'}: {errors[0].message}")
    nbformat.validate(nbformat.read(path, as_version=4))
    print("valid", path)
