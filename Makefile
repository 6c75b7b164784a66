# coach: build, test, install.  Dependencies come from pkg-config; the
# Snowball stemmer ships no .pc file on Debian, so it is linked by name.
#
#   make                 build build/coach
#   make test            unit, CLI and terminal tests; ends "N passed, N failed"
#   make test SAN=1      the same, built with ASan and UBSan (clang)
#   make eval            agreement with the labelled answer set
#   make bench           speed and memory figures
#   make install PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
CASES ?= ../shared/cases

PKGS := libcjson libutf8proc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) readline)
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
RL_LIBS := $(shell pkg-config --libs readline)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka)
STEM_LIBS := -lstemmer -lm

WARN := -Wall -Wextra -Wshadow -Wwrite-strings -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2
# Unsafe string functions are refused at compile time.
BANNED := -include include/coach/banned.h

ifeq ($(SAN),1)
CC := clang
BUILD := build-san
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
LDSAN := -fsanitize=address,undefined
else
BUILD ?= build
OPT ?= -O2 -g
LDSAN :=
endif

# CI sets CI=true: there every warning is an error.
ifeq ($(CI),true)
WERROR := -Werror
endif
CFLAGS ?=
CPPFLAGS += -Iinclude -I$(BUILD) -D_POSIX_C_SOURCE=200809L
ALL_CFLAGS = -std=c11 $(OPT) $(WARN) $(WERROR) $(PKG_CFLAGS) $(CFLAGS)

# The program is build/coach: ./coach is the source folder.
BIN := $(BUILD)/coach

