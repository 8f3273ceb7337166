/* prompt.c - readline in callback mode on the status line (prompt.h).
 *
 * Readline is initialised once before curses starts (so its terminal
 * set-up never touches curses' terminal), told not to prepare the terminal,
 * not to catch signals and not to export LINES/COLUMNS, and writes to
 * /dev/null.  Keys come from the console loop (prompt_feed) as bytes into a
 * small queue that rl_getc_function reads; the line is drawn by
 * prompt_draw (through draw.c) wherever curses wants it. */
#include "wardesk/wardesk.h"

#include <strings.h>
#include <readline/readline.h>
#include <readline/history.h>

#include "wardesk/actions.h"
#include "wardesk/bindings.h"
#include "wardesk/config.h"
#include "wardesk/draw.h"
#include "wardesk/drafts.h"
#include "wardesk/prompt.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

#define HISTORY_MAX 1000
#define COMPLETION_MAX 500

static struct {
	bool inited, active, finished;
	enum prompt_kind kind;
	prompt_fn fn;
	void *ctx;
	struct ui *ui;
	char *label;
	unsigned char in[256];
	size_t inlen, inpos;
	char *line;          /* the finished line (NULL: EOF) */
	char *history_path;
	FILE *devnull;
	char hint[512];      /* completion candidates, shown in the footer */
	enum compl_kind ck;  /* what the current completion lists */
	const struct prompt_commands *cmds;   /* prompt_set_commands */
	/* PROMPT_FIELD (prompt_start_field): */
	prompt_key_fn key_fn;
	prompt_fn changed_fn;
	const char *const *words;
	int fy, fx;          /* where the cursor goes (prompt_draw_field) */
	bool placed;
	/* prompt_keep_draft: the open prompt's text is kept as this draft */
	struct draft draft;
	char *draft_prefix;  /* kept before the line (earlier lines of a note) */
	bool draft_on, draft_dirty;
} P;

static const char *const setting_names[] = {
#define X(id, name, type, def, help) name,
	CONFIG_SETTINGS(X)
#undef X
};

static void draft_flush(const char *text);

/* ---- readline hooks ---- */

static int rl_getc_hook(FILE *f)
{
	(void)f;
	if (P.inpos < P.inlen)
		return P.in[P.inpos++];
	return '\0';   /* never reached: we only call readline with input queued */
}

static int rl_avail_hook(void)
{
	return P.inpos < P.inlen;
}

static void rl_redisplay_hook(void)
{
	if (P.ui)
		ui_dirty(P.ui);
}

static void rl_prep_noop(int meta)
{
	(void)meta;
}

static void rl_deprep_noop(void)
{
}

static void on_line(char *line)
{
	P.finished = true;
	P.line = line;
}

