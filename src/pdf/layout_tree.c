/*
 * layout_tree.c - frees the block tree: blocks, their inline content, table
 * rows, chart series, and the tree with its document settings.
 */
#include "layout_tree.h"

#include <stdlib.h>

static void inline_free(struct lay_inline *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->spans[i].text);
		free(in->spans[i].link);
	}
	free(in->spans);
}

static void row_free(struct lay_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		inline_free(&r->cells[i].in);
	free(r->cells);
	free(r->path);
}

void lay_block_release(struct lay_block *b)
{
	free(b->id);
	free(b->path);
	inline_free(&b->in);
	for (size_t i = 0; i < b->nitems; i++)
		inline_free(&b->items[i]);
	free(b->items);
	free(b->widths);
	if (b->head) {
		row_free(b->head);
		free(b->head);
	}
	for (size_t i = 0; i < b->nrows; i++)
		row_free(&b->rows[i]);
	free(b->rows);
	free(b->title);
	for (size_t i = 0; i < b->nkids; i++)
		lay_block_release(&b->kids[i]);
	free(b->kids);
	free(b->src);
	free(b->unit);
	for (size_t i = 0; i < b->nseries; i++) {
		for (size_t j = 0; j < b->series[i].n; j++)
			free(b->series[i].points[j].label);
		free(b->series[i].points);
		free(b->series[i].name);
	}
	free(b->series);
}

void layout_tree_free(struct lay_tree *t)
{
	if (!t)
		return;
	free(t->template_name);
	free(t->title);
	free(t->author);
	free(t->subject);
	free(t->keywords);
	free(t->creator);
	free(t->created);
	free(t->lang);
	for (int i = 0; i < 3; i++) {
		free(t->header[i]);
		free(t->footer[i]);
	}
	for (size_t i = 0; i < t->ncover; i++)
		lay_block_release(&t->cover[i]);
	free(t->cover);
	for (size_t i = 0; i < t->nbody; i++)
		lay_block_release(&t->body[i]);
	free(t->body);
	free(t);
}
