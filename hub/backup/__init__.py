"""The move: the whole hub (its data folder: the log, the contact vault and its keys, the
secrets, the logos, the mail room's store) in one file, and back into a folder, checked.

    bors hub backup --data DIR --to FILE     (also while the hub runs: SQLite's online backup)
    bors hub restore --data DIR FILE         (refused while a hub runs on DIR)

Layers, so that issue 17 can add encryption and periodic backups without changing the rest:

* :mod:`hub.backup.contents`: which files of a folder belong in a backup, and a consistent
  copy of them (SQLite databases through the online-backup API, other files as they are);
* :mod:`hub.backup.inventory`: what "nothing lost" is checked against: counts (events, events
  by type, participants, deals, contact keys, files) and a digest of the log that does not
  depend on how SQLite numbered its rows;
* :mod:`hub.backup.archive`: one file = a header line naming the format and its *wrapping*,
  then a gzipped tar with a manifest (inventory and each file's SHA-256) and the files. The
  wrapping is ``plain`` today; an encrypted one is a new :class:`~hub.backup.archive.Wrapping`
  registered in ``WRAPPINGS``. :func:`~hub.backup.archive.write_backup` is the one call a
  periodic backup makes;
* :mod:`hub.backup.command`: the two commands, their report and exit codes;
* :mod:`hub.backup.sealed` (issue 17): the encrypted wrapping and the hub's backup key;
* :mod:`hub.backup.periodic` (issue 17): ``bors hub --backup-to DIR``, a backup every few
  minutes into a second place, the last few kept, and what the organiser is shown of it.
"""

from hub.backup import sealed as _sealed  # noqa: F401 - registers the sealed wrapping