static void show_matches(char **matches, int n, int maxlen)
{
	size_t len = 0;
	int i;

	(void)maxlen;
	P.hint[0] = '\0';
	for (i = 1; i <= n && len + 2 < sizeof P.hint; i++) {
		int w = snprintf(P.hint + len, sizeof P.hint - len, "%s%s", i > 1 ? "  " : "", matches[i]);

		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (len >= sizeof P.hint)
		len = sizeof P.hint - 1;
	P.hint[len] = '\0';
	if (P.ui)
		ui_dirty(P.ui);
}

static const char *candidate(size_t i)
{
	struct ui *ui = P.ui;

	switch (P.ck) {
	case COMPL_COMMAND:
		return P.cmds && P.cmds->name ? P.cmds->name(i) : NULL;
	case COMPL_REF: {
		const struct mcase *c = ui ? model_at(ui->model, i) : NULL;

		return c ? c->ref : NULL;
	}
	case COMPL_LOGIN:
		return ui && ui->have_officers && i < ui->officers.n ? ui->officers.v[i].login : NULL;
	case COMPL_VIEW:
		return i < VIEW_COUNT ? view_name((enum view_id)i) : NULL;
	case COMPL_CATEGORY:
		return ui ? model_category_name(ui->model, i) : NULL;
	case COMPL_SETTING:
		return i < ARRAY_SIZE(setting_names) ? setting_names[i] : NULL;
	case COMPL_ELEMENT:
		return i < EL_COUNT ? theme_element_name((enum theme_element)i) : NULL;
	case COMPL_KEYMAP:
		return i < KM_COUNT ? keymap_name((enum keymap)i) : NULL;
	case COMPL_ACTION:
		return i < ACT_COUNT ? action_table[i].name : NULL;
	case COMPL_REASON:
	{
		/* the closing reasons' spellings; a duplicate names its original */
		const struct word *w = word_at(WORD_REASON, i);

		return !w ? NULL : w->value == WD_REASON_DUPLICATE ? "duplicate:" : w->db;
	}
	default:
		return NULL;
	}
}

static char *generator(const char *text, int state)
{
	static size_t i, len, found;
	const char *name;

	if (!state) {
		i = 0;
		found = 0;
		len = strlen(text);
	}
	while ((name = candidate(i++)) != NULL) {
		if (found < COMPLETION_MAX && strncasecmp(name, text, len) == 0) {
			found++;
			return xstrdup(name);   /* readline frees it */
		}
	}
	return NULL;
}

static char *word_generator(const char *text, int state)
{
	static size_t i, len;
	const char *w;

	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (P.words && (w = P.words[i++]) != NULL)
		if (strncasecmp(w, text, len) == 0)
			return xstrdup(w);   /* readline frees it */
	return NULL;
}

void prompt_set_commands(const struct prompt_commands *pc)
{
	P.cmds = pc;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;
	P.hint[0] = '\0';
	switch (P.kind) {
	case PROMPT_FIELD:
		return P.words ? rl_completion_matches(text, word_generator) : NULL;
	case PROMPT_REF:
		P.ck = COMPL_REF;
		break;
	case PROMPT_FILTER:
		P.ck = COMPL_CATEGORY;
		break;
	case PROMPT_COMMAND: {
		char cmd[64];
		int argi = 0, i = 0;
		size_t cl = 0;
		bool inword = false;

		cmd[0] = '\0';
		for (i = 0; i < start; i++) {
			char ch = rl_line_buffer[i];

			if (ch == ' ' || ch == '\t') {
				if (inword)
					argi++;
				inword = false;
			} else {
				if (argi == 0 && cl + 1 < sizeof cmd)
					cmd[cl++] = ch;
				inword = true;
			}
		}
		if (inword)
			argi++;
		cmd[cl] = '\0';
		P.ck = argi == 0 ? COMPL_COMMAND :
		       P.cmds && P.cmds->completion ? P.cmds->completion(cmd, argi) : COMPL_NONE;
		break;
	}
	default:
		P.ck = COMPL_NONE;
		break;
	}
	if (P.ck == COMPL_NONE)
		return NULL;
	if (P.ck == COMPL_LOGIN && P.ui && !P.ui->have_officers)
		ui_officers(P.ui);
	return rl_completion_matches(text, generator);
}

/* ---- history ---- */

/* Keep the history where the drafts are (drafts_dir: this database, ward
 * and login), so a line typed against one database (a note with a
 * caller's name) is never offered against another, nor to another login
 * sharing the system account.  Until the place is known there is none;
 * when it changes the old one is written and the new one read. */
static void history_follow(void)
{
	const char *dir = drafts_dir();
	char *path = dir ? xasprintf("%s/history", dir) : NULL;

	if (path && P.history_path && !strcmp(path, P.history_path)) {
		free(path);
		return;
	}
	if (!path && !P.history_path)
		return;
	if (P.history_path) {
		write_history(P.history_path);
		history_truncate_file(P.history_path, HISTORY_MAX);
	}
	clear_history();
	FREE(&P.history_path);
	P.history_path = path;
	if (path)
		read_history(path);
}

/* ---- public ---- */

void prompt_init(void)
{
	if (P.inited)
		return;
	P.inited = true;
	P.devnull = fopen("/dev/null", "w+");
	rl_readline_name = "wardesk";
	rl_change_environment = 0;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_prep_term_function = rl_prep_noop;
	rl_deprep_term_function = rl_deprep_noop;
	rl_getc_function = rl_getc_hook;
	rl_input_available_hook = rl_avail_hook;
	rl_redisplay_function = rl_redisplay_hook;
	rl_completion_display_matches_hook = show_matches;
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = " \t";
	if (P.devnull) {
		rl_outstream = P.devnull;
		rl_instream = P.devnull;
	}
	rl_initialize();
	rl_variable_bind("enable-bracketed-paste", "off");
	rl_variable_bind("bell-style", "none");
	rl_variable_bind("completion-ignore-case", "on");
	rl_variable_bind("show-all-if-ambiguous", "on");
	using_history();
	stifle_history(HISTORY_MAX);
	history_follow();
}

void prompt_shutdown(void)
{
	if (!P.inited)
		return;
	if (P.active) {
		draft_flush(rl_line_buffer);   /* the console ends: keep the note */
		P.draft_on = false;
		rl_callback_handler_remove();
	}
	P.active = false;
	history_follow();   /* to the place the lines were typed for */
	if (P.history_path) {
		write_history(P.history_path);
		history_truncate_file(P.history_path, HISTORY_MAX);
	}
	FREE(&P.history_path);
	FREE(&P.label);
	clear_history();
	if (P.devnull)
		fclose(P.devnull);
	P.devnull = NULL;
	rl_outstream = NULL;
	rl_instream = NULL;
	P.inited = false;
}

bool prompt_active(void)
{
	return P.active;
}

void prompt_start(struct ui *ui, enum prompt_kind kind, const char *label, const char *initial,
                  prompt_fn fn, void *ctx)
{
	if (!P.inited)
		prompt_init();
	if (P.active)
		rl_callback_handler_remove();
	history_follow();
	free(P.label);
	P.label = xstrdup(label ? label : "");
	P.kind = kind;
	P.fn = fn;
	P.ctx = ctx;
	P.ui = ui;
	P.inlen = P.inpos = 0;
	P.finished = false;
	P.line = NULL;
	P.hint[0] = '\0';
	P.key_fn = NULL;
	P.changed_fn = NULL;
	P.words = NULL;
	P.placed = false;
	P.draft_on = P.draft_dirty = false;
	P.active = true;
	rl_callback_handler_install("", on_line);
	if (initial && *initial) {
		rl_insert_text(initial);
		rl_point = rl_end;
	}
	ui_dirty(ui);
}

/* Write the draft now: the line sent, or what was typed when cancelled. */
static void draft_flush(const char *text)
{
	if (!P.draft_on)
		return;
	if (P.draft_prefix) {
		P.draft.text = xasprintf("%s%s%s", P.draft_prefix, text && *text ? "\n" : "",
		                         text ? text : "");
	} else {
		P.draft.text = xstrdup(text ? text : "");
	}
	P.draft.saved = 0;
	draft_save(&P.draft);
	FREE(&P.draft.text);
	P.draft_dirty = false;
}

static void finish(struct ui *ui, char *line)
{
	prompt_fn fn = P.fn;
	void *ctx = P.ctx;

	draft_flush(line ? line : rl_line_buffer);
	P.draft_on = false;
	rl_callback_handler_remove();
	P.active = false;
	P.hint[0] = '\0';
	P.key_fn = NULL;
	P.changed_fn = NULL;
	P.words = NULL;
	if (line && *line && P.kind != PROMPT_REF && P.kind != PROMPT_FIELD) {
		HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1)
		                                       : NULL;

		if (!last || strcmp(last->line, line) != 0)
			add_history(line);
	}
	ui_dirty(ui);
	if (fn)
		fn(ui, line, ctx);
	free(line);
}

