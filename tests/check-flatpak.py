#!/usr/bin/env python3
# Checks that the Flatpak manifest parses and matches the build: its app id
# and command, a meson module building the local tree, only the sandbox
# holes the project allows, and a sha256 for every download.
import json
import sys

manifest_path, app_id, command = sys.argv[1:4]

with open(manifest_path, encoding='utf-8') as f:
    manifest = json.load(f)

errors = []
if manifest.get('id', manifest.get('app-id')) != app_id:
    errors.append(f"id is {manifest.get('id')!r}, expected {app_id!r}")
if manifest.get('command') != command:
    errors.append(f"command is {manifest.get('command')!r}, expected {command!r}")
if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    errors.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')

# --share=network: the team library talks to the team's PostgreSQL server
# (docs/team-library.md); the keyring is reached through the Secret portal.
allowed = ['--share=ipc', '--share=network', '--socket=fallback-x11', '--socket=wayland', '--device=dri']
if sorted(manifest.get('finish-args', [])) != sorted(allowed):
    errors.append(f"finish-args are {manifest.get('finish-args')}, expected exactly {allowed}")

modules = manifest.get('modules', [])
last = modules[-1] if modules else {}
if not isinstance(last, dict) or last.get('name') != 'wayfinder' or last.get('buildsystem') != 'meson':
    errors.append('the last module must be wayfinder, built with meson')
elif not any(s.get('type') == 'dir' and s.get('path') == '..' for s in last.get('sources', [])):
    errors.append('the wayfinder module must build the local tree (a dir source with path "..")')

for module in modules:
    if not isinstance(module, dict):
        continue
    for source in module.get('sources', []):
        if 'url' in source and not source.get('url', '').startswith('https://'):
            errors.append(f"module {module.get('name')}: {source['url']} is not https")
        if 'url' in source and len(source.get('sha256', '')) != 64:
            errors.append(f"module {module.get('name')}: {source['url']} has no sha256")

for e in errors:
    print(f"{manifest_path}: error: {e}", file=sys.stderr)
sys.exit(1 if errors else 0)
