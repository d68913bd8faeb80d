"""Errors a user can cause: the CLI prints their message on one line, never a traceback."""


class TnlError(Exception):
    """Base of every error caused by user input (file, option, theme); its message is French and complete."""


class InputError(TnlError):
    """A value given by the user (option, cell, theme entry) is not acceptable."""
