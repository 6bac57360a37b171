"""``bors`` is one command tree: its help names every command, and each command explains itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bors.cli import cli
from tests.support.processes import ROOT

COMMANDS = {
    "hub": [
        "--data",
        "--port",
        "--host",
        "--threads",
        "--no-advertise",
        "--allow-remote-admin",
        "--backup-to",
        "--backup-every",
        "--backup-keep",
    ],
    "hub pair-code": ["--data", "--ttl", "--hub"],
    "hub set-password": ["--data", "--password-stdin"],
    "hub import": ["--data", "--dry-run", "--map"],
    "hub backup": ["--data", "--to"],
    "hub restore": ["--data", "--replace"],
    "hub recover": ["--data", "--backup", "--port", "--no-advertise", "--backup-to"],
    "hub export-person": ["--data", "--out"],
    "hub erase": ["--data", "--why"],
    "hub new-evening": ["--data", "--date"],
    "kiosk": [
        "--data",
        "--port",
        "--host",
        "--hub",
        "--lan-address",
        "--name",
        "--threads",
        "--lock-after",
    ],
    "kiosk pair": ["--data", "--hub", "--code", "--fingerprint", "--name", "--pin"],
    "kiosk set-pin": ["--data", "--pin-stdin"],
    "kiosk forget": ["--data", "--force"],
    "demo": ["--data", "--port"],
}


def listed_commands(help_text: str) -> dict[str, str]:
    """The ``Commands:`` section of a help text, as {command: its one line of help}."""
    section = help_text.split("Commands:\n", 1)[1]
    listed = {}
    for line in section.splitlines():
        name, _, text = line.strip().partition("  ")
        if name:
            listed[name] = text.strip()
    return listed


def bors(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bors")


def test_the_top_help_lists_every_command_of_the_tree_with_one_line_each():
    shown = bors("--help")
    assert shown.exit_code == 0, shown.output
    listed = listed_commands(shown.output)
    assert list(listed) == list(COMMANDS)
    assert all(text.endswith(".") for text in listed.values()), listed


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_explains_its_own_options(command):
    shown = bors(*command.split(), "--help")
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(f"Usage: bors {command} [OPTIONS]")
    for option in COMMANDS[command]:
        assert f"  {option} " in shown.output, (command, option)


@pytest.mark.parametrize(
    ("command", "default"),
    [("hub", "[default: 8400]"), ("kiosk", "[default: 8500]"), ("demo", "[default: 8400]")],
)
def test_the_help_shows_the_default_ports(command, default):
    assert default in bors(command, "--help").output


def test_running_the_hub_without_a_data_folder_is_a_usage_error():
    refused = bors("hub", "--port", "0")
    assert refused.exit_code == 2
    assert "Missing option '--data'" in refused.output


def test_server_options_before_a_subcommand_are_refused_not_ignored(tmp_path):
    refused = bors("hub", "--port", "9000", "pair-code", "--data", str(tmp_path))
    assert refused.exit_code == 2
    assert "--port" in refused.output and "pair-code" in refused.output
    assert not list(tmp_path.iterdir())  # nothing was made


def test_a_subcommand_exits_with_its_own_code(tmp_path):
    set_pin = ["kiosk", "set-pin", "--data", str(tmp_path), "--pin-stdin"]
    too_short = CliRunner().invoke(cli, set_pin, input="12\n")
    assert too_short.exit_code == 2, too_short.output
    accepted = CliRunner().invoke(cli, set_pin, input="4711\n")
    assert accepted.exit_code == 0, accepted.output
    assert "PIN set" in accepted.output


def test_the_installed_program_prints_the_same_tree():
    program = Path(sys.executable).with_name("bors")
    shown = subprocess.run(
        [str(program), "--help"],
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "100"},  # one line per command, whatever runs the tests
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Usage: bors [OPTIONS] COMMAND [ARGS]...")
    assert list(listed_commands(shown.stdout)) == list(COMMANDS)
