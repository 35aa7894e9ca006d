#!/usr/bin/python3
# check-a11y.py — what a screen reader gets from Wayfinder, over AT-SPI (issue #20)
#
# Starts the accessibility bus and the app (on the start page, then on a
# map), walks its accessible tree as Orca does through pyatspi, and checks
# what a screen-reader user would trip over:
#
# - no control is named after its GTK type ("GtkImage", "GtkMenuButton"):
#   GTK 4.8 gives an unnamed widget its type's name; nor is an image (a
#   decorative icon is hidden);
# - no name says the same words twice ("Channel Channel");
# - the window has a title, on the start page too (and the header bar's
#   map switcher, of a journey with two maps, its name);
# - the start page's rows say their subtitle as their description, the
#   palette's items their text as their name;
# - the pages a stack does not show are not in the tree (the editor on the
#   start page);
# - the outline is a tree whose rows are tree items named after the map's
#   phases, in order;
# - every card of the map is an object of its own, named by its title and
#   described with its persona and phase, under its lane;
# - the arrow keys on the map move the focus (a focus event) to a card,
#   and Tab from there to the card's title entry (libadwaita 1.2's entry
#   rows report no focus of their own);
# - with a card's sidebar shown, the same holds, and every drop-down says
#   its value;
# - what happens without a focus change (a presentation's next phase) is
#   told through the window's status.
#
# Usage: check-a11y.py WAYFINDER SAMPLE.journey
# Needs a display and a session bus (the ui suite runs under xvfb-run and
# dbus-run-session), at-spi2-core and python3-pyatspi; without them the
# test is skipped, or fails under CI and WAYFINDER_REQUIRE_A11Y=1. The
# accessibility bus gets a private XDG_RUNTIME_DIR and HOME.
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

n = 0
failures = 0


def check(name, ok, detail=''):
    global n, failures
    n += 1
    print(f'{"ok" if ok else "not ok"} {n} {name}')
    if not ok:
        failures += 1
        for line in detail.splitlines():
            print(f'# {line}')


def skip_all(reason):
    if os.environ.get('CI') or os.environ.get('WAYFINDER_REQUIRE_A11Y'):
        print(f'1..1\nnot ok 1 {reason}')
        sys.exit(1)
    print(f'1..0 # SKIP {reason}')
    sys.exit(0)


try:
    import pyatspi
except ImportError:
    skip_all('python3-pyatspi is not installed')

LAUNCHER = next((p for p in ('/usr/libexec/at-spi-bus-launcher',
                             '/usr/lib/at-spi2-core/at-spi-bus-launcher') if os.path.exists(p)), None)
if LAUNCHER is None:
    skip_all('at-spi2-core is not installed')
if 'DISPLAY' not in os.environ or 'DBUS_SESSION_BUS_ADDRESS' not in os.environ:
    skip_all('no display or session bus')

# Roles a person operates: a name is what they hear for it.
CONTROLS = {
    'push button', 'toggle button', 'check box', 'radio button', 'menu item', 'combo box',
    'entry', 'text', 'password text', 'spin button', 'slider', 'list', 'list box', 'tree',
    'tree table', 'table', 'page tab list', 'page tab', 'link', 'switch', 'frame',
    'dialog', 'menu', 'scroll bar',
}
TYPE_PREFIXES = ('Gtk', 'Adw', 'Wf')


def find_app(pid, deadline):
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        time.sleep(0.1)
    return None


def walk(node, path, found):
    try:
        role = node.getRoleName()
        name = node.name or ''
        description = node.description or ''
    except Exception:
        return
    here = f'{path} > [{role}] "{name}"' if path else f'[{role}] "{name}"'
    found.append((role, name, here, description))
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, here, found)


def doubled(name):
    words = name.replace("_", "").split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def find(node, role, name):
    try:
        if node.getRoleName() == role and node.name == name:
            return node
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return None
    for child in children:
        if child is not None:
            found = find(child, role, name)
            if found is not None:
                return found
    return None


