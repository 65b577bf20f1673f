# SPDX-License-Identifier: GPL-2.0
# lib.sh - assertions for guest tests. A test is a function t_<name> in one of
# test/guest/*.t; `run` executes each in a fresh network namespace as root.
# Any failed assertion prints why and ends the test with status 1.

top=${JOOL_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export PATH=$top/usr:$top/test/tools:$PATH

fail() { echo "    $*"; exit 1; }

# ok CMD...: CMD must succeed and print nothing on stderr.
ok() {
	local err
	err=$("$@" 2>&1 >/tmp/ok.out) || fail "'$*' failed: $err"
	[ -z "$err" ] || fail "'$*' wrote on stderr: $err"
	cat /tmp/ok.out
}

# fails REGEX CMD...: CMD must exit non-zero with exactly one line on stderr
# matching REGEX (grep -E) and nothing on stdout.
fails() {
	local re=$1 rc; shift
	"$@" >/tmp/fails.out 2>/tmp/fails.err && fail "'$*' succeeded, expected failure"
	rc=$?
	[ "$rc" -ne 0 ] || fail "'$*' exited 0"
	[ "$(wc -l < /tmp/fails.err)" -eq 1 ] || fail "'$*' stderr is not one line: $(cat /tmp/fails.err)"
	grep -Eq -- "$re" /tmp/fails.err || fail "'$*' stderr '$(cat /tmp/fails.err)' does not match /$re/"
	[ ! -s /tmp/fails.out ] || fail "'$*' printed on stdout: $(head -c 300 /tmp/fails.out)"
}

# eq ACTUAL EXPECTED WHAT
eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# Instance names in this namespace, one per line, in display order.
names() { jool instance display --csv --no-headers | cut -d, -f2; }

# Active objects in the module's instance cache (guest boots with slab_nomerge).
instance_objects() {
	awk '$1 == "jool_instance" { print $2; f = 1 } END { if (!f) print 0 }' /proc/slabinfo
}
