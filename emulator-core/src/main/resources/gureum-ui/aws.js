// The AWS APIs of this Gureum server, called the way the SDKs call them: query (EC2, SQS), JSON
// (DynamoDB, CloudWatch Logs), REST-JSON (Lambda) and REST-XML (S3), each request signed (sigv4.js).
import { sign, uriEncode } from './sigv4.js';

export class AwsError extends Error {
  constructor(code, message, status) {
    super(`${code}: ${message}`);
    this.code = code;
    this.status = status;
  }
}

export const settings = {
  get credentials() {
    return {
      accessKeyId: localStorage.getItem('gureum.accessKeyId') || 'test',
      secretAccessKey: localStorage.getItem('gureum.secretAccessKey') || 'test',
    };
  },
  set credentials(c) {
    localStorage.setItem('gureum.accessKeyId', c.accessKeyId);
    localStorage.setItem('gureum.secretAccessKey', c.secretAccessKey);
  },
  get region() {
    return localStorage.getItem('gureum.region') || '';
  },
  set region(r) {
    localStorage.setItem('gureum.region', r);
  },
};

let clockOffsetMs = 0;

/** Signs with the emulator's time, so requests keep verifying after the clock was advanced. */
export async function syncClock() {
  const c = await admin('GET', '/_gureum/clock');
  clockOffsetMs = Date.parse(c.now) - Date.now();
  return c;
}

function now() {
  return new Date(Date.now() + clockOffsetMs);
}

/** Gureum's own endpoints (/_gureum/…): JSON in, JSON out. */
export async function admin(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new AwsError(json.__type || response.status, json.message || '', response.status);
  }
  return json;
}

async function send(service, region, method, path, query, headers, body) {
  const signed = await sign({ service, region, method, path, query, headers, body,
    credentials: settings.credentials, now: now() });
  const q = (query || []).map(([k, v]) => uriEncode(k) + '=' + uriEncode(v)).join('&');
  return fetch(path + (q ? '?' + q : ''), { method, headers: signed, body: body || undefined });
}

function xmlError(text, status) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const code = doc.querySelector('Code')?.textContent || String(status);
  const message = doc.querySelector('Message')?.textContent || text.slice(0, 200);
  return new AwsError(code, message, status);
}

/** An XML element as plain data: `item`/`member` lists and repeated names become arrays. */
export function fromXml(element) {
  const children = [...element.children];
  if (children.length === 0) {
    return element.textContent;
  }
  if (children.every((c) => c.tagName === 'item' || c.tagName === 'member')) {
    return children.map(fromXml);
  }
  const out = {};
  for (const c of children) {
    const value = fromXml(c);
    if (c.tagName in out) {
      out[c.tagName] = [].concat(out[c.tagName], [value]);
    } else {
      out[c.tagName] = value;
    }
  }
  return out;
}

/** A list whatever the XML made of it: absent → [], one → [one]. */
export function list(value) {
  if (value === undefined || value === null || value === '') {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** A query-protocol call (EC2, SQS): form-encoded parameters, XML answer as plain data. */
export async function query(service, region, action, version, params = {}) {
  const form = new URLSearchParams({ Action: action, Version: version, ...params }).toString();
  const response = await send(service, region, 'POST', '/', [],
    { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, form);
  const text = await response.text();
  if (!response.ok) {
    throw xmlError(text, response.status);
  }
  return fromXml(new DOMParser().parseFromString(text, 'application/xml').documentElement);
}

/** EC2 Describe* filters as query parameters: {'vpc-id': [id]} → Filter.1.Name … */
export function filters(map) {
  const params = {};
  Object.entries(map).forEach(([name, values], i) => {
    params[`Filter.${i + 1}.Name`] = name;
    values.forEach((v, j) => { params[`Filter.${i + 1}.Value.${j + 1}`] = v; });
  });
  return params;
}

/** A JSON-protocol call (DynamoDB, CloudWatch Logs): X-Amz-Target names the operation. */
export async function json(service, region, target, payload, version = '1.0') {
  const response = await send(service, region, 'POST', '/', [],
    { 'Content-Type': `application/x-amz-json-${version}`, 'X-Amz-Target': target }, JSON.stringify(payload || {}));
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const code = (body.__type || response.headers.get('x-amzn-errortype') || String(response.status)).split('#').pop();
    throw new AwsError(code.split(':')[0], body.message || body.Message || '', response.status);
  }
  return body;
}

/** A REST call (Lambda's JSON, S3's XML): returns the Response; errors thrown. */
export async function rest(service, region, method, path, { query: q = [], headers = {}, body } = {}) {
  const response = await send(service, region, method, path, q, headers, body);
  if (!response.ok) {
    const text = await response.text();
    if (text.startsWith('<')) {
      throw xmlError(text, response.status);
    }
    let parsed = {};
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = { message: text };
    }
    const code = response.headers.get('x-amzn-errortype') || parsed.__type || parsed.Type || String(response.status);
    throw new AwsError(code.split(':')[0], parsed.message || parsed.Message || '', response.status);
  }
  return response;
}

/** S3 XML answer as plain data. */
export async function s3(region, method, path, q) {
  const response = await rest('s3', region, method, path, { query: q });
  return fromXml(new DOMParser().parseFromString(await response.text(), 'application/xml').documentElement);
}
