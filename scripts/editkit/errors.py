"""The one kind of error the CLI reports: a file, maybe a line, and what to do."""


class EditionError(Exception):
    """Bad input. Printed as one line: ``path[:line]: problem — what to do``."""

    def __init__(self, path, message, line=None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self):
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class EditionErrors(Exception):
    """Several problems found at once (a check of every file): printed one line each."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self):
        return "\n".join(str(e) for e in self.errors)


def raise_all(errors):
    """Raise the one error as itself, several as EditionErrors; nothing when there are none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise EditionErrors(errors)
