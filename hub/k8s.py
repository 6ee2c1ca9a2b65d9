"""The municipality tier: Zero to JupyterHub (the jupyterhub helm chart) with KubeSpawner.

Nothing here replaces the chart. ``kodefag k8s values`` writes the chart's values
from our settings; the chart's hub runs our image, whose ``hub.extraConfig`` calls
:func:`configure_municipality` - the same settings then shape each pupil's pod
through :func:`pupil_pod` (image, limits, home volume, environment, non-root
security context). ``kodefag k8s manifests`` writes what the chart does not
cover: the portal and grading-worker Deployments, the bell, and a KEDA
ScaledObject that scales the workers on the grading queue.
"""
import sys

import click
import yaml

from kodefag.settings import Settings, get_settings

from kodefag.secrets import secret
from kodefag.teacher_portal.hub_sync import TOKEN_SECRET as PORTAL_TOKEN_SECRET

from .config import PORTAL_SCOPES, SERVER_TOKEN_SCOPES, configure_identity

#: the chart version the values are written for (helm install --version ...)
CHART_VERSION = "4.2.0"
PUPIL_UID = 1000
PUPIL_GID = 100
HOME = "/home/jovyan"
PORTAL_SERVICE = "kodefag-portal"
HUB_VAR_DIR = "/srv/kodefag"
APP_VAR_DIR = "/var/lib/kodefag"
#: where the pupil image installs the repository (deploy/pupil.Dockerfile)
IMAGE_REPO_DIR = "/opt/kodefag"
LABELS = {"app.kubernetes.io/part-of": "kodefag"}


def portal_url(settings: Settings) -> str:
    return f"http://{PORTAL_SERVICE}:{settings.portal_port}"


def pupil_environment(settings: Settings) -> dict[str, str]:
    return {
        "KODEFAG_PORTAL_URL": portal_url(settings) + settings.portal_prefix,
        "JUPYTER_CONFIG_PATH": f"{IMAGE_REPO_DIR}/hub/singleuser",
        "JUPYTER_PATH": f"{IMAGE_REPO_DIR}/hub/singleuser/data",
        "LANG": "da_DK.UTF-8",
    }


def pupil_pod(settings: Settings) -> dict:
    """KubeSpawner traits for a pupil's pod: the one place the pod's shape is decided."""
    image, tag = settings.pupil_image.rsplit(":", 1)
    return {
        "image": f"{image}:{tag}",
        "cmd": ["jupyterhub-singleuser"],
        "default_url": "/lab",
        "mem_limit": f"{settings.pupil_memory_mib}M",
        "mem_guarantee": f"{max(settings.pupil_memory_mib // 4, 64)}M",
        "cpu_limit": settings.pupil_cpu_cores,
        "cpu_guarantee": 0.05,
        "uid": PUPIL_UID,
        "gid": PUPIL_GID,
        "fs_gid": PUPIL_GID,
        "allow_privilege_escalation": False,
        "container_security_context": {"runAsNonRoot": True, "readOnlyRootFilesystem": False,
                                       "capabilities": {"drop": ["ALL"]},
                                       "seccompProfile": {"type": "RuntimeDefault"}},
        "storage_pvc_ensure": True,
        "storage_capacity": "1Gi",
        "pvc_name_template": "home-{username}",
        "volumes": [{"name": "home", "persistentVolumeClaim": {"claimName": "home-{username}"}}],
        "volume_mounts": [{"name": "home", "mountPath": HOME}],
        "environment": pupil_environment(settings),
        "extra_labels": {**LABELS, "kodefag/role": "pupil"},
        "automount_service_account_token": False,
        "start_timeout": 300,
    }


def configure_kubespawner(c, settings: Settings) -> None:
    """KubeSpawner with our pupil pod (called by configure_municipality, and by the tests)."""
    c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"
    for name, value in pupil_pod(settings).items():
        setattr(c.KubeSpawner, name, value)
    c.KubeSpawner.server_token_scopes = SERVER_TOKEN_SCOPES


