/*
 * main.c - the srmap command line: parses arguments from one option table
 * (which help.c also prints, command by command), calls the library, and
 * exits with its code.
 */
#include "srmap/base/diag.h"
#include "srmap/base/alloc.h"
#include "srmap/base/datadir.h"
#include "srmap/base/isotime.h"
#include "srmap/base/libmem.h"
#include "srmap/base/limits.h"
#include "srmap/base/readfile.h"
#include "srmap/model.h"
#include "srmap/assess.h"
#include "help.h"
#include "job.h"
#include "srmap/write.h"
#include "srmap/base/srmap.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The options of every command; help.c shows each command the rows it names. */
static const struct option_spec options[] = {
	{ "inventory", 'i', ARG_MANY, "FILE...", "workload inventory file(s): srmap JSON or an export "
	  "(az resource list, Resource Graph, CSV, SaaS services, az account list); FORMAT:FILE "
	  "names the format" },
	{ "evidence", 'e', ARG_MANY, "FILE...", "control evidence file(s): srmap JSON or an export "
	  "(Defender for Cloud, Azure Policy, Prowler, Microsoft Graph)" },
	{ "inventory-format", 0, ARG_ONE, "FORMAT", "read every inventory file in FORMAT instead of "
	  "detecting it" },
	{ "evidence-format", 0, ARG_ONE, "FORMAT", "read every evidence file in FORMAT instead of "
	  "detecting it" },
	{ "collected-at", 0, ARG_ONE, "TIME", "when the evidence files given after this option "
	  "were collected, for records that carry no time (ISO 8601 with a zone)" },
	{ "evidence-root", 0, ARG_ONE, "DIR", "folder that evidence artifacts are relative to" },
	{ "tenant", 0, ARG_ONE, "ID", "the tenant (name or Entra id) of workloads and tenant-wide "
	  "evidence that name none" },
	{ "max-input-size", 0, ARG_ONE, "SIZE", "refuse input files larger than SIZE bytes "
	  "(K, M, G suffixes; default 4G)" },
	{ "max-depth", 0, ARG_ONE, "N", "refuse JSON nested more than N levels (default 512, at "
	  "most 900)" },
	{ "max-string", 0, ARG_ONE, "SIZE", "refuse strings longer than SIZE bytes (default 1M, "
	  "at most 8M)" },
	{ "max-records", 0, ARG_ONE, "N", "refuse input files of more than N records (default "
	  "10000000)" },
	{ "profile", 'p', ARG_ONE, "FILE", "engagement profile (client, as-of date, frameworks)" },
	{ "framework", 0, ARG_ONE, "LIST", "report on these frameworks only: hipaa, soc2, fedramp, "
	  "comma-separated (default: the profile's)" },
	{ "catalog", 'c', ARG_MANY, "FILE...", "catalog file(s) merged over the shipped catalog" },
	{ "out", 'o', ARG_ONE, "DIR", "output folder (created if missing)" },
	{ "format", 'f', ARG_ONE, "LIST", "comma-separated formats to write (default: all)" },
	{ "template", 't', ARG_ONE, "FILE", "PDF template to use instead of the shipped one" },
	{ "attach-evidence", 0, ARG_NONE, NULL, "embed the evidence artifacts in the PDF as file "
	  "attachments" },
	{ "attach-limit", 0, ARG_ONE, "MB", "attach at most MB megabytes (MiB) of artifacts "
	  "(default 50)" },
	{ "pdf-detail", 0, ARG_ONE, "LEVEL", "full (default) or summary: a PDF without the long "
	  "per-workload lists (the XML and CSV keep every row)" },
	{ "sign", 0, ARG_ONE, "KEY[,CERT]", "sign the set: write manifest.sha256 and its CMS "
	  "signature manifest.sha256.p7s (docs/signing.md)" },
	{ "sign-pass", 0, ARG_ONE, "SOURCE", "the signing key's password: env:VAR, file:PATH or "
	  "fd:N" },
	{ "ca", 0, ARG_ONE, "FILE", "verify: the certificate(s) a signed set's signer must chain to" },
	{ "base", 0, ARG_ONE, "DIR", "verify: folder the report's relative paths start from" },
	{ "datadir", 0, ARG_ONE, "DIR", "folder holding catalog/ (default: found automatically)" },
	{ "baseline", 0, ARG_ONE, "FILE", "previous assessment.xml: report what changed since" },
	{ "json", 0, ARG_NONE, NULL, "diff: print JSON instead of text" },
	{ "fail-on", 0, ARG_ONE, "SEVERITY", "exit 1 when a finding is this severe or worse "
	  "(critical, high, medium, low)" },
	{ "keep", 0, ARG_ONE, "N", "with a dated --out pattern, keep the N newest folders" },
	{ "summary", 0, ARG_ONE, "json", "print a one-line JSON summary on stdout" },
	{ "jobs", 'j', ARG_ONE, "N", "make up to N formats at once, each in its own process "
	  "(default 1; the same files and messages)" },
	{ "shard", 0, ARG_ONE, "K/N", "write the part of shard K (from 0) of N, for srmap merge "
	  "(docs/scale.md)" },
	{ "progress", 0, ARG_NONE, NULL, "print progress on stderr even when it is not a terminal" },
	{ "strict", 0, ARG_NONE, NULL, "treat warnings as errors" },
	{ "quiet", 'q', ARG_NONE, NULL, "do not print warnings" },
	{ "help", 'h', ARG_NONE, NULL, "show this help and exit" },
	{ "version", 'V', ARG_NONE, NULL, "show the version and exit" },
	{ NULL, 0, ARG_NONE, NULL, NULL }
};

