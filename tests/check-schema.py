#!/usr/bin/env python3
# Checks that data/journey.schema.json accepts what Wayfinder writes (the
# test documents, the sample and every template in both languages) and
# refuses a few broken documents.
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

srcdir, wayfinder = sys.argv[1:3]
with open(os.path.join(srcdir, 'data', 'journey.schema.json'), encoding='utf-8') as f:
    schema = json.load(f)
validator = jsonschema.Draft202012Validator(schema)
failures = 0

documents = glob.glob(os.path.join(srcdir, 'tests', 'data', '*.journey'))
documents += glob.glob(os.path.join(srcdir, 'data', 'samples', '*.journey'))
with tempfile.TemporaryDirectory() as tmp:
    ids = subprocess.run([wayfinder, 'templates'], check=True, capture_output=True,
                         text=True).stdout.split()
    for template in [w for w in ids if w in ('five-phases', 'funnel', 'three-phases', 'b2b', 'service-blueprint')]:
        for lang in ('en', 'nl'):
            out = os.path.join(tmp, f'{template}-{lang}.journey')
            subprocess.run([wayfinder, 'new', '--template', template, '--lang', lang, out], check=True)
            documents.append(out)

    for path in documents:
        with open(path, encoding='utf-8') as f:
            errors = list(validator.iter_errors(json.load(f)))
        for e in errors:
            print(f'{path}: schema refuses: {e.json_path}: {e.message}', file=sys.stderr)
            failures += 1

broken = [
    {'format': 'wayfinder-journey', 'version': 1},
    {'format': 'other', 'version': 1, 'maps': []},
    {'format': 'wayfinder-journey', 'version': 1, 'maps': [{'id': 'm', 'lanes': [{'id': 'l', 'kind': 'moods'}]}]},
    {'format': 'wayfinder-journey', 'version': 1, 'personas': [{'id': 'p', 'name': 'P', 'color': 'red'}], 'maps': []},
]
card = {'id': 'c', 'phase': 'p', 'lane': 'l'}
for metric in ({'direction': 'up'}, {'values': [{'date': '31-10-2026', 'value': 1}]},
               {'values': [{'date': '2026-10-31'}]}, {'values': [{'value': '3,4'}]},
               {'source': 'crm'}, 'high'):
    broken.append({'format': 'wayfinder-journey', 'version': 2,
                   'maps': [{'id': 'm', 'cards': [dict(card, metrics={'nps': metric})]}]})
broken.append({'format': 'wayfinder-journey', 'version': 2,
               'maps': [{'id': 'm', 'phases': [{'id': 'p', 'name': 'P', 'persona_metrics': {'a': 4}}]}]})
broken.append({'format': 'wayfinder-journey', 'version': 2, 'maps': [{'id': 'm', 'dismissed': [1]}]})
for photo in ({'type': 'image/gif', 'data': '', 'alt': ''}, {'type': 'image/png', 'data': 'QQ', 'alt': ''},
              {'type': 'image/png', 'data': 'QUJD'}, {'type': 'image/png', 'data': 'QUJD', 'alt': '', 'url': 'x'},
              {'type': 'image/png', 'data': 'QUJD', 'alt': '', 'focus': {'x': 1.5, 'y': 0}}):
    broken.append({'format': 'wayfinder-journey', 'version': 1,
                   'personas': [{'id': 'p', 'name': 'P', 'photo': photo}], 'maps': []})
for doc in broken:
    if validator.is_valid(doc):
        print(f'schema accepts a broken document: {json.dumps(doc)}', file=sys.stderr)
        failures += 1

print(f'{len(documents)} documents checked, {failures} problems')
sys.exit(1 if failures else 0)
