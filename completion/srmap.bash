# shellcheck shell=bash
# bash completion for srmap: commands, each command's options (as `srmap help COMMAND` lists
# them), the values of --format and the other options that take a word from a list, folders
# for the options that take one, and files for the rest.  make install puts it in
# PREFIX/share/bash-completion/completions/srmap; tests/test-cli.sh checks it against the help.

_srmap_commands="assess merge validate verify diff catalog templates help"
_srmap_options_assess="--inventory --evidence --inventory-format --evidence-format --collected-at
	--evidence-root --tenant --max-input-size --max-depth --max-string --max-records --profile
	--framework --catalog --datadir --out --format --jobs --shard --template --attach-evidence --attach-limit --pdf-detail
	--sign --sign-pass --baseline --fail-on --keep --summary --progress --strict --quiet --help"
_srmap_options_merge="--out --jobs --sign --sign-pass --fail-on --datadir --progress --quiet --help"
_srmap_options_validate="--catalog --datadir --max-input-size --max-depth --max-string
	--max-records --strict --quiet --help"
_srmap_options_verify="--base --ca --datadir --help"
_srmap_options_diff="--json --help"
_srmap_options_catalog="--catalog --datadir --max-input-size --help"
_srmap_options_templates="--datadir --help"
_srmap_options_help=""
_srmap_options_none="--help --version"
_srmap_formats="xml oscal crm csv json junit xlsx html pdf all"
_srmap_inventory_formats="srmap-json azure-resource-list azure-resource-graph csv saas-services
	azure-account-list"
_srmap_evidence_formats="srmap-json defender-assessments defender-recommendations-log
	azure-policy-states prowler-ocsf prowler-csv graph-conditional-access graph-secure-score
	scubagear maester"
_srmap_lookup_sources="defender azure-policy azure-policy-group azure-policy-set prowler
	prowler-compliance graph secure-score"

# _srmap_words LIST: the words of LIST that begin with the current word
_srmap_words() {
	local w
	COMPREPLY=()
	for w in $1; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
	done
}

_srmap() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=""
	local command="" sub="" i w
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# The command is the first word that names one; catalog's list or lookup follows it.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -z $command && " $_srmap_commands " == *" $w "* ]]; then
			command=$w
		elif [[ -n $command && $w != -* && -z $sub ]]; then
			sub=$w
		fi
	done
	case $prev in
	-f | --format)
		# a comma-separated list: complete the word after the last comma
		local head="" tail=$cur
		if [[ $cur == *,* ]]; then head=${cur%,*},; tail=${cur##*,}; fi
		COMPREPLY=()
		for w in $_srmap_formats; do
			[[ $w == "$tail"* ]] && COMPREPLY+=("$head$w")
		done
		compopt -o nospace 2>/dev/null
		return ;;
	--inventory-format) _srmap_words "$_srmap_inventory_formats"; return ;;
	--evidence-format) _srmap_words "$_srmap_evidence_formats"; return ;;
	--pdf-detail) _srmap_words "full summary"; return ;;
	--fail-on) _srmap_words "critical high medium low"; return ;;
	--framework)
		# a comma-separated list: complete the word after the last comma
		local done_part=""
		[[ $cur == *,* ]] && done_part=${cur%,*},
		mapfile -t COMPREPLY < <(compgen -P "$done_part" -W "hipaa soc2 fedramp" -- "${cur##*,}")
		compopt -o nospace 2>/dev/null
		return ;;
	--summary) _srmap_words "json"; return ;;
	-o | --out | --evidence-root | --datadir | --base)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	--collected-at | --tenant | --max-input-size | --keep | --attach-limit | --jobs | -j | --shard)
		COMPREPLY=()
		return ;;
	esac
	if [[ $cur == -* ]]; then
		local var=_srmap_options_${command:-none}
		_srmap_words "${!var}"
		return
	fi
	case $command in
	"") _srmap_words "$_srmap_commands"; return ;;
	help) [[ -z $sub ]] && _srmap_words "$_srmap_commands"; return ;;
	templates) [[ -z $sub ]] && _srmap_words "list"; return ;;
	catalog)
		if [[ -z $sub ]]; then
			_srmap_words "list lookup"
		elif [[ $sub == lookup && $prev == lookup ]]; then
			_srmap_words "$_srmap_lookup_sources"
		else
			COMPREPLY=()
		fi
		return ;;
	esac
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -F _srmap srmap