struct cli {
	const char *command;
	const char **positional;
	size_t npositional;
	struct job_options job;
	const char *formats;
	const char *framework;      /* --framework LIST */
	const char *base;
	const char *ca;
	const char *fail_on, *keep, *summary, *attach_limit, *pdf_detail, *jobs, *shard;
	const char *collected_at;      /* the --collected-at in force, or NULL */
	const char *max_input_size;
	const char *max_depth, *max_string, *max_records;
	int collected_at_used;         /* an evidence file followed it */
	const char *other_option;      /* the first option given that the command does not take */
	int progress, json;
	int strict, quiet, help, version;
};

static const struct option_spec *find_option(const char *arg, const char **inline_value)
{
	*inline_value = NULL;
	if (arg[0] == '-' && arg[1] == '-') {
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		for (const struct option_spec *o = options; o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
				*inline_value = eq ? eq + 1 : NULL;
				return o;
			}
		return NULL;
	}
	if (arg[0] == '-' && arg[1] && !arg[2])
		for (const struct option_spec *o = options; o->name; o++)
			if (o->short_name == arg[1])
				return o;
	return NULL;
}

static void add(const char ***list, size_t *n, const char *value)
{
	*list = xreallocarray(*list, *n + 1, sizeof(char *));
	(*list)[(*n)++] = value;
}

/* An evidence file, with the --collected-at in force for it. */
static void add_evidence(struct cli *c, const char *path)
{
	size_t n = c->job.nevidence;
	add(&c->job.evidence, &c->job.nevidence, path);
	c->job.evidence_collected_at = xreallocarray(c->job.evidence_collected_at, n + 1,
						     sizeof(char *));
	c->job.evidence_collected_at[n] = c->collected_at;
	c->collected_at_used = 1;
}

