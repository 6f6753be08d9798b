/*
 * help.c - what `srmap --help`, `srmap help [COMMAND]` and `srmap COMMAND
 * --help` print.  Each command is a row naming its options; their words come
 * from main.c's option table only, so a command's help and the parser never
 * disagree.  docs/srmap.1 says the same at length (tests/test-cli.sh checks
 * that both list the same options).
 */
#include "help.h"
#include "srmap/write.h"

#include <string.h>

struct command_spec {
	const char *name;
	/* lines after "srmap "; a line that starts with a space continues the one before */
	const char *synopsis;
	const char *summary;      /* one line for the global help */
	const char *description;  /* a paragraph */
	const char *options;      /* option names, space-separated, in the order shown */
	const char *examples;     /* command lines, one a line */
	const char *exit_status;
};

static const char exit_general[] =
	"0 ok, 1 findings at or above --fail-on, 2 usage error, 3 bad input, 4 output\n"
	"failure, 5 bad catalog or template, 6 signing key or certificate, 70 internal\n"
	"error.";

static const struct command_spec commands[] = {
	{ "assess",
	  "assess --inventory FILE... [--evidence FILE...] [--profile FILE]\n"
	  "                    [--catalog FILE...] [--format LIST] [--template FILE] --out DIR",
	  "assess inventory files against evidence files and write the report files",
	  "Reads the inventory files (the workloads) and the evidence files (the control\n"
	  "results), decides who owns each security layer of each workload (provider,\n"
	  "customer, shared), checks the customer-side controls against the evidence,\n"
	  "maps them to HIPAA, SOC 2 and FedRAMP, and writes the report files into DIR.\n"
	  "Nothing is written unless every input file is valid.",
	  "inventory evidence inventory-format evidence-format collected-at evidence-root "
	  "tenant max-input-size max-depth max-string max-records profile framework catalog "
	  "datadir out format jobs shard template attach-evidence attach-limit pdf-detail sign sign-pass "
	  "baseline fail-on keep summary progress strict quiet help",
	  "srmap assess --inventory samples/inventory.json --evidence samples/evidence.json \\\n"
	  "    --profile samples/profile.json --out reports\n"
	  "srmap assess -i resources.json -e defender-assessments.json --format xml,pdf \\\n"
	  "    --out 'reports/%Y-%m-%d' --keep 30 --baseline reports/2026-11-19/assessment.xml\n"
	  "srmap assess -i inventory.json -e evidence.json --framework hipaa --out hipaa-only",
	  exit_general },
	{ "merge",
	  "merge [PART...] --out DIR",
	  "make the report files of a sharded run from its parts",
	  "Checks that the parts written by assess --shard K/N belong together (one run:\n"
	  "the same inputs, catalog, profile, time and options; every shard once) and\n"
	  "writes into DIR the files an unsharded run writes, byte for byte: the formats\n"
	  "the shards were given with --format.  Without PART, every part-K-of-N.xml in\n"
	  "DIR/parts is merged.  Nothing is written unless every part is whole and of the run.",
	  "out jobs sign sign-pass fail-on datadir progress quiet help",
	  "export SOURCE_DATE_EPOCH=$(date +%s)    # one time for every shard\n"
	  "for k in 0 1 2; do\n"
	  "    srmap assess --shard $k/3 -i resources.json -e defender.json --out reports &\n"
	  "done; wait\n"
	  "srmap merge --out reports",
	  "0 ok, 1 findings at or above --fail-on, 2 usage error, 3 a part is missing,\n"
	  "twice, damaged or of another run, 4 output failure, 5 bad template, 6 signing\n"
	  "key or certificate, 70 internal error." },
	{ "validate",
	  "validate FILE...",
	  "check inventory, evidence, profile and catalog files without assessing",
	  "Checks each inventory, evidence, profile or catalog file without assessing and\n"
	  "prints one line per file ending in ok or invalid.  A file is srmap JSON,\n"
	  "recognised by its marker key, or an export, recognised from its content;\n"
	  "FORMAT:FILE names the format.  Evidence files are matched with the inventory\n"
	  "files given before them.",
	  "catalog datadir max-input-size max-depth max-string max-records strict quiet help",
	  "srmap validate samples/inventory.json samples/evidence.json samples/profile.json\n"
	  "srmap validate resources.json prowler-ocsf:prowler-output.ocsf.json",
	  "0 every file valid, 2 usage error, 3 a file invalid, 5 bad catalog." },
	{ "verify",
	  "verify [--base DIR] [--ca FILE] REPORT.xml\n"
	  "verify [--ca FILE] DIR",
	  "check that a report's inputs, or a signed report set, are unchanged",
	  "Hashes again every input file and evidence artifact that REPORT.xml names and\n"
	  "compares each with the SHA-256 the report records: one line per file (ok,\n"
	  "changed or missing), then a count line.  Given the folder of a set signed with\n"
	  "assess --sign (or a report in one), it also checks the CMS signature of\n"
	  "manifest.sha256 against --ca and every output file against the manifest.",
	  "base ca datadir help",
	  "srmap verify reports/2026-11-20/assessment.xml\n"
	  "srmap verify --base /var/lib/srmap reports/2026-11-20/assessment.xml\n"
	  "srmap verify --ca client-ca.pem reports/2026-11-20",
	  "0 every file matches (and a signed set's signer is trusted), 1 a file changed,\n"
	  "is missing or was added, 2 usage error, 3 the report or manifest cannot be read,\n"
	  "6 the signature is bad or its signer not trusted (or no --ca was given)." },
	{ "diff",
	  "diff [--json] OLD.xml NEW.xml",
	  "print what changed between two assessments",
	  "Compares two assessment.xml files and prints what changed: scores, workloads\n"
	  "added and removed, new, resolved and changed findings.",
	  "json help",
	  "srmap diff reports/2026-11-19/assessment.xml reports/2026-11-20/assessment.xml\n"
	  "srmap diff --json old/assessment.xml new/assessment.xml",
	  "0 whatever changed, 2 usage error, 3 a file cannot be read or is not an\n"
	  "assessment." },
	{ "catalog",
	  "catalog list\n"
	  "catalog lookup SOURCE ID",
	  "list the catalog's controls, or look up another tool's identifier",
	  "catalog list prints the controls grouped by domain; catalog lookup prints what\n"
	  "the identifier ID of SOURCE maps to.  SOURCE is one of defender, azure-policy,\n"
	  "azure-policy-group, azure-policy-set, prowler, prowler-compliance, graph and\n"
	  "secure-score.  --catalog files are merged over the shipped catalog first.",
	  "catalog datadir max-input-size help",
	  "srmap catalog list --catalog contoso-catalog.json\n"
	  "srmap catalog lookup prowler entra_non_privileged_user_has_mfa",
	  "0 ok (lookup: the identifier is mapped), 1 lookup: the catalog does not know\n"
	  "the identifier, 2 usage error or unknown SOURCE, 5 bad catalog." },
	{ "templates",
	  "templates list",
	  "list the shipped templates and the files they make",
	  "Prints, for each format made by a template, the format, the template file in\n"
	  "templates/, the file it writes and what it is.",
	  "datadir help",
	  "srmap templates list",
	  "0 ok, 2 usage error, 5 a template that a format needs is missing." },
	{ "help",
	  "help [COMMAND]",
	  "show the help of srmap or of a command",
	  "Prints the help of COMMAND (as srmap COMMAND --help does), or without one the\n"
	  "list of commands.",
	  "",
	  "srmap help assess",
	  "0 ok, 2 unknown command." },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct command_spec *find_command(const char *name)
{
	for (const struct command_spec *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int help_is_command(const char *word)
{
	return find_command(word) != NULL;
}

int help_command_takes(const char *command, const char *option)
{
	const struct command_spec *c = find_command(command);
	if (!c || !strcmp(option, "help") || !strcmp(option, "version"))
		return 1;
	size_t len = strlen(option);
	for (const char *p = c->options; *p;) {
		size_t n = strcspn(p, " ");
		if (n == len && !strncmp(p, option, len))
			return 1;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* The synopsis lines of c, each after prefix (the first) or as much space. */
static void print_synopsis(FILE *f, const struct command_spec *c, const char *prefix, int *first)
{
	const char *p = c->synopsis;
	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *lead = *first ? prefix : *p == ' ' ? "" : "       srmap ";
		fprintf(f, "%s%.*s\n", lead, (int)len, p);
		*first = 0;
		p += len;
		if (*p)
			p++;
	}
}

void help_usage(FILE *f)
{
	int first = 1;
	for (const struct command_spec *c = commands; c->name; c++)
		if (strcmp(c->name, "help"))
			print_synopsis(f, c, "usage: srmap ", &first);
	fputs("       srmap help [COMMAND] | --help | --version\n", f);
}

static const struct option_spec *option_named(const struct option_spec *options,
					      const char *name, size_t len)
{
	for (const struct option_spec *o = options; o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

static void print_option(FILE *f, const struct option_spec *o)
{
	char left[64];
	char flag[4] = "   ";
	if (o->short_name)
		snprintf(flag, sizeof flag, "-%c,", o->short_name);
	snprintf(left, sizeof left, "%s --%s%s%s", flag, o->name, o->value ? " " : "",
		 o->value ? o->value : "");
	fprintf(f, "  %-28s %s\n", left, o->help);
}

/* Lines of text, each indented by two spaces. */
static void print_indented(FILE *f, const char *text)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		fprintf(f, "  %.*s\n", (int)len, text);
		text += len;
		if (*text)
			text++;
	}
}

static void print_command(FILE *f, const struct option_spec *options,
			  const struct command_spec *c)
{
	int first = 1;
	print_synopsis(f, c, "usage: srmap ", &first);
	fprintf(f, "\n%s\n", c->description);
	if (c->options[0]) {
		fputs("\nOptions:\n", f);
		for (const char *p = c->options; *p;) {
			size_t len = strcspn(p, " ");
			const struct option_spec *o = option_named(options, p, len);
			if (o)
				print_option(f, o);
			p += len;
			p += strspn(p, " ");
		}
	}
	if (!strcmp(c->name, "assess")) {
		fputs("\nFormats (--format, default all):\n", f);
		for (const struct report_format *r = report_formats; r->name; r++)
			fprintf(f, "  %-8s %-22s %s\n", r->name, r->file, r->what);
	}
	fputs("\nExamples:\n", f);
	print_indented(f, c->examples);
	fputs("\nExit status:\n", f);
	print_indented(f, c->exit_status);
	fprintf(f, "\nSee srmap(1).\n");
}

static void print_global(FILE *f, const struct option_spec *options)
{
	help_usage(f);
	fputs("\nDecides who owns each security layer of each cloud workload (provider, customer,\n"
	      "shared), checks customer-side controls against evidence, maps them to HIPAA, SOC 2\n"
	      "and FedRAMP, and writes the assessment reports.\n\nCommands:\n", f);
	for (const struct command_spec *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\nOptions:\n", f);
	print_option(f, option_named(options, "help", 4));
	print_option(f, option_named(options, "version", 7));
	fputs("\nRun 'srmap help COMMAND' or 'srmap COMMAND --help' for a command's options.\n"
	      "\nExit status:\n", f);
	print_indented(f, exit_general);
	fputs("\nSee srmap(1).\n", f);
}

int help_print(FILE *f, const struct option_spec *options, const char *command)
{
	if (!command) {
		print_global(f, options);
		return 0;
	}
	const struct command_spec *c = find_command(command);
	if (!c)
		return -1;
	print_command(f, options, c);
	return 0;
}
