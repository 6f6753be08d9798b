/* profile.c - the engagement profile and its JSON reader. */
#include "srmap/model/profile.h"
#include "srmap/base/alloc.h"
#include "srmap/base/isotime.h"
#include "srmap/base/langtag.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void profile_defaults(struct profile *p, int64_t now)
{
	*p = (struct profile){
		.client = xstrdup("(client not named)"),
		.assessor = xstrdup("(assessor not named)"),
		.marking = xstrdup(""),
		.as_of = now,
		.frameworks = (1u << FW_COUNT) - 1,
		.baseline = BASELINE_MODERATE,
		.max_age_days = 365,
	};
}

const char *undated_rule_name(enum undated_rule r)
{
	return r == UNDATED_STALE ? "stale" : "current";
}

void profile_release(struct profile *p)
{
	free(p->client);
	free(p->assessor);
	free(p->marking);
	free(p->language);
	free(p->file);
	free(p->logo);
	free(p->brand_color);
	for (size_t i = 0; i < p->nattestations; i++) {
		struct attestation *a = &p->attestations[i];
		free(a->id); free(a->kind); free(a->title);
		strv_free(a->covers);
	}
	free(p->attestations);
	*p = (struct profile){ 0 };
}

static void replace(char **field, const char *value)
{
	if (!value)
		return;
	free(*field);
	*field = xstrdup(value);
}

static int is_color(const char *s)
{
	if (s[0] != '#' || strlen(s) != 7)
		return 0;
	for (int i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Branding: a logo (relative to the profile's folder) and a primary colour, for templates. */
static void read_branding(struct profile *p, const struct jsondoc *doc, const cJSON *root,
			  const char *file, struct diag_list *d)
{
	static const char *const known[] = { "logo", "color", NULL };
	const cJSON *b = jsondoc_object(doc, root, "branding", 0, d);
	if (!b)
		return;
	jsondoc_warn_unknown_keys(doc, b, known, d);
	const char *logo = jsondoc_string(doc, b, "logo", 0, d);
	const char *color = jsondoc_string(doc, b, "color", 0, d);
	if (color && !is_color(color))
		diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(b, "color")),
			      "branding color must be written #RRGGBB, not \"%s\"", color);
	else
		replace(&p->brand_color, color);
	if (logo) {
		const char *slash = strrchr(file, '/');
		free(p->logo);
		p->logo = logo[0] == '/' || !slash ? xstrdup(logo)
			: xasprintf("%.*s/%s", (int)(slash - file), file, logo);
	}
}

int profile_has_attestation(const struct profile *p, const char *kind)
{
	for (size_t i = 0; i < p->nattestations; i++)
		if (strcmp(p->attestations[i].kind, kind) == 0)
			return 1;
	return 0;
}

static const char *const attestation_kinds[] = { "soc2-type2", "fedramp-p-ato", "iso27001",
						 "hipaa-baa", "other", NULL };

static void read_attestations(struct profile *p, const struct jsondoc *doc, const cJSON *root,
			      struct diag_list *d)
{
	static const char *const known[] = { "id", "kind", "title", "issued", "covers", NULL };
	const cJSON *arr = jsondoc_array(doc, root, "provider_attestations", 0, d);
	if (!arr)
		return;
	p->attestations = xcalloc((size_t)cJSON_GetArraySize(arr), sizeof(*p->attestations));
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item)) {
			diag_error_at(d, jsondoc_pos(doc, item), "a provider attestation must be an object");
			continue;
		}
		jsondoc_warn_unknown_keys(doc, item, known, d);
		size_t before = d->errors;
		const char *id = jsondoc_string(doc, item, "id", 1, d);
		const char *kind = jsondoc_string(doc, item, "kind", 1, d);
		const char *title = jsondoc_string(doc, item, "title", 1, d);
		const char *issued = jsondoc_string(doc, item, "issued", 1, d);
		int64_t when = 0;
		int k = 0;
		while (kind && attestation_kinds[k] && strcmp(attestation_kinds[k], kind) != 0)
			k++;
		if (kind && !attestation_kinds[k])
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "kind")),
				      "attestation kind must be soc2-type2, fedramp-p-ato, iso27001, "
				      "hipaa-baa or other, not \"%s\"", kind);
		if (issued && isotime_parse(issued, &when) < 0)
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(item, "issued")),
				      "issued \"%s\" is not an ISO 8601 time with a time zone", issued);
		size_t n;
		char **covers = jsondoc_strv(doc, item, "covers", &n, d);
		if (d->errors > before) {
			strv_free(covers);
			continue;
		}
		p->attestations[p->nattestations++] = (struct attestation){
			xstrdup(id), xstrdup(kind), xstrdup(title), when,
			covers ? covers : xcalloc(1, sizeof(char *)), n };
	}
}

