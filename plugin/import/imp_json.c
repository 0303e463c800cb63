// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Documents: reading a file or standard input, parsing it strictly, and
 * the typed members every reader of the tool uses, with the JSON path of
 * each value for the messages.
 *
 * json-c builds the tree, but its strict mode still takes single quotes,
 * NaN, control characters in strings and leading zeros; a syntax check of
 * our own (RFC 8259) runs first and says where the text goes wrong.
 */

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imp.h"

/* Deeper than any Azure or FRR document; json-c refuses more. */
#define IMP_JSON_DEPTH 64

/*
 * Diagnostics
 */
static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	char *text;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return NULL;
	text = malloc((size_t)len + 1);
	if (text)
		vsnprintf(text, (size_t)len + 1, fmt, ap);
	return text;
}

void imp_diag(struct imp_diags *d, enum imp_severity severity,
	      const struct imp_where *where, const char *fmt, ...)
{
	struct imp_diag *item;
	char *msg, *text;
	size_t size;
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	if (!msg)
		return;
	size = strlen(msg) + 2 * IMP_PATH_MAX + 16;
	text = malloc(size);
	if (!text) {
		free(msg);
		return;
	}
	if (where && where->file && where->path[0])
		snprintf(text, size, "%s: %s: %s", where->file, where->path,
			 msg);
	else if (where && where->file)
		snprintf(text, size, "%s: %s", where->file, msg);
	else
		snprintf(text, size, "%s", msg);
	free(msg);
	/* paths and values come from the input: one printable line */
	imp_one_line(text);
	if (d->count == d->alloc) {
		size_t alloc = d->alloc ? 2 * d->alloc : 8;
		struct imp_diag *items;

		items = realloc(d->items, alloc * sizeof(*items));
		if (!items) {
			free(text);
			return;
		}
		d->items = items;
		d->alloc = alloc;
	}
	item = &d->items[d->count++];
	item->severity = severity;
	item->text = text;
	if (severity == IMP_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void imp_diags_free(struct imp_diags *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->items[i].text);
	free(d->items);
	memset(d, 0, sizeof(*d));
}

bool imp_diags_contain(const struct imp_diags *d, enum imp_severity severity,
		       const char *text)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].severity == severity
		    && strstr(d->items[i].text, text))
			return true;
	return false;
}

void imp_where_key(struct imp_where *child, const struct imp_where *parent,
		   const char *key)
{
	child->file = parent->file;
	if (parent->path[0])
		imp_strf(child->path, sizeof(child->path), "%s.%s",
			 parent->path, key);
	else
		snprintf(child->path, sizeof(child->path), "%s", key);
}

void imp_where_index(struct imp_where *child, const struct imp_where *parent,
		     size_t index)
{
	child->file = parent->file;
	imp_strf(child->path, sizeof(child->path), "%s[%zu]", parent->path,
		 index);
}

/*
 * Reading
 */
