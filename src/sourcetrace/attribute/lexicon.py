"""The attribution layer's lexicons, loaded once from ``sourcetrace/lexicons/*.txt``."""

from __future__ import annotations

from functools import lru_cache

from sourcetrace.lexicons import categorized, lines


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Communication verbs: a reporting frame with or without a reported clause."""
    return frozenset(categorized("reporting_verbs.txt").get("speech", ()))


@lru_cache(maxsize=1)
def mental_verbs() -> frozenset[str]:
    """Cognition/stance verbs: a reporting frame only with a reported clause."""
    return frozenset(categorized("reporting_verbs.txt").get("mental", ()))


@lru_cache(maxsize=1)
def stance_verbs() -> frozenset[str]:
    """Verbs of stance and request: a frame only with a clause or object ("endorsed Cruz")."""
    return frozenset(categorized("reporting_verbs.txt").get("stance", ()))


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Nouns that describe a person by function (expert, spokesman, analyst ...)."""
    return frozenset(line.strip().lower() for line in lines("role_nouns.txt"))


@lru_cache(maxsize=1)
def institution_nouns() -> frozenset[str]:
    """Nouns that head an organization's name (ministry, government, campaign ...)."""
    return frozenset(line.strip().lower() for line in lines("institution_nouns.txt"))


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Honorifics and official titles stripped from personal names."""
    return frozenset(line.strip().lower() for line in lines("titles.txt"))


@lru_cache(maxsize=1)
def support_cues() -> frozenset[str]:
    """Participles that add a further holder: "supported by", "echoed by"."""
    return frozenset(categorized("attribution_cues.txt").get("support", ()))


@lru_cache(maxsize=1)
def continuers() -> tuple[str, ...]:
    """Sentence openings that continue a reported enumeration ("Second, ...")."""
    return categorized("attribution_cues.txt").get("continuer", ())


@lru_cache(maxsize=1)
def colon_labels() -> frozenset[str]:
    """Labels written before a colon that name no speaker ("Update:", "Photo:")."""
    return frozenset(categorized("attribution_cues.txt").get("label", ()))


@lru_cache(maxsize=1)
def report_nouns() -> frozenset[str]:
    """Nouns of saying and believing that take a that-clause ("the claim that ...")."""
    return frozenset(categorized("attribution_cues.txt").get("noun", ()))


@lru_cache(maxsize=1)
def attitude_nouns() -> frozenset[str]:
    """Nouns of stance that take their object in a prepositional phrase ("support for X")."""
    return frozenset(categorized("attribution_cues.txt").get("attitude", ()))


@lru_cache(maxsize=1)
def evidence_nouns() -> frozenset[str]:
    """Nouns of documents and measurements that "show" a finding ("the poll shows X ahead")."""
    return frozenset(categorized("attribution_cues.txt").get("evidence", ()))


@lru_cache(maxsize=1)
def light_nouns() -> frozenset[str]:
    """Nouns that "make" turns into a report ("made the case that", "made no mention of")."""
    return frozenset(categorized("attribution_cues.txt").get("light", ()))
