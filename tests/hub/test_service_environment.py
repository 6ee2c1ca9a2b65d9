"""What the hub hands the services it starts (portal, grading workers)."""
from kodefag.hub.config import service_environment
from kodefag.settings import Settings


def test_services_get_the_settings_but_not_the_hubs_own_secrets(tmp_path):
    settings = Settings(var_dir=tmp_path, unilogin_client_secret="hemmelig", queue_url="redis://127.0.0.1:6379/3")
    env = service_environment(settings)
    assert env["KODEFAG_QUEUE_URL"] == "redis://127.0.0.1:6379/3" and env["KODEFAG_VAR_DIR"] == str(tmp_path)
    assert "hemmelig" not in env.values()
