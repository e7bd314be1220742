"""The example COE the benchmark generators copy (docs/examples), shared by generate-coes.py and
generate-history.py."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE_ID = "2026-10-14-k7qm3xv9dh"
EXAMPLE = os.path.join(ROOT, "docs", "examples", EXAMPLE_ID)
# The letters of a COE id's random part.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def example_files():
    """Every file of the example COE: its path inside the COE's folder, and its bytes."""
    files = {}
    for dirpath, _, names in os.walk(EXAMPLE):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, EXAMPLE)] = f.read()
    return files
