#!/usr/bin/env bash
# Re-captures the session shown in cli/README.md: a first run of `companion` on a new store,
# driven through tmux exactly as a person types it. Prints the screen to stdout.
# Needs tmux. Usage: cli/scripts/readme-session.sh > /tmp/session.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q -p companion-cli
bin="$PWD/target/debug"
home="$(mktemp -d)"
trap 'tmux kill-session -t companion-readme 2>/dev/null || true; rm -rf "$home"' EXIT
tmux new-session -d -s companion-readme -x 96 -y 60 \
  "env -i HOME=$home PATH=$bin:/usr/bin:/bin TERM=xterm COMPANION_NOW=2026-11-23T09:30:00+00:00 bash --norc --noprofile"
keys() { tmux send-keys -t companion-readme "$@"; sleep 0.5; }
keys "PS1='$ '" Enter
keys clear Enter
keys companion Enter
# Daily check-in: its number is read off the menu.
n=$(tmux capture-pane -p -t companion-readme | sed -n 's/^ *\([0-9]*\)\. Daily check-in$/\1/p')
keys "$n" Enter
keys 7 Enter
keys "Walked to the shops with Sam" Enter
keys "" Enter
keys s Enter
keys q Enter
tmux capture-pane -p -S - -t companion-readme | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
