# druidwatch: the two commands of the quick start are `make demo` and `make test`.
# Both set up what they need on a fresh Debian machine (run as root for apt).

SWIFT       ?= swift
VENV        := .venv
PYTHON      := $(VENV)/bin/python
APT_PACKAGES := libcurl4-openssl-dev libsystemd-dev pkg-config
# Real peers the tests run against: ZooKeeper, a JDK (JVM perf data), node_exporter,
# systemd's own analyzer for the unit files, Chromium to screenshot the dashboard
# previews, and rpmbuild for the packages.
TEST_APT_PACKAGES := zookeeper openjdk-17-jdk-headless prometheus-node-exporter systemd chromium rpm
SWIFT_BUILD_FLAGS ?=

.PHONY: all setup system-packages test-packages venv build release demo test clean

all: build

setup: system-packages venv

# Installs the C libraries' headers only when pkg-config cannot find them already.
system-packages:
	@if ! pkg-config --exists libcurl libsystemd 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

# Installs the tests' real peers only when one of them is missing.
test-packages:
	@if [ ! -d /usr/share/zookeeper ] || ! command -v javac >/dev/null 2>&1 || [ ! -x /usr/bin/prometheus-node-exporter ] || ! command -v systemd-analyze >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 || ! command -v rpmbuild >/dev/null 2>&1; then \
		echo "installing $(TEST_APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_APT_PACKAGES) >/dev/null; \
	fi

# moto[server] is the local AWS emulator for the tests and the demo; cfn-lint checks
# the CloudFormation templates; the aws CLI imports the dashboards in a test; Pillow
# reads the dashboard previews' screenshots. The venv
# is brought up to date when this file changes.
PYTHON_PACKAGES := 'moto[server]' cfn-lint awscli pillow
venv: $(VENV)/.ready

$(VENV)/.ready: Makefile
	@python3 -m venv --help >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null)
	[ -x $(PYTHON) ] || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check $(PYTHON_PACKAGES)
	@touch $@

build: system-packages
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

release: system-packages
	$(SWIFT) build -c release --static-swift-stdlib

demo: setup build
	scripts/demo

# The packaging tests install, upgrade and purge the .deb built here from the release
# binary: revision 1, and revision 2 of the same binary as the upgrade.
TEST_PACKAGES := .build/packages/test
test: setup test-packages
	$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)
	$(SWIFT) build -c release --static-swift-stdlib
	rm -rf $(TEST_PACKAGES)
	packaging/build-packages --binary .build/release/druidwatch --revision 1 --output $(TEST_PACKAGES)/1 >/dev/null
	packaging/build-packages --binary .build/release/druidwatch --revision 2 --output $(TEST_PACKAGES)/2 >/dev/null
	# One test at a time: on a two-core runner, CPU-heavy parser tests running beside the
	# timing-sensitive ones (timeouts, cancellation) starve the cooperative pool for
	# tens of seconds. Serial, the suite takes under a minute.
	DRUIDWATCH_TEST_PYTHON=$(abspath $(PYTHON)) DRUIDWATCH_TEST_PACKAGES=$(abspath $(TEST_PACKAGES)) \
		$(SWIFT) test --skip-build --no-parallel $(SWIFT_BUILD_FLAGS)
	# A few seconds of libFuzzer per parser (README "Fuzzing" has the long run).
	Fuzz/run --smoke

clean:
	rm -rf .build Fuzz/.build $(VENV)