void prompt_cancel(struct ui *ui)
{
	if (!P.active)
		return;
	finish(ui, NULL);
}

static void queue_bytes(const char *s, size_t n)
{
	if (P.inlen + n > sizeof P.in)
		return;   /* cannot happen: one key at a time */
	memcpy(P.in + P.inlen, s, n);
	P.inlen += n;
}

void prompt_feed(struct ui *ui, int key, bool code)
{
	char buf[8];
	const char *seq = NULL;

	if (!P.active)
		return;
	P.ui = ui;
	if (P.key_fn && P.key_fn(ui, key, code, P.ctx)) {
		ui_dirty(ui);
		return;
	}
	if (code) {
		switch (key) {
		case KEY_LEFT: seq = "\033[D"; break;
		case KEY_RIGHT: seq = "\033[C"; break;
		case KEY_UP: seq = "\033[A"; break;
		case KEY_DOWN: seq = "\033[B"; break;
		case KEY_HOME: seq = "\001"; break;      /* C-a */
		case KEY_END: seq = "\005"; break;       /* C-e */
		case KEY_DC: seq = "\004"; break;        /* C-d: delete-char */
		case KEY_BACKSPACE: seq = "\177"; break;
		case KEY_ENTER: seq = "\r"; break;
		default: return;
		}
		if (key == KEY_DC && rl_end == 0)
			return;   /* C-d on an empty line would mean EOF */
		queue_bytes(seq, strlen(seq));
	} else {
		if (key == 27 || key == 7 || key == 3) {   /* Esc, C-g, C-c */
			prompt_cancel(ui);
			return;
		}
		if (key == 4 && rl_end == 0) {             /* C-d on an empty line */
			prompt_cancel(ui);
			return;
		}
		if (key == '\n')
			key = '\r';
		if (key < 0x80) {
			buf[0] = (char)key;
			queue_bytes(buf, 1);
		} else {
			mbstate_t st;
			size_t n;

			memset(&st, 0, sizeof st);
			n = wcrtomb(buf, (wchar_t)key, &st);
			if (n == (size_t)-1)
				return;
			queue_bytes(buf, n);
		}
	}
	P.hint[0] = '\0';
	P.draft_dirty = P.draft_on;
	while (P.active && !P.finished && P.inpos < P.inlen)
		rl_callback_read_char();
	P.inlen = P.inpos = 0;
	if (P.active && P.finished) {
		char *line = P.line;

		P.finished = false;
		P.line = NULL;
		finish(ui, line ? line : NULL);
		return;
	}
	if (P.active && P.kind == PROMPT_FIELD && P.changed_fn) {
		P.changed_fn(ui, rl_line_buffer ? rl_line_buffer : "", P.ctx);
	} else if (P.active && P.kind == PROMPT_FILTER) {
		/* filter as you type: the first screenful now, the rest of a
		 * long scan once this key's frame is out (console.c) */
		model_set_filter_soon(ui->model, rl_line_buffer, LINES > 0 ? (size_t)LINES : 24);
		if (ui->top && ui->top->ops->changed)
			ui->top->ops->changed(ui, ui->top, 0);
	}
	ui_dirty(ui);
}

