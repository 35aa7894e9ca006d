#!/usr/bin/python3
# hostile-files.py — journey files with very long or odd values, for trying
# what `wayfinder validate` and the app do with them (docs/robustness.md,
# "Bounded messages").
#
# Usage: build-aux/hostile-files.py OUTDIR [SOURCE.sqlite]
#
# Writes 42 files, 250 MB in all: a value of a million characters in
# every kind of member (ids, colours, references, lane kinds, channels,
# contacts, dates, the format, member names), control characters and
# multi-byte text, a million cards that each have a problem, a byte order
# mark, numbers beyond range (1e999, 1e23 as an integer), long Mermaid lines,
# and .sqlite files with such values, made from SOURCE.sqlite (by default
# tests/data/rich-v1.sqlite).
#
# Copyright 2026 The Wayfinder developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sqlite3
import sys

out = sys.argv[1]
source = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data', 'rich-v1.sqlite')
os.makedirs(out, exist_ok=True)

BIG = 'Z' * 1_000_000
BIG_UTF8 = 'é€' * 350_000
BIG_CONTROL = 'line\n\t\x01' * 100_000


def base():
    return {'format': 'wayfinder-journey', 'version': 1, 'title': 't',
            'personas': [{'id': 'p1', 'name': 'P', 'color': '#112233'}],
            'maps': [{'id': 'm1', 'title': 'M',
                      'phases': [{'id': 'ph1', 'name': 'A', 'color': '#112233'}],
                      'lanes': [{'id': 'ln1', 'kind': 'touchpoints', 'title': 'L', 'persona': 'p1'}],
                      'cards': [{'id': 'c1', 'phase': 'ph1', 'lane': 'ln1', 'title': 'C',
                                 'channel': 'web', 'contact': 'direct'},
                                {'id': 'c2', 'phase': 'ph1', 'lane': 'ln1', 'title': 'C2'}],
                      'links': [{'id': 'k1', 'from': 'c1', 'to': 'c2'}]}]}


def write(name, doc):
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False))


def with_value(name, set_value, value=BIG):
    doc = base()
    set_value(doc, doc['maps'][0], value)
    write(name + '.journey', doc)


with_value('phase-color', lambda d, m, v: m['phases'][0].update(color=v))
with_value('phase-color-utf8', lambda d, m, v: m['phases'][0].update(color=v), BIG_UTF8)
with_value('phase-color-ctrl', lambda d, m, v: m['phases'][0].update(color=v), BIG_CONTROL)
with_value('persona-color', lambda d, m, v: d['personas'][0].update(color=v))
with_value('card-color', lambda d, m, v: m['cards'][0].update(color=v))
with_value('dup-id', lambda d, m, v: (m['cards'][0].update(id=v), m['cards'][1].update(id=v)))
with_value('card-phase-ref', lambda d, m, v: m['cards'][0].update(phase=v))
with_value('card-lane-ref', lambda d, m, v: m['cards'][0].update(lane=v))
with_value('link-from-ref', lambda d, m, v: m['links'][0].update(**{'from': v}))
with_value('lane-persona-ref', lambda d, m, v: m['lanes'][0].update(persona=v))
with_value('lane-kind', lambda d, m, v: m['lanes'][0].update(kind=v))
with_value('card-channel', lambda d, m, v: m['cards'][0].update(channel=v))
with_value('card-contact', lambda d, m, v: m['cards'][0].update(contact=v))
with_value('created-date', lambda d, m, v: d.update(created=v))
with_value('format', lambda d, m, v: d.update(format=v))
with_value('metric-name', lambda d, m, v: m['cards'][0].update(metrics={v: 'x'}))
with_value('extra-member-name', lambda d, m, v: m['cards'][0].update({v: 1}))
with_value('long-titles-valid', lambda d, m, v: (m.update(title=v), m['cards'][0].update(title=v)))

text = json.dumps(base())
write('extra-name-inf.journey', text.replace('"title": "C"', '"%s": 1e999, "title": "C"' % BIG, 1))
write('dup-member-name.journey', text.replace('"title": "C"', '"%s": 1, "%s": 2, "title": "C"' % (BIG, BIG), 1))
write('bom.journey', '\ufeff' + text)
write('inf-extra.journey', text.replace('"title": "t"', '"title": "t", "x-big": 1e999'))
write('inf-version.journey', text.replace('"version": 1', '"version": 1e999'))
write('inf-width.journey', text.replace('"name": "A", "color"', '"name": "A", "width": 1e999, "color"'))
write('inf-metric.journey', text.replace('"title": "C"', '"title": "C", "metrics": {"nps": 1e999}'))
write('inf-emotion.journey', text.replace('"title": "C"', '"title": "C", "emotion": 1e999'))
write('tiny-emotion.journey', text.replace('"title": "C"', '"title": "C", "emotion": -1e-999'))
write('big-int-votes.journey', text.replace('"title": "C"', '"title": "C", "votes": 99999999999999999999999'))
write('syntax-long-line.journey', '{"format":"wayfinder-journey","title":"%s" x}' % BIG)

doc = base()
doc['maps'][0]['links'] = []
doc['maps'][0]['cards'] = [{'id': 'c%d' % i, 'phase': 'ph1', 'lane': 'ln1', 'color': 'bad'}
                           for i in range(1_000_000)]
write('million-bad-cards.journey', doc)
doc['maps'][0]['cards'] = [{'id': 'c%d' % i, 'phase': 'ph1', 'lane': 'ln1', 'color': 'bad' + 'Q' * 1000}
                           for i in range(100_000)]
write('100k-1k-colors.journey', doc)
doc['maps'][0]['cards'] = [{'id': 'c%d' % i, 'phase': 'ph1', 'lane': 'ln1'} for i in range(1_000_000)]
write('valid-million.journey', doc)

write('long-line.mmd', 'journey\n  section S\n  %s\n' % BIG)
write('long-header.mmd', BIG + '\n')
write('ctrl-line.mmd', 'journey\n  section S\n  %s\n' % ('a\x01\x1b[31m' * 200_000))

for name, sql in [('sqlite-color', 'UPDATE phases SET color = ?'),
                  ('sqlite-kind', 'UPDATE lanes SET kind = ?'),
                  ('sqlite-channel', 'UPDATE cards SET channel = ?'),
                  ('sqlite-cardphase', 'UPDATE cards SET phase = ?'),
                  ('sqlite-extra', 'UPDATE cards SET extra = ?'),
                  ('sqlite-id', 'UPDATE cards SET id = ? || id')]:
    path = os.path.join(out, name + '.sqlite')
    shutil.copy(source, path)
    db = sqlite3.connect(path)
    table = sql.split()[1]
    db.execute(sql + ' WHERE rowid = (SELECT min(rowid) FROM %s)' % table, (BIG,))
    db.commit()
    db.close()

# A damaged schema whose object's name is a megabyte: SQLite's own message quotes it.
path = os.path.join(out, 'sqlite-schema-name.sqlite')
shutil.copy(source, path)
db = sqlite3.connect(path)
db.execute('PRAGMA writable_schema = ON')
db.execute("INSERT INTO sqlite_schema VALUES ('table', ?, ?, 0, ?)", (BIG, BIG, 'CREATE TABLE "%s" (a' % BIG))
db.commit()
db.close()
