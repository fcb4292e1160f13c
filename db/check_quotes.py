"""Quick helper for catalogue authors: report quotes that are not verbatim in their seed document.

Usage: python3 db/check_quotes.py db/services/*.toml db/strategy/*.toml
(The real check runs in `explorer db build`; this is the same rule without installing anything.)
"""

import re
import sys
import tomllib
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def walk(node, path=""):
    if isinstance(node, dict):
        if "quote" in node and "document" in node:
            yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}[{i}]")


def main() -> int:
    bad = 0
    cache: dict[str, str] = {}
    for name in sys.argv[1:]:
        data = tomllib.load(open(name, "rb"))
        for path, src in walk(data):
            doc = src["document"]
            if doc not in cache:
                file = SEEDS / doc
                cache[doc] = norm(file.read_text(encoding="utf-8")) if file.exists() else ""
            if norm(src["quote"]) not in cache[doc]:
                print(f"{name}{path}: quote not found in {doc}: {src['quote'][:80]!r}")
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
