/*
 * pdfreport.h - the C writer of the shipped PDF template, report-pdf.xsl:
 * the same layout document, node for node, from the same canonical
 * assessment document, without running the template (fastpath.h says when
 * it may stand in for it).
 *
 * The writer is laid out as the template is: one function per named template
 * (or template matching an element), named after it, in files by section of
 * the report.  A function appends to parent what the template adds to the
 * result at that point, with the context node the template has, so that each
 * can be checked against the template's own named template
 * (tests/test-pdfreport.sh).  Reading the document follows XPath: values are
 * borrowed from the tree (docnode.h); xsl:key lookups go through struct
 * pdfr_key, made once; numbers are formatted by libxslt's format-number and
 * libxml2's number-to-string, so that the text is the template's.
 */
#ifndef SRMAP_WRITE_PDFREPORT_H
#define SRMAP_WRITE_PDFREPORT_H

#include "srmap/base/strmap.h"

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include <stddef.h>

/* The nodes an xsl:key gives for one value, in document order. */
struct pdfr_nodes {
	const xmlNode **v;
	size_t n, cap;
};

/* An xsl:key: value -> nodes. */
struct pdfr_key {
	struct strmap map;          /* value -> struct pdfr_nodes *, owned */
	char **values;              /* owned copies of the keys of map */
	struct pdfr_nodes **lists;  /* owned */
	size_t n, cap;
};

/* The template's parameters, as srmap passes them (strings as given). */
struct pdfr_params {
	const char *inventory_appendix;   /* "no" */
	double finding_rows_max;          /* 40 */
	double distinct_max;              /* 25 */
	const char *pdf_detail;           /* "full" */
	double summary_rows;              /* 25 */
	const char *attachments;          /* "" */
	const char *attachments_skipped;  /* "" */
	const char *attach_limit;         /* "" */
};

/* The writer's state: the input, the keys and the template's global variables. */
struct pdfr {
	const xmlNode *a;               /* /assessment ($a) */
	xmlDocPtr out;                  /* the layout document being made */
	xsltStylesheetPtr fmt;          /* owned: only its default decimal format is used */
	struct pdfr_params p;

	/* keys, as declared at the top of report-pdf.xsl */
	struct pdfr_key workload, removed_workload, control, ctl_by_domain, evidence, layer,
		wl_by_model, ev_by_control, f_by_sev_ctl, f_by_sev_ctl_ev, f_other;

	/* global variables */
	int inventory_in_appendix;
	char app_evidence[2], app_method[2], app_provenance[2], app_coverage[2];
	int brief;
	struct pdfr_nodes unknown_others;   /* findings of no known "other" status */
	const xmlNode *profile, *summary;   /* NULL when absent */
	const char *client, *assessor;      /* "" when absent */
	char *doc_title, *brand, *as_of, *baseline, *scope_text;   /* owned */
	struct pdfr_nodes frameworks;       /* /assessment/framework */
	struct pdfr_nodes rows;             /* $a/matrix/row, every matrix's */
	double nfw, nlayers;
	double n_critical, n_high, n_medium, n_low, n_findings;  /* NaN when absent */
	double n_subscriptions, n_tenants;

	int incomplete;                 /* a section the writer does not have was asked for */
};

/* Shades of the owners, as the template names them. */
#define PDFR_SHADE_PROVIDER "#E1E7EE"
#define PDFR_SHADE_SHARED "#F3D48E"
#define PDFR_SHADE_CUSTOMER "#A9C6E2"
#define PDFR_SHADE_MUTED "#F2F2F2"

/* The parameters' defaults, as the template declares them. */
void pdfr_params_default(struct pdfr_params *p);

/*
 * Makes the template's whole result for the canonical document doc: a new
 * document the caller frees with xmlFreeDoc, or NULL when doc has no
 * assessment root.
 */
xmlDocPtr pdfr_build(const xmlDoc *doc, const struct pdfr_params *p);

/* Whether the writer has every section of the template (until then pdfr_build gives NULL). */
int pdfr_whole(void);

/*
 * Prepares w for doc (keys, global variables) with an empty result document
 * of no root; pdfr_release frees what it holds but w->out, which the caller
 * takes (or frees).  Returns -1 when doc has no assessment root.
 */
int pdfr_init(struct pdfr *w, const xmlDoc *doc, const struct pdfr_params *p);
void pdfr_release(struct pdfr *w);

/*
 * A section by the name of its template: "executive-summary" appends what
 * <xsl:call-template name="executive-summary"/> with the assessment as
 * context adds; "drift" and "framework" what <xsl:apply-templates
 * select="drift|framework"/> adds.  Returns -1 for a name it does not know.
 */
