/* mapdraw.h - the map of a ward as terminal cells (src/mapdraw.c), for the
 * console's map screen (screen_map.c) and `wardesk map` (cli_map.c).
 *
 * The frame is scaled to the ward's extent (its streets and its open
 * cases in the ward's area, wardesk.map_area; with a margin), the same metres per dot across and down (a
 * Braille cell is 2 dots wide and 4 high, a terminal cell about twice as
 * high as wide).  Open cases are Braille dots (U+2800 block); a cell
 * holding an overdue case is drawn "×", one holding an urgent case "!",
 * so the map reads the same without colour; the ink says which colour a
 * screen may give it.  Streets are "·" cells with their name written
 * along them; clusters are numbered beside their centre (1-9).  ASCII
 * (utf8 false): "o" for cases, "x" overdue, "!" urgent, "." streets,
 * names without their marks.
 *
 * Layer: model.  Ownership: map_render fills *out; map_canvas_free frees
 * it. */
#ifndef WARDESK_MAPDRAW_H
#define WARDESK_MAPDRAW_H

#include "wardesk/store_map.h"

enum map_ink { INK_NONE, INK_STREET, INK_LABEL, INK_CLUSTER, INK_OK, INK_DUE_SOON, INK_OVERDUE, INK_URGENT };

struct map_cell {
	char s[8];               /* one character, UTF-8, NUL-terminated */
	enum map_ink ink;
};
struct map_canvas {
	int w, h;
	struct map_cell *cell;   /* h rows of w */
	long count[WD_MAP_KINDS];   /* cases drawn, by kind */
	double metres_per_cell;  /* across; 0 when nothing was drawn */
};

void map_render(const struct wd_map *m, int w, int h, bool utf8, struct map_canvas *out);
void map_canvas_free(struct map_canvas *c);

/* The mark of a kind in the legend ("⣿", "×", "!"). */
const char *map_mark(enum wd_map_kind k, bool utf8);

/* The lines a cluster is listed with (beside the map, in the console and
 * `wardesk map`): "1 Infrastructure: 3 cases", "  BT-21 BT-28 BT-30", "  app,
 * phone" (the queue's channel words), "  oldest due 02/12 13:05".  i: its number (from 1). */
/* A cluster's category in the interface's language (its code when unnamed). */
const char *map_cluster_name(const struct wd_cluster *c);
#define MAP_CLUSTER_LINES 4
void map_cluster_lines(const struct wd_cluster *c, int i, char lines[MAP_CLUSTER_LINES][256]);

/* The legend: "⣿ 20 on time (3 due soon)  × 4 overdue  ! 1 urgent  5
 * without coordinates". */
void map_legend(const struct wd_map *m, const struct map_canvas *c, bool utf8, char *out, size_t sz);

/* The cases outside the ward's area, counted and listed apart: "2 cases
 * outside the ward's area: BT-39 BT-40"; false (and out untouched) when
 * there is none. */
bool map_outside_line(const struct wd_map *m, char *out, size_t sz);
#endif
