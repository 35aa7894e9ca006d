#!/bin/sh
# Fails when a user-visible string is missing from, untranslated in or fuzzy
# in po/LANG.po: the template is made afresh from po/POTFILES.in, exactly
# as `ninja wayfinder-pot` does, and merged with the translation.
set -eu
srcdir=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$srcdir"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --files-from="$tmp/files" --directory="$srcdir" --output="$tmp/wayfinder.pot" \
  --from-code=UTF-8 --add-comments --package-name=wayfinder \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/wayfinder.pot" -o "$tmp/merged.po"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "po/$lang.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "Strings not translated in po/$lang.po:" >&2
    msgattrib --untranslated --only-fuzzy "$tmp/merged.po" 2>/dev/null || true
    msgattrib --untranslated "$tmp/merged.po" | grep '^msgid' | head -50 >&2
    exit 1 ;;
esac
