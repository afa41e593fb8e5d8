// AWS Signature Version 4 for the console's own requests, with the browser's Web Crypto
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
const enc = new TextEncoder();

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(data) {
  return hex(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? enc.encode(data) : data));
}

async function hmac(key, message) {
  const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? enc.encode(key) : key,
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(message));
}

/** RFC 3986 encoding as SigV4 wants it; slashes kept when encoding a path. */
export function uriEncode(text, keepSlash) {
  const e = encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return keepSlash ? e.replace(/%2F/g, '/') : e;
}

/**
 * Headers (Authorization, X-Amz-Date, X-Amz-Content-Sha256) that sign a request made to this page's
 * own host. `query` is a list of [name, value] pairs; `now` a Date (the emulator's clock).
 */
export async function sign({ service, region, method, path, query, headers, body, credentials, now }) {
  const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = await sha256Hex(body || '');
  const all = { ...headers, host: location.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
  if (credentials.sessionToken) {
    all['x-amz-security-token'] = credentials.sessionToken;
  }
  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const canonicalQuery = (query || []).map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : (a[0] < b[0] ? -1 : 1)))
    .map(([k, v]) => k + '=' + v).join('&');
  const canonical = [method, path, canonicalQuery, names.map((n) => n + ':' + lower[n] + '\n').join(''),
    names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  let key = await hmac('AWS4' + credentials.secretAccessKey, day);
  for (const part of [region, service, 'aws4_request']) {
    key = await hmac(key, part);
  }
  const signature = hex(await hmac(key, toSign));
  const signed = { ...headers, 'X-Amz-Date': amzDate, 'X-Amz-Content-Sha256': payloadHash,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
      + `SignedHeaders=${names.join(';')}, Signature=${signature}` };
  if (credentials.sessionToken) {
    signed['X-Amz-Security-Token'] = credentials.sessionToken;
  }
  return signed;
}