char *imp_read_file(const char *file, size_t *len, struct imp_diags *d)
{
	bool is_stdin = strcmp(file, "-") == 0;
	struct imp_where where = {.file = is_stdin ? "(stdin)" : file};
	size_t size = 0, alloc = 0;
	char *text = NULL;
	FILE *f;

	f = is_stdin ? stdin : fopen(file, "r");
	if (!f) {
		imp_diag(d, IMP_ERROR, &where, "cannot open: %s",
			 strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (alloc - size < 4096) {
			char *more;

			alloc = alloc ? 2 * alloc : 65536;
			more = realloc(text, alloc + 1);
			if (!more) {
				imp_diag(d, IMP_ERROR, &where, "out of memory");
				goto fail;
			}
			text = more;
		}
		got = fread(text + size, 1, alloc - size, f);
		size += got;
		if (size > IMP_FILE_MAX) {
			imp_diag(d, IMP_ERROR, &where,
				 "larger than %u MB: not an Azure document",
				 IMP_FILE_MAX >> 20);
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		imp_diag(d, IMP_ERROR, &where, "cannot read: %s",
			 strerror(errno));
		goto fail;
	}
	if (!is_stdin)
		fclose(f);
	text[size] = '\0';
	*len = size;
	return text;
fail:
	if (!is_stdin)
		fclose(f);
	free(text);
	return NULL;
}

/*
 * Syntax (RFC 8259), so that every malformed document gets one message
 * with the place it goes wrong.
 */
struct syntax {
	const unsigned char *p, *start, *end;
	const char *error;
	unsigned int depth;
};

static void skip_space(struct syntax *s)
{
	while (s->p < s->end
	       && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n'
		   || *s->p == '\r'))
		s->p++;
}

static bool syntax_fail(struct syntax *s, const char *error)
{
	if (!s->error)
		s->error = error;
	return false;
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
	       || (c >= 'A' && c <= 'F');
}

static bool syntax_string(struct syntax *s)
{
	s->p++; /* the opening quote */
	while (s->p < s->end) {
		unsigned char c = *s->p;

		if (c == '"') {
			s->p++;
			return true;
		}
		if (c < 0x20)
			return syntax_fail(
				s, "control character in a string (escape it)");
		if (c != '\\') {
			s->p++;
			continue;
		}
		if (s->end - s->p < 2)
			break;
		c = s->p[1];
		if (c == 'u') {
			if (s->end - s->p < 6 || !is_hex(s->p[2])
			    || !is_hex(s->p[3]) || !is_hex(s->p[4])
			    || !is_hex(s->p[5]))
				return syntax_fail(
					s, "\\u must be followed by 4 hex digits");
			if (memcmp(s->p + 2, "0000", 4) == 0)
				return syntax_fail(
					s, "NUL character (\\u0000) in a string");
			s->p += 6;
			continue;
		}
		if (!strchr("\"\\/bfnrt", c) || c == '\0')
			return syntax_fail(s, "invalid escape in a string");
		s->p += 2;
	}
	return syntax_fail(s, "string not terminated");
}

static bool syntax_digits(struct syntax *s)
{
	const unsigned char *from = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > from;
}

static bool syntax_number(struct syntax *s)
{
	if (*s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0') {
		s->p++;
		if (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			return syntax_fail(s, "number with a leading zero");
	} else if (!syntax_digits(s))
		return syntax_fail(s, "invalid number");
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!syntax_digits(s))
			return syntax_fail(s, "invalid number: no digit after '.'");
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!syntax_digits(s))
			return syntax_fail(s, "invalid number: no exponent digits");
	}
	return true;
}

static bool syntax_word(struct syntax *s, const char *word)
{
	size_t len = strlen(word);

	if ((size_t)(s->end - s->p) < len || memcmp(s->p, word, len) != 0)
		return syntax_fail(s, word[0] == 'n' ? "expected null"
				   : word[0] == 't' ? "expected true"
						    : "expected false");
	s->p += len;
	return true;
}

static bool syntax_value(struct syntax *s);

static bool syntax_members(struct syntax *s, bool object)
{
	char close = object ? '}' : ']';

	if (++s->depth > IMP_JSON_DEPTH)
		return syntax_fail(s, "nested too deeply");
	s->p++;
	skip_space(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		s->depth--;
		return true;
	}
	for (;;) {
		skip_space(s);
		if (s->p >= s->end)
			return syntax_fail(s, "unexpected end of the document");
		if (object) {
			if (s->p >= s->end || *s->p != '"')
				return syntax_fail(
					s, "expected a member name in double quotes");
			if (!syntax_string(s))
				return false;
			skip_space(s);
			if (s->p >= s->end || *s->p != ':')
				return syntax_fail(
					s, "expected ':' after a member name");
			s->p++;
		}
		if (!syntax_value(s))
			return false;
		skip_space(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			skip_space(s);
			if (s->p < s->end && *s->p == close)
				return syntax_fail(
					s, object ? "trailing comma before '}'"
						  : "trailing comma before ']'");
			continue;
		}
		if (s->p < s->end && *s->p == close) {
			s->p++;
			s->depth--;
			return true;
		}
		if (s->p >= s->end)
			return syntax_fail(s, "unexpected end of the document");
		return syntax_fail(s, object ? "expected ',' or '}'"
					     : "expected ',' or ']'");
	}
}

