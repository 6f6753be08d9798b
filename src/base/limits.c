/* limits.c - the limits in force on one input file's nesting, strings and records. */
#include "srmap/base/limits.h"

static int depth = LIMIT_DEFAULT_DEPTH;
static size_t string_bytes = LIMIT_DEFAULT_STRING;
static size_t records = LIMIT_DEFAULT_RECORDS;

void limits_set_depth(int n)
{
	depth = n > 0 ? n : LIMIT_DEFAULT_DEPTH;
}

void limits_set_string(size_t n)
{
	string_bytes = n ? n : LIMIT_DEFAULT_STRING;
}

void limits_set_records(size_t n)
{
	records = n ? n : LIMIT_DEFAULT_RECORDS;
}

static int lifted;

void limits_lift(int on)
{
	lifted = on;
}

int limits_depth(void)
{
	return lifted ? LIMIT_MAX_DEPTH : depth;
}

size_t limits_string(void)
{
	return lifted ? LIMIT_MAX_STRING : string_bytes;
}

size_t limits_records(void)
{
	return records;
}
