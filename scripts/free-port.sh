# shellcheck shell=bash
# Sourced by the test scripts: free_port prints a random unused TCP port on 127.0.0.1, below the Linux ephemeral
# range (bash's /dev/tcp needs no tools). The caller defines die.
free_port() {
  local p _
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  die "no free TCP port found on 127.0.0.1"
}
