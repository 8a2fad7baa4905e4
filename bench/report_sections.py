"""Sections of docs/nlu-report.md that different benchmarks write: each replaces only its own.

A section runs from its "## " heading to the next "## " heading that no other benchmark's
section owns, or to the end. `bench/nlu_report.py` writes the report's first part and keeps the
sections listed in OWN_SECTIONS as they were.
"""

import re

READBACK = "## Read-back"
SETS_HISTORY = "## How the evaluation sets were made"  # written by hand, kept as it is
OWN_SECTIONS = (READBACK, SETS_HISTORY)


def section(report: str, heading: str) -> str:
    """The section under a heading, heading included, with one newline at its end; or ""."""
    match = re.search(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", report, re.MULTILINE | re.DOTALL)
    return match.group().rstrip("\n") + "\n" if match else ""


def with_section(report: str, heading: str, body: str) -> str:
    """The report with the section replaced by body (a section with its heading), or added."""
    old = section(report, heading)
    if old:
        return report.replace(old, body, 1)
    return report.rstrip("\n") + "\n\n" + body


def kept_sections(report: str) -> str:
    """The benchmarks' own sections of an existing report, to write again after its first part."""
    kept = [section(report, heading) for heading in OWN_SECTIONS]
    return "".join("\n" + part for part in kept if part)
