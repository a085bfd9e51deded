# Steerco — build, run and test. Every target installs what it needs first.
#   make run    open the desktop app on the demo portfolio
#   make test   vet and run every test
# Build flags live here and nowhere else.

SHELL      := /bin/bash
GO         ?= go
TAGS       := migrated_fynedo,sqlite_omit_load_extension
BUILD      := .build
BIN        := $(BUILD)/steerco
# The command line is built without the GUI toolkit (no Fyne init, nothing on
# stderr under LANG=C); the same program with the window compiled in (tag
# "window") is steerco-window beside it, which "steerco open" hands over to.
WINDOW_BIN := $(BUILD)/steerco-window
WINDOW_TAGS := $(TAGS),window
GOFLAGS_T  := -tags=$(TAGS)

# SQLite hardening (applies to every cgo package, so keep -O2 -g).
export CGO_ENABLED := 1
export CGO_CFLAGS  := -O2 -g -DSQLITE_DEFAULT_DEFENSIVE=1 -DSQLITE_TRUSTED_SCHEMA=0

# Debian packages: the C toolchain and X/GL headers Fyne's GLFW driver compiles against,
# plus the tools tests use to read back what Steerco writes (pdftotext).
APT_BUILD  := gcc pkg-config libc6-dev libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
APT_TEST   := poppler-utils
APT_SHOT   := xvfb imagemagick xauth x11-utils

.PHONY: deps-graph all deps deps-test deps-shot build run test race vet bench fuzz kill-test check-office screenshot screens readme-shots package clean help

all: build

help:
	@echo "make run        install what is needed, build, open Steerco on the demo portfolio"
	@echo "make test       install what is needed, vet, run all tests"
	@echo "make race       run the screen tests (RACE_PKGS, default ./internal/ui/...) under the race detector (about 2.5 minutes; not part of make test)"
	@echo "make bench      run the benchmarks (speed targets); BENCHTIME=3x for a quick pass"
	@echo "make screenshot regenerate assets/screenshot.png from the real window under Xvfb"
	@echo "make package    build an installable package (.build/Steerco.tar.xz): steerco, the command line, and steerco-window, the desktop app"
	@echo "make fuzz       fuzz every importer, FUZZTIME each (default 30s)"
	@echo "make kill-test  SIGKILL Steerco mid-write KILLS times (default 500) and check every file after"
	@echo "make check-office  open the sample workbooks in LibreOffice headless and check them"
	@echo "make screens    render every screen at 1280x800 and 1024x768 to assets/screens/ without a display; fails on clipped key texts"
	@echo "make readme-shots the README's screenshot set (assets/readme/) from make screens"
	@echo "make deps-graph print which internal packages each ui package, cmd and app import"
	@echo "make clean      remove everything the targets generate"

# apt-install PACKAGES: install the missing ones with apt-get, as root or through sudo.
# Without dpkg (not Debian/Ubuntu) nothing can be checked: say what is needed and go on,
# so a machine that has the equivalents installed still builds.
define apt-install
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "Note: this is not a Debian/Ubuntu system, so make cannot check for: $(strip $(1))"; \
	  echo "      if a step below fails, install their equivalents with your package manager."; \
	  exit 0; \
	fi; \
	missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "Steerco needs these Debian/Ubuntu packages:$$missing"; \
	    echo "This system has no apt-get: install them with your package manager, then run make again."; exit 1; \
	  fi; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else \
	    echo "Steerco needs these packages:$$missing"; \
	    echo "You are not root and there is no sudo. As root, run:  apt-get update && apt-get install -y$$missing"; \
	    echo "then run make again."; exit 1; fi; \
	  echo "Installing:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "apt-get could not install:$$missing (see its message above)"; exit 1; }; \
	fi
endef

deps:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: see https://go.dev/doc/install (Go 1.26 or newer)."; exit 1; }
	$(call apt-install,$(APT_BUILD))

deps-test: deps
	$(call apt-install,$(APT_TEST))
	@command -v pdftotext >/dev/null 2>&1 || { echo "make test needs pdftotext (Debian/Ubuntu and Fedora: poppler-utils; macOS: brew install poppler): the PDF tests read back what Steerco writes with it. Install it, then run make test again."; exit 1; }

deps-shot: deps
	$(call apt-install,$(APT_SHOT))

build: deps
	$(GO) build $(GOFLAGS_T) -o $(BIN) ./cmd/steerco
	$(GO) build -tags=$(WINDOW_TAGS) -o $(WINDOW_BIN) ./cmd/steerco

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display: this machine has no graphical session (DISPLAY is not set), so the window cannot open."; \
	  echo "Everything works without a window too, for example:"; \
	  echo "  $(BIN) demo -o demo.steerco          # write the demo portfolio"; \
	  echo "  $(BIN) export demo.steerco           # the whole portfolio as JSON"; \
	  echo "  $(BIN) help                          # every command"; \
	  echo "Or run it under a virtual display: xvfb-run -a $(BIN) open --demo"; \
	  exit 1; \
	fi
	@# steerco open gives the window an English locale when it has C/POSIX (Fyne logs an error for C).
	$(BIN) open --demo

