#!/bin/sh
# make container-test: builds the image of the Dockerfile with podman (FROM
# scratch: nothing is pulled) from build/silkmap, runs it, and asks its
# /healthz, its page and its health check. Opt-in: it needs podman (Debian's
# package) and a machine that lets it run containers.
set -eu
cd "$(dirname "$0")/.."
command -v podman >/dev/null || { echo "container-test: needs podman (apt-get install podman)" >&2; exit 1; }
make build
podman build --format docker -t localhost/silkmap:test .
cid=$(podman run -d -p 127.0.0.1:18080:8080 localhost/silkmap:test)
trap 'podman rm -f "$cid" >/dev/null' EXIT
for _ in $(seq 50); do
	build/silkmap health http://127.0.0.1:18080/healthz >/dev/null 2>&1 && break
	sleep 0.2
done
build/silkmap health http://127.0.0.1:18080/healthz
podman healthcheck run "$cid"
podman exec "$cid" /silkmap version
echo "container-test: the image serves the map and is healthy"
