"""Gold texts are found in the article as sourcetrace reads it, not only as the file has it."""

from __future__ import annotations

import pytest

from sourcetrace.errors import InputError
from sourcetrace.eval.gold import locate
from sourcetrace.textnorm import visible_text


def test_gold_text_copied_with_a_line_end_space_is_found() -> None:
    raw = "The ferry fares rose \n\tby a tenth, the harbour board said."
    text = visible_text(raw)  # what ingest keeps: no space at the end of a line
    needle = "fares rose \n\tby a tenth"
    span = locate(text, needle, "item G1 derived_text")
    assert span is not None
    assert span.of(text) == "fares rose\n\tby a tenth"


def test_a_gold_text_that_is_not_there_is_still_an_error() -> None:
    with pytest.raises(InputError, match="G2 derived_text not found verbatim"):
        locate("The ferry fares rose.", "bus fares fell", "item G2 derived_text")
