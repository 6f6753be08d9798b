/*
 * strmap.h - a hash table from strings to pointers (open addressing).
 *
 * Used for every lookup by id: workloads, controls, resource types, evidence.
 * Lookups cost O(1) on average so that an assessment grows linearly with its
 * input.  Keys are borrowed: the caller keeps each key alive and unchanged
 * for as long as it is in the map.
 */
#ifndef SRMAP_STRMAP_H
#define SRMAP_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char *key;
	void *value;
	size_t hash;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, count;
	int fold_case;      /* ASCII case-insensitive keys when set */
};

/* Prepares an empty map; fold_case makes "ABC" and "abc" the same key. */
void strmap_init(struct strmap *m, int fold_case);

/* Frees the table (not the keys or values). */
void strmap_release(struct strmap *m);

/* Returns the value stored for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);

/*
 * Stores value under key, replacing any previous value; the map then holds
 * key (not the key it held before).  Returns the previous value, or NULL when
 * the key is new.
 */
void *strmap_put(struct strmap *m, const char *key, void *value);

/*
 * Returns the address of the value stored for key, or NULL when the key is
 * absent.  Lets a caller replace a value without handing over a new key.
 */
void **strmap_ref(const struct strmap *m, const char *key);

/* Hash of a string as the map computes it (exposed for composite keys). */
size_t strmap_hash(const char *key, int fold_case);

#endif
