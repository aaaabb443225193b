#!/usr/bin/env bash
# Build speed and memory, side by side: waymark, Hugo (when installed:
# `apt-get install hugo`) and the floor (read + pulldown-cmark + write,
# nothing else), on the same synthetic corpus of 1,000 and 10,000 entries.
# Each tool: one warm-up, then RUNS timed cold builds, the tools taking
# turns; medians of wall time, CPU time (user+sys) and peak RSS from
# /usr/bin/time, and the ratios.
#
# Where each build writes matters as much as the tool: on ext4, creating
# tens of thousands of files soon after deleting as many is several times
# slower (the inode allocator steps over recently deleted inodes). So, when
# run as root with mkfs.ext4 at hand, every timed build writes into a new,
# empty ext4 file system (a loop-mounted image), and all tools meet the same
# disk (made without lazy initialisation, so no kernel thread is still
# zeroing it while a build runs); otherwise each build writes into a new
# folder under $WORK.
#
# SEARCH=1 adds a fourth tool, `waymark+search`: the same corpus with
# `search: true` (a copy whose waymark.yaml says so), so the cost of the
# Pagefind index shows beside the build without it; after the runs it
# prints the index's size (bytes, files) at each size. SEARCH=only times
# waymark with and without search and nothing else.
#
# Link-preview cards: waymark builds the corpus as it is, cards on, with
# the card cache (.waymark/cards/ in the corpus) kept from the warm-up, as
# on a machine that built the site before. CARDS=compare adds two more
# tools taking turns: "cold", the same build with the card cache deleted
# before each run (every card drawn, as on a fresh CI runner), and
# "nocards", a copy of the corpus with `cards: false`.
#
# usage: [SEARCH=1|only] [CARDS=compare] benches/compare.sh [RUNS] [SIZES...]     (defaults: 5, 1000 10000)
set -euo pipefail
# A failed build or mount inside $(…) stops the script too, rather than
# being timed as if it had worked.
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
RUNS=${1:-5}
shift || true
SIZES=("${@:-1000 10000}")
[ ${#SIZES[@]} -eq 1 ] && read -r -a SIZES <<< "${SIZES[0]}"
WORK=${WORK:-/tmp/waymark-bench}
mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
command -v bc >/dev/null || { echo "needs bc (apt-get install bc)"; exit 1; }
[ $((RUNS % 2)) -eq 1 ] || { echo "RUNS must be odd, so the median is one run"; exit 1; }

cargo build --release --quiet --bin waymark --example gen-corpus --example floor
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
case $TARGET in /*) ;; *) TARGET=$PWD/$TARGET ;; esac
BIN=$TARGET/release/waymark
GEN=$TARGET/release/examples/gen-corpus
FLOOR=$TARGET/release/examples/floor
SEARCH=${SEARCH:-0}
have_hugo=false
command -v hugo >/dev/null && have_hugo=true

fresh_fs=false
MNT=$WORK/mnt
cleanup() { mountpoint -q "$MNT" 2>/dev/null && umount "$MNT"; rm -f "$WORK/fs.img"; }
trap cleanup EXIT
if [ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null && [ "${FRESH_FS:-1}" = 1 ]; then
  mkdir -p "$MNT"
  # Left mounted by an interrupted run: the probe below would fail on it.
  cleanup
  if truncate -s 4G "$WORK/fs.img" && mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$WORK/fs.img" \
     && mount -o loop "$WORK/fs.img" "$MNT" 2>/dev/null; then
    umount "$MNT"
    fresh_fs=true
  fi
  rm -f "$WORK/fs.img"
fi
# Prints where the next build writes, after making it ready.
output_dir() {
  local name=$1
  if $fresh_fs; then
    cleanup
    truncate -s 4G "$WORK/fs.img"
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$WORK/fs.img"
    mount -o loop "$WORK/fs.img" "$MNT"
    # What mkfs wrote goes to the disk now, not during the timed build.
    sync
    echo "$MNT/out"
  else
    echo "$WORK/$name"
  fi
}
done_with() {
  if $fresh_fs; then umount "$MNT"; rm -f "$WORK/fs.img"; fi
}

# One build into a new output named $1 (the word OUT in the command), run
# in the folder $2; prints "wall cpu rss_kib".
run_once() {
  local name=$1 dir=$2; shift 2
  local out; out=$(output_dir "$name")
  local cmd=("${@//OUT/$out}")
  cd "$dir"
  # Wall time from the shell's microsecond clock (/usr/bin/time rounds
  # to 10 ms, a seventh of a 1,000-entry build); CPU and memory from time.
  local t0=$EPOCHREALTIME
  /usr/bin/time -o "$WORK/time.txt" -f "%e %U %S %M" "${cmd[@]}" >/dev/null 2>&1
  local t1=$EPOCHREALTIME
  local e u s m
  read -r e u s m < "$WORK/time.txt"
  done_with
  echo "$(echo "scale=3; ($t1 - $t0) / 1" | bc) $(echo "$u + $s" | bc) $m"
}

median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

ratio() { echo "scale=2; $1 / $2" | bc; }
# bc prints .75 for 0.75
num() { printf '%.3f' "$1"; }

if ! $fresh_fs && compgen -G "$WORK/out-*" >/dev/null; then
  rm -rf "$WORK"/out-* "$WORK"/.out-*
  # See the note at the top: let ext4 forget the inodes just deleted.
  echo "(waiting 90 s after deleting old outputs, so the file system is back to normal)"
  sleep 90
fi
if $fresh_fs; then
  echo "(each build writes into a new ext4 file system)"
else
  echo "(each build writes into a new folder under $WORK)"
fi
declare -A W
tools=(waymark floor)
$have_hugo && tools+=(hugo)
case $SEARCH in
  1) tools+=(waymark+search) ;;
  only) tools=(waymark waymark+search) ;;
esac
[ "${CARDS:-}" = compare ] && tools+=(cold nocards)
printf '%-8s %-14s %10s %10s %10s\n' entries tool "wall s" "cpu s" "peak MiB"
for n in "${SIZES[@]}"; do
  dir=$WORK/corpus-$n
  [ -d "$dir" ] || "$GEN" "$n" "$dir" 2>/dev/null
  if [ "$SEARCH" != 0 ] && [ ! -d "$dir-search" ]; then
    cp -r "$dir" "$dir-search"
    echo "search: true" >> "$dir-search/waymark.yaml"
  fi
  if [ "${CARDS:-}" = compare ] && [ ! -d "$dir-nocards" ]; then
    cp -r "$dir" "$dir-nocards"
    rm -rf "$dir-nocards/.waymark/cards"
    echo "cards: false" >> "$dir-nocards/waymark.yaml"
  fi
  declare -A walls=() cpus=() rss=()
  # The tools take turns (a warm-up round, then RUNS timed rounds of
  # waymark, floor, Hugo), so a slow spell of the machine falls on all of
  # them alike instead of on whichever happened to be running.
  for i in $(seq 0 "$RUNS"); do
    for tool in "${tools[@]}"; do
      case $tool in
        waymark) r=$(run_once "out-$tool-$n-$i" "$dir" "$BIN" build --quiet --output OUT) ;;
        waymark+search) r=$(run_once "out-search-$n-$i" "$dir-search" "$BIN" build --quiet --output OUT) ;;
        cold) rm -rf "$dir/.waymark/cards"
              r=$(run_once "out-$tool-$n-$i" "$dir" "$BIN" build --quiet --output OUT) ;;
        nocards) r=$(run_once "out-$tool-$n-$i" "$dir-nocards" "$BIN" build --quiet --output OUT) ;;
        floor) r=$(run_once "out-$tool-$n-$i" "$dir" "$FLOOR" "$dir" OUT) ;;
        hugo) r=$(run_once "out-$tool-$n-$i" "$dir" hugo --quiet -d OUT) ;;
      esac
      [ "$i" -eq 0 ] && continue
      read -r e c m <<< "$r"
      walls[$tool]+=" $e"; cpus[$tool]+=" $c"; rss[$tool]+=" $m"
    done
  done
  for tool in "${tools[@]}"; do
    # shellcheck disable=SC2086
    w=$(median ${walls[$tool]}); c=$(median ${cpus[$tool]}); m=$(( $(median ${rss[$tool]}) / 1024 ))
    W[$tool-$n]=$w; W[$tool-rss-$n]=$m
    printf '%-8s %-14s %10s %10s %10s\n' "$n" "$tool" "$(num "$w")" "$(num "$c")" "$m"
  done
  unset walls cpus rss
done

echo
echo "Ratios (targets in brackets):"
for n in "${SIZES[@]}"; do
  if $have_hugo; then
    echo "  $n entries: waymark/hugo wall $(ratio "${W[waymark-$n]}" "${W[hugo-$n]}") [≤ 0.30], peak memory $(ratio "${W[waymark-rss-$n]}" "${W[hugo-rss-$n]}") [≤ 0.30 at 10,000]"
  fi
  if [ -n "${W[floor-$n]:-}" ]; then
    echo "  $n entries: waymark/floor wall $(ratio "${W[waymark-$n]}" "${W[floor-$n]}") [≤ 1.40 at 10,000]"
  fi
  if [ -n "${W[waymark+search-$n]:-}" ]; then
    echo "  $n entries: waymark+search/waymark wall $(ratio "${W[waymark+search-$n]}" "${W[waymark-$n]}") [≤ 2.00]"
  fi
  if [ -n "${W[nocards-$n]:-}" ]; then
    echo "  $n entries: cards cached/none wall $(ratio "${W[waymark-$n]}" "${W[nocards-$n]}"), cards cold/none wall $(ratio "${W[cold-$n]}" "${W[nocards-$n]}") [≤ 1.15]"
  fi
done
if [ -n "${W[waymark-1000]:-}" ] && [ -n "${W[waymark-10000]:-}" ]; then
  echo "  growth: waymark 10,000 / 1,000 = $(ratio "${W[waymark-10000]}" "${W[waymark-1000]}") [≤ 11]"
fi
if [ "$SEARCH" != 0 ]; then
  echo
  echo "Search index (pagefind/), one build each:"
  for n in "${SIZES[@]}"; do
    out=$WORK/index-$n
    rm -rf "$out"
    (cd "$WORK/corpus-$n-search" && WAYMARK_TIMINGS=1 "$BIN" build --quiet --output "$out" 2>"$WORK/timings-$n.txt" >/dev/null)
    bytes=$(find "$out/pagefind" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
    files=$(find "$out/pagefind" -type f | wc -l)
    idx=$(grep -E 'search: (records|index)' "$WORK/timings-$n.txt" | tr -s ' ' | paste -sd ';' -)
    echo "  $n entries: $bytes bytes in $files files; ${idx:-no timings}"
    rm -rf "$out"
  done
fi
if ! $have_hugo; then echo "  (Hugo not installed: apt-get install hugo for the side-by-side figures)"; fi
$fresh_fs || echo "(outputs left in $WORK/out-*; the next run deletes them first)"
