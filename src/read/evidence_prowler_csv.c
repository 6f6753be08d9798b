/*
 * evidence_prowler_csv.c - reads Prowler's CSV report (`prowler azure -M
 * csv`): a header row, then one finding per row, fields separated by ';'
 * with RFC 4180 quoting (csv.h).
 *
 * The rows mean what the JSON-OCSF findings mean (evidence_prowler.c, whose
 * status words this reader shares): CHECK_ID is the check id, STATUS PASS
 * or FAIL the result, MUTED True a finding the mutelist muted.  The other
 * columns changed between versions; the names below follow Prowler's own
 * writers (prowler-cloud/prowler): v3 `prowler/lib/outputs/models.py`
 * (Check_Output_CSV and Azure_Check_Output_CSV; the header is their field
 * names in upper case, `file_descriptors.py`), v4.0 `prowler/lib/outputs/
 * common_models.py` (FindingOutput), and from v4.5 and in v5 `prowler/lib/
 * outputs/csv/csv.py` (CSV.transform) with `finding.py` for what the Azure
 * columns hold, and the column lists of Prowler's reporting documentation.
 *
 *   what             v3                      v4, v5
 *   resource         RESOURCE_ID             RESOURCE_UID
 *   subscription     (from the resource id)  ACCOUNT_UID
 *   tenant           TENANT_DOMAIN           ACCOUNT_ORGANIZATION_NAME, _UID
 *   time             ASSESSMENT_START_TIME   TIMESTAMP
 *   version          -                       PROWLER_VERSION
 *
 * v3's SUBSCRIPTION holds the subscription's display name (its checks are
 * keyed by display name), not its id, so it is used only when it is a
 * GUID.  COMPLIANCE is Prowler's "FRAMEWORK: req, req | FRAMEWORK: req"
 * (utils.unroll_dict); its requirements are the fallback identifiers, as
 * unmapped.compliance is for JSON-OCSF.
 */
#include "srmap/read/reader.h"
#include "srmap/base/alloc.h"
#include "srmap/base/csv.h"
#include "evidence_prowler.h"
#include "import_env.h"
#include "import_field.h"
#include "observation.h"
#include "srmap/model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum column {
	COL_OTHER, COL_CHECK, COL_STATUS, COL_MUTED, COL_RESOURCE_UID, COL_RESOURCE_ARN,
	COL_RESOURCE_ID, COL_ACCOUNT_UID, COL_SUBSCRIPTION, COL_ORG_NAME, COL_ORG_UID,
	COL_TENANT_DOMAIN, COL_TIMESTAMP, COL_START_TIME, COL_VERSION, COL_COMPLIANCE,
	COL_PROWLER,   /* a column only Prowler writes, used by the detector */
	COL_COUNT
};

static const struct { const char *name; enum column col; } columns[] = {
	{ "CHECK_ID", COL_CHECK }, { "STATUS", COL_STATUS }, { "MUTED", COL_MUTED },
	{ "RESOURCE_UID", COL_RESOURCE_UID }, { "RESOURCE_ARN", COL_RESOURCE_ARN },
	{ "RESOURCE_ID", COL_RESOURCE_ID }, { "ACCOUNT_UID", COL_ACCOUNT_UID },
	{ "SUBSCRIPTION", COL_SUBSCRIPTION }, { "ACCOUNT_ORGANIZATION_NAME", COL_ORG_NAME },
	{ "ACCOUNT_ORGANIZATION_UID", COL_ORG_UID }, { "TENANT_DOMAIN", COL_TENANT_DOMAIN },
	{ "TIMESTAMP", COL_TIMESTAMP }, { "ASSESSMENT_START_TIME", COL_START_TIME },
	{ "PROWLER_VERSION", COL_VERSION }, { "COMPLIANCE", COL_COMPLIANCE },
	{ "CHECK_TITLE", COL_PROWLER }, { "STATUS_EXTENDED", COL_PROWLER },
	{ "SERVICE_NAME", COL_PROWLER }, { "SEVERITY", COL_PROWLER },
	{ "FINDING_UID", COL_PROWLER }, { "FINDING_UNIQUE_ID", COL_PROWLER },
	{ "PROVIDER", COL_PROWLER }, { "AUTH_METHOD", COL_PROWLER },
	{ NULL, COL_OTHER }
};

static enum column column_of(const char *header)
{
	while (*header == ' ')
		header++;
	for (int i = 0; columns[i].name; i++)
		if (strcasecmp(columns[i].name, header) == 0)
			return columns[i].col;
	return COL_OTHER;
}

