/*
 * jsondoc_field.c - the field getters of a parsed JSON input (jsondoc.h): a
 * key of an object, its type checked, a wrong one reported at its position.
 */
#include "srmap/base/jsondoc.h"
#include "srmap/base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "a boolean";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "invalid";
}

static const cJSON *field(const struct jsondoc *doc, const cJSON *obj, const char *key,
			  int required, cJSON_bool (*is)(const cJSON *), const char *want,
			  struct diag_list *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v) {
		if (required)
			diag_error_at(d, jsondoc_pos(doc, obj), "missing required field \"%s\"", key);
		return NULL;
	}
	if (!is(v)) {
		diag_error_at(d, jsondoc_pos(doc, v), "\"%s\" must be %s, not %s", key, want,
			      type_name(v));
		return NULL;
	}
	return v;
}

const char *jsondoc_string(const struct jsondoc *doc, const cJSON *obj, const char *key,
			   int required, struct diag_list *d)
{
	const cJSON *v = field(doc, obj, key, required, cJSON_IsString, "a string", d);
	if (v && required && !v->valuestring[0]) {
		diag_error_at(d, jsondoc_pos(doc, v), "\"%s\" must not be empty", key);
		return NULL;
	}
	return v ? v->valuestring : NULL;
}

const cJSON *jsondoc_array(const struct jsondoc *doc, const cJSON *obj, const char *key,
			   int required, struct diag_list *d)
{
	return field(doc, obj, key, required, cJSON_IsArray, "an array", d);
}

const cJSON *jsondoc_object(const struct jsondoc *doc, const cJSON *obj, const char *key,
			    int required, struct diag_list *d)
{
	return field(doc, obj, key, required, cJSON_IsObject, "an object", d);
}

int jsondoc_int(const struct jsondoc *doc, const cJSON *obj, const char *key,
		long min, long max, long *out, struct diag_list *d)
{
	const cJSON *v = field(doc, obj, key, 0, cJSON_IsNumber, "a number", d);
	if (!v)
		return 0;
	double x = v->valuedouble;
	/* The range first: converting a double outside long's range is undefined. */
	if (!(x >= (double)min && x <= (double)max && x > -0x1p63 && x < 0x1p63) ||
	    x != (double)(long)x) {
		diag_error_at(d, jsondoc_pos(doc, v), "\"%s\" must be a whole number from %ld to %ld",
			      key, min, max);
		return 0;
	}
	*out = (long)x;
	return 1;
}

void jsondoc_warn_unknown_keys(const struct jsondoc *doc, const cJSON *obj,
			       const char *const *known, struct diag_list *d)
{
	for (const cJSON *c = obj->child; c; c = c->next) {
		size_t i = 0;
		while (known[i] && strcmp(known[i], c->string) != 0)
			i++;
		if (!known[i])
			diag_warn_at(d, jsondoc_pos(doc, c), "unknown field \"%s\" ignored", c->string);
	}
}

char **jsondoc_strv(const struct jsondoc *doc, const cJSON *obj, const char *key,
		    size_t *count, struct diag_list *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*count = 0;
	if (!v)
		return NULL;
	if (cJSON_IsString(v)) {
		char **out = xcalloc(2, sizeof(char *));
		out[0] = xstrdup(v->valuestring);
		*count = 1;
		return out;
	}
	if (!cJSON_IsArray(v)) {
		diag_error_at(d, jsondoc_pos(doc, v), "\"%s\" must be an array of strings", key);
		return NULL;
	}
	char **out = xcalloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(char *));
	const cJSON *item;
	cJSON_ArrayForEach(item, v) {
		if (!cJSON_IsString(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "\"%s\" must hold only strings, not %s",
				      key, type_name(item));
			continue;
		}
		out[(*count)++] = xstrdup(item->valuestring);
	}
	return out;
}

void strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}
