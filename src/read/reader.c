/*
 * reader.c - the table of input format handlers, format detection, the
 * "FORMAT:path" argument form, and the readers of srmap's own inventory
 * and evidence JSON as entries of the table.
 */
#include "srmap/read/reader.h"
#include "srmap/base/digest.h"
#include "srmap/base/readfile.h"
#include "srmap/base/alloc.h"
#include "srmap/read/evidence.h"
#include "import_field.h"
#include "observation.h"
#include "shape_hint.h"
#include "records.h"
#include "stream.h"
#include "srmap/read/inventory.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const struct reader readers[] = {
	{ "srmap-json", READER_INVENTORY, "srmap inventory JSON",
	  srmap_inventory_detect, srmap_inventory_read, 0 },
	{ "azure-resource-list", READER_INVENTORY, "an Azure CLI resource list (az resource list)",
	  azure_list_detect, azure_inventory_read, 0 },
	{ "azure-resource-graph", READER_INVENTORY, "an Azure Resource Graph query result",
	  azure_graph_detect, azure_inventory_read, 0 },
	{ "csv", READER_INVENTORY, "an inventory CSV",
	  csv_inventory_detect, csv_inventory_read, 1 },
	{ "saas-services", READER_INVENTORY, "a list of a tenant's SaaS services",
	  saas_detect, saas_read, 0 },
	{ "azure-account-list", READER_INVENTORY,
	  "an Azure CLI subscription list (az account list / az account show)",
	  account_detect, account_read, 0 },
	{ "srmap-json", READER_EVIDENCE, "srmap evidence JSON",
	  srmap_evidence_detect, srmap_evidence_read, 0 },
	{ "defender-assessments", READER_EVIDENCE, "a Defender for Cloud assessments export",
	  defender_detect, defender_read, 0 },
	{ "defender-recommendations-log", READER_EVIDENCE,
	  "a Log Analytics export of Defender for Cloud recommendations (SecurityRecommendation)",
	  defender_log_detect, defender_log_read, 0 },
	{ "azure-policy-states", READER_EVIDENCE, "an Azure Policy compliance states export",
	  policy_detect, policy_read, 0 },
	{ "prowler-ocsf", READER_EVIDENCE, "a Prowler JSON-OCSF report",
	  prowler_detect, prowler_read, 0 },
	{ "prowler-csv", READER_EVIDENCE, "a Prowler CSV report",
	  prowler_csv_detect, prowler_csv_read, 1 },
	{ "graph-conditional-access", READER_EVIDENCE,
	  "a Microsoft Graph export of Conditional Access policies", graph_ca_detect, graph_ca_read, 0 },
	{ "graph-secure-score", READER_EVIDENCE, "a Microsoft Graph export of Secure Score",
	  graph_score_detect, graph_score_read, 0 },
	{ "scubagear", READER_EVIDENCE, "CISA ScubaGear results (ScubaResults JSON)",
	  scubagear_detect, scubagear_read, 0 },
	{ "maester", READER_EVIDENCE, "Maester test results (TestResults JSON)",
	  maester_detect, maester_read, 0 },
	{ NULL, READER_INVENTORY, NULL, NULL, NULL, 0 }
};

static const char *const role_names[READER_ROLE_COUNT] = { "inventory", "evidence" };

const char *reader_role_name(enum reader_role r) { return role_names[r]; }

const struct reader *reader_find(const char *name, enum reader_role role)
{
	for (const struct reader *r = readers; r->name; r++)
		if (strcmp(r->name, name) == 0 && (role == READER_ROLE_COUNT || r->role == role))
			return r;
	return NULL;
}

void reader_split_arg(const char *arg, const char **format, const char **path)
{
	*format = NULL;
	*path = arg;
	const char *colon = strchr(arg, ':');
	if (!colon)
		return;
	for (const struct reader *r = readers; r->name; r++)
		if (strlen(r->name) == (size_t)(colon - arg) &&
		    strncmp(r->name, arg, (size_t)(colon - arg)) == 0) {
			*format = r->name;
			*path = colon + 1;
			return;
		}
}

/* ---- loading ------------------------------------------------------------------- */

