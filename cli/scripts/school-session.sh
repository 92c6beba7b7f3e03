#!/usr/bin/env bash
# Re-captures the school staff session shown in README.md: a staff member enters the
# school's contacts once, talks a check-in through with a pupil aged 13 to 15 (nothing about
# the pupil stored), and the summary ends with who can help; then the tools as a young
# person's profile words them. Driven through tmux as a person types it. Needs tmux.
# Prints the screen to stdout.
# Usage: cli/scripts/school-session.sh > /tmp/school-session.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q -p companion-cli
bin="$PWD/target/debug"
home="$(mktemp -d)"
trap 'tmux kill-session -t companion-school 2>/dev/null || true; rm -rf "$home"' EXIT
tmux new-session -d -s companion-school -x 200 -y 60 \
  "env -i HOME=$home PATH=$bin:/usr/bin:/bin TERM=xterm COMPANION_NOW=2026-11-18T10:00:00+00:00 bash --norc --noprofile"
tmux set-option -t companion-school history-limit 10000 >/dev/null
keys() { for k in "$@"; do tmux send-keys -t companion-school "$k" Enter; sleep 0.5; done; }
keys "PS1='$ '" clear
keys "companion school add contact 'Designated safeguarding lead' --name 'Ms Patel' --phone '01632 960 123' --details 'Room 4, every lunchtime'"
keys "companion school add route 'CAMHS single point of access' --phone '0300 123 4567' --details 'Referral form from the office, with the pupil agreeing'"
keys "companion school contacts"
keys "companion school talk checkin --age 13-15"
keys 3 "" ""            # the number, no note, no feeling words
keys "" ""              # leave the summary as it is, no handoff
keys "companion drafts"
keys "companion profile young --age 13-15" "companion tools"
sleep 1
tmux capture-pane -p -S - -t companion-school | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
