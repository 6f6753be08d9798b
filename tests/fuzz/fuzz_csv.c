/*
 * fuzz_csv.c - libFuzzer harness for the RFC 4180 reader (csv.h) and the
 * CSV inventory reader built on it.
 *
 * Reads every record of the input with csv_open / csv_next, with the
 * delimiter detected and with a tab forced, and checks what the reader
 * promises: it ends (a record always moves forward), a record has at least
 * one field, every field is a string of characters XML can carry, and every
 * position is a real line and column.  Then the input goes through the
 * reader table as a "csv:" inventory file (written to an unlinked scratch
 * file, since reader_read_file only reads files), with the shipped catalog.
 * Build and run with `make fuzz` (see docs/conventions.md).
 */
#include "fuzz_common.h"
#include "srmap/base/csv.h"
#include "srmap/read/evidence.h"
#include "srmap/read/inventory.h"
#include "srmap/read/reader.h"
#include "srmap/base/utf8.h"

static struct catalog cat;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_catalog(&cat);
	fuzz_tmp_open("csv");
	return 0;
}

static void read_records(const char *text, size_t len, char delim)
{
	struct diag_list d;
	diag_init(&d, NULL);
	struct csv_reader r;
	if (csv_open(&r, "fuzz.csv", text, len, delim, &d) == 0) {
		enum csv_status s;
		size_t off = r.off;
		while ((s = csv_next(&r, &d)) != CSV_END && s != CSV_FATAL) {
			FUZZ_CHECK(r.off > off);
			off = r.off;
			if (s != CSV_RECORD)
				continue;
			FUZZ_CHECK(r.nfields >= 1);
			for (size_t i = 0; i <= r.nfields; i++) {
				const char *f = csv_field(&r, i);
				struct srcpos p = csv_field_pos(&r, i);
				FUZZ_CHECK(p.line >= r.record_line && p.line <= r.line && p.col >= 1);
				if (i == r.nfields) {
					FUZZ_CHECK(f == NULL);
					continue;
				}
				unsigned long cp;
				FUZZ_CHECK(f != NULL && utf8_xml_safe(f, &cp) == 0);
			}
		}
		FUZZ_CHECK(s == CSV_END ? r.off >= r.len : d.errors > 0);
	} else {
		FUZZ_CHECK(d.errors > 0);
	}
	csv_release(&r);
	diag_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_records((const char *)data, size, 0);
	read_records((const char *)data, size, '\t');

	char arg[300];
	snprintf(arg, sizeof arg, "csv:%s", fuzz_tmp_write(data, size));
	struct diag_list d;
	diag_init(&d, NULL);
	struct inventory inv;
	struct evidence_set ev;
	inventory_init(&inv);
	evidence_init(&ev);
	struct import_env env;
	import_env_init(&env, &cat, &inv, &ev, 1795132800);
	struct reader_stats st;
	reader_stats_init(&st);
	reader_read_file(&env, arg, READER_INVENTORY, NULL, &st, &d);
	FUZZ_CHECK(st.read >= st.rejected);
	reader_stats_release(&st);
	import_finish_inventory(&env);
	for (size_t i = 0; i < inv.n; i++)
		FUZZ_CHECK(inv.items[i].id && inv.items[i].name && inv.items[i].type);
	import_env_release(&env);
	evidence_release(&ev);
	inventory_release(&inv);
	diag_release(&d);
	return 0;
}
