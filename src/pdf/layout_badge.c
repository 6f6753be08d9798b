/*
 * layout_badge.c - badges: the statuses' default labels, their colours and
 * the geometry of a badge drawn in a line of text.
 */
#include "layout_badge.h"

double lay_badge_size(double size)
{
	return 0.85 * size;
}

double lay_badge_pad(double size)
{
	return 0.35 * size;
}

const char *lay_status_label(enum lay_status s)
{
	static const char *const labels[STATUS_COUNT] = {
		"Met", "Satisfied", "Partially met", "Stale", "Not met", "Failed", "Missing",
		"Inherited", "Not applicable", "Not assessed", "Critical", "High", "Medium", "Low"
	};
	return (unsigned)s < STATUS_COUNT ? labels[s] : "?";
}

/*
 * Colours chosen to stay apart for colour-blind readers and in greyscale
 * (lightness: red and critical darkest, then green, blue-grey, amber, grey);
 * the label is always drawn too.
 */
void lay_status_colors(enum lay_status s, uint32_t *fill, uint32_t *border, uint32_t *text)
{
	uint32_t fl, tx;
	switch (s) {
	case STATUS_MET: case STATUS_SATISFIED: fl = 0x2E7D32; tx = 0xFFFFFF; break;
	case STATUS_PARTIALLY_MET: case STATUS_STALE: case STATUS_MEDIUM:
		fl = 0xF9A825; tx = 0x2B1D00; break;
	case STATUS_NOT_MET: case STATUS_FAILED: case STATUS_HIGH: fl = 0xB71C1C; tx = 0xFFFFFF; break;
	case STATUS_CRITICAL: fl = 0x5D0A0A; tx = 0xFFFFFF; break;
	case STATUS_MISSING:
		*fill = 0xFFFFFF;
		*border = 0xB71C1C;
		*text = 0xB71C1C;
		return;
	case STATUS_INHERITED: fl = 0x546E7A; tx = 0xFFFFFF; break;
	case STATUS_LOW: fl = 0xB0BEC5; tx = 0x1C2B33; break;
	default: fl = 0xE0E0E0; tx = 0x424242; break;   /* not applicable, not assessed */
	}
	*fill = fl;
	*border = fl;
	*text = tx;
}
