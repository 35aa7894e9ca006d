#!/bin/sh
# Fails when a layer includes one above it or beside it that it must not
# know (HACKING.md, "The layers"): the model includes nothing of the
# others; drawing (render) knows no files, so it includes nothing of
# storage or export; storage draws nothing and exports nothing; the gap
# finder (insights) reads the model only. The team library (team) sits
# above the model and storage and below the command line and the
# widgets.
set -eu
cd "$1"
status=0
check () {
  folder=$1
  shift
  for layer in "$@"; do
    found=$(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"$layer/" "src/$folder" || true)
    for f in $found; do
      echo "$f includes from src/$layer/, which src/$folder/ must not know" >&2
      status=1
    done
  done
}
check model insights storage render export team cli ui
check insights storage render export team cli ui
check render insights storage export team cli ui
check storage insights render export team cli ui
check export team cli ui
check team render export cli ui
check cli ui

# The library links GTK for the widgets' sake, so a layer below them
# that included it would still build: the model, the gap finder,
# storage and the team library draw nothing and show nothing. Storage
# may decode and encode pictures with gdk-pixbuf, which needs no display
# (storage/wf-picture-import.c): <gdk-pixbuf/…> is not <gdk/…>.
for folder in model insights storage team; do
  found=$(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]+<(gtk|gdk[^-]|gsk|adwaita|cairo|pango)" "src/$folder" || true)
  for f in $found; do
    echo "$f includes a drawing or widget library, which src/$folder/ must not use" >&2
    status=1
  done
done
found=$(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]+<gdk-pixbuf" src/model src/insights src/team || true)
for f in $found; do
  echo "$f includes gdk-pixbuf, which only storage's picture import may use" >&2
  status=1
done
exit $status
