"""How many of the fresh reading variants pass, per kind of input.

usage: python benchmarks/reading_variants.py [TEST_FILE]

Runs ``tests/test_reading_variants.py`` (or TEST_FILE, e.g. that file copied into another
checkout to measure it) with pytest and prints a Markdown table: for each kind (copy-paste,
relative times, encodings, multi-page, feeds) the test cases that pass out of those run.
A test's kind is the word after ``test_`` in its name.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

KINDS = {
    "copy": "1. reader's copy-paste",
    "relative": "2. relative and partial times",
    "encoding": "3. encodings",
    "multipage": "4. multi-page articles",
    "feed": "5. feeds",
}
DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "test_reading_variants.py"


def main(argv: list[str]) -> int:
    test_file = Path(argv[0]) if argv else DEFAULT
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.xml"
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file),
             f"--junitxml={report}"],
            cwd=test_file.parents[1],
            capture_output=True,
            check=False,
        )  # fmt: skip
        cases = ElementTree.parse(report).getroot().iter("testcase")
        run: Counter[str] = Counter()
        passed: Counter[str] = Counter()
        for case in cases:
            kind = case.get("name", "").removeprefix("test_").split("_", 1)[0]
            run[kind] += 1
            if not any(child.tag in ("failure", "error", "skipped") for child in case):
                passed[kind] += 1
    print("| kind | cases | pass |")
    print("|---|---|---|")
    for key, label in KINDS.items():
        print(f"| {label} | {run[key]} | {passed[key]} |")
    print(f"| all | {sum(run.values())} | {sum(passed.values())} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