static bool syntax_value(struct syntax *s)
{
	skip_space(s);
	if (s->p >= s->end)
		return syntax_fail(s, "unexpected end of the document");
	switch (*s->p) {
	case '{':
		return syntax_members(s, true);
	case '[':
		return syntax_members(s, false);
	case '"':
		return syntax_string(s);
	case 't':
		return syntax_word(s, "true");
	case 'f':
		return syntax_word(s, "false");
	case 'n':
		return syntax_word(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return syntax_number(s);
		return syntax_fail(
			s, "unexpected character: expected a value (object, array, string, number, true, false or null)");
	}
}

/* Line and column (from 1) of offset in text. */
static void position(const char *text, size_t offset, unsigned int *line,
		     unsigned int *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*column = 1;
		} else
			(*column)++;
	}
}

json_object *imp_json_parse(const char *text, size_t len, const char *file,
			    struct imp_diags *d)
{
	struct imp_where where = {.file = file};
	struct syntax s = {0};
	struct json_tokener *tok;
	enum json_tokener_error err;
	unsigned int line, column;
	json_object *obj;
	size_t skip = 0;

	if (len >= 2
	    && ((unsigned char)text[0] == 0xff || (unsigned char)text[0] == 0xfe)
	    && ((unsigned char)text[1] == 0xfe
		|| (unsigned char)text[1] == 0xff)) {
		imp_diag(d, IMP_ERROR, &where,
			 "UTF-16 text, not JSON in UTF-8: save the output of az as UTF-8 (in PowerShell: Out-File -Encoding utf8)");
		return NULL;
	}
	/* a UTF-8 byte order mark, as Windows tools write it */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	s.start = (const unsigned char *)text;
	s.p = s.start + skip;
	s.end = s.start + len;
	skip_space(&s);
	if (s.p == s.end) {
		imp_diag(d, IMP_ERROR, &where,
			 "empty: no JSON document (did the az command fail?)");
		return NULL;
	}
	if (memchr(text, '\0', len)) {
		s.p = (const unsigned char *)memchr(text, '\0', len);
		s.error = "NUL byte: not a JSON text";
	} else if (syntax_value(&s)) {
		skip_space(&s);
		if (s.p != s.end)
			syntax_fail(&s, "more text after the JSON document");
	}
	if (s.error) {
		position(text, (size_t)(s.p - s.start), &line, &column);
		imp_diag(d, IMP_ERROR, &where,
			 "not valid JSON: %s at line %u, column %u", s.error,
			 line, column);
		return NULL;
	}

