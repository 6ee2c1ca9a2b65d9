"""Entry point of the sandboxed simulator process: job JSON on stdin, trace JSON on stdout."""
import json
import os
import sys


def main() -> None:
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    from kodefag.microbit.simulator.run import run_world

    result = run_world(job)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # do not wait for board threads a pupil's bare ``except:`` kept alive


if __name__ == "__main__":
    main()