def configure_municipality(c, settings: Settings) -> None:
    """``hub.extraConfig`` inside the chart, which owns addresses, database, proxy and culler.

    The portal runs as its own Deployment (an external hub service defined in the values);
    its hub token is the mounted ``kodefag-secrets`` Secret, as on a school server.
    """
    configure_identity(c, settings)
    configure_kubespawner(c, settings)
    for service in c.JupyterHub.services:
        if service.get("name") == "portal":
            service["api_token"] = secret(settings.var_dir, PORTAL_TOKEN_SECRET)


def chart_values(settings: Settings) -> dict:
    """Values for the jupyterhub chart (version CHART_VERSION) from our settings."""
    pod = pupil_pod(settings)
    image, tag = pod["image"].rsplit(":", 1)
    app_image, app_tag = settings.app_image.rsplit(":", 1)
    return {
        "hub": {
            "image": {"name": app_image, "tag": app_tag},
            "db": {"type": "postgres", "url": settings.hub_database_url},
            "extraEnv": {"KODEFAG_TIER": "municipality", "KODEFAG_VAR_DIR": HUB_VAR_DIR,
                         "KODEFAG_DATABASE_URL": {"valueFrom": {"secretKeyRef": {
                             "name": "kodefag", "key": "KODEFAG_DATABASE_URL"}}}},
            # the generated secrets (portal token, cookie secret) as files, as on a school server
            "extraVolumes": [{"name": "kodefag-secrets", "secret": {"secretName": "kodefag-secrets"}},
                             {"name": "kodefag-var", "emptyDir": {}}],
            "extraVolumeMounts": [{"name": "kodefag-var", "mountPath": HUB_VAR_DIR},
                                  {"name": "kodefag-secrets", "mountPath": f"{HUB_VAR_DIR}/secrets",
                                   "readOnly": True}],
            "extraConfig": {"kodefag": "from kodefag.hub.k8s import configure_municipality\n"
                                       "from kodefag.settings import get_settings\n"
                                       "configure_municipality(c, get_settings())\n"},
            "services": {"portal": {"url": portal_url(settings), "display": True, "oauth_no_confirm": True}},
            "loadRoles": {"portal-service": {"scopes": PORTAL_SCOPES, "services": ["portal"]}},
            "networkPolicy": {"enabled": True},
        },
        "proxy": {"service": {"type": "ClusterIP"}, "chp": {"networkPolicy": {"enabled": True}}},
        "singleuser": {
            "image": {"name": image, "tag": tag},
            "uid": pod["uid"],
            "fsGid": pod["fs_gid"],
            "memory": {"limit": pod["mem_limit"], "guarantee": pod["mem_guarantee"]},
            "cpu": {"limit": pod["cpu_limit"], "guarantee": pod["cpu_guarantee"]},
            "storage": {"type": "dynamic", "capacity": pod["storage_capacity"], "homeMountPath": HOME},
            "extraEnv": pod["environment"],
            "defaultUrl": pod["default_url"],
            "startTimeout": pod["start_timeout"],
            "networkPolicy": {
                # pupils' pods reach the hub (the chart allows that itself), the proxy and the
                # portal, and DNS; nothing else: no internet, no other pupil, no database
                "enabled": True,
                "egressAllowRules": {"cloudMetadataServer": False, "dnsPortsCloudMetadataServer": False,
                                     "dnsPortsKubeSystemNamespace": True, "dnsPortsPrivateIPs": False,
                                     "nonPrivateIPs": False, "privateIPs": False},
                "egress": [
                    {"to": [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": PORTAL_SERVICE}}}],
                     "ports": [{"port": settings.portal_port, "protocol": "TCP"}]},
                    {"to": [{"podSelector": {"matchLabels": {"component": "proxy"}}}],
                     "ports": [{"port": 8000, "protocol": "TCP"}]},
                ],
            },
        },
        # the chart's own jupyterhub-idle-culler; the bell Deployment keeps classes in their lesson active
        "cull": {"enabled": True, "timeout": settings.idle_timeout, "every": 60, "users": False},
    }


def _deployment(name: str, settings: Settings, command: list[str], replicas: int, port: int | None = None) -> dict:
    labels = {**LABELS, "app.kubernetes.io/name": name}
    container = {
        "name": name,
        "image": settings.app_image,
        "command": command,
        # KODEFAG_DATABASE_URL, KODEFAG_QUEUE_URL (redis://...) and the like
        "envFrom": [{"secretRef": {"name": "kodefag"}}],
        "env": [{"name": "KODEFAG_TIER", "value": "municipality"},
                {"name": "KODEFAG_VAR_DIR", "value": APP_VAR_DIR}],
        "securityContext": {"runAsNonRoot": True, "runAsUser": 1001, "allowPrivilegeEscalation": False},
        "volumeMounts": [{"name": "shared", "mountPath": APP_VAR_DIR},
                         {"name": "kodefag-secrets", "mountPath": f"{APP_VAR_DIR}/secrets", "readOnly": True}],
        "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "1Gi"}},
    }
    if port:
        container["ports"] = [{"containerPort": port, "name": "http"}]
        container["readinessProbe"] = {"httpGet": {"path": f"{settings.portal_prefix}healthz", "port": port}}
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": labels},
        "spec": {"replicas": replicas, "selector": {"matchLabels": labels},
                 "template": {"metadata": {"labels": labels}, "spec": {
                     "containers": [container],
                     # course folders and hand-ins: one ReadWriteMany volume for portal and workers
                     "volumes": [{"name": "shared", "persistentVolumeClaim": {"claimName": "kodefag-shared"}},
                                 {"name": "kodefag-secrets", "secret": {"secretName": "kodefag-secrets"}}]}}},
    }


