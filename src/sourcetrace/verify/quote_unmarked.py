"""quote_unmarked: a source quotation reproduced without quotation marks (or attribution).

A speaker's own words in the source (inside quotation marks, or a paragraph under their name
line in an interview collection) copied word for word into the rewrite's own voice.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from sourcetrace.lexical import lemma_key, tokens_in
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import aligned_sentences, in_quote, quoted_text

# Copied runs shorter than this are common phrasing, not a quotation.
MIN_COPIED_WORDS = 8


def _own_words(document: Document, span: Span) -> bool:
    """Whether ``span`` holds a speaker's own words in the source."""
    attribution = document.attribution_at(span)
    if attribution is not None and attribution.frame == "section":
        return True
    return any(q.content_span.contains(span) and not q.scare for q in document.quotes)


def _words(tokens: list[Any]) -> list[Any]:
    """Words only: no punctuation, no space tokens (a parser's reading of layout)."""
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        if in_quote(pair.derived, sentence.span):
            continue
        derived_words = _words(tokens_in(pair.derived, sentence.span))
        for source_span in sentence.sources:
            source_words = _words(tokens_in(pair.source, source_span))
            matcher = SequenceMatcher(
                a=[lemma_key(t) for t in source_words],
                b=[lemma_key(t) for t in derived_words],
                autojunk=False,
            )
            block = matcher.find_longest_match(0, len(source_words), 0, len(derived_words))
            if block.size < MIN_COPIED_WORDS:
                continue
            s_first, s_last = source_words[block.a], source_words[block.a + block.size - 1]
            copied_source = Span(s_first.idx, s_last.idx + len(s_last.text))
            if not _own_words(pair.source, copied_source):
                continue
            d_first, d_last = derived_words[block.b], derived_words[block.b + block.size - 1]
            copied = Span(d_first.idx, d_last.idx + len(d_last.text))
            if in_quote(pair.derived, copied):
                break  # the copied words are quoted ('“...,” she added, reflecting ...')
            attribution = sentence.attribution
            attributed = attribution is not None and attribution.frame == "reported"
            original = pair.source.attribution_at(source_span)
            who = original.speaker.name if original and original.speaker else None
            findings.append(
                Finding(
                    kind="quote_unmarked",
                    severity=severity.quote_unmarked(attributed),
                    reason=(
                        f"{block.size} words copied verbatim from {who or 'the source'}'s own "
                        "words without quotation marks: "
                        f"“{quoted_text(copied.of(pair.derived.article))}”"
                    ),
                    derived_span=copied,
                    source_span=copied_source,
                    speaker=who,
                    in_quote=False,
                )
            )
            break
    return findings
