# The hub, portal, grading-worker and bell image for the municipality tier (hub/k8s.py):
# the chart's hub runs it (hub.image), and so do the kodefag-portal, -worker and -bell Deployments.
# Build from the repository root:  docker build -f deploy/app.Dockerfile -t kodefag/app:0.1.0 .
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 python3-venv bubblewrap fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 espeak-ng \
      postgresql-client nodejs npm tini \
 && rm -rf /var/lib/apt/lists/*
COPY . /opt/kodefag
RUN cd /opt/kodefag && microbit/web/build.sh \
 && python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir /opt/kodefag \
 && /opt/venv/bin/python -m kodefag.bytecode \
 && /opt/venv/bin/python -m kodefag.microbit.runtimes
# the chart's hub pod runs as uid 1000; the portal, workers and bell as 1001 (hub/k8s.py)
RUN useradd --uid 1000 --create-home jovyan && useradd --uid 1001 --create-home kodefag \
 && install -d -o 1001 /var/lib/kodefag && install -d -o 1000 /srv/kodefag
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /srv/kodefag
USER 1001
ENTRYPOINT ["tini", "--"]
# the hub's command comes from the chart (jupyterhub --config /usr/local/etc/jupyterhub/jupyterhub_config.py)
CMD ["python", "-m", "kodefag.teacher_portal.serve"]
