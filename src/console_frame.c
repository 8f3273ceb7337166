/* console_frame.c - the frame around the screens: the header (ward,
 * officer, shift, clock, connection), the key hints of the top screen and
 * the status line (status, question, prompt, a handover waiting, the
 * filter). */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <unistd.h>

#include "wardesk/console_frame.h"
#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/hints.h"
#include "wardesk/prompt.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

/* word_role_label, once per process (the language does not change: ui_tr). */
static const char *role_label(enum wd_role r)
{
	static const char *memo[16];

	if ((unsigned)r >= ARRAY_SIZE(memo))
		return word_role_label(r);
	if (!memo[r])
		memo[r] = word_role_label(r);
	return memo[r];
}

static void draw_header(struct ui *ui, int cols)
{
	struct live *l = &ui->live;
	char clock[16], since[16], right[128], left[512];
	int attr = ui_attr(EL_HEADER), sattr, rw;
	const char *state;

	time_hhmm(desk_now(), clock, sizeof clock);
	switch (l->state) {
	case LIVE_UP:
		state = ui_tr(N_("live"));
		sattr = ui_attr(EL_STATUS_LIVE);
		snprintf(right, sizeof right, " %s ", state);
		break;
	case LIVE_CONNECTING:
		sattr = ui_attr(EL_STATUS_OFFLINE);
		snprintf(right, sizeof right, " %s ", ui_tr(N_("connecting…")));
		break;
	case LIVE_RECONNECTING:
		sattr = ui_attr(EL_STATUS_OFFLINE);
		snprintf(right, sizeof right, " %s ", ui_tr(N_("reconnecting…")));
		break;
	default:
		sattr = ui_attr(EL_STATUS_OFFLINE);
		time_hhmm(l->offline_since ? l->offline_since : time(NULL), since, sizeof since);
		if (l->refused)
			snprintf(right, sizeof right, " %s ", ui_tr(N_("not allowed")));
		else
			snprintf(right, sizeof right, _(" offline since %s "), since);
		break;
	}
	if (l->have_me) {
		char duty[64];

		if (!l->shift_known) {   /* the first screen comes before the shift is read */
			duty[0] = '\0';
		} else if (l->shift_id) {
			time_hhmm(l->shift_started, since, sizeof since);
			snprintf(duty, sizeof duty, _("on shift since %s"), since);
		} else {
			snprintf(duty, sizeof duty, "%s", ui_tr(N_("off shift")));
		}
		/* the ward's name only when there is room: the shift matters more */
		snprintf(left, sizeof left, " %s%s%s │ %s %s (%s)%s%s",
		         l->me.ward_code ? l->me.ward_code : "", l->me.ward_name && cols >= 100 ? " " : "",
		         l->me.ward_name && cols >= 100 ? l->me.ward_name : "",
		         l->me.login ? l->me.login : "", l->me.full_name ? l->me.full_name : "",
		         role_label(l->me.role), duty[0] ? " │ " : "", duty);
	}
	else
		snprintf(left, sizeof left, " wardesk │ %s", l->st ? store_login(l->st) : "");
	rw = draw_width(right);
	/* the left part gives way (cut with "…") to the clock and the
	 * connection state, never runs into them */
	draw_text(NULL, 0, 0, cols > rw + 8 ? cols - rw - 8 : cols, left, attr);
	if (cols > rw + 8) {
		draw_blank(NULL, 0, cols - rw - 8, 1, attr);
		draw_text(NULL, 0, cols - rw - 7, 7, clock, attr | (int)A_BOLD);
		draw_text(NULL, 0, cols - rw, rw, right, sattr);
	}
}

/* One key hint: the key (its label) and the action's footer word. */
struct hint {
	enum action_id act;
	char key[48], word[80];
	int w;                       /* columns of "KEY WORD " with its spaces */
};

/* An action's footer word (action_hint, a gettext each), once per
 * process: the language is set at start-up (main.c) only. */
static const char *hint_word(enum action_id a)
{
	static const char *memo[ACT_COUNT];

	if ((unsigned)a >= ACT_COUNT)
		return action_hint(a);
	if (!memo[a])
		memo[a] = action_hint(a);
	return memo[a];
}

/* pre s post into out (cut to outsz - 1 bytes, as snprintf would: a
 * dozen per frame, where snprintf cost more than drawing them). */
static void put_str(char *out, size_t outsz, const char *pre, const char *s, const char *post)
{
	const char *part[3] = { pre, s, post };
	size_t n = 0;

	for (int i = 0; i < 3; i++) {
		size_t l = strlen(part[i]);

		if (l > outsz - 1 - n)
			l = outsz - 1 - n;
		memcpy(out + n, part[i], l);
		n += l;
	}
	out[n] = '\0';
}