static int load_text(struct input_text *in, const char *path, struct reader_stats *st,
		     struct diag_list *d)
{
	*in = (struct input_text){ .path = path };
	char *buf;
	size_t len;
	unsigned long long size;
	int gzipped;
	/* Provenance records the file as stored (what verify hashes again), not a second read. */
	if (readfile_input(path, &buf, &len, st->sha256, &size, &gzipped, d) < 0)
		return -1;
	st->size = size;
	in->text = buf;
	in->len = len;
	size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && (unsigned char)buf[i] <= 32)
		i++;
	/* An empty file goes to the JSON parser, which says so as it always has. */
	in->is_json = i >= len || buf[i] == '{' || buf[i] == '[';
	return 0;
}

static int parse(struct input_text *in, struct diag_list *d)
{
	if (!in->is_json)
		return 0;
	if (jsondoc_parse(&in->doc, in->path, in->text, in->len, d) < 0)
		return -1;
	in->parsed = 1;
	/* The document keeps its own copy of the text: drop ours (it is as large as the file). */
	free(in->text);
	in->text = NULL;
	return 0;
}

static void release_text(struct input_text *in)
{
	if (in->parsed)
		jsondoc_release(&in->doc);
	stream_free(in->stream);
	free(in->text);
	*in = (struct input_text){ 0 };
}

/*
 * The handler that recognises in most surely, or NULL; on a tie, one of
 * role (READER_ROLE_COUNT: any), then the first in the table.
 */
static const struct reader *detect(const struct input_text *in, enum reader_role role)
{
	const struct reader *best = NULL;
	int score = 0;
	for (const struct reader *r = readers; r->name; r++) {
		int s = r->detect(in);
		if (s > score || (s && s == score && best->role != role && r->role == role)) {
			score = s;
			best = r;
		}
	}
	return best;
}

static char *format_list(enum reader_role role)
{
	char *list = NULL;
	for (const struct reader *r = readers; r->name; r++) {
		if (r->role != role)
			continue;
		char *n = list ? xasprintf("%s, %s", list, r->name) : xstrdup(r->name);
		free(list);
		list = n;
	}
	return list;
}

int reader_read_file(struct import_env *env, const char *arg, enum reader_role role,
		     const char *forced, struct reader_stats *st, struct diag_list *d)
{
	size_t before = diag_failures(d);
	const char *prefix, *path;
	reader_split_arg(arg, &prefix, &path);
	if (prefix)
		forced = prefix;
	/* A file given in a format is read as that format says whatever its first character:
	   the CSV readers need the text (which parsing drops), the others a parsed document. */
	const struct reader *as = forced ? reader_find(forced, role) : NULL;
	struct input_text in;
	/* A large list is read a record at a time when its reader can take it so, and nothing
	   said about the file would differ; otherwise (and always for errors) it is read whole. */
	int streamed = (!as || !as->text) && stream_open(&in, path, st);
	if (streamed) {
		const struct reader *r = as ? as : forced ? NULL : detect(&in, role);
		char *hint = r && !forced ? shape_hint(&in, r, readers) : NULL;
		if (!r || hint || (role != READER_ROLE_COUNT && r->role != role) ||
		    !records_stream_fits(&in, r)) {
			release_text(&in);
			streamed = 0;
		}
		free(hint);
	}
	if (!streamed && load_text(&in, path, st, d) < 0) {
		release_text(&in);
		return -1;
	}
	if (!streamed && as)
		in.is_json = !as->text;
	if (!streamed && parse(&in, d) < 0) {
		release_text(&in);
		return -1;
	}
	text_fixes_take(&st->fixes, &in.doc.fixes);
	struct srcpos top = { path, 1, 1 };
	const struct reader *r = NULL;
	if (forced) {
		r = reader_find(forced, role);
		if (!r) {
			char *list = format_list(role == READER_ROLE_COUNT ? READER_INVENTORY : role);
			diag_error_at(d, top, "unknown %s format \"%s\" (formats: %s)",
				      role == READER_ROLE_COUNT ? "input" : role_names[role], forced, list);
			free(list);
			release_text(&in);
			return -1;
		}
	} else {
		r = detect(&in, role);
		/* A report, a spreadsheet or an export of another kind: say what it is. */
		char *hint = shape_hint(&in, r, readers);
		if (hint) {
			diag_error_at(d, top, "%s", hint);
			free(hint);
			release_text(&in);
			return -1;
		}
		if (!r && in.parsed && cJSON_IsObject(in.doc.root) && role != READER_ROLE_COUNT)
			r = reader_find("srmap-json", role);   /* it says what it lacks */
		if (!r) {
			char *keys = shape_record_keys(&in);
			if (role == READER_ROLE_COUNT) {
				char *a = format_list(READER_INVENTORY), *b = format_list(READER_EVIDENCE);
				diag_error_at(d, top, "cannot tell what this file is (inventory formats: "
					      "%s; evidence formats: %s)%s%s; name the format with "
					      "FORMAT:path", a, b, keys ? "; " : "", keys ? keys : "");
				free(a);
				free(b);
			} else {
				char *list = format_list(role);
				diag_error_at(d, top, "cannot tell the format of this %s file (formats: "
					      "%s)%s%s; name it with --%s-format or FORMAT:path",
					      role_names[role], list, keys ? "; " : "", keys ? keys : "",
					      role_names[role]);
				free(list);
			}
			free(keys);
			release_text(&in);
			return -1;
		}
		if (role != READER_ROLE_COUNT && r->role != role) {
			diag_error_at(d, top, "this is %s, which is %s, given as an %s file: give it "
				      "with --%s", r->title, role_names[r->role], role_names[role],
				      role_names[r->role]);
			release_text(&in);
			return -1;
		}
	}
	st->format = r->name;
	st->role = r->role;
	struct import_ctx cx;
	import_ctx_init(&cx, env, &in, r, st, d);
	r->read(&cx);
	import_flush(&cx);
	import_ctx_release(&cx);
	release_text(&in);
	return diag_failures(d) > before ? -1 : 0;
}

