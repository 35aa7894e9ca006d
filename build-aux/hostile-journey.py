#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile journey documents, for measuring what drawing them costs.

    hostile-journey.py KIND SIZE OUT.journey

KIND is what is made huge; SIZE is bytes for a text, a count otherwise:
  title, notes, phase, phasedesc, lane, persona, link, emotion, metric,
  maptitle, doctitle, scenario  one text of SIZE bytes
  all                           every one of those texts, SIZE bytes each
  phases                        SIZE phases
  cards, markers                SIZE cards, or emotion markers, in one cell
  links                         SIZE links between 1000 cards
  lanes, personas               SIZE lanes, or personas with a lane each
MIXED=1 in the environment mixes Japanese and Arabic into the texts.
See docs/robustness.md, "Hostile documents".
"""
import json
import os
import sys

def base():
    return {
        "format": "wayfinder-journey", "version": 1, "title": "Hostile",
        "personas": [{"id": "p", "name": "Eva", "color": "#3584e4"}],
        "maps": [{"id": "m", "title": "Map", "scenario": "",
                  "phases": [{"id": "a", "name": "Awareness", "description": "d"},
                             {"id": "b", "name": "Purchase", "description": "d"}],
                  "lanes": [{"id": "t", "kind": "touchpoints", "title": "Touchpoints", "persona": "p"},
                            {"id": "e", "kind": "emotions", "title": "Emotions", "persona": "p"},
                            {"id": "mt", "kind": "metrics", "title": "Metrics"}],
                  "cards": [{"id": "c1", "phase": "a", "lane": "t", "title": "Ad", "channel": "social"},
                            {"id": "c2", "phase": "b", "lane": "t", "title": "Pay"},
                            {"id": "e1", "phase": "a", "lane": "e", "title": "happy", "emotion": 1},
                            {"id": "e2", "phase": "b", "lane": "e", "title": "sad", "emotion": -1},
                            {"id": "m1", "phase": "a", "lane": "mt", "title": "conv", "metrics": {"conv": 0.1}}],
                  "links": [{"id": "l1", "from": "c1", "to": "c2", "label": "then"}]}]}


def text(n):
    # words; MIXED=1: mixed scripts, so itemizing, bidi and shaping all work hard
    unit = "klant belt de helpdesk café crème 注文を確認しました تم الدفع " if os.environ.get("MIXED") else "klant belt de helpdesk over een café crème "
    s = (unit * (n // len(unit.encode()) + 1))
    b = s.encode()[:n]
    return b.decode("utf-8", "ignore")

def write(name, d):
    with open(name, "w") as f:
        json.dump(d, f, ensure_ascii=False)

kind, size, out = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(float(size))
d = base(); m = d["maps"][0]
if kind == "title":   m["cards"][0]["title"] = text(n)
elif kind == "notes": m["cards"][0]["notes"] = text(n)
elif kind == "phase": m["phases"][0]["name"] = text(n)
elif kind == "phasedesc": m["phases"][0]["description"] = text(n)
elif kind == "lane":  m["lanes"][0]["title"] = text(n)
elif kind == "persona": d["personas"][0]["name"] = text(n)
elif kind == "link":  m["links"][0]["label"] = text(n)
elif kind == "emotion": m["cards"][2]["title"] = text(n)
elif kind == "metric": m["cards"][4]["metrics"] = {text(n): 0.5}
elif kind == "maptitle": m["title"] = text(n)
elif kind == "doctitle": d["title"] = text(n)
elif kind == "scenario": m["scenario"] = text(n)
elif kind == "all":
    t = text(n)
    for c in m["cards"]: c["title"] = t
    m["phases"][0]["name"] = t; m["phases"][0]["description"] = t
    m["lanes"][0]["title"] = t; d["personas"][0]["name"] = t
    m["links"][0]["label"] = t; m["title"] = t; d["title"] = t; m["scenario"] = t
    m["cards"][4]["metrics"] = {t: 0.5}
elif kind == "phases":
    m["phases"] = [{"id": "p%d" % i, "name": "Phase %d" % i} for i in range(n)]
    m["cards"] = [{"id": "c%d" % i, "phase": "p%d" % (i * 997 % n), "lane": "t", "title": "c %d" % i} for i in range(min(n, 1000))]
    m["links"] = []
elif kind == "cards":
    m["cards"] = [{"id": "c%d" % i, "phase": "a", "lane": "t", "title": "card %d" % i} for i in range(n)]
    m["links"] = []
elif kind == "markers":
    m["cards"] = [{"id": "c%d" % i, "phase": "a", "lane": "e", "title": "marker %d" % i, "emotion": i % 5 - 2} for i in range(n)]
    m["links"] = []
elif kind == "links":
    nc = 1000
    m["cards"] = [{"id": "c%d" % i, "phase": "a" if i % 2 else "b", "lane": "t", "title": "card %d" % i} for i in range(nc)]
    m["links"] = [{"id": "l%d" % i, "from": "c%d" % (i % nc), "to": "c%d" % ((i * 7 + 1) % nc), "label": "l%d" % i} for i in range(n)]
elif kind == "lanes":
    m["lanes"] = [{"id": "t%d" % i, "kind": "touchpoints", "title": "Lane %d" % i} for i in range(n)]
    m["cards"] = []; m["links"] = []
elif kind == "personas":
    d["personas"] = [{"id": "p%d" % i, "name": "Persona %d" % i, "color": "#3584e4"} for i in range(n)]
    m["lanes"] = [{"id": "t%d" % i, "kind": "touchpoints", "title": "L", "persona": "p%d" % i} for i in range(n)]
    m["cards"] = []; m["links"] = []
write(out, d)