/* The top screen's hints the officer may use, in the screen's order. */
static size_t footer_hints(struct ui *ui, struct hint *v, size_t cap)
{
	const struct screen_ops *ops = ui->top->ops;
	size_t n = 0;

	for (size_t i = 0; ops->footer && ops->footer[i] != ACT_COUNT && n < cap; i++) {
		enum action_id a = ops->footer[i];
		const char *k = ui_key_for(ops->keymap, a);

		if (!*k || !ui_permitted(ui, a) || (ops->offers && !ops->offers(ui, ui->top, a)))
			continue;   /* unbound, not for this role or case now: hidden */
		v[n].act = a;
		put_str(v[n].key, sizeof v[n].key, "", k, "");
		put_str(v[n].word, sizeof v[n].word, " ", hint_word(a), " ");
		v[n].w = draw_width(v[n].key) + draw_width(v[n].word);
		n++;
	}
	return n;
}

/* The record of a footer line (draw_line_same): the hints drawn and how. */
static size_t footer_record(const struct hint *v, const bool *on, size_t n, int cols, int kattr,
                            int fattr, char *buf, size_t cap)
{
	size_t len = 0;
	int head[4] = { cols, kattr, fattr, draw_ascii() };

	memcpy(buf, head, sizeof head);
	len = sizeof head;
	for (size_t i = 0; i < n; i++) {
		size_t kl = strlen(v[i].key) + 1, wl = strlen(v[i].word) + 1;

		if (!on[i])
			continue;
		if (len + kl + wl > cap)
			return 0;
		memcpy(buf + len, v[i].key, kl);
		memcpy(buf + len + kl, v[i].word, wl);
		len += kl + wl;
	}
	return len;
}

/* The footer: whole hints only, never one cut.  When they do not all fit,
 * the last ones (lowest priority: each screen lists its hints most
 * important first) are dropped, but the help key stays: it leads to the
 * rest. */
static void draw_footer(struct ui *ui, int y, int cols)
{
	int x = 0, kattr = ui_attr(EL_KEY), fattr = ui_attr(EL_FOOTER);
	struct hint v[32];
	bool on[32] = { false };
	char rec[32 * 130 + 16];
	size_t n, i, len, help = (size_t)-1;
	bool full = false;

	if (prompt_active() && *prompt_hint()) {
		draw_text(NULL, y, 0, cols, prompt_hint(), fattr);
		return;
	}
	n = footer_hints(ui, v, ARRAY_SIZE(v));
	for (i = 0; i < n; i++)
		if (v[i].act == ACT_HELP)
			help = i;
	for (i = 0; i < n; i++) {
		int need = v[i].w + (help != (size_t)-1 && i < help ? v[help].w : 0);

		if (i != help && (full || x + need > cols)) {
			full = true;    /* this one and every later one but help */
			continue;
		}
		if (x + v[i].w > cols)
			break;
		on[i] = true;
		x += v[i].w;
	}
	/* the same hints as the last frame, still on the line: nothing to do */
	len = footer_record(v, on, n, cols, kattr, fattr, rec, sizeof rec);
	if (len && draw_line_same(y, cols, rec, len))
		return;
	for (i = 0, x = 0; i < n; i++) {
		if (!on[i])
			continue;
		x += draw_text_np(NULL, y, x, cols - x, v[i].key, kattr);
		x += draw_text_np(NULL, y, x, cols - x, v[i].word, fattr);
	}
	if (x < cols)
		draw_blank(NULL, y, x, cols - x, fattr);
	if (len)
		draw_line_keep(y, cols, rec, len);
}

/* Background news wider than the line (the start-up line, alerts): cut
 * between words, ending in "…"; it never takes the footer's line. */
static void draw_cut_status(struct ui *ui, int y, int cols)
{
	char **w = text_wrap(ui->status, cols > 2 ? cols - 2 : cols);
	char *line = xasprintf("%s \xe2\x80\xa6", w[0] ? w[0] : "");

	draw_text(NULL, y, 0, cols, line, ui_attr(ui->status_error ? EL_STATUS_ERROR : EL_STATUS));
	free(line);
	text_lines_free(w);
}

