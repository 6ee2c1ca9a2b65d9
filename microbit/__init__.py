"""micro:bit lessons, .hex building, checking, simulation, flashing and grading (see README.md)."""


def load_ipython_extension(ipython):
    """``%load_ext kodefag.microbit`` works as well as ``%load_ext kodefag.microbit.magic``."""
    from kodefag.microbit.magic import load_ipython_extension as load

    load(ipython)
