#!/usr/bin/env bash
# Installs what the test suite needs beyond Java 17 and Maven, on a fresh Debian machine (as root):
#  - python3-libtorrent: a real Mainline DHT client for the interop test
#  - docker.io + a running dockerd: for the docker runtime scenarios
#  - chromium, nodejs, npm and `npm ci` in reports/viewer (playwright-core): the viewer's browser test
#  - kubernetes-client (kubectl): checks the rendered Kubernetes manifests (docs/kubernetes.md); any kubectl on PATH will do
# Idempotent: does nothing that is already done. Non-root users get a clear message instead.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || need+=(python3-libtorrent)
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "[setup] please install as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "[setup] installing ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -d reports/viewer/node_modules/playwright-core ]; then
  echo "[setup] npm ci in reports/viewer (playwright-core for the viewer's browser test)"
  (cd reports/viewer && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ -f .ci/docker-setup.sh ]; then
  bash .ci/docker-setup.sh || echo "[setup] WARNING: no Docker engine; docker scenarios will be skipped (or fail with TESTBED_REQUIRE_DOCKER=1)" >&2
fi
# the swarm runtime (docs/swarm.md) needs the engine to be a swarm manager: a one-node swarm, made only when the
# engine is in no swarm yet (an engine that already joined a swarm is left as it is)
if docker info >/dev/null 2>&1 && [ "$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" = inactive ]; then
  echo "[setup] one-node swarm: docker swarm init --advertise-addr 127.0.0.1"
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null || echo "[setup] WARNING: docker swarm init failed; swarm scenarios will be skipped (or fail with TESTBED_REQUIRE_DOCKER=1)" >&2
fi
# a loaded machine delays the agent's heartbeats to its own manager; past the 5 s default the manager shuts the
# node's tasks down (seen at load average 70 to 130). 20 s keeps a one-node swarm's tasks running.
if [ "$(docker info --format '{{.Swarm.ControlAvailable}}' 2>/dev/null)" = true ] \
    && [ "$(docker info --format '{{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}}' 2>/dev/null)" = 5s ]; then
  docker swarm update --dispatcher-heartbeat 20s >/dev/null || true
fi
echo "[setup] ready: $(/usr/bin/chromium --version 2>/dev/null | head -1), node $(node --version), java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
