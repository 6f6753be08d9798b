/*
 * attach.c - the evidence artifacts attached to the PDF report (attach.h).
 */
#include "attach.h"
#include "srmap/base/alloc.h"
#include "srmap/base/digest.h"
#include "srmap/base/strmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static void sb_add(struct strbuf *b, const char *text)
{
	size_t n = strlen(text);
	GROW(b->s, b->cap, b->len + n + 1);
	memcpy(b->s + b->len, text, n + 1);
	b->len += n;
}

/* "12.5 MB" (MiB, one decimal) from 1 MB up, else "2,097 bytes". */
static void human_size(unsigned long long n, char *out, size_t len)
{
	if (n >= 1048576) {
		snprintf(out, len, "%.1f MB", (double)n / 1048576.0);
		return;
	}
	if (n >= 1000000)
		snprintf(out, len, "%llu,%03llu,%03llu bytes", n / 1000000, n / 1000 % 1000, n % 1000);
	else if (n >= 1000)
		snprintf(out, len, "%llu,%03llu bytes", n / 1000, n % 1000);
	else
		snprintf(out, len, "%llu byte%s", n, n == 1 ? "" : "s");
}


void attach_release(struct attach_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free((char *)set->items[i].name);
		free((unsigned char *)set->items[i].data);
	}
	free(set->items);
	free(set->attached.s);
	free(set->skipped.s);
	*set = (struct attach_set){ 0 };
}

/*
 * Reads an artifact whole, if it still has the size and SHA-256 that srmap
 * recorded when it checked the evidence: the PDF then carries exactly the
 * bytes the report vouches for.  Returns the bytes, or NULL after a warning.
 */
static unsigned char *read_artifact(const struct evidence *e, struct diag_list *d)
{
	struct srcpos at = evidence_pos(e, e->artifact_pos);
	int fd = open(e->artifact_path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		diag_warn_at(d, at, "artifact \"%s\" of evidence \"%s\" cannot be read (%s): not "
			     "attached to the PDF", e->artifact, e->id, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	unsigned long long size = (unsigned long long)st.st_size;
	unsigned char *buf = NULL;
	int same = S_ISREG(st.st_mode) && size == e->artifact_size && size <= SIZE_MAX - 1;
	if (same) {
		buf = xmalloc((size_t)size + 1);
		size_t got = 0;
		while (got <= size) {      /* one byte more than expected: the file must end */
			ssize_t r = read(fd, buf + got, (size_t)size + 1 - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		char hex[DIGEST_HEX_LEN];
		same = got == size && digest_sha256(buf, got, hex) == 0 &&
		       strcmp(hex, e->artifact_sha256) == 0;
	}
	close(fd);
	if (!same) {
		diag_warn_at(d, at, "artifact \"%s\" of evidence \"%s\" changed after srmap hashed it: "
			     "not attached to the PDF", e->artifact, e->id);
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * Chooses the artifacts to attach: each file once (records naming the same
 * file share it), in evidence order, while the total stays within the limit;
 * once a file does not fit, no later one is attached either, and one warning
 * says so.  An attachment is named by the artifact path as the record gives
 * it (relative to the evidence root); a second file under a name already
 * taken (two evidence files in different folders) is named "ID/PATH".
 */
void attach_collect(const struct assessment *a, unsigned long long limit,
		    struct attach_set *set, struct diag_list *d)
{
	set->active = 1;
	snprintf(set->limit, sizeof set->limit, "%llu", limit);
	struct strmap by_path, by_name;
	strmap_init(&by_path, 0);
	strmap_init(&by_name, 0);
	unsigned long long total = 0, left_bytes = 0;
	size_t left_files = 0;
	const struct evidence *first_left = NULL;
	for (size_t i = 0; i < a->ev->n; i++) {
		const struct evidence *e = &a->ev->items[i];
		if (!e->artifact || !e->artifact_path ||
		    (e->artifact_state != ARTIFACT_VERIFIED && e->artifact_state != ARTIFACT_UNVERIFIED))
			continue;
		uintptr_t v = (uintptr_t)strmap_get(&by_path, e->artifact_path);
		if (!v) {
			if (first_left || e->artifact_size > limit - total) {
				if (!first_left)
					first_left = e;
				left_files++;
				left_bytes += e->artifact_size;
				v = ATTACH_SKIPPED;
			} else {
				char *name = xstrdup(e->artifact);
				if (strmap_get(&by_name, name)) {
					free(name);
					name = xasprintf("%s/%s", e->id, e->artifact);
				}
				unsigned char *data = strmap_get(&by_name, name) ? NULL : read_artifact(e, d);
				if (!data) {
					free(name);
					v = ATTACH_FAILED;
				} else {
					GROW(set->items, set->cap, set->n + 1);
					set->items[set->n++] = (struct pdf_attachment){ name, data,
											(size_t)e->artifact_size };
					strmap_put(&by_name, name, (void *)1);
					total += e->artifact_size;
					v = set->n;
				}
			}
			strmap_put(&by_path, e->artifact_path, (void *)v);
		}
		if (v == ATTACH_SKIPPED) {
			sb_add(&set->skipped, set->skipped.len ? "" : "\n");
			sb_add(&set->skipped, e->id);
			sb_add(&set->skipped, "\n");
		} else if (v != ATTACH_FAILED) {
			sb_add(&set->attached, set->attached.len ? "" : "\n");
			sb_add(&set->attached, e->id);
			sb_add(&set->attached, "\t");
			sb_add(&set->attached, set->items[v - 1].name);
			sb_add(&set->attached, "\n");
		}
	}
	strmap_release(&by_path);
	strmap_release(&by_name);
	if (!set->attached.s)
		sb_add(&set->attached, "");
	if (!set->skipped.s)
		sb_add(&set->skipped, "");
	if (first_left) {
		char lim[32], left[32];
		human_size(limit, lim, sizeof lim);
		human_size(left_bytes, left, sizeof left);
		diag_warn_at(d, evidence_pos(first_left, first_left->artifact_pos),
			     "the evidence artifacts pass the --attach-limit of %s: %zu artifact "
			     "file%s (%s), from \"%s\" of evidence \"%s\" on, %s not attached to "
			     "the PDF (the evidence register says which)", lim, left_files,
			     left_files == 1 ? "" : "s", left, first_left->artifact, first_left->id,
			     left_files == 1 ? "is" : "are");
	}
}

