/*
 * import_field.c - the state of reading one export file, and forgiving
 * field lookup in it: positions, warnings given once per file, rejected
 * records, typed getters, the array of records and times; and the silent
 * lookups of detectors.
 */
#include "import_field.h"
#include "stream.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"
#include "srmap/read/input.h"
#include "srmap/read/reader_stats.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- JSON helpers for detectors ----------------------------------------------- */

const cJSON *json_get_ci(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	const cJSON *loose = NULL;
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (strcmp(c->string, key) == 0)
			return cJSON_IsNull(c) ? NULL : c;
		if (!loose && strcasecmp(c->string, key) == 0)
			loose = c;
	}
	return loose && !cJSON_IsNull(loose) ? loose : NULL;
}

const cJSON *json_first_record(const cJSON *root, const char *key)
{
	const cJSON *arr = cJSON_IsArray(root) ? root : key ? json_get_ci(root, key) : NULL;
	const cJSON *item;
	int seen = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	cJSON_ArrayForEach(item, arr) {
		if (cJSON_IsObject(item))
			return item;
		if (++seen == 3)
			break;
	}
	return NULL;
}

int json_array_has(const cJSON *arr, const char *s)
{
	const cJSON *item;
	if (!cJSON_IsArray(arr))
		return 0;
	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsString(item) && strcasecmp(item->valuestring, s) == 0)
			return 1;
	return 0;
}

/* ---- the context of one file -------------------------------------------------- */

void import_ctx_init(struct import_ctx *cx, struct import_env *env, const struct input_text *in,
		     const struct reader *r, struct reader_stats *st, struct diag_list *d)
{
	*cx = (struct import_ctx){ .env = env, .in = in, .reader = r, .path = in->path, .st = st,
				   .d = d };
	strmap_init(&cx->warned, 0);
	strmap_init(&cx->pending_index, 0);
	strmap_init(&cx->tenants, 1);
	strmap_init(&cx->subscriptions, 1);
	strmap_init(&cx->tenants_held, 1);
}

static void pending_free(struct pending *p)
{
	free(p->scope_id); free(p->control); free(p->collected_by); free(p->note);
}

void import_ctx_release(struct import_ctx *cx)
{
	for (size_t i = 0; i < cx->nwarned; i++)
		free(cx->warned_keys[i]);
	free(cx->warned_keys);
	strmap_release(&cx->warned);
	for (size_t i = 0; i < cx->npending; i++) {
		pending_free(&cx->pending[i]);
		free(cx->pending_keys[i]);
	}
	free(cx->pending);
	free(cx->pending_keys);
	strmap_release(&cx->pending_index);
	strmap_release(&cx->tenants);
	strmap_release(&cx->subscriptions);
	strmap_release(&cx->tenants_held);
	free(cx->merged_id);
	*cx = (struct import_ctx){ 0 };
}

struct srcpos import_pos(const struct import_ctx *cx, const cJSON *node)
{
	struct srcpos p;
	if (!cx->in->stream || !stream_pos(cx->in->stream, node, &p))
		p = jsondoc_pos(&cx->in->doc, node);
	p.file = cx->path;
	return p;
}

void import_warn_once(struct import_ctx *cx, const char *key, struct srcpos pos,
		      const char *fmt, ...)
{
	if (strmap_get(&cx->warned, key))
		return;
	GROW(cx->warned_keys, cx->warned_cap, cx->nwarned + 1);
	cx->warned_keys[cx->nwarned] = xstrdup(key);
	strmap_put(&cx->warned, cx->warned_keys[cx->nwarned], cx);
	cx->nwarned++;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_warn_at(cx->d, pos, "%s", msg);
	free(msg);
}

void import_reject(struct import_ctx *cx, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_warn_at(cx->d, pos, "%s: the record is skipped", msg);
	free(msg);
	cx->st->rejected++;
}

/* ---- fields ------------------------------------------------------------------ */

