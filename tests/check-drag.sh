#!/bin/bash
# check-drag.sh — drags with a real pointer (xdotool) on the running app
#
# Under Xvfb: starts Wayfinder with an empty home, opens the sample map
# from the start page, drags a Touchpoint from the palette onto a cell, a
# Phase between two phases and a card to another phase, undoes nothing,
# quits, and reads what the library holds with `wayfinder stats`.
#
# Usage: check-drag.sh WAYFINDER
set -u
wayfinder=$1

if [ -z "${DISPLAY:-}" ] || ! command -v xdotool >/dev/null; then
  echo "1..0 # SKIP no display or no xdotool"
  exit 0
fi

home=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$home"' EXIT
export XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache

"$wayfinder" &
pid=$!

for i in $(seq 1 100); do
  wid=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
  [ -n "$wid" ] && break
  sleep 0.1
done
if [ -z "$wid" ]; then
  echo "Bail out! no window"
  exit 1
fi
sleep 1
eval "$(xdotool getwindowgeometry --shell "$wid")"

# Window coordinates of a 1200 × 800 window (the default size).
at () { xdotool mousemove $((X + $1)) $((Y + $2)); }
drag () {
  at "$1" "$2"; xdotool mousedown 1; sleep 0.3
  for s in 1 2 3 4 5 6 7 8 9 10; do
    at $(($1 + ($3 - $1) * s / 10)) $(($2 + ($4 - $2) * s / 10)); sleep 0.05
  done
  sleep 0.3; xdotool mouseup 1; sleep 0.8
}

at 430 390; xdotool click 1; sleep 1.5        # the sample, from the start page
drag 85 263 780 130; xdotool key Escape       # Touchpoint onto Decision × Touchpoints
sleep 0.3
drag 70 145 850 80                            # Phase between Decision and Purchase
drag 586 175 780 175                          # the card of Consideration × Actions to Decision

xdotool key ctrl+q
for i in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done

stats=$("$wayfinder" stats "$XDG_DATA_HOME/wayfinder/library.sqlite")
echo "# $stats" | tr '\n' ' '; echo

"$wayfinder" convert "$XDG_DATA_HOME/wayfinder/library.sqlite" "$home/map.journey"
moved=$(/usr/bin/python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["maps"][0]
names = {p["id"]: p["name"] for p in m["phases"]}
print(" ".join(names[c["phase"]] for c in m["cards"] if c["title"].startswith("Compares prices")))
' "$home/map.journey")
echo "# the card is now in: $moved"

echo "1..3"
if echo "$stats" | grep -q '"phases": 6'; then echo "ok 1 phase dropped"; else echo "not ok 1 phase dropped"; fail=1; fi
if echo "$stats" | grep -q '"cards": 14'; then echo "ok 2 touchpoint dropped"; else echo "not ok 2 touchpoint dropped"; fail=1; fi
if [ "$moved" = "Decision" ]; then echo "ok 3 card moved"; else echo "not ok 3 card moved"; fail=1; fi
exit ${fail:-0}
