#!/bin/sh
# make dist-test: builds the release twice and checks that the two are the
# same bytes; then runs the Linux server of the archive alone in an empty
# folder through the embedded-bundle test, and the Linux desktop of its
# archive presenting the story under Xvfb. Not part of make test: it builds
# every archive twice (several minutes).
set -eu
cd "$(dirname "$0")/.."
VERSION=0.1.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make dist VERSION=$VERSION
cp -r dist "$tmp/first"
make dist VERSION=$VERSION
if ! diff -r "$tmp/first" dist; then
	echo "dist-test: two builds of one commit differ" >&2
	exit 1
fi
(cd dist && sha256sum -c SHA256SUMS)

# The server, alone in an empty folder, serves the whole map.
mkdir "$tmp/server"
tar -xzf dist/silkmap_${VERSION}_linux_amd64.tar.gz -C "$tmp/server"
top="$tmp/server/silkmap_${VERSION}_linux_amd64"
test "$(ls "$top" | tr '\n' ' ')" = "LICENSE README.md THIRD_PARTY_NOTICES.txt silkmap "
mkdir "$tmp/empty"
mv "$top/silkmap" "$tmp/empty/silkmap"
SILKMAP_TEST_BINARY="$tmp/empty/silkmap" go test -count=1 -run '^TestBinary_embeddedBundle$' ./cmd/silkmap

# The desktop, from its archive, presents the story's first scene.
mkdir "$tmp/desktop"
tar -xzf dist/silkmap-desktop_${VERSION}_linux_amd64.tar.gz -C "$tmp/desktop"
desktop="$tmp/desktop/silkmap-desktop_${VERSION}_linux_amd64/silkmap-desktop"
xvfb-run -a -s '-screen 0 1280x720x24' sh -c '
	"$1" --version
	"$1" --present & pid=$!
	sleep 8
	kill -0 $pid # still presenting
	import -window root "$2"
	kill $pid' sh "$desktop" "$tmp/scene1.png"
colours=$(convert "$tmp/scene1.png" -format %k info:)
if [ "$colours" -lt 50 ]; then
	echo "dist-test: the desktop showed $colours colours: no map" >&2
	exit 1
fi
echo "dist-test: reproducible; the server serves alone; the desktop presents ($colours colours on screen)"
