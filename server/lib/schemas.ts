import { z } from '@hono/zod-openapi';

/*
 * The one place where request strings get their character rules. PostgreSQL refuses NUL in text (a
 * NUL that got through was a 500), and no field of this API means a control character: every string
 * of a body, a path or a query goes through `text()`, or `multilineText()` where a person writes
 * several lines. Ids in paths go through `idParam()`.
 */

/** No C0 control (U+0000–U+001F), no DEL, no C1 control (U+0080–U+009F). */
const SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;
/** As SINGLE_LINE, but tab, line feed and CR LF are allowed (a lone CR is not). */
const MULTI_LINE = /^(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*$/;

export const CONTROL_CHARACTER_MESSAGE = 'Remove control characters (such as NUL) from this text.';
export const LINE_BREAK_MESSAGE = 'Use a single line, without control characters (such as NUL or tabs).';

type StringParams = Parameters<typeof z.string>[0];

/** A one-line string: control characters, line breaks and tabs refused (400 naming the field). */
export const text = (params?: StringParams) => z.string(params).regex(SINGLE_LINE, LINE_BREAK_MESSAGE);

/** Text a person writes over several lines (a bio, a message): newline, CR LF and tab allowed. */
export const multilineText = (params?: StringParams) => z.string(params).regex(MULTI_LINE, CONTROL_CHARACTER_MESSAGE);

/**
 * Row ids as `newId()` in lib/crypto.ts makes them: 16 random bytes in base64url, 22 characters.
 * Anything else cannot name a row, and is refused before it reaches the database.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const idParam = (what: string) =>
  z.string({ error: `Give the id of the ${what}.` }).regex(ID_PATTERN, `id: not a ${what} id.`).openapi({ param: { name: 'id', in: 'path' }, example: 'Jb3tq1YkQ0mFqk2sXxv9bA' });

/** The path parameters of a route that names one row by id. */
export const idParams = (what: string) => z.object({ id: idParam(what) });
