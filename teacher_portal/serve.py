"""Run the portal with waitress; started by JupyterHub as a managed service."""
import logging

import waitress

from kodefag.settings import get_settings

from .app import wsgi_app
from .db import upgrade


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s portal %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    upgrade(settings.database_url)
    waitress.serve(wsgi_app(settings), host="127.0.0.1", port=settings.portal_port, threads=8,
                   ident="kodefag-portal")


if __name__ == "__main__":
    main()
