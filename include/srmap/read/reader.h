/*
 * reader.h - the input formats srmap reads, as one table of handlers.
 *
 * Each handler names a format, the role its files play (inventory or
 * evidence), a detector that recognises the format from the file's content
 * and a reader that adds the file's records to the inventory or the
 * evidence set.  Each reader lives in its own module, named by role and
 * format (inventory_azure.c, evidence_defender.c, ...); srmap's own JSON is
 * one of the formats.  job.c reads every input file through
 * reader_read_file; docs/formats.md describes the formats and how they are
 * detected.  A handler and the file it is given are input.h; what reading
 * a file gave, reader_stats.h; what the readers of a run share,
 * import_env.h.
 */
#ifndef SRMAP_READER_H
#define SRMAP_READER_H

#include "srmap/base/diag.h"
#include "srmap/read/import_env.h"
#include "srmap/read/input.h"
#include "srmap/read/reader_stats.h"

struct import_ctx;

/* The handlers, ending with a NULL name. */
extern const struct reader readers[];

/* Name of a role: "inventory", "evidence". */
const char *reader_role_name(enum reader_role r);

/* The handler called name for role (exact name), or NULL. */
const struct reader *reader_find(const char *name, enum reader_role role);

/*
 * Splits a command-line argument "FORMAT:path" into a format and a path,
 * when the part before the first colon names a format of any role; else
 * *format is NULL and *path is arg.  Both are borrowed from arg (format
 * points at a static name).
 */
void reader_split_arg(const char *arg, const char **format, const char **path);

/*
 * Reads the file arg ("FORMAT:path" or a path) in role: detects its format
 * unless arg or forced (may be NULL) names one, and adds its records to
 * env.  role READER_ROLE_COUNT accepts a file of either role (for `srmap
 * validate`).  Fills *st.  Returns 0, or -1 when the file could not be read
 * or has errors (reported to d; the records read before are kept).
 */
int reader_read_file(struct import_env *env, const char *arg, enum reader_role role,
		     const char *forced, struct reader_stats *st, struct diag_list *d);

/*
 * Returns 1 when arg should be validated as srmap's own JSON (an srmap
 * file, or a JSON object no other reader recognises and that resembles no
 * other tool's export, or JSON that does not parse), 0 when it is in
 * another format, a shape srmap can say more about, or carries a
 * "FORMAT:" prefix.  Reports nothing.
 */
int reader_is_srmap_file(const char *arg);

/* Handlers, one module each. */
int srmap_inventory_detect(const struct input_text *in);
void srmap_inventory_read(struct import_ctx *cx);
int srmap_evidence_detect(const struct input_text *in);
void srmap_evidence_read(struct import_ctx *cx);
int azure_list_detect(const struct input_text *in);
int azure_graph_detect(const struct input_text *in);
void azure_inventory_read(struct import_ctx *cx);
int csv_inventory_detect(const struct input_text *in);
void csv_inventory_read(struct import_ctx *cx);
int saas_detect(const struct input_text *in);
void saas_read(struct import_ctx *cx);
int account_detect(const struct input_text *in);
void account_read(struct import_ctx *cx);
int defender_detect(const struct input_text *in);
void defender_read(struct import_ctx *cx);
int defender_log_detect(const struct input_text *in);
void defender_log_read(struct import_ctx *cx);
int policy_detect(const struct input_text *in);
void policy_read(struct import_ctx *cx);
int prowler_detect(const struct input_text *in);
void prowler_read(struct import_ctx *cx);
int prowler_csv_detect(const struct input_text *in);
void prowler_csv_read(struct import_ctx *cx);
int graph_ca_detect(const struct input_text *in);
void graph_ca_read(struct import_ctx *cx);
int graph_score_detect(const struct input_text *in);
void graph_score_read(struct import_ctx *cx);
int scubagear_detect(const struct input_text *in);
void scubagear_read(struct import_ctx *cx);
int maester_detect(const struct input_text *in);
void maester_read(struct import_ctx *cx);

#endif