static void store(struct cli *c, const struct option_spec *o, const char *value)
{
	const char *n = o->name;
	if (!strcmp(n, "inventory")) add(&c->job.inventories, &c->job.ninventories, value);
	else if (!strcmp(n, "evidence")) add_evidence(c, value);
	else if (!strcmp(n, "collected-at")) {
		c->collected_at = value;
		c->collected_at_used = 0;
	}
	else if (!strcmp(n, "catalog")) add(&c->job.catalogs, &c->job.ncatalogs, value);
	else if (!strcmp(n, "profile")) c->job.profile = value;
	else if (!strcmp(n, "evidence-root")) c->job.evidence_root = value;
	else if (!strcmp(n, "tenant")) c->job.tenant = value;
	else if (!strcmp(n, "framework")) c->framework = value;
	else if (!strcmp(n, "max-input-size")) c->max_input_size = value;
	else if (!strcmp(n, "max-depth")) c->max_depth = value;
	else if (!strcmp(n, "max-string")) c->max_string = value;
	else if (!strcmp(n, "max-records")) c->max_records = value;
	else if (!strcmp(n, "out")) c->job.out_dir = value;
	else if (!strcmp(n, "datadir")) c->job.datadir = value;
	else if (!strcmp(n, "format")) c->formats = value;
	else if (!strcmp(n, "base")) c->base = value;
	else if (!strcmp(n, "sign")) c->job.sign = value;
	else if (!strcmp(n, "sign-pass")) c->job.sign_pass = value;
	else if (!strcmp(n, "ca")) c->ca = value;
	else if (!strcmp(n, "fail-on")) c->fail_on = value;
	else if (!strcmp(n, "keep")) c->keep = value;
	else if (!strcmp(n, "summary")) c->summary = value;
	else if (!strcmp(n, "progress")) c->progress = 1;
	else if (!strcmp(n, "json")) c->json = 1;
	else if (!strcmp(n, "baseline")) c->job.baseline = value;
	else if (!strcmp(n, "inventory-format")) c->job.inventory_format = value;
	else if (!strcmp(n, "evidence-format")) c->job.evidence_format = value;
	else if (!strcmp(n, "template")) c->job.pdf_template = value;
	else if (!strcmp(n, "attach-evidence")) c->job.attach_evidence = 1;
	else if (!strcmp(n, "attach-limit")) c->attach_limit = value;
	else if (!strcmp(n, "jobs")) c->jobs = value;
	else if (!strcmp(n, "shard")) c->shard = value;
	else if (!strcmp(n, "pdf-detail")) c->pdf_detail = value;
	else if (!strcmp(n, "strict")) c->strict = 1;
	else if (!strcmp(n, "quiet")) c->quiet = 1;
	else if (!strcmp(n, "help")) c->help = 1;
	else if (!strcmp(n, "version")) c->version = 1;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("srmap: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	help_usage(stderr);
	return SRMAP_EXIT_USAGE;
}

/* --framework LIST: hipaa, soc2 and fedramp, comma-separated, each once.  0 or a usage error. */
static int parse_frameworks(const char *list, unsigned *mask)
{
	*mask = 0;
	for (const char *p = list; ; p++) {
		size_t len = strcspn(p, ",");
		char name[16];
		int f = -1;
		if (len > 0 && len < sizeof name) {
			memcpy(name, p, len);
			name[len] = '\0';
			f = framework_parse(name);
		}
		if (f < 0) {
			usage_error("--framework takes hipaa, soc2 and fedramp, comma-separated, not "
				    "'%.*s'", (int)len, p);
			return -1;
		}
		if (*mask & (1u << f)) {
			usage_error("--framework names %s twice", framework_name(f));
			return -1;
		}
		*mask |= 1u << f;
		p += len;
		if (!*p)
			return 0;
	}
}

static int parse(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-' || !arg[1]) {
			if (!c->command)
				c->command = arg;
			else
				add(&c->positional, &c->npositional, arg);
			continue;
		}
		const char *inline_value;
		const struct option_spec *o = find_option(arg, &inline_value);
		if (!o)
			return usage_error("unknown option '%s'", arg);
		if (!c->other_option && c->command && !help_command_takes(c->command, o->name))
			c->other_option = o->name;
		if (o->kind == ARG_NONE) {
			if (inline_value)
				return usage_error("option '%s' takes no value", arg);
			store(c, o, NULL);
			continue;
		}
		if (inline_value) {
			store(c, o, inline_value);
			continue;
		}
		if (i + 1 >= argc || (argv[i + 1][0] == '-' && argv[i + 1][1]))
			return usage_error("option '%s' needs a value", arg);
		store(c, o, argv[++i]);
		/* FILE... options take every following argument up to the next option. */
		while (o->kind == ARG_MANY && i + 1 < argc && argv[i + 1][0] != '-' &&
		       (c->command || !help_is_command(argv[i + 1])))
			store(c, o, argv[++i]);
	}
	return 0;
}

/* The command line as recorded in the report: argv[0] is written as "srmap". */
/*
 * The command line the report records: --jobs is left out (-j N, --jobs N,
 * --jobs=N), since it changes how the files are made, not what
 * they say, and a run with it must give the same bytes as one without.
 */
