# The pupils' image for the municipality tier (KubeSpawner runs it as uid 1000, hub/k8s.py).
# Build from the repository root:  docker build -f deploy/pupil.Dockerfile -t kodefag/pupil:0.1.0 .
# Only Debian packages and PyPI (pinned in pyproject.toml); nothing is fetched at run time.
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 python3-venv locales fonts-dejavu-core tini \
 && sed -i 's/^# *da_DK.UTF-8/da_DK.UTF-8/' /etc/locale.gen && locale-gen \
 && rm -rf /var/lib/apt/lists/*
COPY . /opt/kodefag
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir /opt/kodefag \
 && /opt/venv/bin/python -m kodefag.bytecode \
 && /opt/venv/bin/python -m kodefag.microbit.runtimes
# the pupil: never root; the home is the pupil's own volume (hub/k8s.py HOME)
RUN useradd --uid 1000 --gid 100 --create-home --home-dir /home/jovyan jovyan
ENV PATH=/opt/venv/bin:$PATH LANG=da_DK.UTF-8 JUPYTER_CONFIG_PATH=/opt/kodefag/hub/singleuser
USER 1000
WORKDIR /home/jovyan
EXPOSE 8888
ENTRYPOINT ["tini", "--"]
CMD ["jupyterhub-singleuser"]
