/* phone.c - Vietnamese phone numbers as people type them.
 *
 * Rules (since the 2018 renumbering): mobiles are 10 digits starting 03,
 * 05, 07, 08 or 09; landlines are 02 + area code + number, 11 digits in
 * all (HCMC: 028 + 8 digits).  "+84", "84" and "0084" stand for the leading
 * 0.  Separators people type are ignored: spaces, dots, dashes, slashes and
 * parentheses ("(028) 3726 7527", "+84 (0)912 345 678"). */
#include "wardesk/wardesk.h"
#include "wardesk/phone.h"

#define MAX_DIGITS 20

/* Copy msg into out, cut at a UTF-8 character boundary if out is short. */
static void put_reason(char *out, size_t outsz, const char *msg)
{
	size_t n = strlen(msg);

	if (outsz == 0)
		return;
	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, msg, n);
	out[n] = '\0';
}

static enum phone_kind refuse(char *out, size_t outsz, const char *msg)
{
	put_reason(out, outsz, msg);
	return PHONE_INVALID;
}

static bool is_separator(char c)
{
	return c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')' ||
	       c == '\t';
}

enum phone_kind phone_normalize(const char *in, char *out, size_t outsz)
{
	char digits[MAX_DIGITS + 2];
	size_t nd = 0;
	bool plus = false, seen_digit = false;
	const char *d;
	enum phone_kind kind;

	for (const char *p = in; *p != '\0'; p++) {
		char c = *p;

		if (c >= '0' && c <= '9') {
			if (nd > MAX_DIGITS)
				return refuse(out, outsz, _("too many digits for a phone number"));
			digits[nd++] = c;
			seen_digit = true;
		} else if (c == '+') {
			if (plus || seen_digit)
				return refuse(out, outsz, _("a plus sign may only start the number"));
			plus = true;
		} else if (!is_separator(c)) {
			return refuse(out, outsz, _("a phone number has only digits, spaces and dots"));
		}
	}
	digits[nd] = '\0';
	if (nd == 0)
		return refuse(out, outsz, _("no phone number given"));

	/* International forms -> national form with its leading 0. */
	d = digits;
	if (plus || strncmp(d, "00", 2) == 0) {
		if (!plus)
			d += 2;
		if (strncmp(d, "84", 2) != 0)
			return refuse(out, outsz, _("only Vietnamese numbers (+84) are accepted"));
		d += 2;
	} else if (strncmp(d, "84", 2) == 0 && (nd == 11 || nd == 12)) {
		d += 2;
	}
	if (d != digits) {
		if (*d == '0')          /* "+84 (0)912 ..." */
			d++;
		if (*d == '\0')
			return refuse(out, outsz, _("too few digits for a phone number"));
		memmove(digits + 1, d, strlen(d) + 1);
		digits[0] = '0';
		nd = strlen(digits);
	}

	if (nd < 10)
		return refuse(out, outsz, _("too few digits for a phone number"));
	if (nd > 11)
		return refuse(out, outsz, _("too many digits for a phone number"));
	if (digits[0] != '0')
		return refuse(out, outsz, _("a phone number starts with 0 or +84"));

	switch (digits[1]) {
	case '3': case '5': case '7': case '8': case '9':
		if (nd != 10)
			return refuse(out, outsz, _("a mobile number has 10 digits"));
		kind = PHONE_MOBILE;
		break;
	case '2':
		if (nd != 11)
			return refuse(out, outsz, _("a landline number has 11 digits"));
		kind = PHONE_LANDLINE;
		break;
	default:
		return refuse(out, outsz,
		              _("mobiles start with 03, 05, 07, 08 or 09, landlines with 02"));
	}
	if (outsz < nd + 1)
		return refuse(out, outsz, "?");
	memcpy(out, digits, nd + 1);
	return kind;
}

void phone_format(const char *normalized, char *out, size_t outsz)
{
	size_t n = strlen(normalized);
	bool all_digits = n > 0;

	if (outsz == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (normalized[i] < '0' || normalized[i] > '9')
			all_digits = false;
	if (all_digits && n == 10 && normalized[0] == '0' && normalized[1] != '2')
		snprintf(out, outsz, "%.4s %.3s %.3s", normalized, normalized + 4,
		         normalized + 7);
	else if (all_digits && n == 11 && normalized[0] == '0' && normalized[1] == '2')
		snprintf(out, outsz, "%.3s %.4s %.4s", normalized, normalized + 3,
		         normalized + 7);
	else
		snprintf(out, outsz, "%s", normalized);
}
