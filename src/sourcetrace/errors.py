"""Errors that reach a user as one clear line (the CLI prints them and exits 2)."""


class SourcetraceError(Exception):
    """Base class: something the user can fix, explained in one line."""


class InputError(SourcetraceError):
    """An input could not be read as an article (empty, binary, too large, no article...)."""


class ModelError(SourcetraceError):
    """A model package is missing or its weights are not what we expect."""