int reader_is_srmap_file(const char *arg)
{
	const char *prefix, *path;
	reader_split_arg(arg, &prefix, &path);
	if (prefix)
		return 0;
	struct diag_list quiet;
	diag_init(&quiet, NULL);
	struct input_text in;
	struct reader_stats st;
	reader_stats_init(&st);
	/* A large list an export reader reads as a stream is no srmap file: no need to read it
	   whole to say so. */
	if (stream_open(&in, path, &st)) {
		const struct reader *r = detect(&in, READER_ROLE_COUNT);
		char *hint = r ? shape_hint(&in, r, readers) : NULL;
		int export = r && !hint && records_stream_fits(&in, r);
		free(hint);
		release_text(&in);
		if (export) {
			reader_stats_release(&st);
			diag_release(&quiet);
			return 0;
		}
		reader_stats_release(&st);
		reader_stats_init(&st);
	}
	/* A file that cannot be read is left to the export readers, which say why. */
	int srmap = load_text(&in, path, &st, &quiet) == 0;
	if (srmap && (!in.is_json || parse(&in, &quiet) == 0)) {
		const struct reader *r = detect(&in, READER_ROLE_COUNT);
		/* A file srmap can say more about goes the export readers' way, which say it. */
		char *hint = in.parsed ? shape_hint(&in, r, readers) : NULL;
		/* srmap's own files are objects: an array no reader knows is left to say so. */
		srmap = in.is_json && !hint &&
			(r ? strcmp(r->name, "srmap-json") == 0 : cJSON_IsObject(in.doc.root));
		free(hint);
	}
	release_text(&in);
	reader_stats_release(&st);
	diag_release(&quiet);
	return srmap;
}

/* ---- srmap's own JSON ------------------------------------------------------------ */

static int has_marker(const struct input_text *in, const char *marker)
{
	return in->parsed && cJSON_IsObject(in->doc.root) &&
	       cJSON_GetObjectItemCaseSensitive(in->doc.root, marker) != NULL;
}

int srmap_inventory_detect(const struct input_text *in)
{
	return has_marker(in, "srmap_inventory") ? 2 : 0;
}

int srmap_evidence_detect(const struct input_text *in)
{
	return has_marker(in, "srmap_evidence") ? 2 : 0;
}

static size_t count_array(const cJSON *root, const char *key)
{
	const cJSON *a = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, key) : NULL;
	return cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
}

void srmap_inventory_read(struct import_ctx *cx)
{
	struct inventory *inv = cx->env->inv;
	size_t was = inv->n;
	inventory_read_json(inv, &cx->in->doc, cx->path, cx->d);
	cx->st->read = count_array(cx->in->doc.root, "workloads");
	cx->st->added = cx->st->mapped = inv->n - was;
}

void srmap_evidence_read(struct import_ctx *cx)
{
	struct evidence_set *ev = cx->env->ev;
	size_t was = ev->n;
	evidence_read_json(ev, &cx->in->doc, cx->path, cx->d);
	cx->st->read = count_array(cx->in->doc.root, "evidence");
	cx->st->added = cx->st->mapped = ev->n - was;
	for (size_t i = was; i < ev->n; i++)
		reader_stats_link(cx->st, i - was, i);
	cx->st->records_linked = ev->n - was;
}
