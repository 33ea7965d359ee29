"""Why a file could not be read or written, in Dutch: Python's ``strerror`` is English
("Permission denied", "No space left on device") and would end up in the program's messages."""

from __future__ import annotations

import errno

_REASONS = {
    errno.EACCES: "u heeft daar geen toegang (geen schrijf- of leesrechten)",
    errno.EPERM: "u heeft daar geen toegang (geen schrijf- of leesrechten)",
    errno.ENOENT: "het bestand of de map bestaat niet (meer)",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EISDIR: "dat is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.ENAMETOOLONG: "de naam of het pad is te lang",
    errno.EBUSY: "het bestand is in gebruik door een ander programma",
    errno.EIO: "de schijf gaf een leesfout of schrijffout",
}


def reason(error: OSError) -> str:
    """A short Dutch reason ("de schijf is vol"); unknown errors give their number for the helpdesk."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    if getattr(error, "winerror", None) == 32:  # Windows: the file is open in another program
        return "het bestand is geopend in een ander programma; sluit het en probeer opnieuw"
    return f"het besturingssysteem weigerde het (foutcode {error.errno})"
