#!/usr/bin/env bash
# Idempotent Docker engine bootstrap for the docker runtime of the testbed.
#  - installs docker.io from Debian packages if dockerd is missing
#  - starts dockerd in the background if the engine is not answering
#  - waits (bounded) for /var/run/docker.sock and `docker info`
#  - writes ~/.testcontainers.properties (pull.timeout=5) if absent
# Nothing can be pulled on these machines: images are built FROM scratch.
# Exits non-zero with a clear message when the engine cannot be made available.
set -uo pipefail

WAIT_SECS="${DOCKER_SETUP_WAIT_SECS:-60}"
DOCKERD_LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
SOCK=/var/run/docker.sock

log()  { echo "[docker-setup] $*"; }
fail() { echo "[docker-setup] ERROR: $*" >&2; exit 1; }

engine_up() { [ -S "$SOCK" ] && timeout 10 docker info >/dev/null 2>&1; }

if engine_up; then
  log "docker engine already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
else
  if ! command -v dockerd >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || fail "dockerd is not installed and this is not root: cannot apt-get install docker.io"
    log "installing docker.io (apt-get) ..."
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq docker.io >/tmp/docker-setup-apt.log 2>&1; }; then
      tail -20 /tmp/docker-setup-apt.log >&2 2>/dev/null
      fail "apt-get install docker.io failed (log: /tmp/docker-setup-apt.log)"
    fi
  fi
  command -v dockerd >/dev/null 2>&1 || fail "dockerd still not found after install"
  command -v docker  >/dev/null 2>&1 || fail "docker CLI not found"

  if pgrep -x dockerd >/dev/null 2>&1; then
    log "dockerd process exists but engine not answering yet; waiting"
  else
    # a stale pid file from a killed dockerd prevents start-up
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
      rm -f /var/run/docker.pid
    fi
    log "starting dockerd in the background (log: $DOCKERD_LOG)"
    nohup dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
    dockerd_pid=$!
    disown || true
  fi

  deadline=$(( $(date +%s) + WAIT_SECS ))
  until engine_up; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "----- last lines of $DOCKERD_LOG -----" >&2
      tail -25 "$DOCKERD_LOG" >&2 2>/dev/null
      fail "docker engine did not become ready within ${WAIT_SECS}s (socket $SOCK)"
    fi
    # the process we started (until it has exec'd, pgrep -x dockerd does not see it yet), or any dockerd
    if ! { [ -n "${dockerd_pid:-}" ] && kill -0 "$dockerd_pid" 2>/dev/null; } && ! pgrep -x dockerd >/dev/null 2>&1; then
      echo "----- last lines of $DOCKERD_LOG -----" >&2
      tail -25 "$DOCKERD_LOG" >&2 2>/dev/null
      fail "dockerd exited during start-up"
    fi
    sleep 1
  done
  log "docker engine ready ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
fi

# One ARP (neighbour) table serves every network namespace; at the default gc_thresh3=1024 a network of 50
# containers overflows it and ARP fails at random (docs/docker.md). Raise, never lower, when root.
if [ "$(id -u)" = 0 ]; then
  for t in 1:8192 2:32768 3:65536; do
    key="net.ipv4.neigh.default.gc_thresh${t%%:*}"
    want="${t##*:}"
    have="$(sysctl -n "$key" 2>/dev/null || echo 0)"
    [ "$have" -ge "$want" ] || sysctl -qw "$key=$want" || log "WARNING: cannot set $key=$want"
  done
fi

TC_PROPS="$HOME/.testcontainers.properties"
if [ ! -f "$TC_PROPS" ]; then
  printf 'pull.timeout=5\n' >"$TC_PROPS" || fail "cannot write $TC_PROPS"
  log "wrote $TC_PROPS (pull.timeout=5)"
elif ! grep -q '^pull.timeout=' "$TC_PROPS"; then
  printf 'pull.timeout=5\n' >>"$TC_PROPS"
  log "added pull.timeout=5 to $TC_PROPS"
fi

log "for Testcontainers export: TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost"
exit 0
