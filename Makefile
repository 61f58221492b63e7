# silkmap — see README.md for what each target is for.
GO ?= go
PKGS := ./...

FUZZTIME ?= 10m
SOAKTIME ?= 30m
BENCHROUNDS ?= 5
XVFB := xvfb-run -a -s '-screen 0 1280x720x24'

.PHONY: all run web build desktop dist dist-test container-test loadtest soak test deps vet fmt-check deps-check data tidy-check bench fuzz

all: test

ADDR ?= 127.0.0.1:8080
BROTLI ?= 11

# What a binary says it is (silkmap version): the release (none for a
# development build), the commit and the commit's time, through the linker,
# since these machines build with -buildvcs=false.
VERSION ?=
COMMIT := $(shell git rev-parse --short=7 HEAD 2>/dev/null)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
VPKG := github.com/silkmap/silkmap/internal/version
LDFLAGS := -X $(VPKG).Version=$(VERSION) -X $(VPKG).Commit=$(COMMIT) -X $(VPKG).Epoch=$(SOURCE_DATE_EPOCH)

## run: build the web bundle into build/web and serve it (Go alone suffices).
run:
	$(GO) run ./cmd/silkmap-web -o build/web -brotli 9 $(if $(CONTENT),-content $(CONTENT))
	$(GO) run ./cmd/silkmap serve --web build/web --addr $(ADDR) $(if $(CONTENT),--content $(CONTENT))

## web: the bundle as plain static files for any web server or CDN (build/web);
## PUBLIC_URL=https://… adds link-preview tags for that address.
web:
	$(GO) run ./cmd/silkmap-web -o build/web -brotli $(BROTLI) $(if $(PUBLIC_URL),-url $(PUBLIC_URL)) $(if $(CONTENT),-content $(CONTENT))

## build: build/silkmap, the server with the web bundle inside (serve needs no --web).
build:
	$(GO) run ./cmd/silkmap-web -o build/web -brotli $(BROTLI)
	$(GO) run ./cmd/silkmap-dist build -web build/web -ldflags '$(LDFLAGS)' -o build/silkmap

## dist: the release archives and SHA256SUMS in dist/ (VERSION=0.1.0 is required).
dist:
	@if [ -z "$(VERSION)" ]; then echo "usage: make dist VERSION=0.1.0"; exit 2; fi
	$(GO) run ./cmd/silkmap-dist release -version $(VERSION) -commit $(COMMIT) -epoch $(SOURCE_DATE_EPOCH) -o dist

## dist-test: two releases must be byte for byte the same, and the unpacked
## server and desktop must run alone; not part of test (it builds everything twice).
dist-test: deps
	./scripts/dist-test.sh

## container-test: build the image (FROM scratch) with podman and run it; opt-in.
container-test:
	./scripts/container-test.sh

## desktop: the desktop binary and its notices, which F1 opens (needs cgo and the X11/GL headers: make deps).
desktop:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o build/silkmap-desktop ./cmd/silkmap-desktop
	$(GO) run ./cmd/silkmap-notices -o build/THIRD_PARTY_NOTICES.txt desktop

## test: install what the tests need when missing, then run every check and test.
## Packages that import Ebitengine need a display: they run under Xvfb.
test: deps vet fmt-check deps-check tidy-check
	$(GO) test -shuffle=on -count=1 $$($(GO) list ./... | grep -v -e /render -e /cmd/silkmap-desktop)
	$(XVFB) $(GO) test -shuffle=on -count=1 ./render/... ./cmd/silkmap-desktop/...

## deps: install missing Debian packages and Go modules.
deps:
	./scripts/install-deps.sh
	$(GO) mod download

## vet: go vet and staticcheck (pinned; built for this machine into build/bin), natively and
## for the browser build.
STATICCHECK_VERSION := v0.8.2
vet:
	$(GO) vet $(PKGS)
	GOOS=js GOARCH=wasm $(GO) vet ./mapdata/... ./render/... ./wasm
	GOBIN=$(CURDIR)/build/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	build/bin/staticcheck $(PKGS)
	GOOS=js GOARCH=wasm build/bin/staticcheck ./mapdata/... ./render/... ./wasm

## fmt-check: fail when gofmt -s would change a file.
fmt-check:
	@out=$$(gofmt -s -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt -s would change:"; echo "$$out"; exit 1; fi

## deps-check: the data core and the pure-Go tool must never depend on Ebitengine.
deps-check:
	@bad=$$($(GO) list -deps ./mapdata/... ./cmd/silkmap ./cmd/silkmap-data 2>/dev/null | grep -i 'hajimehoshi/ebiten' || true); \
	if [ -n "$$bad" ]; then echo "mapdata/ or cmd/silkmap depends on Ebitengine:"; echo "$$bad"; exit 1; fi
	@echo "deps-check: mapdata/ and cmd/silkmap are free of Ebitengine"

## tidy-check: go.mod and go.sum are tidy.
tidy-check:
	@cp go.mod /tmp/silkmap-go.mod.bak && cp go.sum /tmp/silkmap-go.sum.bak && $(GO) mod tidy && \
	if ! cmp -s go.mod /tmp/silkmap-go.mod.bak || ! cmp -s go.sum /tmp/silkmap-go.sum.bak; then \
		echo "go mod tidy changed go.mod/go.sum"; exit 1; fi

## data: rebuild the embedded boundary asset from npm world-atlas (needs npm).
data:
	./scripts/fetch-boundaries.sh

## bench: Go benchmarks (start-up, levels of detail, triangulation, hit-test, frames, snapshots) and the
## browser benchmark against MapLibre GL JS and Leaflet, today's content and generated content of 10, 30
## and 160 times its size (internal/gencontent); writes docs/bench.md and docs/img/bench-growth.svg. Not part of test.
bench: deps web
	./scripts/install-deps.sh --bench
	$(GO) test -run '^$$' -bench . -benchmem ./mapdata/... ./render/raster | tee build/bench-go.txt
	$(XVFB) $(GO) test -run '^$$' -bench . -benchmem -benchtime 100x ./render | tee -a build/bench-go.txt
	$(GO) run ./cmd/silkmap-bench -web build/web -npm build/npm/node_modules -go build/bench-go.txt -rounds $(BENCHROUNDS) -o docs/bench.md

## loadtest: 30 s of open-loop load on the server over loopback, against its targets; not part of test.
loadtest: web
	$(GO) run ./cmd/silkmap-load -web build/web

## soak: a scripted 30-minute desktop session under Xvfb; heap and RSS must stay flat. Not part of test.
soak: deps
	$(XVFB) $(GO) run ./cmd/silkmap-soak -duration $(SOAKTIME)

## fuzz: run every fuzz target for FUZZTIME (default 10m) each; make test runs only their seed corpora.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./mapdata/topojson
	$(GO) test -run '^$$' -fuzz '^FuzzLoadBinary$$' -fuzztime $(FUZZTIME) ./mapdata/atlas
	$(GO) test -run '^$$' -fuzz '^FuzzReadFeatureCollection$$' -fuzztime $(FUZZTIME) ./mapdata/geojson
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./mapdata
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./mapdata/view
	$(GO) test -run '^$$' -fuzz '^FuzzQueries$$' -fuzztime $(FUZZTIME) ./internal/server
	$(GO) test -run '^$$' -fuzz '^FuzzParseSize$$' -fuzztime $(FUZZTIME) ./render/raster
	$(GO) test -run '^$$' -fuzz '^FuzzLoadFolder$$' -fuzztime $(FUZZTIME) ./internal/contentdir