def manifests(settings: Settings) -> list[dict]:
    """Portal, workers, bell (Deployments), the portal's Service, and the workers' KEDA ScaledObject."""
    portal = _deployment(PORTAL_SERVICE, settings, ["python", "-m", "kodefag.teacher_portal.serve"], 2,
                         settings.portal_port)
    # the workers' sandbox (bubblewrap) needs unprivileged user namespaces on the nodes
    worker = _deployment("kodefag-worker", settings, ["kodefag", "worker", "--workers", "2"], 1)
    bell = _deployment("kodefag-bell", settings, ["kodefag", "bell", "--every", "30"], 1)
    service = {"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": PORTAL_SERVICE, "labels": LABELS},
               "spec": {"selector": {"app.kubernetes.io/name": PORTAL_SERVICE},
                        "ports": [{"port": settings.portal_port, "targetPort": "http"}]}}
    shared = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
              "metadata": {"name": "kodefag-shared", "labels": LABELS},
              "spec": {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "50Gi"}}}}
    scaler = {
        "apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
        "metadata": {"name": "kodefag-worker", "labels": LABELS},
        "spec": {
            "scaleTargetRef": {"name": "kodefag-worker"},
            "minReplicaCount": 1, "maxReplicaCount": 20,
            # hand-ins waiting or being graded, counted where the portal mirrors the queue
            "triggers": [{"type": "postgresql", "metadata": {
                "query": "SELECT count(*) FROM submissions WHERE status IN ('submitted', 'grading')",
                "targetQueryValue": "4",                 # the portal database's URL in libpq form (no "+psycopg"), a key of the kodefag Secret
                "connectionFromEnv": "KODEFAG_DATABASE_URL_LIBPQ"}}],
        },
    }
    return [shared, portal, service, worker, bell, scaler]


@click.group()
def cli():
    """Kubernetes (Zero to JupyterHub): chart values and the portal/worker manifests."""


@cli.command()
def values():
    """Print the jupyterhub chart's values (helm upgrade --install ... -f values.yaml)."""
    settings = get_settings()
    if not settings.hub_database_url.startswith("postgresql"):
        raise click.UsageError("Set KODEFAG_HUB_DATABASE_URL to the hub's PostgreSQL database "
                               "(postgresql+psycopg://...): pods share no SQLite file.")
    click.echo(f"# jupyterhub helm chart {CHART_VERSION}, written by `kodefag k8s values`")
    yaml.safe_dump(chart_values(settings), sys.stdout, sort_keys=False, allow_unicode=True)


@cli.command("manifests")
def manifests_command():
    """Print the portal, worker and bell Deployments and the workers' KEDA ScaledObject."""
    yaml.safe_dump_all(manifests(get_settings()), sys.stdout, sort_keys=False, allow_unicode=True)