vet: deps
	$(GO) vet $(GOFLAGS_T) ./...
	$(GO) vet -tags=$(WINDOW_TAGS) ./cmd/steerco

test: deps-test vet
	LANG=en_US.UTF-8 $(GO) test $(GOFLAGS_T) -count=1 ./...

# The screens' tests under the race detector: their background work (forecasts,
# import previews, exports) hands results to the UI goroutine through
# internal/ui/uithread. About 2.5 minutes on 2 cores, so not part of make test.
RACE_PKGS ?= ./internal/ui/...
race: deps-test
	LANG=en_US.UTF-8 $(GO) test $(GOFLAGS_T) -race -count=1 $(RACE_PKGS)

# Every benchmark, BENCHTIME each (go test's -benchtime: 1s, or e.g. 3x for three runs).
BENCHTIME ?= 1s
bench: deps
	LANG=en_US.UTF-8 $(GO) test $(GOFLAGS_T) -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

# Fuzz every parser that reads files from outside, FUZZTIME each (default 30s).
FUZZTIME ?= 30s
fuzz: deps
	TAGS=$(TAGS) ./.ci/fuzz $(FUZZTIME)

# SIGKILL the real binary mid-write KILLS times and check the portfolio file
# after each kill (minutes; not part of make test). KILLSEED picks the points.
KILLS ?= 500
KILLSEED ?= 1
kill-test: deps
	TAGS=$(TAGS) ./.ci/kill-test $(KILLS) $(KILLSEED)

# Open every sample workbook in LibreOffice headless and fail on load or formula errors.
check-office: deps-test
	$(call apt-install,libreoffice-calc-nogui)
	./.ci/check-office

screenshot: build deps-shot
	./.ci/screenshot $(BIN) assets/screenshot.png

# Every screen of the demo portfolio, light and dark, rendered to PNG by the
# Fyne test driver's software painter (no display needed).
deps-graph:
	@.ci/importgraph

screens: deps
	STEERCO_SHOTS=$(abspath assets/screens) LANG=en_US.UTF-8 $(GO) test $(GOFLAGS_T) -run TestRenderScreens -count=1 ./internal/ui/shots

# The README's screenshot set (assets/readme/, committed): a few of the
# screens make screens rendered, reduced to 256 colours (each under 250 KB).
readme-shots: screens
	$(call apt-install,imagemagick)
	./.ci/readme-shots assets/screens assets/readme

# The fyne packager reads FyneApp.toml from its source directory, so the root
# file is copied next to main.go for the duration of the build. The packager
# itself is pinned in .tools/go.mod (fyne.io/tools).
# The package holds both builds: the command line (no GUI toolkit, so no verb
# prints anything of Fyne's, under LANG=C or any locale) as steerco, and the
# window (tag window) as steerco-window, which the desktop entry starts and
# "steerco open" hands over to. Given an --executable that does not exist yet,
# the packager builds the window into it (with FyneApp.toml's metadata, in
# release mode) and names the desktop entry's Exec after it; .ci/package then
# adds the command line beside it and the install lines for it to the
# package's Makefile, and checks the result (.ci/check-package).
# The version (steerco version) comes from FyneApp.toml; the packager passes GOFLAGS'
# -ldflags on to go build. tar needs xz for the .tar.xz.
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDVERSION := -ldflags=-X=main.version=$(VERSION)
package: deps
	$(call apt-install,xz-utils)
	cd .tools && $(GO) build -o ../$(BUILD)/fyne fyne.io/tools/cmd/fyne
	$(GO) build $(GOFLAGS_T) $(LDVERSION) -o $(BIN) ./cmd/steerco
	cp FyneApp.toml cmd/steerco/FyneApp.toml
	cd cmd/steerco && rm -f steerco-window *.tar.xz && GOFLAGS="$$($(GO) env GOFLAGS) $(LDVERSION)" \
	  ../../$(BUILD)/fyne package --target linux --icon ../../assets/icon.png --tags $(WINDOW_TAGS) --release --executable steerco-window; \
	  status=$$?; rm -f FyneApp.toml steerco-window; exit $$status
	mv cmd/steerco/*.tar.xz $(BUILD)/
	./.ci/package $(BUILD)/Steerco.tar.xz $(BIN)
	./.ci/check-package $(BUILD)/Steerco.tar.xz
	ls -l $(BUILD)/*.tar.xz

# Everything the targets generate; assets/screenshot.png is committed, so it stays.
clean:
	rm -rf $(BUILD) assets/screens cmd/steerco/FyneApp.toml cmd/steerco/fyne_metadata_init.go cmd/steerco/steerco cmd/steerco/steerco-window cmd/steerco/*.tar.xz
	find . -name '*.test' -type f -delete
	find . -path '*/testdata/failed' -type d -prune -exec rm -rf {} +