const cJSON *import_get(struct import_ctx *cx, const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	const cJSON *exact = NULL, *first = NULL, *other = NULL;
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (strcmp(c->string, key) == 0) {
			exact = c;
			break;
		}
		if (strcasecmp(c->string, key) != 0)
			continue;
		if (strcmp(c->string + 1, key + 1) == 0) {
			if (!first)
				first = c;
		} else if (!other) {
			other = c;
		}
	}
	const cJSON *v = exact ? exact : first ? first : other;
	if (v && v == other) {
		char *wkey = xasprintf("case:%s", other->string);
		import_warn_once(cx, wkey, import_pos(cx, other),
				 "key \"%s\" read as \"%s\" (unexpected letter case)", other->string, key);
		free(wkey);
	}
	return v && !cJSON_IsNull(v) ? v : NULL;
}

static const char *json_type(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "a boolean";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "invalid";
}

static const cJSON *typed(struct import_ctx *cx, const cJSON *obj, const char *key,
			  cJSON_bool (*is)(const cJSON *), const char *want, int *bad)
{
	const cJSON *v = import_get(cx, obj, key);
	if (!v || is(v))
		return v;
	if (bad) {
		if (!*bad)
			import_reject(cx, import_pos(cx, v), "\"%s\" must be %s, not %s", key, want,
				      json_type(v));
		*bad = 1;
	} else {
		diag_warn_at(cx->d, import_pos(cx, v), "\"%s\" must be %s, not %s: ignored", key, want,
			     json_type(v));
	}
	return NULL;
}

const char *import_str(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad)
{
	const cJSON *v = typed(cx, obj, key, cJSON_IsString, "a string", bad);
	return v ? v->valuestring : NULL;
}

const cJSON *import_obj(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad)
{
	return typed(cx, obj, key, cJSON_IsObject, "an object", bad);
}

const cJSON *import_arr(struct import_ctx *cx, const cJSON *obj, const char *key, int *bad)
{
	return typed(cx, obj, key, cJSON_IsArray, "an array", bad);
}

const cJSON *import_records(struct import_ctx *cx, const char *key)
{
	const cJSON *root = cx->in->doc.root;
	if (cJSON_IsArray(root))
		return root;
	const cJSON *v = cJSON_IsObject(root) ? import_get(cx, root, key) : NULL;
	if (cJSON_IsArray(v))
		return v;
	diag_error_at(cx->d, import_pos(cx, v ? v : root),
		      "expected an array of records, or an object whose \"%s\" is one (is this %s?)",
		      key, cx->reader->title);
	return NULL;
}

/* Parses s as import_time does; *no_zone says it had no zone (read as UTC). */
static int parse_time(const char *s, int64_t *out, int *no_zone)
{
	char buf[64];
	size_t n = strlen(s);
	*no_zone = 0;
	if (n < 19 || n + 2 > sizeof buf)
		return -1;
	memcpy(buf, s, n + 1);
	if (buf[10] == ' ')
		buf[10] = 'T';
	size_t i = 19;
	if (buf[i] == '.')
		for (i++; isdigit((unsigned char)buf[i]); i++)
			;
	if (!buf[i]) {
		memcpy(buf + i, "Z", 2);
		if (isotime_parse(buf, out) < 0)
			return -1;
		*no_zone = 1;
		return 0;
	}
	return isotime_parse(buf, out);
}

static void warn_no_zone(struct import_ctx *cx, struct srcpos pos, const char *s)
{
	import_warn_once(cx, "time-zone", pos, "times without a time zone (\"%s\") are read "
			 "as UTC", s);
}

int import_time(struct import_ctx *cx, const char *s, struct srcpos pos, int64_t *out)
{
	int no_zone;
	int rc = parse_time(s, out, &no_zone);
	if (rc == 0 && no_zone)
		warn_no_zone(cx, pos, s);
	return rc;
}

int import_time_of(struct import_ctx *cx, const cJSON *node, int64_t *out)
{
	int no_zone;
	if (!cJSON_IsString(node))
		return -1;
	int rc = parse_time(node->valuestring, out, &no_zone);
	if (rc == 0 && no_zone)
		warn_no_zone(cx, import_pos(cx, node), node->valuestring);
	return rc;
}
