#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# completion.sh - checks usr/jool.bash-completion: it loads, completes what
# an operator types, and knows every object, operation, option and global key
# that the CLI's sources (usr/*.c) define. Prints PASS:/FAIL: lines like the
# other unit tests; exits non-zero if anything failed.
#
# Word lists are compared after word splitting ($(echo $list)), the lists
# come from the sourced file and the stubs are called by the completion code:
# shellcheck disable=SC2086,SC2116,SC2154,SC2317
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
usr=$top/usr
failed=0

pass() { echo "PASS: unit/completion-$1"; }
fail() { echo "FAIL: unit/completion-$1: $2"; failed=1; }

# shellcheck source=/dev/null
source "$usr/jool.bash-completion" || { fail load "cannot source usr/jool.bash-completion"; exit 1; }

# Instance names come from `jool instance display --csv --no-headers`, asked
# only when the module is loaded: a stub stands for both.
stub_log=$(mktemp)
trap 'rm -f "$stub_log"' EXIT
jool() {
	echo "$*" >>"$stub_log"
	case $stub in
	ok) [[ "$*" == "instance display --csv --no-headers" ]] &&
		printf '4026531840,default,netfilter\n4026531840,lab,iptables\n' ;;
	fail) echo "jool: this needs CAP_NET_ADMIN (run as root)" >&2; return 1 ;;
	esac
}
stub=ok
_jool_module_loaded() { [[ $module == yes ]]; }
module=yes

# comp WORD... : completes the last word as bash would (words already split
# at COMP_WORDBREAKS, so "--instance=x" is "--instance" "=" "x").
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_jool jool "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	got="${COMPREPLY[*]}"
}

# expect NAME WANT WORD...: the completions are exactly WANT.
expect() {
	local name=$1 want=$2
	shift 2
	comp "$@"
	if [[ $got == "$want" ]]; then
		pass "$name"
	else
		fail "$name" "'$*' completed to '$got', expected '$want'"
	fi
}

# --- registration ---
if [[ $(complete -p jool 2>/dev/null) == "complete -F _jool jool" ]]; then
	pass registered
else
	fail registered "complete -p jool: $(complete -p jool 2>&1)"
fi

# --- what an operator types ---
expect objects "instance pool4 bib session global stats file" jool ""
expect object-prefix "pool4" jool p
expect global-options "--instance -i --file -f --json -j --pool4 --help --usage --version" jool -
expect operations "display add remove flush status --help" jool instance ""
expect abbreviated-object "display update --help" jool g ""
expect abbreviated-operation "true false" jool g up logging-bib ""
expect instance-add "--netfilter --iptables --pool6 -6 --force --help --usage --version" jool instance add -
expect one-framework "--pool6 -6 --force --help --usage --version" jool instance add --iptables -
expect pool4-add "--tcp --udp --icmp --mark --max-iterations --force --help --usage --version" jool pool4 add -
expect pool4-add-no-repeat "--udp --icmp --mark --max-iterations --force --help --usage --version" \
	jool pool4 add --tcp 192.0.2.1 -
expect pool4-remove "--tcp --udp --icmp --mark --quick --help --usage --version" jool -i lab pool4 remove -
expect pool4-flush "--quick --help --usage --version" jool pool4 flush -
expect max-iterations "auto infinity" jool pool4 add 192.0.2.1 --max-iterations ""
expect mark-value "" jool pool4 add --mark ""
expect bib-one-protocol "--numeric --csv --no-headers --json -j --help --usage --version" jool bib display --udp -
expect session-display "--tcp --udp --icmp --numeric --csv --no-headers --json -j --help --usage --version" \
	jool session display ""
expect stats-display "--all --explain --csv --no-headers --json --help --usage --version" jool stats display --
expect global-keys "logging-debug logging-bib logging-session" jool global update logging
expect global-bool-value "true false" jool global update address-dependent-filtering ""
expect global-timeout-value "" jool global update udp-timeout ""
expect global-no-third "" jool global update logging-bib on ""
expect pool6-not-updatable "" jool global update pool
expect jool3-flags "--display --add --remove --flush --tcp --udp --icmp --mark --force --quick --csv --help" jool --pool4 ""
expect jool3-add "--tcp --udp --icmp --force --help" jool -i lab --pool4 --add --mark 5 -
expect jool3-flush "--quick --help" jool --pool4 --flush -
expect unknown-object "" jool bogus ""
# After the operation -i is --icmp and -f --force (Jool 4's short options).
expect short-icmp-not-instance "--tcp --udp --icmp --all --csv --no-headers --json -j --help --usage --version" \
	jool -i lab pool4 display -i ""
