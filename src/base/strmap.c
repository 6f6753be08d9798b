/* strmap.c - open-addressing string hash table, keys hashed a word at a time. */
#include "srmap/base/strmap.h"
#include "srmap/base/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The eight bytes of w with A-Z made a-z, other bytes as they are: the ASCII
 * letters are found in all eight at once (a byte's high bit marks it).
 */
static uint64_t fold_word(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t low7 = w & (0x7F * ones);
	uint64_t from_a = low7 + (0x80 - 'A') * ones;      /* high bit: byte >= 'A' */
	uint64_t past_z = low7 + (0x7F - 'Z') * ones;      /* high bit: byte > 'Z' */
	uint64_t upper = (from_a ^ past_z) & ~w & (0x80 * ones);
	return w | upper >> 2;                               /* 0x80 >> 2 is the case bit */
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
	return h ^ h >> 29;
}

/*
 * Eight bytes at a time rather than one (resource ids run to 150 and more,
 * and are looked up several times per evidence record); the bytes after the
 * end are zero, the length is mixed in last.
 */
size_t strmap_hash(const char *key, int fold_case)
{
	size_t len = strlen(key), i = 0;
	uint64_t h = 0x243F6A8885A308D3ULL, w;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, key + i, 8);
		h = mix(h, fold_case ? fold_word(w) : w);
	}
	w = 0;
	memcpy(&w, key + i, len - i);
	h = mix(h, fold_case ? fold_word(w) : w);
	h = mix(h, len);
	h *= 0xD6E8FEB86659FD93ULL;
	return (size_t)(h ^ h >> 32);
}

static int same(const struct strmap *m, const char *a, const char *b)
{
	return m->fold_case ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

void strmap_init(struct strmap *m, int fold_case)
{
	*m = (struct strmap){ .fold_case = fold_case };
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

static struct strmap_slot *find(const struct strmap *m, const char *key, size_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && same(m, s->key, key)))
			return s;
	}
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	struct strmap_slot *s = find(m, key, strmap_hash(key, m->fold_case));
	return s->key ? s->value : NULL;
}

void **strmap_ref(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	struct strmap_slot *s = find(m, key, strmap_hash(key, m->fold_case));
	return s->key ? &s->value : NULL;
}

static void rehash(struct strmap *m, size_t ncap)
{
	struct strmap old = *m;
	m->slots = xcalloc(ncap, sizeof(*m->slots));
	m->cap = ncap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	if ((m->count + 1) * 4 >= m->cap * 3)
		rehash(m, m->cap ? m->cap * 2 : 16);
	size_t h = strmap_hash(key, m->fold_case);
	struct strmap_slot *s = find(m, key, h);
	if (s->key) {
		void *prev = s->value;
		s->key = key;   /* the caller may be replacing the entry that owned the old key */
		s->value = value;
		return prev;
	}
	*s = (struct strmap_slot){ key, value, h };
	m->count++;
	return NULL;
}
