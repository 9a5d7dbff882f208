"""The order readers get findings in: worst first, then by position (shared by every renderer).

Works on the report dict's findings (``report_to_dict``), the form every renderer reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sourcetrace.model import Severity

RANK = {s.value: s.rank for s in Severity}

F = TypeVar("F", bound=Mapping[str, Any])


def span_of(value: Any) -> tuple[int, int] | None:
    """A ``[start, end]`` pair from the report dict, or None."""
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = value
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
            return start, end
    return None


def position_key(finding: Mapping[str, Any]) -> tuple[bool, int]:
    """Reading order: by derived offset; findings without one (omissions) last, by source."""
    derived = span_of(finding.get("derived_span"))
    source = span_of(finding.get("source_span"))
    return (derived is None, derived[0] if derived else source[0] if source else 0)


def worst_first_key(finding: Mapping[str, Any]) -> tuple[int, bool, int]:
    """Most severe first; equal severities in reading order (:func:`position_key`)."""
    return (-RANK.get(str(finding.get("severity")), -1), *position_key(finding))


def worst_first(findings: Iterable[F]) -> list[F]:
    """``findings`` worst first (stable for equal keys)."""
    return sorted(findings, key=worst_first_key)
