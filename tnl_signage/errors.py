"""Errors a user can cause: the CLI prints their message on one line, never a traceback."""


class TnlError(Exception):
    """Base of every error caused by user input (file, option, theme); its message is French and complete."""


class InputError(TnlError, ValueError):
    """A value given by the user (option, cell, theme entry) is not acceptable.

    Also a `ValueError`, what Python code expects from a bad argument (`except ValueError` catches it)."""


class InputWarning(UserWarning):
    """A value accepted but worth a look (« Or » in 2019, off its year's scale): Python's `warnings`, so a
    library caller sees it (or filters it) and the CLI prints it as « attention : … »."""


# System errors a user meets, in French (errno name -> text); the others keep the system's own words.
_OS_TEXTS = {
    "ENOSPC": "plus de place sur le disque",
    "EDQUOT": "quota de disque dépassé",
    "EACCES": "permission refusée",
    "EPERM": "opération non permise",
    "ENOENT": "fichier ou dossier introuvable",
    "EEXIST": "existe déjà",
    "EISDIR": "est un dossier",
    "ENOTDIR": "n'est pas un dossier",
    "ENOTEMPTY": "dossier non vide",
    "EROFS": "système de fichiers en lecture seule",
    "ELOOP": "lien symbolique refusé",
    "ENAMETOOLONG": "nom de fichier trop long",
    "EMFILE": "trop de fichiers ouverts",
    "ENFILE": "trop de fichiers ouverts",
    "EIO": "erreur d'entrée-sortie du disque",
    "EXDEV": "déplacement impossible entre deux disques",
    "EBUSY": "ressource occupée",
    "EFBIG": "fichier trop gros",
    "ETXTBSY": "fichier occupé",
    "EINVAL": "argument invalide",
}


def os_reason(exc: OSError) -> str:
    """The system's reason in French (« permission refusée »), the system's own words if unknown."""
    import errno

    return _OS_TEXTS.get(errno.errorcode.get(exc.errno or 0, "")) or exc.strerror or str(exc)


def os_error_text(exc: OSError) -> str:
    """One French line naming the file: « /chemin/fichier : plus de place sur le disque »."""
    text = os_reason(exc)
    files = [str(f) for f in (exc.filename, exc.filename2) if f]
    where = " → ".join(files)
    return f"{where} : {text}" if where else f"erreur système : {text}"
