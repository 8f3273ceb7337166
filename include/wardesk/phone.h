/* phone.h - Vietnamese phone numbers as people type them.
 *
 * Accepts dots, spaces, dashes and parentheses, "+84" or "84" instead of
 * the leading 0.  Valid: mobiles, 10 digits starting 03/05/07/08/09;
 * HCMC landlines, 028 + 8 digits (11 digits).  Other area codes 02x with
 * 11 digits are accepted too.  Stored form: digits only, leading 0. */
#ifndef WARDESK_PHONE_H
#define WARDESK_PHONE_H

enum phone_kind { PHONE_INVALID, PHONE_MOBILE, PHONE_LANDLINE };

/* Normalise in into out (size >= 16).  Returns the kind; on PHONE_INVALID
 * out holds a one-line reason in plain words (English msgid, translated),
 * cut at a character boundary to fit: pass 128 bytes to get it whole. */
enum phone_kind phone_normalize(const char *in, char *out, size_t outsz);

/* Pretty form for display: "0912 345 678", "028 3726 7527". */
void phone_format(const char *normalized, char *out, size_t outsz);

#endif