static void draw_status(struct ui *ui, int y, int cols)
{
	if (prompt_active()) {
		prompt_draw(ui, y, cols);
		return;
	}
	if (ui->ask_cb) {
		draw_text(NULL, y, 0, cols, ui->ask_question, ui_attr(EL_PROMPT));
		return;
	}
	if (!ui->status[0] && ui->live.ho_for_me > 0) {
		char buf[512], hk[32], ak[32];

		/* key_name's buffer is static: copy each */
		snprintf(hk, sizeof hk, "%s", ui_key_for(KM_GENERIC, ACT_HANDOVER));
		snprintf(ak, sizeof ak, "%s", ui_key_for(KM_HANDOVER, ACT_HO_ACK));

		/* until acknowledged: it is the incoming officer's next job */
		if (ui->live.ho_for_me > 1)
			snprintf(buf, sizeof buf, _("%d handovers wait for your acknowledgement (%s, then %s)"),
			         ui->live.ho_for_me, hk, ak);
		else
			snprintf(buf, sizeof buf,
			         _("handover #%lld from %s waits for your acknowledgement (%s, then %s)"),
			         (long long)ui->live.ho_for_me_id, ui->live.ho_for_me_from, hk, ak);
		draw_text(NULL, y, 0, cols, buf, ui_attr(EL_ESCALATED) | (int)A_BOLD);
		return;
	}
	if (!ui->status[0] && *model_filter(ui->model)) {
		char buf[512];

		snprintf(buf, sizeof buf, _("filter: %s (%zu shown; Esc clears)"),
		         model_filter(ui->model), model_visible(ui->model));
		draw_text(NULL, y, 0, cols, buf, ui_attr(EL_DIM));
		return;
	}
	if (ui->status_bg && draw_width(ui->status) > cols) {
		draw_cut_status(ui, y, cols);
		return;
	}
	draw_text(NULL, y, 0, cols, ui->status,
	          ui_attr(ui->status_error ? EL_STATUS_ERROR : EL_STATUS));
}

/* A message or question wider than the terminal is not cut: it takes the
 * footer's line too (the hints come back with the next key), broken between
 * words; what does not fit in two lines ends in "…".  Not background news
 * (ui->status_bg): nobody pressed a key for it, and the footer stays. */
static bool draw_long_status(struct ui *ui, int y, int cols)
{
	const char *s = ui->ask_cb ? ui->ask_question : ui->status;
	int attr = ui->ask_cb ? ui_attr(EL_PROMPT)
	                      : ui_attr(ui->status_error ? EL_STATUS_ERROR : EL_STATUS);
	char **w;

	if (prompt_active() || !s || !*s || draw_width(s) <= cols || (!ui->ask_cb && ui->status_bg))
		return false;
	w = text_wrap(s, cols);
	for (int i = 0; i < 2; i++) {
		const char *line = w[0] && (i == 0 || w[1]) ? w[i] : "";

		if (i == 1 && w[0] && w[1] && w[2]) {
			char *more = xasprintf("%s …", line);

			draw_text(NULL, y + i, 0, cols, more, attr);
			free(more);
		} else {
			draw_text(NULL, y + i, 0, cols, line, attr);
		}
	}
	text_lines_free(w);
	return true;
}

/* Write all of buf to the terminal, past curses (its frame is flushed). */
static void write_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(STDOUT_FILENO, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* The pixel graphics waiting (ui->pix), over the frame just drawn: the
 * cursor to its cell, then the sequence chafa made of the photo's pixels. */
static void pixels_show(struct ui *ui)
{
	char at[32];
	int n = snprintf(at, sizeof at, "\033[%d;%dH", ui->pix.y + 1, ui->pix.x + 1);

	fflush(stdout);
	write_all(at, (size_t)n);
	write_all(ui->pix.seq, strlen(ui->pix.seq));
	FREE(&ui->pix.seq);
	ui->pix.up = true;
}

void console_pixels_end(struct ui *ui, enum action_id act)
{
	static const char kitty_delete[] = "\033_Ga=d\033\\";   /* every image on screen */
	bool back = ui->pix.owner && ui->pix.owner == ui->top;

	if (ui->pix.kitty)
		write_all(kitty_delete, sizeof kitty_delete - 1);
	ui->pix.up = false;
	ui->pix.owner = NULL;
	FREE(&ui->pix.seq);
	clearok(curscr, TRUE);   /* every cell again, over the picture */
	ui->dirty = true;
	if (back)
		ui_action(ui, act);
}

void console_draw_frame(struct ui *ui)
{
	int rows = LINES, cols = COLS;

	if (ui->pix.up) {   /* the picture stays until a key */
		ui->dirty = false;
		return;
	}

	if (rows < 3 || cols < 10) {
		draw_text(NULL, 0, 0, cols, _("terminal too small"), A_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_header(ui, cols);
	if (ui->top && ui->top->ops->draw)
		ui->top->ops->draw(ui, ui->top, 1, rows - 3);
	if (!draw_long_status(ui, rows - 2, cols)) {
		draw_footer(ui, rows - 2, cols);
		draw_status(ui, rows - 1, cols);
	}
	if (prompt_active()) {
		leaveok(stdscr, FALSE);
		curs_set(1);
	} else {
		leaveok(stdscr, TRUE);
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = false;
	if (ui->pix.seq && ui->pix.owner == ui->top)
		pixels_show(ui);
	else
		FREE(&ui->pix.seq);
}
