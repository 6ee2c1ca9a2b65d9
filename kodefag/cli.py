"""The `kodefag` command: one front door for every job.

Each component owns its own click group in its own module; this file only
maps command names to those modules and imports them lazily, so that
`kodefag microbit ...` does not pay for importing JupyterHub and vice versa.
"""
import functools
import importlib
import sys

import click

from kodefag.environment import put_own_scripts_on_path

#: command name -> "module:attribute" of a click command or group
COMMANDS = {
    "demo": "kodefag.hub.demo:demo",
    "serve": "kodefag.hub.serve:serve",
    "worker": "kodefag.worker.cli:worker",
    "db": "kodefag.teacher_portal.cli:db",
    "curriculum": "kodefag.curriculum.cli:cli",
    "grade": "kodefag.grader.cli:cli",
    "microbit": "kodefag.microbit.cli:cli",
    "pgzero": "kodefag.games.cli:cli",
    "bench": "kodefag.cli:bench",
    "roster": "kodefag.teacher_portal.roster_cli:cli",
    "privacy": "kodefag.teacher_portal.privacy_cli:cli",
    "prestart": "kodefag.teacher_portal.bell_cli:prestart",
    "bell": "kodefag.teacher_portal.bell_cli:bell",
    "backup": "kodefag.backup:cli",
    "proxy": "kodefag.hub.proxy:proxy",
    "k8s": "kodefag.hub.k8s:cli",
}

#: benchmark name -> "module:attribute"; each writes its section of docs/performance.md
BENCHMARKS = {
    "grading": "kodefag.grader.bench:bench",
    "microbit": "kodefag.microbit.bench:bench",
    "pgzero": "kodefag.games.bench:bench",
    "portal": "kodefag.teacher_portal.bench:bench",
    "hub": "kodefag.hub.bench:bench",
    "pupil": "kodefag.hub.bench_pupil:bench",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when used."""

    def __init__(self, *args, lazy_commands=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_commands))

    def get_command(self, ctx, name):
        if name in self.lazy_commands:
            module_name, attribute = self.lazy_commands[name].split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name and module_name.startswith(error.name):
                    return None  # component not built yet
                raise
            return getattr(module, attribute)
        return super().get_command(ctx, name)


def refuses_without_sandbox(command):
    """A command that runs pupil code stops with a clear message (exit 2) when bubblewrap is missing.

    Grading without the sandbox is never an option; the operator gets the one
    thing to fix instead of a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        # imported when a command runs pupil code, so that `kodefag microbit build` starts fast
        from kodefag.sandbox import SandboxUnavailable

        try:
            return command(*args, **kwargs)
        except SandboxUnavailable as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)

    return wrapper


@click.group(cls=LazyGroup, lazy_commands=BENCHMARKS)
def bench():
    """Benchmarks; results go to docs/performance.md with machine and date."""


@click.group(cls=LazyGroup, lazy_commands=COMMANDS)
@click.version_option(package_name="kodefag")
def main():
    """kodefag - kodning som fag i folkeskolen (coding as a school subject)."""
    put_own_scripts_on_path()


if __name__ == "__main__":
    main()
