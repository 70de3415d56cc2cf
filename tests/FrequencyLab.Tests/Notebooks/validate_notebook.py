"""Validates each notebook given against the official nbformat schema (Debian python3-nbformat); exits non-zero on the first invalid one."""
import sys

import nbformat

for path in sys.argv[1:]:
    nbformat.validate(nbformat.read(path, as_version=4))
    print("valid", path)
