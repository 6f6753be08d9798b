/*
 * fuzz_stream.c - libFuzzer harness for the streaming reader (stream.h):
 * a list export read record by record instead of as one parse tree.
 *
 * Streaming is a speed-up that must not change anything: the reader table
 * promises the same records and the same messages whether a file is read
 * whole or as a stream.  So every input is read twice through
 * reader_read_file, once with SRMAP_STREAM_MIN_BYTES unset (files this
 * small are always read whole) and once with it set to 0 (every file that
 * can be streamed is, the test knob of tests/test-streaming.sh), in the
 * inventory role into an empty inventory and in the evidence role against
 * the inventory of samples/azure; the two reads must give the same
 * workloads or evidence records, the same counts and the same diagnostics,
 * position for position.  Build and run with `make fuzz` (see
 * docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/read/evidence.h"
#include "srmap/read/inventory.h"
#include "srmap/read/reader.h"

static struct catalog cat;
static struct inventory sample_inv;
static struct evidence_set no_evidence;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const inputs[] = {
		"samples/azure/resources.json", "samples/azure/resource-graph.json",
		"samples/azure/m365-services.json", "tests/readers/azure-resource-list.json", NULL
	};
	(void)argc;
	(void)argv;
	unsetenv("SRMAP_STREAM_MIN_BYTES");
	fuzz_load_catalog(&cat);
	inventory_init(&sample_inv);
	evidence_init(&no_evidence);
	struct import_env env;
	import_env_init(&env, &cat, &sample_inv, &no_evidence, 1795132800);
	struct diag_list d;
	diag_init(&d, NULL);
	for (size_t i = 0; inputs[i]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", FUZZ_TOP, inputs[i]);
		struct reader_stats st;
		reader_stats_init(&st);
		reader_read_file(&env, path, READER_INVENTORY, NULL, &st, &d);
		reader_stats_release(&st);
	}
	import_finish_inventory(&env);
	import_env_release(&env);
	diag_release(&d);
	if (sample_inv.n == 0)
		abort();
	fuzz_tmp_open("stream");
	return 0;
}

/* What one read gave, kept to compare the whole-file read with the streamed one. */
struct outcome {
	struct diag_list d;
	struct inventory inv;
	struct evidence_set ev;
	struct reader_stats st;
	int rc;
};

static void read_once(struct outcome *o, const char *path, enum reader_role role, int stream)
{
	if (stream)
		setenv("SRMAP_STREAM_MIN_BYTES", "0", 1);
	else
		unsetenv("SRMAP_STREAM_MIN_BYTES");
	diag_init(&o->d, NULL);
	inventory_init(&o->inv);
	evidence_init(&o->ev);
	reader_stats_init(&o->st);
	struct import_env env;
	/* Evidence is matched against the sample inventory, as `srmap assess` does. */
	import_env_init(&env, &cat, role == READER_EVIDENCE ? &sample_inv : &o->inv, &o->ev,
			1795132800);
	o->rc = reader_read_file(&env, path, role, NULL, &o->st, &o->d);
	if (role == READER_INVENTORY)
		import_finish_inventory(&env);
	import_env_release(&env);
	unsetenv("SRMAP_STREAM_MIN_BYTES");
}

static void release(struct outcome *o)
{
	reader_stats_release(&o->st);
	evidence_release(&o->ev);
	inventory_release(&o->inv);
	diag_release(&o->d);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void compare(const struct outcome *w, const struct outcome *s)
{
	FUZZ_CHECK(w->rc == s->rc);
	FUZZ_CHECK(w->d.n == s->d.n && w->d.errors == s->d.errors &&
		   w->d.warnings == s->d.warnings);
	for (size_t i = 0; i < w->d.n; i++) {
		const struct diag *a = &w->d.items[i], *b = &s->d.items[i];
		FUZZ_CHECK(a->level == b->level && a->line == b->line && a->col == b->col);
		FUZZ_CHECK(same_str(a->file, b->file) && same_str(a->msg, b->msg));
	}
	FUZZ_CHECK(same_str(w->st.format, s->st.format));
	FUZZ_CHECK(w->st.read == s->st.read && w->st.mapped == s->st.mapped &&
		   w->st.rejected == s->st.rejected && w->st.added == s->st.added &&
		   w->st.unmatched == s->st.unmatched && w->st.merged == s->st.merged);
	FUZZ_CHECK(strcmp(w->st.sha256, s->st.sha256) == 0 && w->st.size == s->st.size);
	FUZZ_CHECK(w->inv.n == s->inv.n && w->ev.n == s->ev.n);
	for (size_t i = 0; i < w->inv.n; i++) {
		const struct workload *a = &w->inv.items[i], *b = &s->inv.items[i];
		FUZZ_CHECK(same_str(a->id, b->id) && same_str(a->name, b->name) &&
			   same_str(a->type, b->type));
	}
	for (size_t i = 0; i < w->ev.n; i++) {
		const struct evidence *a = &w->ev.items[i], *b = &s->ev.items[i];
		FUZZ_CHECK(same_str(a->id, b->id) && same_str(a->control, b->control) &&
			   same_str(a->scope_id, b->scope_id) && a->result == b->result &&
			   a->collected_at == b->collected_at && a->pos.line == b->pos.line &&
			   a->pos.col == b->pos.col);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_tmp_write(data, size);
	static const enum reader_role roles[] = { READER_INVENTORY, READER_EVIDENCE };
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
		struct outcome whole, streamed;
		read_once(&whole, path, roles[r], 0);
		read_once(&streamed, path, roles[r], 1);
		compare(&whole, &streamed);
		release(&whole);
		release(&streamed);
	}
	return 0;
}