static char *join_args(int argc, char **argv)
{
	const char **words = xcalloc((size_t)argc, sizeof(char *));
	size_t n = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (i > 0 && (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strcmp(a, "--shard"))) {
			i++;
			continue;
		}
		if (i > 0 && (!strncmp(a, "--jobs=", 7) || !strncmp(a, "--shard=", 8)))
			continue;
		words[n++] = i == 0 ? "srmap" : a;
	}
	char *s = xjoin(words, n, " ");
	free(words);
	return s;
}

/* Parses a whole number from 1 to max; returns 0, or -1 after saying what option wants. */
static int limit_value(const char *option, const char *v, int sizes, unsigned long long max,
		       unsigned long long *out)
{
	char *end;
	if (sizes ? readfile_parse_size(v, out) < 0
		  : (!*v || (*out = strtoull(v, &end, 10), *end) || v[0] == '-'))
		*out = 0;
	if (*out == 0 || *out > max) {
		usage_error("--%s takes a whole number from 1 to %llu%s, not '%s'", option, max,
			    sizes ? " (bytes, or with K or M for powers of 1024)" : "", v);
		return -1;
	}
	return 0;
}

/* --max-depth, --max-string and --max-records: the limits on one input file (limits.h). */
static int set_limits(const struct cli *c)
{
	unsigned long long n;
	if (c->max_depth) {
		if (limit_value("max-depth", c->max_depth, 0, LIMIT_MAX_DEPTH, &n) < 0)
			return -1;
		limits_set_depth((int)n);
	}
	if (c->max_string) {
		if (limit_value("max-string", c->max_string, 1, LIMIT_MAX_STRING, &n) < 0)
			return -1;
		limits_set_string((size_t)n);
	}
	if (c->max_records) {
		if (limit_value("max-records", c->max_records, 0, SIZE_MAX / 2, &n) < 0)
			return -1;
		limits_set_records((size_t)n);
	}
	return 0;
}

/* --jobs N: 0, or a usage error. */
static int parse_jobs(struct cli *c)
{
	if (!c->jobs)
		return 0;
	char *end;
	long j = strtol(c->jobs, &end, 10);
	if (end == c->jobs || *end || j < 1 || j > 64)
		return usage_error("--jobs takes a number from 1 to 64, not '%s'", c->jobs), -1;
	c->job.jobs = (unsigned)j;
	return 0;
}

/* --sign and --sign-pass: 0, or a usage error. */
static int check_sign(const struct cli *c)
{
	if (c->job.sign_pass && !c->job.sign)
		return usage_error("--sign-pass needs --sign"), -1;
	if (c->job.sign && (!c->job.sign[0] || c->job.sign[0] == ','))
		return usage_error("--sign takes KEY or KEY,CERT, not '%s'", c->job.sign), -1;
	if (c->job.sign_pass && sign_pass_spec_ok(c->job.sign_pass) < 0)
		return usage_error("--sign-pass takes env:VAR, file:PATH or fd:N, never the "
				   "password itself (the value given is not repeated here)"), -1;
	return 0;
}

/* --shard K/N: 0, or a usage error. */
static int parse_shard(struct cli *c)
{
	if (!c->shard)
		return 0;
	unsigned k, n;
	int used = 0;
	const char *v = c->shard, *slash = strchr(v, '/');
	if (!isdigit((unsigned char)v[0]) || !slash || !isdigit((unsigned char)slash[1]) ||
	    sscanf(v, "%u/%u%n", &k, &n, &used) != 2 || v[used] || n < 1 || n > SHARD_MAX || k >= n)
		return usage_error("--shard takes K/N, shard K (counted from 0) of N shards (N from 1 "
				   "to %u), not '%s'", SHARD_MAX, v), -1;
	if (c->job.attach_evidence || c->job.sign || c->fail_on || c->keep || c->summary)
		return usage_error("--shard writes a part for srmap merge: --attach-evidence, --sign, "
				   "--fail-on, --keep and --summary are for a whole run (give --sign "
				   "to srmap merge)"), -1;
	c->job.shard = k;
	c->job.nshards = n;
	return 0;
}