/*
 * Certain when the header names CHECK_ID, STATUS and another column of
 * Prowler's.  The delimiter is detected here, not forced, so that a Prowler
 * CSV saved again with commas is still told apart, and its reader says what
 * is wrong with it.
 */
int prowler_csv_detect(const struct input_text *in)
{
	if (in->is_json || !in->text)
		return 0;
	struct diag_list quiet;
	diag_init(&quiet, NULL);
	struct csv_reader r;
	int seen[COL_COUNT] = { 0 }, others = 0;
	if (csv_open(&r, in->path, in->text, in->len, 0, &quiet) == 0 &&
	    csv_next(&r, &quiet) == CSV_RECORD)
		for (size_t i = 0; i < r.nfields; i++) {
			enum column c = column_of(csv_field(&r, i));
			others += c != COL_OTHER && c != COL_CHECK && c != COL_STATUS;
			seen[c] = 1;
		}
	csv_release(&r);
	diag_release(&quiet);
	return seen[COL_CHECK] && seen[COL_STATUS] && others ? 2 : 0;
}

static int is_guid(const char *s)
{
	if (strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-'
							       : !isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The requirements of a COMPLIANCE cell as "FRAMEWORK:requirement" identifiers; caller frees. */
static char **compliance_ids(const char *cell, size_t *n)
{
	char **out = NULL;
	*n = 0;
	char *copy = xstrdup(cell);
	for (char *part = copy, *next; part; part = next) {
		next = strchr(part, '|');
		if (next)
			*next++ = '\0';
		char *sep = strstr(part, ": ");
		if (!sep)
			continue;
		*sep = '\0';
		char *fw = part;
		while (isspace((unsigned char)*fw))
			fw++;
		for (char *e = fw + strlen(fw); e > fw && isspace((unsigned char)e[-1]); )
			*--e = '\0';
		for (char *req = sep + 2, *more; req && *fw; req = more) {
			more = strchr(req, ',');
			if (more)
				*more++ = '\0';
			while (isspace((unsigned char)*req))
				req++;
			for (char *e = req + strlen(req); e > req && isspace((unsigned char)e[-1]); )
				*--e = '\0';
			if (!*req)
				continue;
			out = xreallocarray(out, *n + 1, sizeof(char *));
			out[(*n)++] = xasprintf("%s:%s", fw, req);
		}
	}
	free(copy);
	return out;
}

/*
 * The row's time: ISO 8601 as Python's isoformat writes it (without a zone:
 * read as UTC, warned once), or epoch seconds with --unix-timestamp.
 * Returns 1 when found, 0 when the row has none, -1 (reported) when it is
 * no time.
 */
static int row_time(struct import_ctx *cx, const char *name, const char *t, struct srcpos pos,
		    int64_t *out)
{
	if (!t || !t[0])
		return 0;
	size_t digits = strspn(t, "0123456789");
	if (digits && digits < 16 && (t[digits] == '\0' || t[digits] == '.')) {
		*out = prowler_epoch(strtod(t, NULL));
		return 1;
	}
	if (import_time(cx, t, pos, out) == 0)
		return 1;
	import_reject(cx, pos, "%s \"%s\" is not a time", name, t);
	return -1;
}

struct layout {
	size_t ncols;
	size_t at[COL_COUNT];      /* the column of each kind, + 1; 0 when absent */
};

/* Field of kind c of the current row, or NULL when the column is absent or the cell empty. */
static const char *cell(const struct csv_reader *r, const struct layout *l, enum column c)
{
	const char *f = l->at[c] ? csv_field(r, l->at[c] - 1) : NULL;
	return f && f[0] ? f : NULL;
}

static struct srcpos cell_pos(const struct csv_reader *r, const struct layout *l, enum column c)
{
	return csv_field_pos(r, l->at[c] ? l->at[c] - 1 : 0);
}

static void read_row(struct import_ctx *cx, const struct csv_reader *r, const struct layout *l)
{
	struct srcpos pos = csv_field_pos(r, 0);
	if (r->nfields != l->ncols) {
		import_reject(cx, pos, "the row has %zu fields, the header %zu", r->nfields, l->ncols);
		return;
	}
	const char *check = cell(r, l, COL_CHECK), *status = cell(r, l, COL_STATUS);
	if (!check || !status) {
		import_reject(cx, pos, "the row has no %s", !check ? "CHECK_ID" : "STATUS");
		return;
	}
	int result = RESULT_PASS;
	enum prowler_verdict v = prowler_status(status, &result);
	if (v == PROWLER_UNKNOWN) {
		import_reject(cx, cell_pos(r, l, COL_STATUS), "STATUS must be PASS, FAIL, MANUAL or "
			      "MUTED, not \"%s\"", status);
		return;
	}
	const char *muted = cell(r, l, COL_MUTED);
	if (v == PROWLER_IGNORED || (muted && strcasecmp(muted, "True") == 0)) {
		cx->st->ignored++;
		return;
	}
	/* An AWS row of v3 has both RESOURCE_ID and RESOURCE_ARN: the ARN is its uid. */
	const char *resource = cell(r, l, COL_RESOURCE_UID);
	if (!resource)
		resource = cell(r, l, COL_RESOURCE_ARN);
	if (!resource)
		resource = cell(r, l, COL_RESOURCE_ID);
	const char *sub = cell(r, l, COL_ACCOUNT_UID);
	const char *v3sub = cell(r, l, COL_SUBSCRIPTION);
	if (!sub && v3sub && is_guid(v3sub))
		sub = v3sub;
	const char *names[3] = { cell(r, l, COL_ORG_NAME), cell(r, l, COL_ORG_UID),
				 cell(r, l, COL_TENANT_DOMAIN) };
	const char *tenant = import_pick_tenant(cx, names, 3);
	const char *version = cell(r, l, COL_VERSION);
	const char *comp = cell(r, l, COL_COMPLIANCE);
	size_t ngroups = 0;
	char **groups = comp ? compliance_ids(comp, &ngroups) : NULL;
	char *by = version ? xasprintf("Prowler %s", version) : xstrdup("Prowler");
	struct import_obs o = {
		.source = "prowler", .ident = check, .group_source = "prowler-compliance",
		.groups = (const char *const *)groups, .ngroups = ngroups,
		.resource = resource, .subscription = sub, .tenant = tenant,
		.result = result, .status = status, .collected_by = by, .pos = pos,
	};
	enum column tc = l->at[COL_TIMESTAMP] ? COL_TIMESTAMP : COL_START_TIME;
	int timed = row_time(cx, tc == COL_TIMESTAMP ? "TIMESTAMP" : "ASSESSMENT_START_TIME",
			     cell(r, l, tc), cell_pos(r, l, tc), &o.when);
	o.has_time = timed > 0;
	if (timed >= 0)
		import_observe(cx, &o);
	for (size_t i = 0; i < ngroups; i++)
		free(groups[i]);
	free(groups);
	free(by);
}

/* Reports the header's missing columns; returns 0 when it has the ones every row needs. */
static int check_header(struct import_ctx *cx, const struct csv_reader *r, const struct layout *l)
{
	if (l->at[COL_CHECK] && l->at[COL_STATUS])
		return 0;
	const char *missing = !l->at[COL_CHECK] && !l->at[COL_STATUS] ? "CHECK_ID and STATUS columns"
			      : !l->at[COL_CHECK] ? "CHECK_ID column" : "STATUS column";
	/* A file saved again with commas reads as one column: say so rather than only what lacks. */
	const char *f = csv_field(r, 0);
	int commas = r->nfields == 1 && (strchr(f, ',') || strchr(f, '\t'));
	diag_error_at(cx->d, (struct srcpos){ cx->path, 1, 1 }, "the header has no %s, which "
		      "Prowler's CSV output has%s", missing, commas ? " (the header is one field: "
		      "Prowler separates fields with ';', this file with ',' or tabs)" : "");
	return -1;
}

void prowler_csv_read(struct import_ctx *cx)
{
	struct csv_reader r;
	struct layout l = { 0 };
	if (csv_open_header(&r, cx->path, cx->in->text, cx->in->len, ';', cx->d) < 0)
		goto out;
	l.ncols = r.nfields;
	for (size_t i = 0; i < l.ncols; i++) {
		enum column c = column_of(csv_field(&r, i));
		if (c != COL_OTHER && c != COL_PROWLER && l.at[c]) {
			diag_warn_at(cx->d, csv_field_pos(&r, i), "column \"%s\" repeats column %zu: "
				     "ignored", csv_field(&r, i), l.at[c]);
			c = COL_OTHER;
		}
		if (c != COL_OTHER && c != COL_PROWLER)
			l.at[c] = i + 1;
	}
	if (check_header(cx, &r, &l) < 0)
		goto out;
	enum csv_status s;
	while ((s = csv_next(&r, cx->d)) != CSV_END && s != CSV_FATAL) {
		cx->st->read++;
		if (s == CSV_SKIPPED)
			cx->st->rejected++;
		else
			read_row(cx, &r, &l);
	}
	if (!cx->st->read && s != CSV_FATAL)
		diag_warn_at(cx->d, (struct srcpos){ cx->path, 1, 1 }, "the file has a header but "
			     "no rows");
out:
	text_fixes_take(&cx->st->fixes, &r.fixes);
	csv_release(&r);
}
