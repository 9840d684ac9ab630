/**
 * The parts of Go's `url.ParseRequestURI` that Kubernetes' CEL `url()` / `isURL()` expose: an
 * absolute URI (`scheme:…`) or an absolute path (`/…`); anything else is not a URL. Schemes are
 * lower-cased as Go does. Close enough for the scheme checks Istio's CRDs make; not a full parser.
 */
export interface GoUrl {
  readonly scheme: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly query: string;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Go's validUserinfo: unreserved, sub-delims, `:`, `@` and `%`. */
const USERINFO = /^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/;
/** A `%` not followed by two hex digits: Go's unescape fails on it. */
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

export function parseRequestUri(raw: string): GoUrl | undefined {
  if (CONTROL.test(raw)) return undefined;
  // ParseRequestURI assumes no #fragment: a `#` is an ordinary (and in userinfo, invalid) character.
  let rest = raw;
  let scheme = '';
  const m = SCHEME.exec(rest);
  if (m) {
    scheme = (m[1] ?? '').toLowerCase();
    rest = rest.slice(m[0].length);
  }
  const q = rest.indexOf('?');
  const query = q === -1 ? '' : rest.slice(q + 1);
  if (q !== -1) rest = rest.slice(0, q);
  if (BAD_ESCAPE.test(rest)) return undefined;
  if (!rest.startsWith('/')) {
    // `scheme:opaque` is a URL; a relative reference is not one for a request.
    return scheme !== '' && rest !== '' ? { scheme, host: '', port: '', path: '', query } : undefined;
  }
  let host = '';
  let port = '';
  if (scheme !== '' && rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/]/);
    const authority = end === -1 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end === -1 ? '' : rest.slice(2 + end);
    const at = authority.lastIndexOf('@');
    if (at !== -1 && !USERINFO.test(authority.slice(0, at))) return undefined;
    const hostPort = authority.slice(at + 1);
    const parsed = splitHostPort(hostPort);
    if (!parsed) return undefined;
    ({ host, port } = parsed);
  }
  return { scheme, host, port, path: rest, query };
}

function splitHostPort(hostPort: string): { host: string; port: string } | undefined {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close === -1) return undefined;
    const after = hostPort.slice(close + 1);
    if (after !== '' && !/^:[0-9]*$/.test(after)) return undefined;
    return { host: hostPort.slice(1, close), port: after.slice(1) };
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon === -1) return { host: hostPort, port: '' };
  const port = hostPort.slice(colon + 1);
  if (!/^[0-9]*$/.test(port)) return undefined;
  return { host: hostPort.slice(0, colon), port };
}
