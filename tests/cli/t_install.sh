#!/bin/sh
# "make install" into a temporary DESTDIR, then the installed coach run
# from another folder: the built-in rubrics and questions go with it.
. "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$(dirname "$COACH_BIN")" && pwd)
san=
case $build in *-san) san=SAN=1 ;; esac
dest="$TMP/dest"
# The default prefix, so the install reuses the build as it is: another
# one is compiled into the program and would relink the build in place.
prefix=/usr/local
bin="$dest$prefix/bin/coach"

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$root" install \
	DESTDIR="$dest" PREFIX="$prefix" BUILD="$build" $san \
	>"$TMP/out" 2>"$TMP/err"
status=$?
expect_status install__exits_0 0
if [ -x "$bin" ]; then ok install__binary
else fail install__binary "no $bin"; fi
if [ -f "$dest$prefix/share/man/man1/coach.1" ]; then ok install__man_page
else fail install__man_page "no man page"; fi
comp="$dest$prefix/share/bash-completion/completions/coach"
if [ -f "$comp" ] && bash -n "$comp"; then ok install__bash_completion
else fail install__bash_completion "no or broken $comp"; fi

cat >"$TMP/answer.txt" <<'TXT'
Last spring I owned the migration of our billing service. The cut-over
failed and 300 invoices were written twice. I rolled it back in ten
minutes, wrote the postmortem and added a dry-run check; I learned to
rehearse on production data, and the next two migrations went cleanly.
TXT

(cd / && "$bin" questions >"$TMP/out" 2>"$TMP/err")
status=$?
expect_status installed_questions__exits_0 0
expect_out installed_questions__lists_builtin "failure-learned"

(cd / && "$bin" score "$TMP/answer.txt" >"$TMP/out" 2>"$TMP/err")
status=$?
expect_status installed_score__exits_0 0
expect_out installed_score__shows_report "Overall"

(cd / && "$bin" --version >"$TMP/out" 2>"$TMP/err")
status=$?
expect_out installed_version "coach "

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$root" uninstall \
	DESTDIR="$dest" PREFIX="$prefix" BUILD="$build" $san \
	>"$TMP/out" 2>"$TMP/err"
status=$?
if [ ! -e "$bin" ] && [ ! -e "$comp" ]; then ok uninstall__removes_files
else fail uninstall__removes_files "files left behind"; fi
