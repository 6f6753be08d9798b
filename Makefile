# srmap - shared-responsibility compliance assessments.
#
#   make demo     install missing packages, build, run srmap on samples/, list what it wrote
#   make check    install missing packages, build, run every test
#   make deps     install the Debian packages srmap needs (as root), or print the command
#   make lint     install the lint tools, lint the shell scripts, the man page, the systemd units
#   make fuzz     fuzz the input readers with libFuzzer (clang; not part of check)
#   make check-browser  install chromium, render the sample HTML report in it (not part of check)

CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
DESTDIR ?=

# Debian packages: build and test dependencies.
DEB_PACKAGES = build-essential pkg-config libxml2-dev libxslt1-dev libhpdf-dev libcjson-dev \
               libssl-dev zlib1g-dev libyajl-dev libxlsxwriter-dev libcmocka-dev libxml2-utils fonts-dejavu-core fonts-droid-fallback \
               icc-profiles-free \
               qpdf poppler-utils python3 python3-jsonschema python3-yaml parallel xsltproc openssl strace valgrind

PKGS      = libxml-2.0 libxslt libexslt libcjson libcrypto zlib yajl xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Debian's libhpdf-dev ships no pkg-config file; fall back to plain -lhpdf.
HPDF_LIBS  := $(shell pkg-config --libs libhpdf 2>/dev/null || echo -lhpdf)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(HPDF_LIBS) -lm
TEST_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null)
# The official id lists and reference lists the catalog checks compare with (skipped when absent).
REFDATA   ?= ../shared/refdata

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) \
             -Iinclude $(PKG_CFLAGS)

