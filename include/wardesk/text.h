/* text.h - UTF-8 text for the terminal: validation, NFC, display width,
 * cutting at character boundaries, sanitising untrusted text, and folding
 * Vietnamese diacritics for search.  Pure functions over byte strings;
 * built on libunistring (uninorm, uniwidth), locale-independent.
 *
 * Ownership: functions returning char * return memory the caller frees. */
#ifndef WARDESK_TEXT_H
#define WARDESK_TEXT_H

/* true when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). On
 * failure *bad (if not NULL) gets the byte offset of the first bad byte. */
bool text_valid_utf8(const char *s, size_t n, size_t *bad);

/* NFC normalisation of valid UTF-8.  Returns NULL when s is not valid. */
char *text_nfc(const char *s);

/* Untrusted text -> safe text for a terminal: NFC; C0 controls (except
 * none: newline and tab too) shown as caret notation (^[ ^G ...), DEL as ^?,
 * C1 controls (U+0080..U+009F) as <U+0085>-style, bidi overrides/isolates
 * and other format controls (U+200E/F, U+202A..E, U+2066..9, U+FEFF ...)
 * as <U+202E>; invalid bytes as <XX> hex.  When keep_newlines is true, '\n'
 * is kept (for wrapped multi-line text) and '\t' becomes a space.
 * The result contains no byte < 0x20 (except '\n' if kept) and no 0x7f. */
char *text_sanitize(const char *s, bool keep_newlines);

/* true when the quick check proves valid UTF-8 s[0..n) NFC already: every
 * character is one whose NFC is itself in any context (ASCII, the Latin
 * blocks Vietnamese is written in, common punctuation and symbols).  false:
 * maybe not (normalise to know).  text_sanitize skips normalising such text. */
bool text_nfc_quick(const char *s, size_t n);

/* Length in characters (code points) of the NFC form of s, as the
 * importer counts its limits; for text that is not valid UTF-8, in bytes. */
size_t text_length(const char *s);

/* Machine-readable output (JSON, TSV) keeps every character recoverable
 * but shows no character a terminal would act on or that can hide or
 * reorder text: C0 controls, DEL, C1 controls (U+0080..U+009F), bidi
 * controls (U+061C, U+200E/F, U+202A..E, U+2066..9) and the other
 * characters text_sanitize shows as <U+XXXX> (format characters such as
 * U+200B, U+2060, U+FEFF; U+2028/9; private use; unassigned).  Nothing is
 * normalised.
 *
 * text_escape_json: JSON text (as json-c prints it, which escapes C0 but
 * not DEL, C1 or bidi) -> the same JSON with those characters as \uXXXX
 * (a surrogate pair above U+FFFF) and bytes that are not UTF-8 as \ufffd.
 * Tab, newline and CR pass (json-c escapes them inside strings, so raw
 * they are whitespace between tokens).  Outside strings JSON is ASCII, so
 * only string contents change; a parser reads back the very same strings.
 *
 * text_escape_tsv: one TSV cell, escaped: backslash as \\, tab \t, newline
 * \n, CR \r, ESC \e, the other C0 controls, DEL and C1 as \xHH (the code
 * point, U+0000..U+009F), the other unsafe characters as \uXXXX (\UXXXXXXXX
 * above U+FFFF), bytes that are not UTF-8 as \ufffd. */
char *text_escape_json(const char *json);
char *text_escape_tsv(const char *s);

/* Display width in terminal columns of safe (sanitised) UTF-8. Combining
 * marks are 0, CJK/emoji wide chars 2. */
int text_width(const char *s);

/* Copy the longest prefix of s whose width is <= cols into a new string,
 * cut at a character (grapheme: base + combining marks) boundary, then pad
 * with spaces to exactly cols columns when pad is true.  If the text was
 * cut and ellipsis is true, it is cut to cols - 1 columns (trailing spaces
 * dropped) and "…" follows it; padding, if any, comes after the "…" (a wide
 * character that did not fit can leave one blank column there).  s is
 * sanitised first (text_sanitize(s, false)), so any text may be passed.
 * cols <= 0 gives "".  Never returns NULL. */
char *text_fit(const char *s, int cols, bool pad, bool ellipsis);
/* text_fit of text that is safe already (text_sanitize's output): not
 * sanitised again; *width (if not NULL) gets the result's width. */
char *text_fit_safe(const char *safe, int cols, bool pad, bool ellipsis, int *width);

/* Append s to sb padded with spaces to cols display columns (on the right,
 * or on the left when right_align); longer text is kept whole.  For
 * column headings and labels, whose translations differ in bytes. */
void text_sb_pad(struct strbuf *sb, const char *s, int cols, bool right_align);

/* Byte length of the longest prefix of s (at most n bytes) that fits in
 * cols columns, cut at a character boundary. *width gets its width. */
size_t text_prefix_for_width(const char *s, size_t n, int cols, int *width);

/* Word-wrap s to lines of at most cols columns.  Returns a NULL-terminated
 * array of newly allocated lines (free with text_lines_free). '\n' forces a
 * break; a word longer than cols is cut at a character boundary.  s is
 * sanitised first (text_sanitize(s, true)); runs of spaces collapse to one,
 * "" gives no lines, a final '\n' adds no empty line, cols < 1 acts as 1
 * (a wide character alone on a line may then overflow it). */
char **text_wrap(const char *s, int cols);
void text_lines_free(char **lines);

/* Fold for search: NFC-insensitive, lower case, Vietnamese diacritics
 * removed, đ/Đ -> d, runs of whitespace -> one space.  "Đinh Bộ Lĩnh" and
 * its NFD form both give "dinh bo linh".  Invalid bytes are dropped. */
char *text_fold(const char *s);

/* For a terminal that cannot take UTF-8: the same text in ASCII, case
 * kept, Vietnamese marks removed ("Phường Bình Thạnh" -> "Phuong Binh
 * Thanh"), the console's symbols replaced ("…" -> "...", "·" -> "."), any
 * other character and invalid bytes -> '?'.  Caller frees. */
char *text_ascii(const char *s);

/* true when every space-separated word of the folded needle occurs in the
 * folded haystack (both already folded with text_fold). */
bool text_fold_match(const char *folded_haystack, const char *folded_needle);

#endif