def tree_of(argv, env, settle, tab=None):
    """Starts the app, waits until its window has children, clicks the
    page tab named @tab (through AT-SPI, as a screen reader would), and
    returns the tree."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        app = find_app(process.pid, deadline)
        if app is None:
            return None
        if tab is not None:
            node = None
            while node is None and time.monotonic() < deadline:
                node = find(app, 'page tab', tab)
                time.sleep(0.2)
            if node is not None:
                node.queryAction().doAction(0)
                time.sleep(0.5)
        found = []
        while time.monotonic() < deadline:
            found = []
            walk(app, '', found)
            if any(settle(role, name) for role, name, _, _ in found):
                break
            time.sleep(0.2)
        return found
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def check_tree(what, found):
    if found is None:
        for name in ('no control is named after its type', 'no image is named after its type',
                     'no name says its words twice', 'the window has a title'):
            check(f'{what}: {name}', False, 'the app did not appear on the accessibility bus in 60 s')
        return
    typed = [here for role, name, here, _ in found
             if role in CONTROLS and name.startswith(TYPE_PREFIXES)]
    check(f'{what}: no control is named after its type', not typed, '\n'.join(typed[:20]))
    # A decorative icon is hidden; one that means something is named.
    images = [here for role, name, here, _ in found if role == 'image' and name.startswith(TYPE_PREFIXES)]
    check(f'{what}: no image is named after its type', not images, '\n'.join(images[:20]))
    twice = [here for role, name, here, _ in found if doubled(name)]
    check(f'{what}: no name says its words twice', not twice, '\n'.join(twice[:20]))
    frames = [(name, here) for role, name, here, _ in found if role == 'frame']
    check(f'{what}: the window has a title',
          bool(frames) and all(name and not name.startswith(TYPE_PREFIXES) for name, _ in frames),
          '\n'.join(here for _, here in frames))


def check_outline(found, phases):
    trees = [here for role, name, here, _ in found if role == 'tree' and name == 'Outline of the map']
    rows = [name for role, name, here, _ in found
            if role == 'tree item' and 'Outline of the map' in here]
    check('a map: the outline is a tree of named rows, one per phase',
          len(trees) == 1 and rows == phases,
          f'trees: {trees}\nrows: {rows}\nphases: {phases}')


def check_cards(found, journey):
    """Every card: a list item named by its title under its lane's list,
    described with its persona and its phase."""
    personas = {p['id']: p['name'] for p in journey['personas']}
    m = journey['maps'][0]
    phases = {p['id']: p['name'] for p in m['phases']}
    lanes = {l['id']: l for l in m['lanes']}
    items = [(name, here, description) for role, name, here, description in found
             if role == 'list item' and '[list] "Phases"' not in here]
    missing = []
    for card in m['cards']:
        lane = lanes[card['lane']]
        persona = personas.get(lane.get('persona'))
        ok = any(name == card['title'] and f'[list] "{lane["title"]}"' in here
                 and phases[card['phase']] in description
                 and (persona is None or persona in description)
                 for name, here, description in items)
        if not ok:
            missing.append(f'{card["title"]} ({lane["title"]}, {persona}, {phases[card["phase"]]})')
    check('a map: every card is there with its title, lane, persona and phase', not missing,
          '\n'.join(missing[:20]))


def focus_on_arrows(argv, env):
    """Clicks the map, presses Right, and returns the focus events' names
    and roles, and then the tree, with a card's sidebar shown."""
    from gi.repository import Atspi, GLib
    events = []

    def on_focus(event):
        if event.detail1 == 1:
            try:
                events.append((event.source.getRoleName(), event.source.name or ''))
            except Exception:
                pass

    statuses = []

    def on_name(event):
        try:
            if event.source.getRoleName() == 'status bar':
                statuses.append(event.source.name or '')
        except Exception:
            pass

    listener = Atspi.EventListener.new(on_focus)
    listener.register('object:state-changed:focused')
    names = Atspi.EventListener.new(on_name)
    names.register('object:property-change:accessible-name')
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        app = find_app(process.pid, deadline)
        if app is None:
            return None, None, None, None
        windows = []
        while not windows and time.monotonic() < deadline:
            result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(process.pid)],
                                    capture_output=True, text=True)
            windows = result.stdout.split()
            time.sleep(0.2)
        if not windows:
            return None, None, None, None
        context = GLib.MainContext.default()

        def pump_until(done, seconds):
            """Runs the event loop until done() or the time is up: a loaded
            machine (the suite runs two tests at once) may be slow."""
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                while context.iteration(False):
                    pass
                if done():
                    return True
                time.sleep(0.02)
            return done()

        time.sleep(2)
        # The map fills the window's right part; a click there gives it the keyboard.
        subprocess.run(['xdotool', 'mousemove', '--window', windows[-1], '900', '120', 'click', '1'])
        pump_until(lambda: False, 0.5)
        events.clear()
        for key in ('Right', 'Right'):
            before = len(events)
            subprocess.run(['xdotool', 'key', key])
            pump_until(lambda: any(role == 'list item' for role, _ in events[before:]), 8)
        # Tab into the card's sidebar: its title entry says it has the focus.
        arrows = list(events)
        events.clear()
        for _ in range(8):
            before = len(events)
            subprocess.run(['xdotool', 'key', 'Tab'])
            pump_until(lambda: len(events) > before, 3)
            if any(name == 'Card title' for _, name in events):
                break
        tabbed = list(events)
        events[:] = arrows
        # The outline follows the selection: the card's phase and lane open.
        tab = find(app, 'page tab', 'Outline')
        if tab is not None:
            tab.queryAction().doAction(0)
        found = []

        def outline_and_sidebar():
            found.clear()
            walk(app, '', found)
            return (any(role == 'tree item' and description.startswith('Card in ')
                        for role, _, _, description in found) and
                    any(role == 'combo box' for role, _, _, _ in found))

        pump_until(outline_and_sidebar, 15)
        # A presentation's step moves no focus: the window's status says it.
        for key in ('F5', 'Next'):
            subprocess.run(['xdotool', 'key', key])
            pump_until(lambda: key == 'F5' or any(name.startswith('Phase 2 of ') for name in statuses), 8)
        return events, found, statuses, tabbed
    finally:
        listener.deregister('object:state-changed:focused')
        names.deregister('object:property-change:accessible-name')
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    wayfinder, sample = sys.argv[1], sys.argv[2]
    home = tempfile.mkdtemp(prefix='wayfinder-a11y-')
    env = dict(os.environ, GTK_A11Y='atspi', GSETTINGS_BACKEND='memory', GSK_RENDERER='cairo')
    env.pop('NO_AT_BRIDGE', None)
    for name in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME'):
        env[name] = os.path.join(home, name.lower())
        os.makedirs(env[name])
    # The accessibility bus's socket goes under XDG_RUNTIME_DIR, or else
    # ~/.cache/at-spi/bus, which every session of the same user shares:
    # another test run (or a desktop) would break this one.
    env['XDG_RUNTIME_DIR'] = os.path.join(home, 'runtime')
    os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700)
    env['HOME'] = home
    launcher = subprocess.Popen([LAUNCHER, '--launch-immediately'], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    # The registry must answer before the app starts, or the app's
    # announcement is lost.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            pyatspi.Registry.getDesktop(0).childCount
            break
        except Exception:
            time.sleep(0.1)
    try:
        print('1..26')
        start = tree_of([wayfinder], env, lambda role, name: role == 'list' or 'Template' in name)
        check_tree('start page', start)
        editor = [here for role, name, here, _ in (start or []) if name in ('Journey map', 'Outline of the map')]
        check('start page: the editor is not in the tree', start is not None and not editor, '\n'.join(editor))
        rows = [(name, here, description) for role, name, here, description in (start or [])
                if role == 'list item' and ('[list] "Templates"' in here or '[list] "Library"' in here)]
        check('start page: every document and template row has a name and a description',
              any('"Templates"' in here for _, here, _ in rows) and all(name and description for name, _, description in rows),
              '\n'.join(f'{here} desc="{description}"' for _, here, description in rows))
        # Hidden stack pages are not in the tree: the Outline is there once its tab is chosen.
        document = tree_of([wayfinder, sample], env, lambda role, name: role == 'tree item', tab='Outline')
        check_tree('a map', document)
        with open(sample, encoding='utf-8') as f:
            journey = json.load(f)
        phases = [phase['name'] for phase in journey['maps'][0]['phases']]
        check_outline(document or [], phases)
        # The palette is the side pane's first page.
        side = tree_of([wayfinder, sample], env, lambda role, name: role == 'list item' and name == 'Touchpoint',
                       tab='Palette')
        palette = [(name, here) for role, name, here, _ in (side or [])
                   if role == 'list item' and '[list] "Cards"' in here]
        check('a map: the palette\'s items are named by their text',
              bool(palette) and all(name for name, _ in palette) and any(name == 'Touchpoint' for name, _ in palette),
              '\n'.join(here for _, here in palette))
        check_cards(document or [], journey)
        # A journey with two maps has the map switcher in the header bar.
        rich = os.path.join(home, 'rich.journey')
        shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'rich.journey'), rich)
        check_tree('a journey with two maps',
                   tree_of([wayfinder, rich], env, lambda role, name: role == 'push button' and name == 'Map'))
        titles = {card['title'] for card in journey['maps'][0]['cards']}
        events, selected, statuses, tabbed = focus_on_arrows([wayfinder, sample], env)
        check('a map: the arrow keys move the focus to a card (a focus event)',
              events is not None and any(role == 'list item' and name in titles for role, name in events),
              f'focus events: {events}')
        check('a card selected: Tab into its title entry is a focus event on it',
              tabbed is not None and ('text', 'Card title') in tabbed,
              f'focus events: {tabbed}')
        check_tree('a card selected', selected)
        combos = [(name, description, here) for role, name, here, description in (selected or [])
                  if role == 'combo box']
        check('a presentation: its next phase is told on the window\'s status',
              statuses is not None and any(name.startswith('Phase 2 of ') for name in statuses),
              f'status names: {statuses}')
        rows = [(name, description) for role, name, here, description in (selected or [])
                if role == 'tree item' and 'Outline of the map' in here]
        levels = {description.split(' ')[0] for _, description in rows}
        check('a card selected: the outline\'s rows say their level (phase, lane in, card in)',
              {'Phase', 'Lane', 'Card'} <= levels
              and any(description.startswith('Card in ') and name in titles for name, description in rows),
              '\n'.join(f'"{name}" desc="{description}"' for name, description in rows[:30]))
        check('a card selected: every drop-down says its value',
              bool(combos) and all(description for _, description, _ in combos),
              '\n'.join(f'{here} desc="{description}"' for _, description, here in combos))
    finally:
        launcher.terminate()
        launcher.wait()
        shutil.rmtree(home, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