int profile_read_json(struct profile *p, const struct jsondoc *doc, const char *file,
		      struct diag_list *d)
{
	static const char *const known[] = { "srmap_profile", "client", "assessor", "as_of",
					     "frameworks", "fedramp_baseline",
					     "max_evidence_age_days", "marking", "language", "branding",
					     "provider_attestations", "undated_evidence", NULL };
	const cJSON *root = doc->root;
	size_t before = d->errors;
	if (!cJSON_IsObject(root) || !cJSON_GetObjectItemCaseSensitive(root, "srmap_profile")) {
		diag_error_at(d, jsondoc_pos(doc, root),
			      "not an srmap profile (expected an object with \"srmap_profile\": 1)");
		return -1;
	}
	long version;
	if (!jsondoc_int(doc, root, "srmap_profile", 1, 1, &version, d))
		return -1;
	jsondoc_warn_unknown_keys(doc, root, known, d);
	replace(&p->client, jsondoc_string(doc, root, "client", 1, d));
	replace(&p->assessor, jsondoc_string(doc, root, "assessor", 1, d));
	replace(&p->marking, jsondoc_string(doc, root, "marking", 0, d));
	const char *lang = jsondoc_string(doc, root, "language", 0, d);
	if (lang && !langtag_valid(lang))
		diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(root, "language")),
			      "language \"%s\" is not a language tag (such as en or en-GB)", lang);
	else if (lang)
		replace(&p->language, lang);
	const char *as_of = jsondoc_string(doc, root, "as_of", 1, d);
	if (as_of && isotime_parse(as_of, &p->as_of) < 0)
		diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(root, "as_of")),
			      "as_of \"%s\" is not an ISO 8601 time with a time zone "
			      "(such as 2026-11-20T00:00:00Z)", as_of);
	const cJSON *fw = jsondoc_array(doc, root, "frameworks", 0, d);
	if (fw) {
		p->frameworks = 0;
		const cJSON *item;
		cJSON_ArrayForEach(item, fw) {
			int f = cJSON_IsString(item) ? framework_parse(item->valuestring) : -1;
			if (f < 0)
				diag_error_at(d, jsondoc_pos(doc, item),
					      "frameworks may hold only \"hipaa\", \"soc2\" and \"fedramp\"");
			else if (p->frameworks & (1u << f))
				diag_error_at(d, jsondoc_pos(doc, item), "framework \"%s\" is listed twice",
					      item->valuestring);
			else
				p->frameworks |= 1u << f;
		}
		if (!p->frameworks && d->errors == before)
			diag_error_at(d, jsondoc_pos(doc, fw), "frameworks must name at least one framework");
	}
	const char *baseline = jsondoc_string(doc, root, "fedramp_baseline", 0, d);
	if (baseline) {
		int b = baseline_parse(baseline);
		if (b < 0)
			diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(root, "fedramp_baseline")),
				      "fedramp_baseline must be low, moderate or high, not \"%s\"", baseline);
		else
			p->baseline = b;
	}
	jsondoc_int(doc, root, "max_evidence_age_days", 1, 36500, &p->max_age_days, d);
	const char *undated = jsondoc_string(doc, root, "undated_evidence", 0, d);
	if (undated && strcmp(undated, "current") == 0)
		p->undated = UNDATED_CURRENT;
	else if (undated && strcmp(undated, "stale") == 0)
		p->undated = UNDATED_STALE;
	else if (undated)
		diag_error_at(d, jsondoc_pos(doc, cJSON_GetObjectItemCaseSensitive(root, "undated_evidence")),
			      "undated_evidence must be \"current\" or \"stale\", not \"%s\"", undated);
	read_branding(p, doc, root, file, d);
	read_attestations(p, doc, root, d);
	replace(&p->file, file);
	return d->errors > before ? -1 : 0;
}
