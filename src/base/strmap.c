/* strmap.c - open-addressing string hash table with FNV-1a hashing. */
#include "srmap/base/strmap.h"
#include "srmap/base/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static unsigned char fold(unsigned char c, int fold_case)
{
	return fold_case && c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

size_t strmap_hash(const char *key, int fold_case)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= fold(*p, fold_case);
		h *= (size_t)1099511628211ULL;
	}
	return h;
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