# Every coach/*.c except main.c goes into a static library shared by the
# program and the unit tests.
LIB_SRCS := $(filter-out coach/main.c,$(wildcard coach/*.c))
LIB_OBJS := $(patsubst coach/%.c,$(BUILD)/%.o,$(LIB_SRCS)) \
	$(BUILD)/embedded.o
LIB := $(BUILD)/libcoach.a

# ---- model feedback: the coach-llm program ------------------------------
# The libcurl client lives in its own program, so that coach itself never
# loads libcurl (DESIGN.md): coach runs $(LIBEXECDIR)/coach-llm, or the
# coach-llm next to it, for "coach feedback" and /feedback.
LIBEXECDIR ?= $(PREFIX)/libexec/coach
LLM_BIN := $(BUILD)/coach-llm
LLM_SRCS := coach/llm.c coach/llm_main.c
LLM_OBJS := $(patsubst coach/%.c,$(BUILD)/%.o,$(LLM_SRCS))
CURL_CFLAGS := $(shell pkg-config --cflags libcurl)
CURL_LIBS := $(shell pkg-config --libs libcurl)
LIB_SRCS := $(filter-out $(LLM_SRCS),$(LIB_SRCS))
LIB_OBJS := $(filter-out $(LLM_OBJS),$(LIB_OBJS))
CPPFLAGS += -DCOACH_LIBEXECDIR='"$(LIBEXECDIR)"' $(CURL_CFLAGS)
# ---- end of model feedback variables ------------------------------------

DATA := $(sort $(wildcard rubrics/*.json) $(wildcard prompts/*.json) \
	$(wildcard prompts/*.txt))

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))

.PHONY: all test unit eval bench install uninstall clean check-style

all: $(BIN) $(LLM_BIN)

$(BUILD):
	@mkdir -p $(BUILD)/tests

$(BUILD)/%.o: coach/%.c $(wildcard include/coach/*.h) | $(BUILD)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(BANNED) -c -o $@ $<

$(BUILD)/embed: scripts/embed.c | $(BUILD)
	$(CC) -std=c11 -O1 -Wall -Wextra -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(DATA)
	$(BUILD)/embed $(DATA) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(CPPFLAGS) -std=c11 -O1 -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(LDSAN) -o $@ $^ $(PKG_LIBS) $(RL_LIBS) $(STEM_LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB) | $(BUILD)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit \
		-DCASES_DIR='"$(CASES)"' -o $@ $< $(LIB) \
		$(LDSAN) $(CMOCKA_LIBS) $(PKG_LIBS) $(RL_LIBS) $(STEM_LIBS)

unit: $(UNIT_BINS)

test: $(BIN) $(LLM_BIN) $(UNIT_BINS)
	@sh tests/run.sh "$(BUILD)/tests" "$(abspath $(BIN))" "$(CASES)"

# The labelled development set, then answers written for testing only,
# scored as answers to the bank's questions.
eval: $(BIN)
	@echo "== development set ($(CASES))"
	@python3 scripts/eval.py "$(abspath $(BIN))" "$(CASES)"
	@echo
	@echo "== held-out set (tests/data/heldout)"
	@python3 scripts/eval.py "$(abspath $(BIN))" tests/data/heldout \
		--questions

bench: $(BIN) $(LLM_BIN)
	@sh scripts/bench.sh "$(abspath $(BIN))"

check-style:
	@! grep -nE '.{81,}' coach/*.c include/coach/*.h tests/unit/*.c \
		|| { echo "lines over 80 columns" >&2; exit 1; }

install: $(BIN) install-llm
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/coach
	install -m 0644 docs/coach.1 $(DESTDIR)$(MANDIR)/man1/coach.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0644 scripts/coach.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/coach

uninstall: uninstall-llm
	rm -f $(DESTDIR)$(BINDIR)/coach $(DESTDIR)$(MANDIR)/man1/coach.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/coach

clean:
	rm -rf build build-san

# ---- model feedback: build and install coach-llm ------------------------
.PHONY: install-llm uninstall-llm bench-llm FORCE

$(LLM_BIN): $(LLM_OBJS) $(LIB)
	$(CC) $(LDSAN) -o $@ $(LLM_OBJS) $(LIB) $(CURL_LIBS) $(PKG_LIBS) \
		$(STEM_LIBS) $(LDFLAGS)

install-llm: $(LLM_BIN)
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 0755 $(LLM_BIN) $(DESTDIR)$(LIBEXECDIR)/coach-llm

uninstall-llm:
	rm -f $(DESTDIR)$(LIBEXECDIR)/coach-llm

# coach has the libexec folder built in: rebuild it when the folder changes.
$(BUILD)/libexecdir: FORCE | $(BUILD)
	@echo '$(LIBEXECDIR)' | cmp -s - $@ || echo '$(LIBEXECDIR)' > $@

$(BUILD)/feedback.o: $(BUILD)/libexecdir

FORCE:

bench-llm: $(BIN) $(LLM_BIN)
	@python3 scripts/bench-llm.py "$(abspath $(BIN))"
# ---- end of model feedback ----------------------------------------------

# ---- fuzzing: libFuzzer targets and their corpus replay ------------------
# Each tests/fuzz/fuzz_NAME.c is one libFuzzer target (docs/testing.md).
# "make test" links it with tests/fuzz/replay.c into $(BUILD)/fuzz/replay_NAME
# and tests/cli/t_fuzz_corpus.sh replays tests/fuzz/corpus/NAME through it.
# "make fuzz" builds the real fuzzers in build-fuzz with clang (that alone:
# "make fuzz-bins") and runs each for FUZZ_SECONDS; FUZZ_TARGETS picks
# some (make fuzz FUZZ_TARGETS=stream).
.PHONY: fuzz fuzz-bins fuzz-build

FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,\
	$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SECONDS ?= 60
FUZZ_SUPPORT := tests/fuzz/files.c
FUZZ_HDRS := tests/fuzz/fuzz.h $(wildcard include/coach/*.h)
FUZZ_LINK = $(LIB) $(LDSAN) $(PKG_LIBS) $(RL_LIBS) $(STEM_LIBS)
REPLAY_BINS := $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_NAMES))

test: $(REPLAY_BINS)

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
		$(FUZZ_SUPPORT) $(FUZZ_HDRS) $(LIB) | $(BUILD)
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(BANNED) -Itests/fuzz -o $@ $< \
		tests/fuzz/replay.c $(FUZZ_SUPPORT) $(FUZZ_LINK)

# The library is rebuilt with coverage instrumentation in its own folder.
fuzz-bins:
	$(MAKE) fuzz-build BUILD=build-fuzz CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all \
		-fsanitize=fuzzer-no-link,address,undefined" \
		LDSAN="-fsanitize=address,undefined"

fuzz: fuzz-bins
	@mkdir -p build-fuzz/artifacts
	@for n in $(FUZZ_TARGETS); do \
		mkdir -p build-fuzz/corpus/$$n; \
		echo "==> fuzz_$$n for $(FUZZ_SECONDS)s"; \
		build-fuzz/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) \
			-dict=tests/fuzz/json.dict -timeout=10 \
			-artifact_prefix=build-fuzz/artifacts/$$n- \
			build-fuzz/corpus/$$n tests/fuzz/corpus/$$n || exit 1; \
	done

fuzz-build: $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_NAMES))

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SUPPORT) $(FUZZ_HDRS) \
		$(LIB) | $(BUILD)
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(BANNED) -Itests/fuzz \
		-fsanitize=fuzzer -o $@ $< $(FUZZ_SUPPORT) $(FUZZ_LINK)
# ---- end of fuzzing ------------------------------------------------------

# ---- valgrind: the whole suite under memcheck ----------------------------
# Every unit test, every coach run of the CLI tests (through COACH_WRAP)
# and every corpus replay runs under valgrind; any report in a log fails.
# VALGRIND_SKIP lists the tests left out: t_repl.py drives a terminal
# with per-keystroke timeouts that valgrind's slowdown breaks.
.PHONY: test-valgrind
# Notes valgrind prints that are not reports: terminal ioctls it does not
# model, and the large allocation of a test over the answer cap.
VALGRIND_BENIGN := unhandled ioctl|could cause spurious|README_MISSING|set address range perms
VALGRIND_LOGS := $(BUILD)/valgrind
VALGRIND_SKIP := t_repl.py
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect \
	--log-file=$(abspath $(VALGRIND_LOGS))/%p.log

test-valgrind: $(BIN) $(LLM_BIN) $(UNIT_BINS) $(REPLAY_BINS)
	@test "$(SAN)" != 1 || { echo "test-valgrind needs SAN unset" >&2; \
		exit 2; }
	@rm -rf $(VALGRIND_LOGS) && mkdir -p $(VALGRIND_LOGS)
	@COACH_WRAP="$(VALGRIND)" COACH_WRAP_SKIP="$(VALGRIND_SKIP)" \
		sh tests/run.sh "$(BUILD)/tests" "$(abspath $(BIN))" \
		"$(CASES)"; rc=$$?; \
	for f in $(VALGRIND_LOGS)/*.log; do \
		grep -vE "$(VALGRIND_BENIGN)" "$$f" | grep -q . || continue; \
		echo "valgrind: $$f" >&2; head -40 "$$f" >&2; rc=1; \
	done; \
	exit $$rc
# ---- end of valgrind -----------------------------------------------------