expect short-force-not-file "--tcp --udp --icmp --mark --max-iterations --force --help --usage --version" \
	jool pool4 add -f -
expect bib-short-protocol "--numeric --csv --no-headers --json -j --help --usage --version" jool bib display -u -
expect global-key-prefix-value "true false" jool global update logging-b ""
expect ss-keys "ss-enabled ss-flush-asap ss-flush-deadline ss-capacity ss-max-payload" jool global update ss

# Files after `file handle` and -f.
cd "$usr" || exit 1
expect file-handle "jool.service" jool file handle jool.s
expect file-option "jool.service" jool -f jool.s
expect file-handle-one "" jool file handle jool.service ""
cd - >/dev/null || exit 1

# Instance names: from the module when it is there, quietly nothing otherwise.
expect instance-names "default lab" jool -i ""
expect instance-name-prefix "lab" jool --instance = l
expect instance-after-equals "instance" jool --instance = lab i
expect instance-remove "default lab" jool instance remove ""
expect instance-status-one "" jool instance status lab ""
: >"$stub_log"
module=no
expect no-module "" jool -i ""
if [[ -s $stub_log ]]; then
	fail no-module-no-query "asked jool without the module loaded: $(cat "$stub_log")"
else
	pass no-module-no-query
fi
module=yes
stub=fail
err=$(comp jool -i "" 2>&1)
if [[ -z $err && -z ${COMPREPLY[*]} ]]; then
	pass jool-fails-quietly
else
	fail jool-fails-quietly "stderr '$err', completions '${COMPREPLY[*]}'"
fi
stub=ok

# --- the completion knows what the sources define ---
# Objects (usr/main.c) and each object's operations (usr/<object>.c).
objects=$(grep -oE '^\s*\{ "[a-z0-9]+", [a-z0-9]+_ops,' "$usr/main.c" | grep -oE '"[a-z0-9]+"' | tr -d '"' | xargs)
if [[ -n $objects && $objects == "$(echo $_jool_objects)" ]]; then
	pass objects-match-main.c
else
	fail objects-match-main.c "main.c has '$objects', completion '$_jool_objects'"
fi
for obj in $objects; do
	ops=$(grep -oE '^\s*\{ "[a-z]+", op_[a-z_]+,' "$usr/$obj.c" | grep -oE '"[a-z]+"' | tr -d '"' | xargs)
	if [[ -n $ops && $ops == "$(_jool_ops "$obj")" ]]; then
		pass "ops-match-$obj.c"
	else
		fail "ops-match-$obj.c" "$obj.c has '$ops', completion '$(_jool_ops "$obj")'"
	fi
done

# Global keys (usr/global.c keys[]), pool6 aside; and which are booleans.
keys=$(grep -oE '^\s*\{ "[a-z0-9-]+", JOOL_A_[A-Z0-9_]+, G_[A-Z0-9]+ \}' "$usr/global.c")
want=$(echo "$keys" | grep -v G_POOL6 | grep -oE '"[a-z0-9-]+"' | tr -d '"' | xargs)
if [[ -n $want && $want == "$(echo $_jool_global_keys)" ]]; then
	pass keys-match-global.c
else
	fail keys-match-global.c "global.c has '$want', completion '$(echo $_jool_global_keys)'"
fi
want=$(echo "$keys" | grep G_BOOL | grep -oE '"[a-z0-9-]+"' | tr -d '"' | xargs)
if [[ -n $want && $want == "$(echo $_jool_bool_keys)" ]]; then
	pass bool-keys-match-global.c
else
	fail bool-keys-match-global.c "global.c has '$want', completion '$(echo $_jool_bool_keys)'"
fi

# Every long option of every argp_option table is offered somewhere.
all=" $_jool_help_opts "
for obj in $objects; do
	for op in $(_jool_ops "$obj"); do
		all+=" $(_jool_op_opts "$obj" "$op") "
	done
done
missing=
for o in $(grep -ohE '\{ "[a-z][a-z0-9-]*", (KEY_[A-Z_]+|'"'.'"'),' "$usr"/*.c | grep -oE '"[a-z0-9-]+"' | tr -d '"' | sort -u); do
	[[ $all == *" --$o "* ]] || missing+=" --$o"
done
if [[ -z $missing ]]; then
	pass options-match-sources
else
	fail options-match-sources "not offered anywhere:$missing"
fi

exit $failed
