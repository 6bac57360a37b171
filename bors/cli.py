"""``bors``: the one command tree of Frivilligbørs.

    bors hub      run the hub on the organiser's laptop
      pair-code     print a one-time pairing code for a tablet
      set-password  set the organiser's password
      import        import the actor sheet (CSV, xlsx)
      backup        copy the whole hub into one file (the move to the venue's laptop)
      restore       put a backup file back into a data folder, checked
      export-person print everything kept about one participant (JSON)
      erase         erase one participant for good
      new-evening   close the evening into the archive, start the next
    bors kiosk    run a kiosk on a broker's tablet
      pair          pair this tablet with the hub
      set-pin       set the broker lock's PIN
      forget        forget every participant's profile on this tablet
    bors demo     a whole demo evening on this machine

This module only parses the command line: the work is in :mod:`bors.serve` (the hub and kiosk
servers), :mod:`bors.access` (pairing and secrets) and :mod:`bors.demo`. Every command returns
its exit code: 0, 1 when pairing fails, 2 for a refused secret or a usage error, and
``EXIT_DAMAGED`` (3) when a kiosk's database fails its integrity check.

Environment (trials and tests): BORS_CLOCK_SKEW_SECONDS=-600 makes a kiosk stamp its events as a
tablet whose clock is ten minutes slow; BORS_SQLITE_LOCK_TIMEOUT (seconds, default 10) is how
long a write waits for a database another program holds before the hub answers 503.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NoReturn

import click
from click.core import ParameterSource

from bors import access, demo, serve
from bors.serve import EXIT_DAMAGED

__all__ = ["EXIT_DAMAGED", "cli", "main"]

FOLDER = click.Path(file_okay=False, path_type=Path)
SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Tree(click.Group):
    """A group whose help lists every command below it, one line each, in the order written."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The whole first sentence of each, wrapped rather than cut off on a narrow terminal.
        rows = [(path, command.get_short_help_str(limit=200)) for path, command in self.walk(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def walk(self, ctx: click.Context, prefix: str = ""):
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            yield prefix + name, command
            if isinstance(command, Tree):
                yield from command.walk(ctx, f"{prefix}{name} ")


@click.group(cls=Tree, context_settings=SETTINGS)
def cli() -> None:
    """Run a hub, a kiosk, or a whole demo evening."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")


@cli.result_callback()
def exit_with(code: int | None) -> None:
    click.get_current_context().exit(code or 0)


def run_or_pass_to_subcommand(ctx: click.Context, data: Path | None) -> bool:
    """True when ``bors hub``/``bors kiosk`` itself should run, not one of its subcommands.

    The group's own options are the server's, so they mean nothing before a subcommand: refuse
    them there rather than ignore them.
    """
    if ctx.invoked_subcommand is None:
        if data is None:
            raise click.UsageError("Missing option '--data'.", ctx)
        return True
    for name, value in ctx.params.items():
        if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT:
            shown = name.replace("_", "-")
            raise click.UsageError(
                f"--{shown} ({value}) is for running {ctx.info_name}; "
                f"give {ctx.invoked_subcommand}'s options after it.",
                ctx,
            )
    return False


# --- bors hub ------------------------------------------------------------------------------------


@cli.group(cls=Tree, invoke_without_command=True, subcommand_metavar="[COMMAND [ARGS]...]")
@click.option("--data", type=FOLDER, help="Folder for the hub's database (needed to run it).")
@click.option("--port", type=int, default=8400, show_default=True, help="Port to listen on.")
@click.option(
    "--host", default="0.0.0.0", show_default=True, help="Address to listen on; 0.0.0.0 is all."
)
@click.option("--threads", type=int, default=16, show_default=True, help="Waitress threads.")
@click.option("--no-advertise", is_flag=True, help="Do not announce the hub by zeroconf.")
@click.option(
    "--allow-remote-admin",
    is_flag=True,
    help="Open the login and the organiser pages to other machines (off: laptop only).",
)
@click.option(
    "--public-host",
    metavar="NAME",
    help="Served on the internet as NAME behind an HTTPS proxy (deploy/caddy): trust its "
    "headers, secure cookies, refuse other host names.",
)
@click.option(
    "--backup-to",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write an encrypted backup into this folder (a USB stick, another disk) while it runs.",
)
@click.option(
    "--backup-every",
    type=click.FloatRange(min=0.01),
    default=5.0,
    show_default=True,
    metavar="MINUTES",
    help="Minutes between backups, fractions allowed (only when something changed).",
)
@click.option(
    "--backup-keep",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    help="How many backups to keep in --backup-to.",
)
@click.pass_context
def hub(ctx, data, port, host, threads, no_advertise, allow_remote_admin, public_host, **backup):
    """Run the hub on the organiser's laptop.

    Prints "hub ready: http://HOST:PORT/" once it serves; stops on Ctrl-C or SIGTERM. With a
    command (pair-code, set-password), runs that instead.

    \b
    Mail goes through the SMTP server set on /mail/settings, or from the
    environment: BORS_SMTP_HOST, BORS_SMTP_PORT, BORS_SMTP_TLS (none |
    starttls | tls), BORS_SMTP_USER, BORS_SMTP_PASSWORD, BORS_SMTP_FROM
    (docs/mail.md).
    """
    if run_or_pass_to_subcommand(ctx, data):
        from hub.folder import FolderInUse, FolderLock

        try:
            lock = FolderLock(data).acquire()  # import and restore refuse while it is held
        except FolderInUse as in_use:
            click.echo(f"{in_use}: one hub per data folder", err=True)
            return 2
        try:
            return serve.run_hub(
                data,
                port,
                host,
                threads,
                not no_advertise,
                allow_remote_admin,
                public_host,
                backups=_backups(**backup),
            )
        finally:
            lock.release()
    return None


def _backups(backup_to, backup_every, backup_keep) -> tuple | None:
    return None if backup_to is None else (backup_to, backup_every, backup_keep)


@hub.command("pair-code")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.option("--ttl", type=float, default=300.0, show_default=True, help="Seconds it is valid.")
@click.option("--hub", "hub_url", help="The hub's LAN URL, put into the QR code.")
def pair_code(data, ttl, hub_url) -> int:
    """Print a one-time code, and its QR, to pair a tablet."""
    return access.print_pair_code(data, ttl, hub_url)


@hub.command("set-password")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.option("--password-stdin", is_flag=True, help="Read the password from one line of stdin.")
def set_password(data, password_stdin) -> int:
    """Set the organiser's password for the admin pages."""
    return access.set_password(data, access.read_secret(password_stdin, "Organiser password: "))


@hub.command("import")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be stored; store nothing.")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Map a column (its header) to a field: name, orgnr, sector, contact_person, email, "
    "phone, needs, offers, need_category, offer_category, consent, show_public, or ignore.",
)
def import_sheet(data, file, dry_run, maps) -> int:
    """Import the actor sheet (CSV or xlsx) into the register.

    Reads the organiser's own sheet or a form service's export (Nettskjema, Microsoft Forms,
    Google Forms). Guesses the columns from Norwegian and English headers, prints the mapping
    and one line per row (stored, duplicate of, refused and why). A row whose consent column
    says yes is a sign-up, any other an invitee; a row like someone in the register is not
    stored again.
    Exits 1 when a row was refused (the good rows are stored), 2 when nothing could be imported
    (unreadable file, a needed column not mapped, a hub running on the folder).
    """
    from hub.imports.command import run_import

    return run_import(data, file, dry_run, maps, click.echo)


@hub.command("backup")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.option(
    "--to", "to", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file."
)
def backup(data, to) -> int:
    """Copy the whole hub into one file, to move it elsewhere.

    The log, the contact vault and its keys, the secrets, the logos and the mail: everything in
    the data folder. Works while the hub runs. The file is read back and checked; it prints the
    counts and the log digest that the restore checks against.
    """
    from hub.backup.command import run_backup

    return run_backup(data, to, click.echo)


@hub.command("restore")
@click.option("--data", type=FOLDER, required=True, help="The data folder to restore into.")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--replace", is_flag=True, help="Even if the folder holds newer events (kept aside).")
def restore(data, file, replace) -> int:
    """Restore a backup into a data folder, checked.

    Counts and the log digest must be those of the backup. What the folder held before is kept
    aside beside it, never deleted; a folder holding events the backup lacks is refused unless
    --replace. Refused while a hub runs on the folder. Exits 2 when refused, nothing changed.
    """
    from hub.backup.command import run_restore

    return run_restore(data, file, replace, click.echo)


@hub.command("recover")
@click.option("--data", type=FOLDER, required=True, help="An empty folder on this (spare) laptop.")
@click.option(
    "--backup",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    required=True,
    help="The last backup of the hub that died (encrypted: its key in BORS_BACKUP_KEY).",
)
@click.option("--port", type=int, default=8400, show_default=True, help="Port to listen on.")
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--threads", type=int, default=16, show_default=True, help="Waitress threads.")
@click.option("--no-advertise", is_flag=True, help="Do not announce the hub by zeroconf.")
@click.option(
    "--backup-to",
    type=click.Path(file_okay=False, path_type=Path),
    help="Go on backing up into this folder, as bors hub --backup-to.",
)
def recover(data, backup, port, host, threads, no_advertise, backup_to) -> int:
    """Make this laptop the hub of a running evening: the spare.

    Restores the backup (settings, devices, contact keys, the hub's identity), then serves as
    that same hub: tablets follow it without pairing again, push what it lacks of their own
    journals and relay every other device's event they hold, checked by its signature. Prints
    what it has recovered as tablets arrive. Exits 2 when refused, nothing changed.
    """
    from hub.recovery.command import run_recover

    def serve_hub() -> int:
        return serve.run_hub(
            data,
            port,
            host,
            threads,
            not no_advertise,
            False,
            backups=_backups(backup_to, 5.0, 12),
            recovering=True,
        )

    return run_recover(data, backup, serve_hub, click.echo)


@hub.command("export-person")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@click.argument("participant_id")
def export_person(data, out, participant_id) -> int:
    """Print all the hub holds about one participant (JSON)."""
    from hub.privacy import offline

    return offline.export_person(data, participant_id, out)


@hub.command("erase")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.option("--why", type=click.Choice(["request", "organiser"]), default="request")
@click.argument("participant_id")
def erase(data, why, participant_id) -> int:
    """Erase one participant for good (with the hub stopped)."""
    from hub.privacy import offline

    return offline.erase(data, participant_id, why)


@hub.command("new-evening")
@click.option("--data", type=FOLDER, required=True, help="The hub's data folder.")
@click.option("--date", "next_date", default="", help="The next evening's date (YYYY-MM-DD).")
def new_evening(data, next_date) -> int:
    """Archive this evening and start the next (hub stopped).

    Kept read-only in DATA/evenings/<id>/ (report: /report?evening=<id>); the next has no deals
    but the register within consent (as invitees), vault, devices, records. Exits 2 if refused."""
    from hub.evenings.command import run_new_evening

    return run_new_evening(data, next_date, click.echo)


# --- bors kiosk ----------------------------------------------------------------------------------


@cli.group(cls=Tree, invoke_without_command=True, subcommand_metavar="[COMMAND [ARGS]...]")
@click.option("--data", type=FOLDER, help="Folder for this tablet's database (needed to run it).")
@click.option("--port", type=int, default=8500, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--hub", "hub_url", help="The hub's URL; without it the hub is found by zeroconf.")
@click.option("--lan-address", help="This tablet's LAN address, for zeroconf.")
@click.option("--name", help='A name for this tablet, e.g. "Nettbrett 3".')
@click.option("--threads", type=int, default=8, show_default=True, help="Waitress threads.")
@click.option(
    "--lock-after",
    type=float,
    default=180.0,
    show_default=True,
    help="Idle seconds before the PIN screen.",
)
@click.pass_context
def kiosk(ctx, data, port, host, hub_url, lan_address, name, threads, lock_after) -> int | None:
    """Run a kiosk on a broker's tablet.

    Prints "kiosk ready: http://HOST:PORT/" once it serves; stops on Ctrl-C or SIGTERM. Exits 3
    without serving when the tablet's database is damaged. With a command (pair, set-pin), runs
    that instead.
    """
    if run_or_pass_to_subcommand(ctx, data):
        return serve.run_kiosk(data, port, host, hub_url, lan_address, name, threads, lock_after)
    return None


@kiosk.command("pair")
@click.option("--data", type=FOLDER, required=True, help="This tablet's data folder.")
@click.option("--hub", "hub_url", required=True, help="The hub's URL.")
@click.option("--code", required=True, help="The code the hub shows.")
@click.option("--fingerprint", help="The hub's key fingerprint, to check it.")
@click.option("--name", help='A name for this tablet, e.g. "Nettbrett 3".')
@click.option("--pin", help="A PIN for the broker lock (4-12 digits).")
def pair(data, hub_url, code, fingerprint, name, pin) -> int:
    """Pair this tablet with the hub by the code it shows."""
    return access.pair_tablet(data, hub_url, code, fingerprint, name, pin)


@kiosk.command("set-pin")
@click.option("--data", type=FOLDER, required=True, help="This tablet's data folder.")
@click.option("--pin-stdin", is_flag=True, help="Read the PIN from one line of stdin.")
def set_pin(data, pin_stdin) -> int:
    """Set the PIN that unlocks the broker's screen."""
    return access.set_pin(data, access.read_secret(pin_stdin, "Broker PIN: "))


@kiosk.command("forget")
@click.option("--data", type=FOLDER, required=True, help="This tablet's data folder.")
@click.option("--force", is_flag=True, help="Even with events the hub has not acknowledged.")
def forget(data, force) -> int:
    """Forget every participant's profile on this tablet."""
    from kiosk.privacy import forget_offline

    return forget_offline(data, force)


# --- bors demo -----------------------------------------------------------------------------------


@cli.command("demo")
@click.option("--data", type=FOLDER, help="Folder for the demo's data (default: a temporary one).")
@click.option("--port", type=int, default=8400, show_default=True, help="The hub's; kiosks follow.")
def demo_evening(data, port) -> int:
    """Run a demo evening here: a hub, two kiosks, a screen.

    Prints the URLs to open, then runs until Ctrl-C or SIGTERM.
    """
    return demo.run(data, port)


def main(argv: list[str] | None = None) -> NoReturn:
    """The ``bors`` program: runs the command ``argv`` names and exits with its code."""
    cli.main(args=argv, prog_name="bors")


if __name__ == "__main__":
    main()
