#!/usr/bin/python3
# check-args.py — wayfinder-bench's command line: a folder that is not
# there is refused at once, with a message and exit status 1 (not an abort
# after minutes of measuring), and --help shows its text as written;
# --team refuses what it cannot run before it starts a server.
#
# Usage: check-args.py WAYFINDER-BENCH
import os
import subprocess
import sys
import tempfile

bench = sys.argv[1]
env = dict(os.environ, LC_ALL='C.UTF-8')
failures = 0
n = 0


def check(name, ok, detail=''):
    global failures, n
    n += 1
    if ok:
        print(f'ok {n} {name}')
    else:
        failures += 1
        print(f'not ok {n} {name}')
        for line in detail.splitlines():
            print(f'# {line}')


with tempfile.TemporaryDirectory() as tmp:
    missing = os.path.join(tmp, 'no-such-folder')
    for args, option in (
        (['--dir', missing], '--dir'),
        (['--keep', missing], '--keep'),
        (['--generate', missing], '--generate'),
        (['--json', os.path.join(missing, 'out.json')], '--json'),
    ):
        run = subprocess.run([bench, '--quick', *args], env=env, capture_output=True,
                             text=True, timeout=60)
        check(f'{option} with a missing folder: exit status 1',
              run.returncode == 1, f'exit status {run.returncode}\n{run.stderr}')
        check(f'{option} with a missing folder: the message names the option and the folder',
              option in run.stderr and missing in run.stderr, run.stderr)
        check(f'{option} with a missing folder: nothing measured', run.stdout == '', run.stdout)

    # --team refuses before it starts a PostgreSQL server.
    run = subprocess.run([bench, '--team', '--quick', '--dir', missing], env=env,
                         capture_output=True, text=True, timeout=60)
    check('--team with a missing --dir folder: exit status 1, nothing measured',
          run.returncode == 1 and '--dir' in run.stderr and run.stdout == '',
          f'exit status {run.returncode}\n{run.stdout}{run.stderr}')
    run = subprocess.run([bench, '--team', '--quick', '--clients', '1'], env=env,
                         capture_output=True, text=True, timeout=60)
    check('--team with one client: exit status 1, nothing measured',
          run.returncode == 1 and '--team' in run.stderr and run.stdout == '',
          f'exit status {run.returncode}\n{run.stdout}{run.stderr}')

    run = subprocess.run([bench, '--help'], env=env, capture_output=True, text=True, timeout=60)
    check('--help succeeds', run.returncode == 0, run.stderr)
    check('--help shows “OPTION…” and no “?” for what it cannot show',
          '[OPTION…]' in run.stdout and '?' not in run.stdout, run.stdout)

print(f'1..{n}')
sys.exit(1 if failures else 0)
