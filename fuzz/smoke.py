#!/usr/bin/python3
# A short libFuzzer run of one fuzz target, for `meson test --suite fuzz`
# (docs/robustness.md).
#
# libFuzzer writes every new input into the first corpus directory it is
# given, so the seeds are copied into a temporary directory: the run writes
# into an empty directory there, reads the seeds after it, and the whole
# directory is removed at the end. The source tree is only read. With
# --corpus, libFuzzer writes into that directory instead and it is kept, so
# a long run can be continued later, or by a second process at once, from
# what the first one found.
#
# Seeds are the repository's own files (--seeds, globs relative to the
# source root) and what the built wayfinder makes of them: the built-in
# templates (--templates), every .journey converted to the target's format
# (--as), and .sqlite copies with 512-byte pages (--small-pages).
#
# A crash, leak, timeout or undefined behaviour fails the test: libFuzzer
# keeps the input in --artifacts and its path is printed last. libFuzzer's
# exit status is passed through, except 77 (libFuzzer: a crash or leak),
# which meson would read as "skipped" and so becomes 1.
#
# Copyright 2026 The Wayfinder developers
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument('--fuzzer', required=True, help='the libFuzzer program')
parser.add_argument('--seconds', type=int, required=True, help='-max_total_time')
parser.add_argument('--source-root', required=True)
parser.add_argument('--artifacts', required=True, help='where a crashing input is kept')
parser.add_argument('--wayfinder', help='the wayfinder program, to make seeds')
parser.add_argument('--corpus', metavar='DIR',
                    help='keep the corpus here (made if missing) instead of a temporary one')
parser.add_argument('--seeds', action='append', default=[], metavar='GLOB')
parser.add_argument('--templates', metavar='LANG,…',
                    help='add every built-in template in these languages')
parser.add_argument('--as', dest='convert', choices=['sqlite', 'mmd'],
                    help='convert .journey seeds to this format')
parser.add_argument('--small-pages', action='store_true',
                    help='add a copy of every .sqlite seed with 512-byte pages')
parser.add_argument('options', nargs='*', help='libFuzzer options, after --')
args = parser.parse_args()
# meson gives the programs relative to the build directory, and libFuzzer
# runs in the temporary directory: every path given here becomes absolute.
# (libFuzzer's own options, such as -dict=, need absolute paths.)
args.fuzzer = os.path.abspath(args.fuzzer)
args.source_root = os.path.abspath(args.source_root)
args.artifacts = os.path.abspath(args.artifacts)
if args.wayfinder:
    args.wayfinder = os.path.abspath(args.wayfinder)

# What the built wayfinder runs for the seeds must not stop at its own
# leaks: only the fuzz target is checked here.
tool_env = dict(os.environ, ASAN_OPTIONS='detect_leaks=0')


def wayfinder(*argv):
    subprocess.run([args.wayfinder, *argv], env=tool_env, check=True,
                   stdout=subprocess.DEVNULL)


def template_ids():
    out = subprocess.run([args.wayfinder, 'templates'], env=tool_env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def make_seeds(seeds, scratch):
    files = []
    for pattern in args.seeds:
        found = sorted(glob.glob(os.path.join(args.source_root, pattern)))
        if not found:
            sys.exit(f'smoke: no seed matches {pattern}')
        files += [f for f in found if os.path.isfile(f)]

    if args.templates:
        for lang in args.templates.split(','):
            for t in template_ids():
                path = os.path.join(scratch, f'template-{t}-{lang}.journey')
                wayfinder('new', '--template', t, '--lang', lang, path)
                files.append(path)

    for i, path in enumerate(files):
        name = f'{i:03}-{os.path.basename(path)}'
        if args.convert and path.endswith('.journey'):
            stem = os.path.join(seeds, name[:-len('.journey')])
            if args.convert == 'sqlite':
                wayfinder('convert', path, stem + '.sqlite')
            else:
                # One .mmd a map: stem-1.mmd, stem-2.mmd, …
                wayfinder('export', path, stem + '.mmd')
        else:
            shutil.copyfile(path, os.path.join(seeds, name))

    if args.small_pages:
        for path in sorted(glob.glob(os.path.join(seeds, '*.sqlite'))):
            small = path[:-len('.sqlite')] + '-p512.sqlite'
            shutil.copyfile(path, small)
            db = sqlite3.connect(small, isolation_level=None)
            db.execute('PRAGMA page_size = 512')
            db.execute('VACUUM')
            db.close()


def main():
    os.makedirs(args.artifacts, exist_ok=True)
    start = time.time()

    with tempfile.TemporaryDirectory(prefix='wf-fuzz-') as work:
        corpus = os.path.join(work, 'corpus')   # libFuzzer writes here
        seeds = os.path.join(work, 'seeds')
        scratch = os.path.join(work, 'scratch')
        for d in (corpus, seeds, scratch):
            os.mkdir(d)
        if args.corpus:
            corpus = os.path.abspath(args.corpus)
            os.makedirs(corpus, exist_ok=True)
        make_seeds(seeds, scratch)
        print(f'smoke: {len(os.listdir(seeds))} seeds', flush=True)

        command = [args.fuzzer, f'-max_total_time={args.seconds}', '-print_final_stats=1',
                   *args.options, f'-artifact_prefix={os.path.join(args.artifacts, "")}',
                   corpus, seeds]
        print('smoke:', ' '.join(command), flush=True)
        status = subprocess.run(command, cwd=work).returncode

    if status < 0:
        status = 128 - status                     # killed by a signal
    elif status == 77:
        status = 1
    for name in sorted(os.listdir(args.artifacts)):
        path = os.path.join(args.artifacts, name)
        if os.path.getmtime(path) < start - 1:
            continue
        if status != 0:
            print(f'smoke: the failing input is kept in {path}')
        else:
            # A slow unit ("Slowest unit" above) that libFuzzer did not count
            # as a timeout, as when the whole machine stalls: not a failure.
            print(f'smoke: libFuzzer kept {path}, not a failure')
    print(f'smoke: {os.path.basename(args.fuzzer)} exited with {status}')
    return status


sys.exit(main())
