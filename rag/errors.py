"""Errors whose message tells the user what went wrong and what to do next."""


class RagError(Exception):
    """Base class for errors shown to the user as one line."""


class InvalidQuestion(RagError):
    """The question is empty or otherwise unusable."""


class DocumentError(RagError):
    """A file could not be indexed; nothing was indexed from it."""


class UnknownDocument(RagError):
    """No indexed document has that source name."""


class ConfigurationError(RagError):
    """A setting points at something that cannot be used."""