static int run(struct cli *c, struct diag_list *d)
{
	if (c->max_input_size) {
		unsigned long long bytes;
		if (readfile_parse_size(c->max_input_size, &bytes) < 0)
			return usage_error("--max-input-size takes a size in bytes, with K, M, G or T "
					   "for powers of 1024 (such as 8G), not '%s'", c->max_input_size);
		readfile_set_max(bytes);
	}
	if (set_limits(c) < 0)
		return SRMAP_EXIT_USAGE;
	if (c->other_option)
		return usage_error("%s does not take --%s (srmap help %s lists its options)",
				   c->command, c->other_option, c->command);
	if (!strcmp(c->command, "assess")) {
		if (c->npositional)
			return usage_error("unexpected argument '%s'", c->positional[0]);
		if (!c->job.ninventories)
			return usage_error("assess needs --inventory FILE");
		if (!c->job.out_dir)
			return usage_error("assess needs --out DIR");
		if (c->job.tenant && !c->job.tenant[0])
			return usage_error("--tenant needs a tenant name or id");
		char *expanded = outdir_expand(c->job.out_dir, job_now());
		if (!expanded)
			return usage_error("--out '%s' gives an empty or too long folder name",
					   c->job.out_dir);
		free(expanded);
		if (c->formats && report_parse_formats(c->formats, &c->job.formats, d) < 0)
			return SRMAP_EXIT_USAGE;
		if (c->framework && parse_frameworks(c->framework, &c->job.frameworks) < 0)
			return SRMAP_EXIT_USAGE;
		c->job.fail_on = -1;
		if (c->fail_on && (c->job.fail_on = severity_parse(c->fail_on)) < 0)
			return usage_error("--fail-on takes critical, high, medium or low, not '%s'",
					   c->fail_on);
		if (c->keep) {
			char *end;
			long k = strtol(c->keep, &end, 10);
			if (*end || k < 1 || k > 100000)
				return usage_error("--keep takes a number of folders, not '%s'", c->keep);
			if (!outdir_is_dated(c->job.out_dir))
				return usage_error("--keep needs a dated --out pattern such as reports/%%Y-%%m-%%d");
			c->job.keep = (int)k;
		}
		if (parse_jobs(c) < 0 || parse_shard(c) < 0)
			return SRMAP_EXIT_USAGE;
		if (c->attach_limit) {
			char *end;
			double mb = strtod(c->attach_limit, &end);
			if (end == c->attach_limit || *end || !(mb > 0 && mb <= 1024))
				return usage_error("--attach-limit takes a size in MB above 0 and at most "
						   "1024, not '%s'", c->attach_limit);
			if (!c->job.attach_evidence)
				return usage_error("--attach-limit needs --attach-evidence");
			c->job.attach_limit = (unsigned long long)(mb * 1048576.0);
		}
		if (c->pdf_detail) {
			if (strcmp(c->pdf_detail, "full") && strcmp(c->pdf_detail, "summary"))
				return usage_error("--pdf-detail takes full or summary, not '%s'",
						   c->pdf_detail);
			c->job.pdf_summary = !strcmp(c->pdf_detail, "summary");
		}
		if (c->collected_at && !c->collected_at_used)
			return usage_error("--collected-at applies to the evidence files given after "
					   "it, and none follows '%s'", c->collected_at);
		for (size_t i = 0; i < c->job.nevidence; i++) {
			int64_t t;
			const char *v = c->job.evidence_collected_at[i];
			if (v && isotime_parse(v, &t) < 0)
				return usage_error("--collected-at takes an ISO 8601 time with a time "
						   "zone (such as 2026-11-20T06:00:00Z), not '%s'", v);
		}
		if (c->summary && strcmp(c->summary, "json"))
			return usage_error("--summary takes 'json', not '%s'", c->summary);
		c->job.summary_json = c->summary != NULL;
		if (check_sign(c) < 0)
			return SRMAP_EXIT_USAGE;
		c->job.progress = c->progress || isatty(STDERR_FILENO);
		return job_assess(&c->job, d);
	}
	if (!strcmp(c->command, "merge")) {
		if (!c->job.out_dir)
			return usage_error("merge needs --out DIR");
		if (parse_jobs(c) < 0 || check_sign(c) < 0)
			return SRMAP_EXIT_USAGE;
		c->job.fail_on = -1;
		if (c->fail_on && (c->job.fail_on = severity_parse(c->fail_on)) < 0)
			return usage_error("--fail-on takes critical, high, medium or low, not '%s'",
					   c->fail_on);
		c->job.progress = c->progress || isatty(STDERR_FILENO);
		return job_merge(c->positional, c->npositional, &c->job, d);
	}
	if (!strcmp(c->command, "validate")) {
		if (!c->npositional)
			return usage_error("validate needs at least one FILE");
		return job_validate(c->positional, c->npositional, &c->job, stdout, d);
	}
	if (!strcmp(c->command, "diff")) {
		if (c->npositional != 2)
			return usage_error("diff needs OLD.xml and NEW.xml");
		return job_diff(c->positional[0], c->positional[1], c->json, stdout, d);
	}
	if (!strcmp(c->command, "verify")) {
		if (c->npositional != 1)
			return usage_error("verify needs exactly one REPORT.xml or output folder");
		char *found = c->job.datadir ? NULL : datadir_find();
		int rc = verify_report(c->positional[0], c->base, c->job.datadir ? c->job.datadir : found,
				       c->ca, stdout, d);
		free(found);
		return rc;
	}
	if (!strcmp(c->command, "templates")) {
		if (c->npositional != 1 || strcmp(c->positional[0], "list"))
			return usage_error("the templates command is 'srmap templates list'");
		char *found = c->job.datadir ? NULL : datadir_find();
		const char *dir = c->job.datadir ? c->job.datadir : found;
		int rc = SRMAP_EXIT_CATALOG;
		if (dir)
			rc = format_list_templates(dir, stdout);
		else
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot find the data folder: set SRMAP_DATADIR");
		free(found);
		return rc;
	}
	if (!strcmp(c->command, "catalog")) {
		if (c->npositional == 1 && !strcmp(c->positional[0], "list"))
			return job_catalog_list(&c->job, stdout, d);
		if (c->npositional == 3 && !strcmp(c->positional[0], "lookup"))
			return job_catalog_lookup(&c->job, c->positional[1], c->positional[2], stdout, d);
		return usage_error("the catalog commands are 'srmap catalog list' and "
				   "'srmap catalog lookup SOURCE ID'");
	}
	return usage_error("unknown command '%s'", c->command);
}