# src/ holds one folder per pipeline stage (docs/architecture.md); objects and their
# dependency files go to build/, mirroring it.
STAGES    = base model read assess pdf write cli
LIB_SRCS  = $(filter-out src/cli/main.c,$(foreach s,$(STAGES),$(wildcard src/$(s)/*.c)))
LIB_OBJS  = $(patsubst src/%.c,build/%.o,$(LIB_SRCS))
MAIN_OBJ  = build/cli/main.o
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:.c=)
DEPFILES  = $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BINS:=.d)

all: srmap

srmap: $(MAIN_OBJ) libsrmap.a
	$(CC) $(ALL_CFLAGS) -o $@ $(MAIN_OBJ) libsrmap.a $(PKG_LIBS) $(LDFLAGS)

libsrmap.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

build/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Unit tests may also reach a stage's internal headers (src/STAGE/*.h).
tests/unit/test_%: tests/unit/test_%.c libsrmap.a
	$(CC) $(ALL_CFLAGS) -Isrc -MMD -MP -o $@ $< libsrmap.a $(PKG_LIBS) $(TEST_LIBS) $(LDFLAGS)

# The section-by-section comparison of the PDF template's C writer with the template
# (tests/test-pdfreport.sh).
tests/pdfreport/section: tests/pdfreport/section.c libsrmap.a
	$(CC) $(ALL_CFLAGS) -Isrc -MMD -MP -o $@ $< libsrmap.a $(PKG_LIBS) $(LDFLAGS)

-include $(DEPFILES)

# ---- packages -------------------------------------------------------------------
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing || \
	  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; \
	else \
	  echo "srmap needs these Debian packages; run:"; \
	  echo "  sudo apt-get install -y$$missing"; exit 1; \
	fi

# ---- the two commands of the README ------------------------------------------------
demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory srmap
	./srmap assess -q --inventory samples/azure/resources.json samples/azure/resource-graph.json \
	  samples/azure/cmdb.csv samples/azure/m365-services.json samples/azure/accounts.json \
	  --evidence samples/azure/defender-assessments.json samples/azure/policy-states.json \
	  samples/azure/prowler-azure.ocsf.json samples/azure/conditional-access.json \
	  samples/azure/secure-score.json --profile samples/profile.json --out demo-out/azure
	@echo "made demo-out/azure/ (the same set of files) from the Azure exports in samples/azure"
	@# srmap ends with a line per file it wrote, saying what the file is.
	./srmap assess --inventory samples/inventory.json --evidence samples/evidence.json \
	  --profile samples/profile.json --out demo-out

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory test

test: srmap $(UNIT_BINS) tests/pdfreport/section
	sh tests/check-banned.sh
	python3 tests/check-tree.py . build
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; ./$$t; done
	python3 tests/check-catalog.py catalog $(REFDATA)
	python3 tests/check-coverage.py ./srmap tests/out/coverage $(REFDATA)
	sh tests/run-cases.sh
	sh tests/test-cli.sh
	sh tests/test-streaming.sh
	sh tests/test-xml-outputs.sh
	sh tests/test-fastpath.sh
	sh tests/test-pdfreport.sh
	sh tests/test-findings.sh
	sh tests/test-xlsx.sh
	sh tests/test-jobs.sh
	sh tests/test-shard.sh
	/usr/bin/python3 tests/check-k8s.py ./srmap tests/out/k8s
	sh tests/test-nightly.sh
	sh tests/test-pdf.sh
	sh tests/test-audit.sh
	sh tests/test-sign.sh
	sh tests/test-hostile.sh
	sh tests/test-alloc-fail.sh
	sh tests/test-signals.sh

# ---- install ------------------------------------------------------------------------
# The binary finds its data in $(PREFIX)/share/srmap, next to ../bin (see include/datadir.h).
BINDIR  = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/srmap
MANDIR  = $(PREFIX)/share/man/man1
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/vendor-completions

install: srmap
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/catalog $(DESTDIR)$(DATADIR)/templates \
	  $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/samples/nightly $(DESTDIR)$(MANDIR)
	install -m 755 srmap $(DESTDIR)$(BINDIR)/srmap
	install -m 644 catalog/*.json $(DESTDIR)$(DATADIR)/catalog/
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 docs/*.xsd $(DESTDIR)$(DATADIR)/schema/
	install -m 644 samples/nightly/srmap-nightly.timer $(DESTDIR)$(DATADIR)/samples/nightly/
	# The service and the crontab name the script and srmap under /usr/local: the PREFIX's instead.
	for f in srmap-nightly.service crontab; do \
	  sed 's|/usr/local/|$(PREFIX)/|g' samples/nightly/$$f >$(DESTDIR)$(DATADIR)/samples/nightly/$$f && \
	  chmod 644 $(DESTDIR)$(DATADIR)/samples/nightly/$$f || exit 1; \
	done
	install -m 755 samples/nightly/srmap-nightly.sh $(DESTDIR)$(DATADIR)/samples/nightly/
	install -m 644 docs/srmap.1 $(DESTDIR)$(MANDIR)/srmap.1
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completion/srmap.bash $(DESTDIR)$(BASHCOMPDIR)/srmap
	install -m 644 completion/_srmap $(DESTDIR)$(ZSHCOMPDIR)/_srmap

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/srmap $(DESTDIR)$(MANDIR)/srmap.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/srmap $(DESTDIR)$(ZSHCOMPDIR)/_srmap
	rm -rf $(DESTDIR)$(DATADIR)

# ---- lints --------------------------------------------------------------------------
# make lint: shellcheck on every shell script, zsh -n on the zsh completion, mandoc -Tlint on the
# man page, and systemd-analyze verify on the sample units as make install puts them under a
# DESTDIR (with a PREFIX other than /usr/local, so that the paths the install writes into them
# are checked too).  Any message fails the lint.  The tools come from LINT_PACKAGES (lint-deps).
LINT_PACKAGES = shellcheck mandoc systemd man-db zsh
LINT_ROOT     = $(CURDIR)/build/lint/root
LINT_PREFIX   = /opt/srmap
# Every file named *.sh or *.bash, and every file that starts with a sh or bash #! line.
SHELL_SCRIPTS = $(shell find . \( -name .git -o -name build -o -name out -o -name demo-out \) -prune -o \
                  -type f \( -name '*.sh' -o -name '*.bash' \) -print; \
                  grep -rlE --exclude-dir=.git --exclude-dir=build --exclude-dir=out \
                  '^\#!(/usr)?/bin/(env )?(ba|da)?sh' . 2>/dev/null | grep -v '\.\(sh\|bash\)$$')

# A single-node Slurm cluster started for the test and stopped after it (tests/test-slurm.sh):
# the sample job array of shards and its merge job, run for real.
SLURM_PACKAGES = slurm-wlm munge bc

check-slurm: srmap
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(SLURM_PACKAGES)"
	sh tests/test-slurm.sh

lint-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(LINT_PACKAGES)"

lint:
	@$(MAKE) --no-print-directory lint-deps
	@$(MAKE) --no-print-directory lint-shell lint-man lint-units

lint-shell:
	shellcheck $(sort $(SHELL_SCRIPTS))
	zsh -n completion/_srmap

# mandoc looks every .Xr up in the installed manuals; when it finds the page by its file name
# but the machine has no mandoc.db (Debian builds none) it says "outdated mandoc.db lacks
# xmllint(1) entry": a note about the machine, not the page, so that line is dropped.
lint-man:
	@out=$$(mandoc -Tlint docs/srmap.1 2>&1 | grep -v ': outdated mandoc.db lacks '); \
	if [ -n "$$out" ]; then printf '%s\n' "$$out"; exit 1; fi; echo "mandoc -Tlint docs/srmap.1: clean"

# systemd-analyze verify --root loads the units, and everything they depend on, from the root's
# unit folders (so the system's own units are copied there for the default dependencies such as
# sysinit.target) and checks that ExecStart names an executable under the root.  It runs man for
# Documentation=man:srmap(1): MANPATH points it at the installed page.
lint-units: srmap
	rm -rf $(LINT_ROOT)
	$(MAKE) --no-print-directory install DESTDIR=$(LINT_ROOT) PREFIX=$(LINT_PREFIX) >/dev/null
	mkdir -p $(LINT_ROOT)/etc/systemd/system $(LINT_ROOT)/usr/lib/systemd
	cp $(LINT_ROOT)$(LINT_PREFIX)/share/srmap/samples/nightly/srmap-nightly.service \
	  $(LINT_ROOT)$(LINT_PREFIX)/share/srmap/samples/nightly/srmap-nightly.timer \
	  $(LINT_ROOT)/etc/systemd/system/
	cp -R /usr/lib/systemd/system $(LINT_ROOT)/usr/lib/systemd/
	@out=$$(MANPATH=$(LINT_ROOT)$(LINT_PREFIX)/share/man systemd-analyze verify \
	  --root=$(LINT_ROOT) srmap-nightly.service srmap-nightly.timer 2>&1); rc=$$?; \
	if [ $$rc != 0 ] || [ -n "$$out" ]; then printf '%s\n' "$$out"; exit 1; fi; \
	echo "systemd-analyze verify srmap-nightly.service srmap-nightly.timer: clean"

# ---- the HTML report in a browser ------------------------------------------------------
# make check-browser: tests/test-browser.sh renders the sample run's report.html in Debian's
# chromium, headless (a screenshot, a print to PDF, the filters with and without JavaScript).
# Not part of check, which needs no browser; CI runs it after check.  The browser and the PDF
# tools come from BROWSER_PACKAGES (browser-deps).
BROWSER_PACKAGES = chromium poppler-utils libxml2-utils fonts-dejavu-core python3

browser-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(BROWSER_PACKAGES)"

check-browser:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory browser-deps
	@$(MAKE) --no-print-directory srmap
	sh tests/test-browser.sh

# ---- sanitizers, valgrind, benchmark ------------------------------------------------
# Rebuild everything with AddressSanitizer and UBSan, then run the whole test suite (but the
# nightly test's runs under valgrind, which cannot run a sanitized binary; make check runs
# them on the normal build).
asan:
	$(MAKE) clean
	NIGHTLY_VALGRIND=0 $(MAKE) test CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	$(MAKE) clean

# Exhausted memory at a spread of allocations (tests/test-alloc-fail.sh; also part of test).
alloc-fail: srmap
	sh tests/test-alloc-fail.sh

# Run the unit tests, the sample assessment and a sample of golden cases (VALGRIND_CASES: one
# of each reader, gzip, drift, rejected inputs, every output format) under valgrind's memcheck:
# no error and no definite or indirect leak, and each case's expected exit status.
VALGRIND      = valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99
VALGRIND_CASES ?= all-formats-default import-mixed-estate import-csv-inventory import-gzip \
                  import-defender-log-analytics import-prowler-csv-v5 import-scubagear import-maester \
                  drift-finding-added bad-import-gzip-truncated bad-json-truncated bad-hint-closest-shape
valgrind: srmap $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== valgrind $$t"; $(VALGRIND) ./$$t >/dev/null; done
	$(VALGRIND) ./srmap assess -q --inventory samples/inventory.json --evidence samples/evidence.json \
	  --profile samples/profile.json --out tests/out/valgrind/samples
	@set -e; for k in 0 1; do SOURCE_DATE_EPOCH=1795132800 $(VALGRIND) ./srmap assess -q --shard $$k/2 --inventory samples/inventory.json \
	  --evidence samples/evidence.json --profile samples/profile.json --out tests/out/valgrind/shards; done
	SOURCE_DATE_EPOCH=1795132800 $(VALGRIND) ./srmap merge -q --out tests/out/valgrind/shards
	@set -e; top=$$(pwd); for c in $(VALGRIND_CASES); do \
	  run=tests/out/valgrind/$$c; rm -rf $$run; mkdir -p tests/out/valgrind; cp -R tests/cases/$$c $$run; \
	  rm -rf $$run/out; if [ -d $$run/out.before ]; then cp -R $$run/out.before $$run/out; fi; \
	  args=$$(cat $$run/cmd); \
	  rc=0; (cd $$run && SOURCE_DATE_EPOCH=1795132800 SRMAP_DATADIR="$$top" \
	    eval "$(VALGRIND) \"$$top/srmap\" $$args" >actual.stdout 2>actual.stderr) || rc=$$?; \
	  want=$$(cat $$run/expected.rc); \
	  if [ $$rc -ne $$want ]; then echo "valgrind: $$c: exit $$rc, expected $$want"; \
	    cat $$run/actual.stderr; exit 1; fi; \
	  echo "== valgrind case $$c: ok"; done
	@echo "valgrind: clean"

# The benchmark (docs/performance.md): synthetic estates in the shapes of real exports
# (tests/bench/gen-estate.py, cached in tests/out/bench/), assessed with each output set, against
# the parse floor (tests/bench/floor.c: read and parse the same files with cJSON, nothing more)
# measured in the same run.  Not part of check.
#   make bench                                    1,000 and 10,000 resources (a few minutes)
#   make bench BENCH_SIZES="1000 10000 100000"    and 100,000 (1,000,000 assessments, ~1 GB)
BENCH_SIZES   ?= 1000 10000
BENCH_SETS    ?= xml nopdf all all-j2
BENCH_TIMEOUT ?= 900
BENCH_ARGS    ?=
bench: srmap tests/bench/floor
	python3 tests/bench/run.py --srmap ./srmap --floor tests/bench/floor --work tests/out/bench \
	  --sets "$(BENCH_SETS)" --timeout $(BENCH_TIMEOUT) $(BENCH_ARGS) $(BENCH_SIZES)

tests/bench/floor: tests/bench/floor.c
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS) $(LDFLAGS)

# ---- fuzzing (not part of check) ----------------------------------------------------
# libFuzzer harnesses of the input readers (tests/fuzz/), built with clang against the
# library sources (compiled again, instrumented, into tests/fuzz/out/obj; not libsrmap.a),
# each run for FUZZ_SECONDS.  New corpus entries, logs and crash inputs go to
# tests/fuzz/out/; the seeds in tests/fuzz/corpus/ are only read.
#   make fuzz FUZZ_TARGETS="csv jsondoc" FUZZ_SECONDS=300
#   tests/fuzz/out/fuzz_csv tests/fuzz/out/artifacts/csv/crash-...    (replays one input)
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= jsondoc inventory evidence csv profile snapshot layout catalog stream gzip verify manifest assess merge
FUZZ_ARGS    ?=
FUZZ_OUT      = tests/fuzz/out
FUZZ_CFLAGS   = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) -Wno-format-nonliteral \
                -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all -Iinclude $(PKG_CFLAGS)
FUZZ_OBJS     = $(patsubst src/%.c,$(FUZZ_OUT)/obj/%.o,$(LIB_SRCS))
# The objects are intermediate to make (pattern rules); keep them between runs.
.SECONDARY: $(FUZZ_OBJS)

fuzz-tools:
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' | \
	  $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c - -o /dev/null 2>/dev/null || { \
	  echo "make fuzz needs clang with libFuzzer and the sanitizer runtimes; run:"; \
	  echo "  sudo apt-get install -y clang libclang-rt-14-dev"; exit 1; }

$(FUZZ_OUT)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

-include $(FUZZ_OBJS:.o=.d)

$(FUZZ_OUT)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -fsanitize=fuzzer -DFUZZ_TOP='"$(CURDIR)"' -o $@ $< \
	  $(FUZZ_OBJS) $(PKG_LIBS) $(LDFLAGS)

fuzz: fuzz-tools
	@$(MAKE) --no-print-directory $(patsubst %,$(FUZZ_OUT)/fuzz_%,$(FUZZ_TARGETS))
	@status=0; for t in $(FUZZ_TARGETS); do \
	  case $$t in csv) dict=csv;; snapshot|layout|verify|merge) dict=xml;; manifest) dict=manifest;; *) dict=json;; esac; \
	  mkdir -p $(FUZZ_OUT)/corpus/$$t $(FUZZ_OUT)/artifacts/$$t; \
	  echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  if UBSAN_OPTIONS=print_stacktrace=1 ./$(FUZZ_OUT)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	       -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -dict=tests/fuzz/$$dict.dict \
	       -artifact_prefix=$(FUZZ_OUT)/artifacts/$$t/ $(FUZZ_ARGS) \
	       $(FUZZ_OUT)/corpus/$$t tests/fuzz/corpus/$$t >$(FUZZ_OUT)/fuzz_$$t.log 2>&1; then \
	    grep -h 'stat::number_of_executed_units' $(FUZZ_OUT)/fuzz_$$t.log; \
	  else \
	    grep -h -m 3 -e 'ERROR' -e 'runtime error' -e 'invariant failed' -e 'Test unit written' \
	      $(FUZZ_OUT)/fuzz_$$t.log; \
	    echo "fuzz_$$t FAILED: see $(FUZZ_OUT)/fuzz_$$t.log"; status=1; \
	  fi; \
	done; exit $$status

clean:
	rm -f srmap libsrmap.a $(UNIT_BINS) $(UNIT_BINS:=.d) tests/bench/floor tests/pdfreport/section tests/pdfreport/section.d
	rm -rf build
	rm -rf demo-out tests/out tests/fuzz/out

.PHONY: all deps demo check check-slurm check-browser browser-deps test lint lint-deps lint-shell lint-man lint-units install uninstall asan alloc-fail valgrind bench fuzz fuzz-tools clean
