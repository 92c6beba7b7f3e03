#!/usr/bin/env bash
# Re-captures the My connections session shown in README.md: a map drawn interactively in
# `companion walk connections-map`, the map in text, mapping again a month later (answers on
# the command line), and the map with its change. Driven through tmux as a person types it.
# Needs tmux. Prints the screen to stdout.
# Usage: cli/scripts/connections-session.sh > /tmp/connections-session.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q -p companion-cli
bin="$PWD/target/debug"
home="$(mktemp -d)"
trap 'tmux kill-session -t companion-conn 2>/dev/null || true; rm -rf "$home"' EXIT
tmux new-session -d -s companion-conn -x 300 -y 60 \
  "env -i HOME=$home PATH=$bin:/usr/bin:/bin TERM=xterm COMPANION_NOW=2026-11-18T10:00:00+00:00 bash --norc --noprofile"
tmux set-option -t companion-conn history-limit 10000 >/dev/null
keys() { for k in "$@"; do tmux send-keys -t companion-conn "$k" Enter; sleep 0.4; done; }
keys "PS1='$ '" clear
keys "companion walk connections-map"
keys ""                               # the introduction
keys "Mum" "Jo" "Library" ""          # the list, ended by an empty line
keys 1 1 1                            # Mum: family, close, helpful
keys 2 2 2                            # Jo: friend, in between, mixed
keys 5 3 1                            # Library: place, further out, helpful
keys s                                # save
keys "companion connections"
# A month later: mapping again, every answer on the command line (the map's id is the one
# `companion connections` printed).
keys "export COMPANION_NOW=2026-12-19T10:00:00+00:00"
keys "id=\$(companion connections | sed -n 's/.*--subject //p' | head -1)"
keys "companion walk connections-remap --subject \$id --answer 1,2 --answer close --answer helpful --answer close --answer helpful --answer 'Walking group' --answer group --answer in_between --answer helpful"
keys "companion connections"
sleep 1
tmux capture-pane -p -S - -t companion-conn | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
