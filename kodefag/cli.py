"""The `kodefag` command: one front door for every job.

Each component owns its command line in its own module; this file only maps
command names to those modules and imports the one a command needs, so that
`kodefag microbit ...` does not pay for importing JupyterHub and vice versa.

The front door itself uses the standard library only. A component's command
line is called as ``command(args, prog_name=...)``, which is how click's groups
are called; `kodefag microbit` is written with argparse instead, so that a
pupil's ``kodefag microbit build`` starts as fast as uflash's command line
(issue 14: importing click costs more than uflash's whole run).
"""
import functools
import importlib
import sys

from kodefag.environment import put_own_scripts_on_path

#: command name -> "module:attribute" of the component's command line
COMMANDS = {
    "demo": "kodefag.hub.demo:demo",
    "serve": "kodefag.hub.serve:serve",
    "worker": "kodefag.worker.cli:worker",
    "db": "kodefag.teacher_portal.cli:db",
    "curriculum": "kodefag.curriculum.cli:cli",
    "grade": "kodefag.grader.cli:cli",
    "microbit": "kodefag.microbit.cli:cli",
    "pgzero": "kodefag.games.cli:cli",
    "bench": "kodefag.benchmarks:bench",
    "roster": "kodefag.teacher_portal.roster_cli:cli",
    "privacy": "kodefag.teacher_portal.privacy_cli:cli",
    "prestart": "kodefag.teacher_portal.bell_cli:prestart",
    "bell": "kodefag.teacher_portal.bell_cli:bell",
    "backup": "kodefag.backup:cli",
    "proxy": "kodefag.hub.proxy:proxy",
    "k8s": "kodefag.hub.k8s:cli",
}


def load_command(target: str):
    """The object a "module:attribute" names, or None when its component is not built yet."""
    module_name, attribute = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            return None  # component not built yet
        raise
    return getattr(module, attribute)


def command(name: str):
    """The command line of the component `kodefag NAME` runs, or None (no such command, or not built yet).

    Called as ``command(name)(args, prog_name=...)``; tests hand a click group to click's CliRunner."""
    return load_command(COMMANDS[name]) if name in COMMANDS else None


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
            print(f"Error: {error}", file=sys.stderr)
            sys.exit(2)

    return wrapper


def _summary(command) -> str:
    """The first line of a command's help (click keeps it in ``help``, a plain function in its docstring)."""
    text = (getattr(command, "help", None) or command.__doc__ or "").strip()
    return text.splitlines()[0] if text else ""


def _usage() -> str:
    lines = ["Brug: kodefag KOMMANDO [ARGUMENTER]...", "", main.__doc__, "", "Kommandoer:"]
    for name in sorted(COMMANDS):
        component = command(name)
        if component is not None:
            lines.append(f"  {name:<12}{_summary(component)}")
    lines += ["", "Skriv 'kodefag KOMMANDO --help' for at se, hvad en kommando kan."]
    return "\n".join(lines)


def main(args=None):
    """kodefag - kodning som fag i folkeskolen (coding as a school subject)."""
    args = sys.argv[1:] if args is None else list(args)
    put_own_scripts_on_path()
    if not args or args[0] in ("-h", "--help"):
        print(_usage(), file=sys.stdout if args else sys.stderr)
        sys.exit(0 if args else 2)
    if args[0] == "--version":
        from importlib.metadata import version  # only here: it costs a new process ~10 ms

        print(f"kodefag, version {version('kodefag')}")
        sys.exit(0)
    component = command(args[0])
    if component is None:
        print(f"Kommandoen '{args[0]}' findes ikke. Skriv 'kodefag --help' for at se kommandoerne.", file=sys.stderr)
        sys.exit(2)
    component(args[1:], prog_name=f"kodefag {args[0]}")


if __name__ == "__main__":
    main()
