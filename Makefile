# wardesk - duty desk console for a ward People's Committee.
# Plain GNU make; every library through pkg-config.  `make help` lists targets.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
COMPDIR   ?= $(PREFIX)/share/bash-completion/completions
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/wardesk
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR   ?=

CC        ?= cc
PKGS      := ncursesw libpq readline libnotify json-c libcurl chafa gdk-pixbuf-2.0
# Loaded when first used (src/dynlib.c: dlopen), not linked: their headers
# only.  A console that never shows a photo or a notification maps none of
# them (with GLib, GIO, D-Bus, TLS and the image codecs, 40 libraries).
DL_PKGS   := libnotify libcurl chafa gdk-pixbuf-2.0
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(DL_PKGS),$(PKGS)) 2>/dev/null) -ldl

CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wno-unused-parameter
CPPFLAGS  += -D_GNU_SOURCE -Iinclude -Ibuild \
             -DWARDESK_VERSION='"$(VERSION)"' \
             -DWARDESK_LOCALEDIR='"$(LOCALEDIR)"' -DWARDESK_DATADIR='"$(DATADIR)"'
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(SAN)
LDLIBS    += $(PKG_LIBS) -lunistring -lpthread -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

SRCS      := $(sort $(wildcard src/*.c))
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
OBJS      := $(SRCS:src/%.c=build/%.o) build/sqlfiles.o
LIB_OBJS  := $(LIB_SRCS:src/%.c=build/%.o) build/sqlfiles.o
# Embedded in the binary, in this order: migrations, code files (each sorted
# by name: db init applies them in this order), the demo seed.
SQL_MIGRATIONS := $(sort $(wildcard sql/migrations/[0-9][0-9][0-9]_*.sql))
SQL_CODE       := $(sort $(wildcard sql/code/[0-9][0-9]_*.sql))
SQL_FILES      := $(SQL_MIGRATIONS) $(SQL_CODE) sql/demo.sql
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/tests/%)
PO_FILES  := $(wildcard po/*.po)
MO_FILES  := $(PO_FILES:po/%.po=build/locale/%/LC_MESSAGES/wardesk.mo)

.PHONY: all run stop check deb check-deb ha-demo ha-stop ha-deps check-ha lint-layers pkgcheck unit asan \
        install uninstall clean help deps bench bench-quick fuzz docs fuzz-ci fuzz-build check-asan \
        man-lint compile_commands.json

all: wardesk $(MO_FILES)

wardesk: $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/%.o: src/%.c | build pkgcheck
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/sqlfiles.c: $(SQL_FILES) tools/embed-sql.sh | build
	@echo "  GEN     $@"
	$(Q)sh tools/embed-sql.sh $(SQL_FILES) > $@.tmp && mv $@.tmp $@

build/sqlfiles.o: build/sqlfiles.c
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build/tests/%: tests/unit/%.c $(LIB_OBJS) tests/unit/unit.h | build
	@echo "  CC      $<"
	$(Q)mkdir -p build/tests
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

build/locale/%/LC_MESSAGES/wardesk.mo: po/%.po
	$(Q)mkdir -p $(dir $@)
	$(Q)msgfmt --check -o $@ $<

build:
	$(Q)mkdir -p build

# A clear word instead of "json.h: No such file" when libraries are missing.
pkgcheck:
	$(Q)pkg-config --exists $(PKGS) || { echo "wardesk: missing libraries ($(PKGS));" \
	  "run 'make deps' as root, or 'make run' / 'make check', which install them" >&2; exit 1; }

-include $(wildcard build/*.d)

# Targets that may be the first command on a fresh machine install the
# packages first, then build in a second make: the pkg-config flags above
# are read when make starts, before `deps` could have installed anything.
SUBMAKE := $(MAKE) --no-print-directory

## run: install missing packages (as root), build, start the private cluster, seed the demo, open the console (WARDESK_SIMULATE=N: N reports/min)
run: deps
	$(Q)$(SUBMAKE) all
	$(Q)WARDESK_SIMULATE=$(WARDESK_SIMULATE) sh tools/run.sh

## stop: stop the private PostgreSQL cluster started by `make run`
stop:
	$(Q)d="$${WARDESK_PGDIR:-var/pg}"; rc=0; sh tools/cluster.sh status "$$d" >/dev/null 2>&1 || rc=$$?; \
	case $$rc in \
	0) sh tools/cluster.sh stop "$$d" && echo "stop: stopped the PostgreSQL cluster in $$d (make run starts it again)" ;; \
	3) echo "stop: the PostgreSQL cluster in $$d was not running: nothing to stop" ;; \
	4) echo "stop: no PostgreSQL cluster in $$d (make run makes one): nothing to stop" ;; \
	*) sh tools/cluster.sh stop "$$d" ;; \
	esac

## ha-demo: install Patroni and etcd (as root), build, run one etcd and three PostgreSQL nodes under Patroni on loopback (var/ha), seed the demo, print the conninfo
ha-demo: ha-deps
	$(Q)$(SUBMAKE) all
	$(Q)sh tools/ha/ha.sh up

## ha-stop: stop the Patroni cluster of `make ha-demo` (data kept in var/ha; `sh tools/ha/ha.sh destroy` removes it)
ha-stop:
	$(Q)sh tools/ha/ha.sh stop

ha-deps:
	$(Q)sh tools/ha/deps.sh

## check-ha: the failover test (installs and starts Patroni and etcd; not part of check)
check-ha: ha-deps
	$(Q)$(SUBMAKE) all
	$(Q)bash tests/ha/failover.sh

## deb: build the Debian package in build/deb (debian/, debhelper 13; installs the build tools as root)
deb:
	$(Q)sh tools/deb.sh

## check-deb: build the package, install it with apt-get, check the installed program (root; not part of check)
check-deb:
	$(Q)bash tests/ha/deb.sh

## deps: install missing Debian packages when root, else print the apt-get line
deps:
	$(Q)sh tools/deps.sh

## check: install missing packages (as root), build, run every test (unit, CLI, console in tmux) against a throwaway PostgreSQL
check: deps
	$(Q)$(SUBMAKE) all $(UNIT_BINS) build/doc-gen
	$(Q)sh tests/run.sh

## lint-layers: check that includes read bottom to top (no circles, few arrows back up)
lint-layers:
	$(Q)python3 tools/layers.py

## fuzz: build the libFuzzer targets (clang) and run each FUZZ_TIME seconds (default 300) on its corpus
## fuzz-ci: run each fuzz target 20 seconds (what .ci/run does)
## fuzz-build: build the fuzz targets build/fuzz_NAME (tests/fuzz/fuzz_NAME.c)
# Every parser of outside input has a target; each links only the sources it
# needs, built apart in build/fuzz/ (ASan+UBSan, UBSan fatal).  The same
# targets replay their committed corpus in `make check` (tests/cli/fuzz_corpus.sh).
FUZZ_TIME    ?= 300
FUZZ_TARGETS := open311 text phone config theme notify photo
FUZZ_BINS    := $(FUZZ_TARGETS:%=build/fuzz_%)
FUZZ_SAN     := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all
FUZZ_CFLAGS  = -std=c11 $(WARN) $(FUZZ_SAN) $(PKG_CFLAGS)
FUZZ_src_open311 := open311 text timefmt util
FUZZ_src_text    := text util
FUZZ_src_phone   := phone util
FUZZ_src_config  := config config_file bindings actions theme photo_gfx chafa_lib dynlib text util
FUZZ_src_theme   := $(FUZZ_src_config)
FUZZ_src_photo   := photo chafa_lib dynlib text util
FUZZ_src_notify  := store_conn store_guard store_async store_json store_live store_notify store_cases store_deadline store_alert_hint store_shift store_stats refusals text util sqlfiles

build/fuzz/%.o: src/%.c | build
	@echo "  CC      $@"
	$(Q)mkdir -p build/fuzz
	$(Q)clang $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/sqlfiles.o: build/sqlfiles.c
	@echo "  CC      $@"
	$(Q)mkdir -p build/fuzz
	$(Q)clang $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

define FUZZ_RULE
build/fuzz_$(1): tests/fuzz/fuzz_$(1).c $$(FUZZ_src_$(1):%=build/fuzz/%.o)
	@echo "  FUZZ    $$@"
	$$(Q)clang $$(CPPFLAGS) $$(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF build/fuzz/fuzz_$(1).d \
	  -o $$@ $$< $$(FUZZ_src_$(1):%=build/fuzz/%.o) $$(LDLIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_RULE,$(t))))
-include $(wildcard build/fuzz/*.d)

fuzz-build: $(FUZZ_BINS)
fuzz: $(FUZZ_BINS)
	$(Q)sh tests/fuzz/run.sh --time $(FUZZ_TIME) $(FUZZ_TARGETS)
fuzz-ci: $(FUZZ_BINS)
	$(Q)sh tests/fuzz/run.sh --time 20 $(FUZZ_TARGETS)

## unit: build and run the unit tests only
unit: $(UNIT_BINS)
	$(Q)sh tests/run.sh --unit

# gcc's -Wformat-truncation misfires on gettext formats under the sanitizers.
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
              $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null)),,-Wno-format-truncation)

## asan: build ./wardesk with AddressSanitizer and UndefinedBehaviorSanitizer
asan:
	$(Q)$(MAKE) clean
	$(Q)$(MAKE) all $(UNIT_BINS) build/doc-gen SAN="$(ASAN_FLAGS)" CFLAGS="-O1 -g"

## check-asan: the whole suite (as make check) with wardesk and the unit tests built with ASan+UBSan in build/asan/
# Built apart from the normal build (build/asan/), so `make check-asan` and
# `make check` can follow each other without a rebuild.  UBSan is fatal
# (-fno-sanitize-recover=all); tests/run.sh sends every sanitizer report to
# the test logs (log_path) and counts it as a failure of the test that
# produced it.  clang, because gcc 12's UBSan ignores log_path (its reports
# would only reach a stderr that tmux panes and some tests throw away).
ASAN_DIR       := build/asan
ASAN_CC        ?= clang
ASAN_CFLAGS     = -std=c11 $(WARN) -O1 -g $(PKG_CFLAGS) -fsanitize=address,undefined \
                  -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_OBJS      := $(SRCS:src/%.c=$(ASAN_DIR)/%.o) $(ASAN_DIR)/sqlfiles.o
ASAN_LIB_OBJS  := $(LIB_SRCS:src/%.c=$(ASAN_DIR)/%.o) $(ASAN_DIR)/sqlfiles.o
ASAN_UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(ASAN_DIR)/tests/%)

$(ASAN_DIR)/%.o: src/%.c | build
	@echo "  CC      $@"
	$(Q)mkdir -p $(ASAN_DIR)
	$(Q)$(ASAN_CC) $(CPPFLAGS) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

$(ASAN_DIR)/sqlfiles.o: build/sqlfiles.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(ASAN_DIR)
	$(Q)$(ASAN_CC) $(CPPFLAGS) $(ASAN_CFLAGS) -c -o $@ $<

$(ASAN_DIR)/wardesk: $(ASAN_OBJS)
	@echo "  LD      $@"
	$(Q)$(ASAN_CC) $(ASAN_CFLAGS) $(LDFLAGS) -o $@ $(ASAN_OBJS) $(LDLIBS)

$(ASAN_DIR)/tests/%: tests/unit/%.c $(ASAN_LIB_OBJS) tests/unit/unit.h
	@echo "  CC      $@"
	$(Q)mkdir -p $(ASAN_DIR)/tests
	$(Q)$(ASAN_CC) $(CPPFLAGS) -Itests/unit $(ASAN_CFLAGS) -o $@ $< $(ASAN_LIB_OBJS) $(LDLIBS)

-include $(wildcard $(ASAN_DIR)/*.d)

# (build/asan/build -> build: the binary finds build/locale next to itself, as ./wardesk does)
check-asan: all build/doc-gen $(ASAN_DIR)/wardesk $(ASAN_UNIT_BINS)
	$(Q)ln -sfn .. $(ASAN_DIR)/build
	$(Q)WD_BIN=$(CURDIR)/$(ASAN_DIR)/wardesk WD_UNIT_DIR=$(ASAN_DIR)/tests WD_SANITIZED=1 \
	  sh tests/run.sh

## bench: run the benchmarks (not part of check) and print one table
bench: all
	$(Q)sh bench/run.sh

## bench-quick: a one-minute smoke of the key paths and live delivery, small scale
bench-quick: all
	$(Q)BENCH_QUICK=1 sh bench/run.sh

## install: install binary, man pages, themes, SQL and translations under DESTDIR/PREFIX
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/sql \
	  $(DESTDIR)$(DATADIR)/sql/migrations $(DESTDIR)$(DATADIR)/sql/code
	install -m 755 wardesk $(DESTDIR)$(BINDIR)/wardesk
	install -m 644 man/wardesk.1 $(DESTDIR)$(MANDIR)/man1/wardesk.1
	install -m 644 man/wardesk.conf.5 $(DESTDIR)$(MANDIR)/man5/wardesk.conf.5
	install -d $(DESTDIR)$(COMPDIR)
	install -m 644 tools/wardesk.bash-completion $(DESTDIR)$(COMPDIR)/wardesk
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	install -m 644 sql/demo.sql sql/API.md sql/README.md $(DESTDIR)$(DATADIR)/sql/
	install -m 644 $(SQL_MIGRATIONS) $(DESTDIR)$(DATADIR)/sql/migrations/
	install -m 644 $(SQL_CODE) $(DESTDIR)$(DATADIR)/sql/code/
	for mo in $(MO_FILES); do l=$${mo#build/locale/}; l=$${l%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/wardesk.mo; done

## uninstall: remove what install put there
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/wardesk $(DESTDIR)$(MANDIR)/man1/wardesk.1 \
	  $(DESTDIR)$(MANDIR)/man5/wardesk.conf.5 $(DESTDIR)$(COMPDIR)/wardesk
	rm -rf $(DESTDIR)$(DATADIR)
	find $(DESTDIR)$(LOCALEDIR) -name wardesk.mo -delete 2>/dev/null || true

build/doc-gen: tools/doc-gen.c src/actions.c include/wardesk/actions.h include/wardesk/bindings.h \
               include/wardesk/keymap.h include/wardesk/store_shift.h | build
	$(Q)$(CC) $(CPPFLAGS) -std=c11 $(WARN) -o $@ tools/doc-gen.c src/actions.c

## docs: regenerate the key list and command synopses of man/wardesk.1 and the file list of ARCHITECTURE.md
docs: build/doc-gen wardesk
	$(Q)sh tools/man-keys.sh build/doc-gen man/wardesk.1
	$(Q)sh tools/man-cmds.sh ./wardesk man/wardesk.1
	$(Q)python3 tools/layers.py --splice ARCHITECTURE.md

## man-lint: check the man pages with mandoc -T lint
man-lint:
	$(Q)mandoc -T lint -W warning man/wardesk.1 man/wardesk.conf.5

## compile_commands.json: for clangd and clang-tidy (records a full build with bear)
compile_commands.json:
	$(Q)command -v bear >/dev/null || { echo "compile_commands.json needs bear (apt-get install bear)"; exit 1; }
	$(Q)bear --output $@ -- $(MAKE) -B wardesk

## clean: remove build products (not the private cluster in var/)
clean:
	rm -rf build wardesk compile_commands.json

## help: list the targets
help:
	@sed -n 's/^## \([^:]*\): \(.*\)/  \1\t\2/p' Makefile | expand -t 24
