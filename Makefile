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

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(LIB) | $(BUILD)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit \
		-DCASES_DIR='"$(CASES)"' -o $@ $< $(LIB) \
		$(LDSAN) $(CMOCKA_LIBS) $(PKG_LIBS) $(RL_LIBS) $(STEM_LIBS)

unit: $(UNIT_BINS)

test: $(BIN) $(LLM_BIN) $(UNIT_BINS)
	@sh tests/run.sh "$(BUILD)/tests" "$(abspath $(BIN))" "$(CASES)"

eval: $(BIN)
	@python3 scripts/eval.py "$(abspath $(BIN))" "$(CASES)"

bench: $(BIN)
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
