"""Secrets generated on first start and kept under var/secrets/ (never committed)."""
import secrets
from pathlib import Path


def secret(var_dir: Path, name: str, nbytes: int = 32) -> str:
    """Return the named secret, creating it (mode 0600) the first time."""
    folder = Path(var_dir) / "secrets"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / name
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(nbytes))
    return path.read_text().strip()