void prompt_set_hint(const char *msg)
{
	if (P.active)
		snprintf(P.hint, sizeof P.hint, "%s", msg);
}

const char *prompt_hint(void)
{
	return P.active ? P.hint : "";
}

/* The label then the line at (y, x), cols wide, scrolled so the point is
 * visible; the curses cursor is left at the point. */
static void draw_line(int y, int x, int cols, const char *label, int attr)
{
	int lw, avail, cw, skip = 0;
	char *all, *pre, save;
	size_t off = 0;

	lw = draw_text_np(NULL, y, x, cols, label, attr);
	avail = cols - lw;
	if (avail < 2)
		return;
	all = text_sanitize(rl_line_buffer ? rl_line_buffer : "", false);
	save = rl_line_buffer[rl_point];
	rl_line_buffer[rl_point] = '\0';
	pre = text_sanitize(rl_line_buffer, false);
	rl_line_buffer[rl_point] = save;
	cw = pre ? text_width(pre) : 0;
	if (cw >= avail - 1) {
		int w = 0;

		skip = cw - (avail - 1) + 1;
		off = text_prefix_for_width(all, strlen(all), skip, &w);
		while (w < skip && all[off]) {
			/* step one more character */
			int w2 = 0;
			size_t more = text_prefix_for_width(all + off, strlen(all + off), 2, &w2);

			if (!more)
				break;
			off += more;
			w += w2;
		}
		skip = w;
	}
	draw_text(NULL, y, x + lw, avail, all + off, attr);
	move(y, x + lw + cw - skip);
	free(all);
	free(pre);
}

