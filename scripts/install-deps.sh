#!/usr/bin/env bash
# Installs what building and testing silkmap needs and this machine lacks:
# Debian packages (cgo + X11/GL headers for the desktop build, Xvfb and Mesa
# to run it headless, Chromium for the browser tests, brotli). Go modules
# come through `go mod download`. Installs nothing that is already there.
set -euo pipefail

packages=(
	gcc libc6-dev pkg-config
	libx11-dev libxrandr-dev libxcursor-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dev
	libgl1-mesa-dri xvfb xauth
	chromium
	fonts-dejavu-core
	poppler-utils
)

# npm packages the browser tests use (the accessibility audit), and with
# --bench those the browser benchmark compares against.
top=$(cd "$(dirname "$0")/.." && pwd)
npm_packages=(axe-core@4.14.1)
[ "${1:-}" = "--bench" ] && npm_packages+=(maplibre-gl@6.17.0 leaflet@1.9.4)
for spec in "${npm_packages[@]}"; do
	name=${spec%@*} version=${spec##*@}
	if ! grep -qs "\"version\": \"$version\"" "$top/build/npm/node_modules/$name/package.json"; then
		echo "install-deps: installing npm $spec"
		mkdir -p "$top/build/npm"
		npm install --prefix "$top/build/npm" --no-audit --no-fund --silent "$spec"
	fi
done

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: Debian packages present"
	exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