	tok = json_tokener_new_ex(IMP_JSON_DEPTH + 1);
	if (!tok) {
		imp_diag(d, IMP_ERROR, &where, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT
					    | JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, text + skip, (int)(len - skip));
	err = json_tokener_get_error(tok);
	/* a number at the very end: json-c waits for what follows it */
	if (!obj && err == json_tokener_continue) {
		obj = json_tokener_parse_ex(tok, "", 1);
		err = json_tokener_get_error(tok);
	}
	if (!obj || err != json_tokener_success) {
		position(text, skip + json_tokener_get_parse_end(tok), &line,
			 &column);
		imp_diag(d, IMP_ERROR, &where,
			 "not valid JSON: %s at line %u, column %u",
			 err == json_tokener_success
				 ? "no value"
				 : json_tokener_error_desc(err),
			 line, column);
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

/*
 * Members
 */
/* The member and the name it has in the document (az's spelling). */
static json_object *member_named(json_object *obj, const char *key,
				 const char **name)
{
	json_object *value = NULL;

	*name = key;
	if (!obj || !json_object_is_type(obj, json_type_object))
		return NULL;
	if (json_object_object_get_ex(obj, key, &value))
		return value;
	json_object_object_foreach(obj, k, v)
	{
		if (strcasecmp(k, key) == 0) {
			*name = k;
			return v;
		}
	}
	return NULL;
}

json_object *imp_json_member(json_object *obj, const char *key)
{
	const char *name;

	return member_named(obj, key, &name);
}

const char *imp_json_type_name(json_object *obj)
{
	switch (json_object_get_type(obj)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
	case json_type_int:
		return "a number";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "something else";
}

/* The member, or NULL; where of it set either way. */
static json_object *member(json_object *obj, const struct imp_where *where,
			   const char *key, struct imp_where *out_where)
{
	struct imp_where tmp;
	const char *name;
	json_object *value = member_named(obj, key, &name);

	imp_where_key(out_where ? out_where : &tmp, where, name);
	return value;
}

static bool wrong_type(struct imp_doc *doc, const struct imp_where *where,
		       const char *want, json_object *found)
{
	imp_diag(doc->diags, IMP_ERROR, where, "expected %s, found %s", want,
		 imp_json_type_name(found));
	return false;
}

/* A member of one JSON type; "want" names it in the message. */
static json_object *typed(struct imp_doc *doc, json_object *obj,
			  const struct imp_where *where, const char *key,
			  json_type type, const char *want,
			  struct imp_where *out_where)
{
	struct imp_where w;
	json_object *v = member(obj, where, key, &w);

	if (out_where)
		*out_where = w;
	if (v && !json_object_is_type(v, type)) {
		wrong_type(doc, &w, want, v);
		return NULL;
	}
	return v;
}

bool imp_get_object(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    json_object **out, struct imp_where *out_where)
{
	json_object *v = typed(doc, obj, where, key, json_type_object,
			       "an object", out_where);

	if (v)
		*out = v;
	return v != NULL;
}

bool imp_get_array(struct imp_doc *doc, json_object *obj,
		   const struct imp_where *where, const char *key,
		   json_object **out, struct imp_where *out_where)
{
	json_object *v = typed(doc, obj, where, key, json_type_array,
			       "an array", out_where);

	if (v)
		*out = v;
	return v != NULL;
}

bool imp_get_string(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    const char **out, struct imp_where *out_where)
{
	json_object *v = typed(doc, obj, where, key, json_type_string,
			       "a string", out_where);

	if (v)
		*out = json_object_get_string(v);
	return v != NULL;
}

bool imp_get_prefix(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    struct er_prefix *p, struct imp_where *out_where)
{
	struct imp_where w;
	const char *text;
	bool present = imp_get_string(doc, obj, where, key, &text, &w);

	if (out_where)
		*out_where = w;
	if (!present)
		return false;
	if (!er_prefix_parse(text, p)) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "'%.60s' is not an IPv4 or IPv6 prefix (A.B.C.D/M or X:X::X:X/M)",
			 text);
		return false;
	}
	return true;
}

bool imp_get_uint(struct imp_doc *doc, json_object *obj,
		  const struct imp_where *where, const char *key, uint64_t min,
		  uint64_t max, uint64_t *out, struct imp_where *out_where)
{
	struct imp_where w;
	json_object *v = member(obj, where, key, &w);
	int64_t value;

	if (out_where)
		*out_where = w;
	if (!v)
		return false;
	if (!json_object_is_type(v, json_type_int))
		return wrong_type(doc, &w, "an integer", v);
	value = json_object_get_int64(v);
	if (value < 0 || (uint64_t)value < min || (uint64_t)value > max
	    || value == INT64_MAX) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "%s is out of range (%llu-%llu)",
			 json_object_to_json_string_ext(v,
							JSON_C_TO_STRING_PLAIN),
			 (unsigned long long)min, (unsigned long long)max);
		return false;
	}
	*out = (uint64_t)value;
	return true;
}

bool imp_get_number(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    double *out, struct imp_where *out_where)
{
	struct imp_where w;
	json_object *v = member(obj, where, key, &w);

	if (out_where)
		*out_where = w;
	if (!v)
		return false;
	if (!json_object_is_type(v, json_type_int)
	    && !json_object_is_type(v, json_type_double))
		return wrong_type(doc, &w, "a number", v);
	*out = json_object_get_double(v);
	if (!isfinite(*out)) {
		imp_diag(doc->diags, IMP_ERROR, &w, "number out of range");
		return false;
	}
	return true;
}

bool imp_get_bool(struct imp_doc *doc, json_object *obj,
		  const struct imp_where *where, const char *key, bool *out,
		  struct imp_where *out_where)
{
	json_object *v = typed(doc, obj, where, key, json_type_boolean,
			       "true or false", out_where);

	if (v)
		*out = json_object_get_boolean(v);
	return v != NULL;
}

const char *imp_json_text(json_object *obj)
{
	return json_object_to_json_string_ext(
		obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
			     | JSON_C_TO_STRING_NOSLASHESCAPE);
}