int pdfr_section(struct pdfr *w, const char *name, xmlNodePtr parent);

/* ---- the sections ---------------------------------------------------------------- */
/* Each appends what the template of the same name adds, with the assessment
   as context (drift and framework: for each such element, as apply-templates). */

typedef void (*pdfr_section_fn)(struct pdfr *w, xmlNodePtr parent);

/* pdfreport.c */
void pdfr_document(struct pdfr *w, xmlNodePtr parent);      /* match="assessment" */
/* pdfreport_summary.c */
void pdfr_cover(struct pdfr *w, xmlNodePtr parent);
void pdfr_executive_summary(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_gaps.c: the li of the executive summary's "most important gaps" (into its ul) */
void pdfr_summary_gaps(struct pdfr *w, xmlNodePtr ul);
/* pdfreport_drift.c */
void pdfr_drift(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_scope.c */
void pdfr_scope_and_method(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_model.c */
void pdfr_responsibility_model(struct pdfr *w, xmlNodePtr parent);
void pdfr_controls_by_domain(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_findings.c */
void pdfr_findings(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_groups.c: the groups of findings-of-severity; c or f is the context node, fs
   the group's findings, group the other-group's $group */
void pdfr_finding_group(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *c,
			const struct pdfr_nodes *fs);
void pdfr_unclassified_group(struct pdfr *w, xmlNodePtr parent, const char *sev,
			     const xmlNode *f, const struct pdfr_nodes *fs);
void pdfr_other_group(struct pdfr *w, xmlNodePtr parent, const char *sev, const xmlNode *f,
		      const struct pdfr_nodes *fs, const char *group);
/* pdfreport_framework.c */
void pdfr_framework(struct pdfr *w, xmlNodePtr parent);
void pdfr_coverage(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_inventory.c */
void pdfr_inventory(struct pdfr *w, xmlNodePtr parent);
/* pdfreport_appendix.c */
void pdfr_evidence_register(struct pdfr *w, xmlNodePtr parent);
void pdfr_methodology(struct pdfr *w, xmlNodePtr parent);
void pdfr_provenance(struct pdfr *w, xmlNodePtr parent);
/* pdfr_provenance is in pdfreport_provenance.c; attachment-summary, which both use: */
void pdfr_attachment_summary(struct pdfr *w, xmlNodePtr parent);

/* ---- keys (pdfreport_key.c) ------------------------------------------------------- */

void pdfr_key_init(struct pdfr_key *k);
void pdfr_key_add(struct pdfr_key *k, const char *value, const xmlNode *n);
void pdfr_key_release(struct pdfr_key *k);

/* The nodes of value, never NULL (an empty list when there are none). */
const struct pdfr_nodes *pdfr_key_get(const struct pdfr_key *k, const char *value);

/* The first node of value (key('k', value)[1], or key() used as one node), or NULL. */
const xmlNode *pdfr_key_first(const struct pdfr_key *k, const char *value);

void pdfr_nodes_add(struct pdfr_nodes *l, const xmlNode *n);
void pdfr_nodes_release(struct pdfr_nodes *l);

/* ---- the result (pdfreport_out.c) ------------------------------------------------- */

/* Appends a new element name to parent and returns it. */
xmlNodePtr pdfr_el(struct pdfr *w, xmlNodePtr parent, const char *name);

/* Sets attribute name of el to value (replacing any value it has), as xsl:attribute does. */
void pdfr_attr(xmlNodePtr el, const char *name, const char *value);

/* pdfr_attr of a printf-style format. */
void pdfr_attrf(xmlNodePtr el, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends <cell>text</cell> to row, with align="right" when right; returns the cell. */
xmlNodePtr pdfr_cell(struct pdfr *w, xmlNodePtr row, const char *text, int right);

/* Appends text to parent, joined to a text node before it; nothing for "" or NULL. */
void pdfr_text(struct pdfr *w, xmlNodePtr parent, const char *text);

/* pdfr_text of a printf-style format. */
void pdfr_textf(struct pdfr *w, xmlNodePtr parent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends <name>text</name> (text as pdfr_text) and returns the element. */
xmlNodePtr pdfr_el_text(struct pdfr *w, xmlNodePtr parent, const char *name, const char *text);

/*
 * Appends <table widths="widths" size="size"><thead><row/></thead></table>
 * and returns the table; *head is its header row, for the caller's cells.
 */
xmlNodePtr pdfr_table(struct pdfr *w, xmlNodePtr parent, const char *widths, const char *size,
		      xmlNodePtr *head);

/* Appends to row a <cell>title</cell> of each of titles (ending with NULL), align="right"
   on each when right is set. */
void pdfr_title_cells(struct pdfr *w, xmlNodePtr row, const char *const *titles, int right);

/* ---- XPath values (pdfreport_out.c) ---------------------------------------------- */

/*
 * format-number(n, pattern) as libxslt gives it; the result is the caller's
 * to free.  pdfr_fmt_s takes the number as XPath's number() of a string (NaN
 * for NULL, "" or text that is no number).
 */
char *pdfr_fmt(struct pdfr *w, double n, const char *pattern);
char *pdfr_fmt_s(struct pdfr *w, const char *s, const char *pattern);

/* XPath's number() of s (NULL: an empty node-set: NaN). */
double pdfr_number(const char *s);

/* XPath's string() of a number; the caller frees the result. */
char *pdfr_numstr(double n);

/* An attribute as XPath's string(@name): "" when n or the attribute is absent. */
const char *pdfr_attr_of(const xmlNode *n, const char *name);

/* Whether n has attribute name (@name as a test). */
int pdfr_has(const xmlNode *n, const char *name);

/*
 * The string value of element n (all its descendant text, the white-space-only
 * text nodes left out as xsl:strip-space leaves them out); "" for NULL.  The
 * caller frees the result.
 */
char *pdfr_string(const xmlNode *n);

/* The first element child of n named name, the next one, and how many there are. */
const xmlNode *pdfr_child(const xmlNode *n, const char *name);
const xmlNode *pdfr_next(const xmlNode *n, const char *name);
size_t pdfr_count(const xmlNode *n, const char *name);

/* Whether n is an element named name. */
int pdfr_is(const xmlNode *n, const char *name);

/* ---- the template's small named templates (pdfreport_common.c) ------------------- */
/* Each appends to parent what the named template of the same name adds; a
   parameter the template reads as a string is given as one (NULL: absent). */

void pdfr_time(struct pdfr *w, xmlNodePtr parent, const char *t);
/* the text of "time" as a string; the caller frees it */
char *pdfr_time_text(const char *t);
void pdfr_num(struct pdfr *w, xmlNodePtr parent, double n);
/* count-of: n, one, many (NULL: one with an "s") */
void pdfr_count_of(struct pdfr *w, xmlNodePtr parent, double n, const char *one,
		   const char *many);
void pdfr_percent(struct pdfr *w, xmlNodePtr parent, double part, double whole);
/* the names of framework-name, baseline-name, model-name, owner-name, status-name:
   the name for a known value, else the value itself ("" for NULL) */
const char *pdfr_framework_name(const char *id);
const char *pdfr_baseline_name(const char *b);
const char *pdfr_model_name(const char *m);
const char *pdfr_owner_name(const char *o);
const char *pdfr_status_name(const char *s);
/* first-sentence of text; the caller frees the result */
char *pdfr_first_sentence(const char *text);
void pdfr_status_badge(struct pdfr *w, xmlNodePtr parent, const char *s);
/* context: a finding (or drift entry) */
void pdfr_organisation_label(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx);
/* w_node: the workload ($w, NULL when the key found none); ctx: the context node */
void pdfr_workload_label(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx,
			 const xmlNode *wl, const char *id);
void pdfr_finding_subject(struct pdfr *w, xmlNodePtr parent, const xmlNode *finding);
void pdfr_citations(struct pdfr *w, xmlNodePtr parent, const xmlNode *control);
void pdfr_evidence_scope_text(struct pdfr *w, xmlNodePtr parent, const xmlNode *ev);
void pdfr_check_counts(struct pdfr *w, xmlNodePtr parent, const xmlNode *ctx);
/* framework-label of a framework element, as text; the caller frees it */
char *pdfr_framework_label(const xmlNode *fw);
void pdfr_score_text(struct pdfr *w, xmlNodePtr parent, const char *s);
/* equal-widths: the caller frees the result */
char *pdfr_equal_widths(struct pdfr *w, double n, double total);
void pdfr_detail_note(struct pdfr *w, xmlNodePtr parent);
/* left-out: n the number of entries, one the singular noun */
void pdfr_left_out(struct pdfr *w, xmlNodePtr parent, double n, const char *one);
void pdfr_status_row(struct pdfr *w, xmlNodePtr parent, const char *s, const char *text);
/* other-group-key of a finding: its status when one of the four, else "other" (borrowed) */
const char *pdfr_other_group_key(const xmlNode *finding);
/* other-group-title; context: the group's first finding */
void pdfr_other_group_title(struct pdfr *w, xmlNodePtr parent, const xmlNode *finding);

#endif