void prompt_draw(struct ui *ui, int y, int cols)
{
	if (P.active && P.kind == PROMPT_FIELD) {
		/* the field is drawn by its form: keep the status line */
		draw_text(NULL, y, 0, cols, ui->status,
		          theme_attr(ui->status_error ? EL_STATUS_ERROR : EL_STATUS));
		if (P.placed)
			move(P.fy, P.fx);
		return;
	}
	/* once per batch of keys, before the text is on the screen: a console
	 * killed now still finds on the next start what the officer saw */
	if (P.active && P.draft_dirty)
		draft_flush(rl_line_buffer);
	draw_line(y, 0, cols, P.label, theme_attr(EL_PROMPT));
}

void prompt_keep_draft(const struct draft *d)
{
	if (!P.active)
		return;
	P.draft = *d;
	P.draft.text = NULL;
	free(P.draft_prefix);
	P.draft_prefix = d->text && *d->text ? xstrdup(d->text) : NULL;
	P.draft_on = true;
	P.draft_dirty = false;
}

void prompt_start_field(struct ui *ui, const char *initial, const char *const *words,
                        prompt_key_fn key_fn, prompt_fn changed_fn, prompt_fn done_fn,
                        void *ctx)
{
	prompt_start(ui, PROMPT_FIELD, "", initial, done_fn, ctx);
	P.key_fn = key_fn;
	P.changed_fn = changed_fn;
	P.words = words;
}

bool prompt_field_active(const void *ctx)
{
	return P.active && P.kind == PROMPT_FIELD && P.ctx == ctx;
}

const char *prompt_text(void)
{
	return P.active && rl_line_buffer ? rl_line_buffer : "";
}

void prompt_insert(struct ui *ui, const char *text)
{
	if (!P.active)
		return;
	rl_insert_text(text);
	ui_dirty(ui);
}

void prompt_stop(struct ui *ui)
{
	if (!P.active)
		return;
	rl_free_undo_list();
	rl_callback_handler_remove();
	P.active = false;
	P.hint[0] = '\0';
	P.key_fn = NULL;
	P.changed_fn = NULL;
	P.words = NULL;
	P.fn = NULL;
	P.ctx = NULL;
	ui_dirty(ui);
}

void prompt_draw_field(struct ui *ui, int y, int x, int cols, int attr)
{
	int cy, cx;

	(void)ui;
	if (!P.active || cols < 3)
		return;
	draw_line(y, x, cols, "", attr);
	getyx(stdscr, cy, cx);
	P.fy = cy;
	P.fx = cx;
	P.placed = true;
}

/* A text of a few lines edited on one line (prompt.h). */
#define PARA "\xc2\xb6"   /* ¶ */

char *prompt_lines_to_marks(const char *s)
{
	struct strbuf sb = { 0 };

	sb_puts(&sb, "");
	for (; *s; s++) {
		if (*s == '\n')
			sb_puts(&sb, " " PARA " ");
		else if (*s != '\r')
			sb_putc(&sb, *s);
	}
	return sb_steal(&sb);
}

char *prompt_marks_to_lines(const char *s)
{
	struct strbuf sb = { 0 };

	sb_puts(&sb, "");
	while (*s) {
		if (!strncmp(s, PARA, 2)) {
			/* drop the blanks around the mark */
			while (sb.len && sb.s[sb.len - 1] == ' ')
				sb.s[--sb.len] = '\0';
			sb_putc(&sb, '\n');
			s += 2;
			while (*s == ' ')
				s++;
			continue;
		}
		sb_putc(&sb, *s++);
	}
	return sb_steal(&sb);
}
