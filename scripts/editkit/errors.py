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