/*
 * libharu keeps tables of 128 KB on the stack while it loads a font.  Under an
 * address-space limit (ulimit -v) a stack that has to grow then cannot, and
 * the process would die of SIGSEGV instead of failing as out of memory; the
 * stack is grown once, first, while there is room (it never shrinks).
 */
static void reserve_stack(void)
{
	volatile char pad[1 << 20];
	for (size_t i = 0; i < sizeof pad; i += 1024)
		pad[i] = 0;
}

int main(int argc, char **argv)
{
	reserve_stack();
	libmem_init();
	struct cli c = { 0 };
	int rc = parse(&c, argc, argv);
	int help_for = rc == 0 && c.command && !strcmp(c.command, "help");
	if (rc == 0 && (c.help || help_for)) {
		/* srmap help [COMMAND] and srmap [COMMAND] --help say the same. */
		const char *topic = c.command;
		if (help_for)
			topic = c.npositional ? c.positional[0] : c.help ? "help" : NULL;
		if (help_print(stdout, options, topic) < 0)
			rc = usage_error("unknown command '%s'", topic);
	} else if (rc == 0 && c.version) {
		printf("srmap %s\n", SRMAP_VERSION);
	} else if (rc == 0 && !c.command) {
		rc = usage_error("no command given");
	} else if (rc == 0) {
		struct diag_list d;
		diag_init(&d, stderr);
		d.strict = c.strict;
		d.quiet = c.quiet;
		char *line = join_args(argc, argv);
		c.job.command_line = line;
		rc = run(&c, &d);
		free(line);
		diag_release(&d);
	}
	free(c.job.inventories);
	free(c.job.evidence);
	free(c.job.evidence_collected_at);
	free(c.job.catalogs);
	free(c.positional);
	return rc;
}
