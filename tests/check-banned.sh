#!/bin/sh
# Fails when the C sources call a function the conventions ban (docs/conventions.md):
# unbounded or silently truncating string calls, and atoi, which cannot report errors.
top=$(cd "$(dirname "$0")/.." && pwd)
hits=$(grep -n -E '(^|[^a-z_])(sprintf|vsprintf|strcpy|strcat|strncat|strtok|atoi|gets)[[:space:]]*\(' \
	"$top"/src/*/*.[ch] "$top"/include/srmap/*/*.h "$top"/tests/unit/*.c 2>/dev/null)
if [ -n "$hits" ]; then
	echo "banned calls:"
	echo "$hits"
	exit 1
fi
echo "banned calls: none"
