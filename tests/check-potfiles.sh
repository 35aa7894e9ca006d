#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in: its strings would never reach the translators, and the
# Dutch interface would show them in English.
set -eu
cd "$1"
status=0
for f in $(find src data -name '*.c' -o -name '*.ui' -o -name '*.in' -o -name '*.xml' | sort); do
  if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext) ?\(|translatable="yes"' "$f" &&
     ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in" >&2
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done
exit $status
