"""The municipality tier without a cluster: KubeSpawner's pod manifest from our settings,
the chart values, and our own manifests against the Kubernetes API schemas.

The jupyterhub helm chart's values.schema.json ships only inside the chart (not on PyPI or
npm), so it is not checked here; the Kubernetes objects the values carry (network policy
egress rules, volumes) and our manifests are validated against the Kubernetes OpenAPI
schemas that the kubernetes-validate package ships. KubeSpawner needs a kube-config to
start; the one written here names a cluster that is never contacted.
"""
import asyncio
import os
import subprocess
import sys
import types

import kubernetes_validate
import pytest
import yaml
from kubernetes_asyncio.client import ApiClient
from kubernetes_asyncio.config import kube_config
from kubespawner import KubeSpawner
from traitlets.config import Config

from kodefag.hub import k8s
from kodefag.settings import Settings
from tests.event_loop import run_coroutine

KUBERNETES_VERSION = "1.31.0"
KUBECONFIG = """apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "https://127.0.0.1:6443"}}]
users: [{name: none, user: {token: never-used}}]
contexts: [{name: none, context: {cluster: none, user: none, namespace: kodefag}}]
current-context: none
"""


@pytest.fixture
def settings(tmp_path):
    return Settings(var_dir=tmp_path / "var", tier="municipality", pupil_memory_mib=768,
                    pupil_image="registry.example/kodefag/pupil:2026.12",
                    hub_database_url="postgresql+psycopg://kodefag@db/hub",
                    queue_url="redis://redis:6379/0")


@pytest.fixture
def pod(settings, tmp_path, monkeypatch):
    """The pod KubeSpawner would create for pupil elev5a01, as a plain dict."""
    (tmp_path / "kubeconfig").write_text(KUBECONFIG)
    monkeypatch.setattr(kube_config, "KUBE_CONFIG_DEFAULT_LOCATION", str(tmp_path / "kubeconfig"))
    config = Config()
    k8s.configure_kubespawner(config, settings)

    async def build():
        user = types.SimpleNamespace(name="elev5a01", id=7, url="/user/elev5a01/", escaped_name="elev5a01")
        spawner = KubeSpawner(config=config, user=user, _mock=True)  # KubeSpawner's own test hook
        spawner.api_token = "token-of-the-server"
        async with ApiClient() as client:
            return client.sanitize_for_serialization(await spawner.get_pod_manifest())

    return run_coroutine(build())


def test_kubespawner_builds_the_pupil_pod_from_our_settings(pod):
    container = pod["spec"]["containers"][0]
    assert container["image"] == "registry.example/kodefag/pupil:2026.12"
    assert container["args"] == ["jupyterhub-singleuser"]
    assert container["resources"]["limits"] == {"cpu": 1.0, "memory": 768 * 2**20}
    assert container["resources"]["requests"]["memory"] == 192 * 2**20
    env = {item["name"]: item["value"] for item in container["env"]}
    assert env["KODEFAG_PORTAL_URL"] == "http://kodefag-portal:10101/services/portal/"
    assert env["JUPYTER_CONFIG_PATH"] == "/opt/kodefag/hub/singleuser"
    assert env["JUPYTERHUB_USER"] == "elev5a01"
    assert pod["spec"]["volumes"] == [{"name": "home", "persistentVolumeClaim": {"claimName": "home-elev5a01"}}]
    assert {"name": "home", "mountPath": "/home/jovyan"} in container["volumeMounts"]
    # never root: a fixed non-root user, no privilege escalation, no capabilities, no API token
    security = container["securityContext"]
    assert security["runAsUser"] == 1000 and security["runAsGroup"] == 100
    assert security["runAsNonRoot"] is True and security["allowPrivilegeEscalation"] is False
    assert security["capabilities"] == {"drop": ["ALL"]}
    assert pod["spec"]["securityContext"]["fsGroup"] == 100
    assert pod["spec"]["automountServiceAccountToken"] is False
    assert pod["metadata"]["labels"]["kodefag/role"] == "pupil"


def test_the_pupil_pod_is_a_valid_kubernetes_pod(pod):
    kubernetes_validate.validate(pod, KUBERNETES_VERSION, strict=True)


def test_chart_values_follow_the_settings(settings):
    values = k8s.chart_values(settings)
    assert values["hub"]["db"] == {"type": "postgres", "url": "postgresql+psycopg://kodefag@db/hub"}
    assert "configure_municipality(c, get_settings())" in values["hub"]["extraConfig"]["kodefag"]
    single = values["singleuser"]
    assert single["image"] == {"name": "registry.example/kodefag/pupil", "tag": "2026.12"}
    assert single["memory"]["limit"] == "768M" and single["uid"] == 1000
    assert values["cull"] == {"enabled": True, "timeout": 1800, "every": 60, "users": False}
    # pupils' pods: no internet, no private network, only DNS, the portal and the proxy (and the hub)
    rules = single["networkPolicy"]["egressAllowRules"]
    assert {name for name, allowed in rules.items() if allowed} == {"dnsPortsKubeSystemNamespace"}
    targets = [rule["to"][0]["podSelector"]["matchLabels"] for rule in single["networkPolicy"]["egress"]]
    assert targets == [{"app.kubernetes.io/name": "kodefag-portal"}, {"component": "proxy"}]


def test_kubernetes_objects_inside_the_values_are_valid(settings):
    """The chart copies these into its NetworkPolicy and the hub's pod spec as they are."""
    values = k8s.chart_values(settings)
    policy = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "singleuser"},
              "spec": {"podSelector": {"matchLabels": {"component": "singleuser-server"}},
                       "policyTypes": ["Egress"], "egress": values["singleuser"]["networkPolicy"]["egress"]}}
    kubernetes_validate.validate(policy, KUBERNETES_VERSION, strict=True)
    hub_pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "hub"},
               "spec": {"volumes": values["hub"]["extraVolumes"],
                        "containers": [{"name": "hub", "image": "x", "volumeMounts": values["hub"]["extraVolumeMounts"]}]}}
    kubernetes_validate.validate(hub_pod, KUBERNETES_VERSION, strict=True)


def test_portal_worker_and_bell_manifests_are_valid(settings):
    objects = k8s.manifests(settings)
    kinds = [(o["kind"], o["metadata"]["name"]) for o in objects]
    assert ("Deployment", "kodefag-portal") in kinds and ("Deployment", "kodefag-worker") in kinds
    for item in objects:
        if item["apiVersion"].startswith("keda.sh"):
            continue  # a KEDA custom resource: no schema ships with kubernetes-validate
        kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)
    scaler = next(o for o in objects if o["kind"] == "ScaledObject")
    assert scaler["spec"]["scaleTargetRef"]["name"] == "kodefag-worker"


def test_values_command_needs_postgresql_and_writes_yaml(settings, tmp_path):
    env = dict(os.environ, **{k: v for k, v in settings.as_environment().items()})
    written = subprocess.run([sys.executable, "-m", "kodefag.cli", "k8s", "values"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert written.returncode == 0, written.stderr
    assert yaml.safe_load(written.stdout) == k8s.chart_values(settings)
    env["KODEFAG_HUB_DATABASE_URL"] = f"sqlite:///{tmp_path}/hub.sqlite"
    refused = subprocess.run([sys.executable, "-m", "kodefag.cli", "k8s", "values"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "PostgreSQL" in refused.stderr
