// Gureum's console: a page per view, chosen by the URL's hash (#/vpc/REGION/VPC?subnet=…).
import { admin, json, list, query, rest, s3, settings, syncClock } from './aws.js';
import { h, table, pre, errorBox } from './dom.js';
import { loadVpc, picture, subnetDetail } from './vpc.js';
import { analysesTable, highlight, loadAnalyses } from './reachability.js';

const view = document.getElementById('view');
let defaults = { account: '000000000000', region: 'us-east-1' };

function region() {
  return settings.region || defaults.region;
}

/** The account the console's credentials act in: a 12-digit access key names it, others the default. */
function account() {
  const key = settings.credentials.accessKeyId;
  return /^\d{12}$/.test(key) ? key : defaults.account;
}

function show(...children) {
  view.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

function route() {
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search || '');
  const views = { '': overview, resources, vpc, s3: buckets, sqs: queues, dynamodb: tables, lambda: functions,
    logs: logGroups, clock };
  const render = views[parts[0] || ''] || notFound;
  show(h('p', { class: 'muted' }, 'Loading…'));
  Promise.resolve(render(parts.slice(1), params)).catch((e) => show(errorBox(e)));
}

function notFound() {
  show(h('h2', {}, 'No such page'), h('p', {}, h('a', { href: '#/' }, 'Overview')));
}

async function listing(params) {
  const q = new URLSearchParams({ account: account(), ...params });
  return admin('GET', `/_gureum/resources?${q}`);
}

/** Each region's VPCs with their subnets' CIDRs, and what else each service holds. */
async function overview() {
  const all = await listing({});
  const vpcs = all.resources.filter((r) => r.type === 'ec2:vpc');
  const regions = [...new Set(vpcs.map((v) => v.region))].sort();
  const sections = await Promise.all(regions.map(async (r) => {
    const [subnetResult, vpcResult] = await Promise.all([query('ec2', r, 'DescribeSubnets', '2016-11-15'),
      query('ec2', r, 'DescribeVpcs', '2016-11-15')]);
    const subnets = list(subnetResult.subnetSet);
    const vpcList = list(vpcResult.vpcSet);
    return h('section', { class: 'region', 'data-region': r }, h('h3', {}, r),
      table(['VPC', 'CIDR', 'Subnets'], vpcList.map((v) => [
        h('a', { href: `#/vpc/${r}/${v.vpcId}`, 'data-vpc-id': v.vpcId }, v.vpcId), v.cidrBlock,
        subnets.filter((sub) => sub.vpcId === v.vpcId).map((sub) => sub.cidrBlock).sort().join(', ')])));
  }));
  const counts = {};
  all.resources.forEach((r) => { counts[r.type] = (counts[r.type] || 0) + 1; });
  show(h('h2', {}, `Account ${all.account}`),
    sections.length ? sections : h('p', { class: 'muted' }, 'No VPCs yet in this account.'),
    h('h3', {}, 'Resources by type'),
    table(['Type', 'Count'], Object.entries(counts).sort().map(([t, n]) => [
      h('a', { href: `#/resources?q=&type=${encodeURIComponent(t)}` }, t), n])));
}

async function resources(parts, params) {
  const q = params.get('q') || '';
  const type = params.get('type') || '';
  const data = await listing({ q });
  const rows = data.resources.filter((r) => !type || r.type === type);
  const detail = h('div', { id: 'resource-detail' });
  const form = h('form', { class: 'inline', onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/resources?q=${encodeURIComponent(e.target.q.value)}&type=${encodeURIComponent(type)}`;
  } }, h('label', {}, 'Search ID, ARN or tag (key=value)', h('input', { name: 'q', value: q, size: 40 })),
  h('button', { type: 'submit' }, 'Search'));
  show(h('h2', {}, `Resources${type ? ' · ' + type : ''}`), form,
    table(['Type', 'ID', 'Region', 'Tags'], rows.map((r) => h('tr', { class: 'clickable', 'data-arn': r.arn,
      onclick: () => detail.replaceChildren(...[h('h3', {}, r.id), link(r), pre(r)].filter(Boolean)) },
    h('td', {}, r.type), h('td', {}, r.id), h('td', {}, r.region),
    h('td', {}, Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).join(', '))))),
    data.truncated ? h('p', { class: 'muted' }, 'Only the first 5,000 are listed.') : null, detail);
}

/** Where a resource's own page is, when it has one. */
function link(r) {
  const pages = { 'ec2:vpc': `#/vpc/${r.region}/${r.id}`, s3: `#/s3/${r.id}`, sqs: `#/sqs/${r.region}`,
    'dynamodb:table': `#/dynamodb/${r.region}/${r.id}`, 'lambda:function': `#/lambda/${r.region}/${r.id}`,
    'logs:log-group': `#/logs/${r.region}/${encodeURIComponent(r.id)}` };
  return pages[r.type] ? h('p', {}, h('a', { href: pages[r.type] }, 'Open')) : null;
}

async function vpc([r, vpcId], params) {
  const model = await loadVpc(r, vpcId);
  const analyses = await loadAnalyses(r, model);
  const selected = params.get('subnet');
  const detail = model.subnets.find((x) => x.subnetId === selected);
  const analysis = analyses.find((a) => a.networkInsightsAnalysisId === params.get('analysis'));
  const href = (subnet, analysisId) => `#/vpc/${r}/${vpcId}?${new URLSearchParams(
    Object.entries({ subnet, analysis: analysisId }).filter(([, v]) => v))}`;
  const svg = picture(model, (id) => { location.hash = href(id, analysis?.networkInsightsAnalysisId); });
  const explanations = analysis ? highlight(svg, model, analysis) : null;
  show(h('h2', {}, `VPC ${vpcId} · ${r}`),
    h('p', { class: 'muted' }, 'Green subnets route 0.0.0.0/0 to an internet gateway (public); blue ones do not. '
      + 'Click a subnet for its route table and network ACL.'),
    svg, explanations,
    h('h3', {}, 'Reachability analyses'),
    h('p', { class: 'muted' }, 'Choose one to see its forward path on the picture (arrows in hop order); '
      + 'when no path was found, the component that stops it is red.'),
    analysesTable(analyses, analysis?.networkInsightsAnalysisId, (id) => href(selected, id)),
    detail ? subnetDetail(detail) : null);
}

async function buckets([bucket], params) {
  if (!bucket) {
    const result = await s3(region(), 'GET', '/', []);
    show(h('h2', {}, 'S3 buckets'), table(['Bucket', 'Created'], list(result.Buckets?.Bucket).map((b) => [
      h('a', { href: `#/s3/${b.Name}` }, b.Name), b.CreationDate])));
    return;
  }
  const prefix = params.get('prefix') || '';
  const versions = params.get('versions') === '1';
  const path = '/' + encodeURIComponent(bucket);
  if (versions) {
    const v = await s3(region(), 'GET', path, [['versions', ''], ['prefix', prefix]]);
    show(h('h2', {}, `${bucket} · versions`), h('p', {}, h('a', { href: `#/s3/${bucket}?prefix=${prefix}` }, 'Objects')),
      table(['Key', 'Version', 'Latest', 'Size', 'Modified'], [
        ...list(v.Version).map((o) => [download(bucket, o.Key, o.VersionId), o.VersionId, o.IsLatest, o.Size,
          o.LastModified]),
        ...list(v.DeleteMarker).map((o) => [o.Key, o.VersionId, o.IsLatest, '(delete marker)', o.LastModified])]));
    return;
  }
  const result = await s3(region(), 'GET', path, [['list-type', '2'], ['prefix', prefix], ['delimiter', '/']]);
  const up = prefix ? prefix.replace(/[^/]*\/$/, '') : null;
  show(h('h2', {}, `${bucket}/${prefix}`),
    h('p', {}, up !== null ? h('a', { href: `#/s3/${bucket}?prefix=${encodeURIComponent(up)}` }, '↑ up') : null, ' ',
      h('a', { href: `#/s3/${bucket}?prefix=${encodeURIComponent(prefix)}&versions=1` }, 'Versions')),
    table(['Key', 'Size', 'Modified'], [
      ...list(result.CommonPrefixes).map((p) => [h('a', { href: `#/s3/${bucket}?prefix=${encodeURIComponent(p.Prefix)}` },
        p.Prefix), '', '']),
      ...list(result.Contents).map((o) => [download(bucket, o.Key), o.Size, o.LastModified])]));
}

/** A link that fetches the object (signed) and saves it. */
function download(bucket, key, versionId) {
  return h('a', { href: '#', onclick: async (e) => {
    e.preventDefault();
    const path = '/' + encodeURIComponent(bucket) + '/' + key.split('/').map(encodeURIComponent).join('/');
    const response = await rest('s3', region(), 'GET', path, { query: versionId ? [['versionId', versionId]] : [] });
    const url = URL.createObjectURL(await response.blob());
    const a = h('a', { href: url, download: key.split('/').pop() });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } }, key);
}

async function queues([r], params) {
  const where = r || region();
  const result = await query('sqs', where, 'ListQueues', '2012-11-05');
  const urls = list(result.ListQueuesResult?.QueueUrl);
  const selected = params.get('queue');
  let peek = null;
  if (selected) {
    const m = await admin('GET', `/_gureum/sqs/messages?${new URLSearchParams({ QueueUrl: selected, Region: where })}`);
    peek = [h('h3', {}, `Messages in ${selected.split('/').pop()} (peeked: nothing is received)`), pre(m)];
  }
  show(h('h2', {}, `SQS queues · ${where}`), table(['Queue'], urls.map((u) => [
    h('a', { href: `#/sqs/${where}?queue=${encodeURIComponent(u)}` }, u)])), peek);
}

async function tables([r, name], params) {
  const where = r || region();
  if (!name) {
    const result = await json('dynamodb', where, 'DynamoDB_20120810.ListTables', {});
    show(h('h2', {}, `DynamoDB tables · ${where}`), table(['Table'], list(result.TableNames).map((t) => [
      h('a', { href: `#/dynamodb/${where}/${t}` }, t)])));
    return;
  }
  const condition = params.get('key') || '';
  const values = params.get('values') || '';
  const index = params.get('index') || '';
  const request = { TableName: name, Limit: 100 };
  let result;
  let error = null;
  try {
    if (condition) {
      Object.assign(request, { KeyConditionExpression: condition, ExpressionAttributeValues: JSON.parse(values || '{}') });
      if (index) {
        request.IndexName = index;
      }
      result = await json('dynamodb', where, 'DynamoDB_20120810.Query', request);
    } else {
      result = await json('dynamodb', where, 'DynamoDB_20120810.Scan', request);
    }
  } catch (e) {
    error = errorBox(e);
  }
  const form = h('form', { class: 'inline', onsubmit: (e) => {
    e.preventDefault();
    const f = e.target;
    location.hash = `#/dynamodb/${where}/${name}?` + new URLSearchParams({ key: f.key.value, values: f.values.value,
      index: f.index.value });
  } }, h('label', {}, 'KeyConditionExpression', h('input', { name: 'key', value: condition, size: 30,
    placeholder: 'pk = :pk' })),
  h('label', {}, 'ExpressionAttributeValues (DynamoDB JSON)', h('input', { name: 'values', value: values, size: 40,
    placeholder: '{":pk": {"S": "user#1"}}' })),
  h('label', {}, 'Index', h('input', { name: 'index', value: index, size: 12 })),
  h('button', { type: 'submit' }, condition ? 'Query' : 'Query (empty: scan)'));
  show(h('h2', {}, `${name} · ${where}`), form, error,
    result ? h('p', { class: 'muted' }, `${result.Count} items${result.LastEvaluatedKey ? ' (first page)' : ''}`) : null,
    result ? pre(result.Items) : null);
}

async function functions([r, name]) {
  const where = r || region();
  if (!name) {
    const result = await (await rest('lambda', where, 'GET', '/2015-03-31/functions')).json();
    show(h('h2', {}, `Lambda functions · ${where}`), table(['Function', 'Runtime', 'Handler'],
      list(result.Functions).map((f) => [h('a', { href: `#/lambda/${where}/${f.FunctionName}` }, f.FunctionName),
        f.Runtime || f.PackageType, f.Handler || ''])));
    return;
  }
  const output = h('div', { id: 'invoke-output' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    output.replaceChildren(h('p', { class: 'muted' }, 'Invoking…'));
    try {
      const response = await rest('lambda', where, 'POST', `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
        { headers: { 'X-Amz-Log-Type': 'Tail', 'Content-Type': 'application/json' }, body: e.target.payload.value });
      const log = response.headers.get('X-Amz-Log-Result');
      output.replaceChildren(h('h3', {}, `Status ${response.status}${response.headers.get('X-Amz-Function-Error')
        ? ' · ' + response.headers.get('X-Amz-Function-Error') : ''}`), pre(await response.text()),
      h('h3', {}, 'Log tail'), pre(log ? new TextDecoder().decode(Uint8Array.from(atob(log), (c) => c.charCodeAt(0))) : ''));
    } catch (err) {
      output.replaceChildren(errorBox(err));
    }
  } }, h('label', {}, 'Payload (JSON)', h('textarea', { name: 'payload' }, '{}')), h('button', { type: 'submit' }, 'Invoke'));
  show(h('h2', {}, `${name} · ${where}`), form, output);
}

async function logGroups([r, group, stream]) {
  const where = r || region();
  if (!group) {
    const result = await json('logs', where, 'Logs_20140328.DescribeLogGroups', {}, '1.1');
    show(h('h2', {}, `Log groups · ${where}`), table(['Log group', 'Stored bytes'], list(result.logGroups).map((g) => [
      h('a', { href: `#/logs/${where}/${encodeURIComponent(g.logGroupName)}` }, g.logGroupName), g.storedBytes ?? 0])));
    return;
  }
  if (!stream) {
    const result = await json('logs', where, 'Logs_20140328.DescribeLogStreams', { logGroupName: group,
      orderBy: 'LastEventTime', descending: true }, '1.1');
    show(h('h2', {}, group), table(['Log stream', 'Last event'], list(result.logStreams).map((st) => [
      h('a', { href: `#/logs/${where}/${encodeURIComponent(group)}/${encodeURIComponent(st.logStreamName)}` },
        st.logStreamName), st.lastEventTimestamp ? new Date(st.lastEventTimestamp).toISOString() : ''])));
    return;
  }
  const result = await json('logs', where, 'Logs_20140328.GetLogEvents', { logGroupName: group, logStreamName: stream,
    startFromHead: true, limit: 1000 }, '1.1');
  show(h('h2', {}, `${group} · ${stream}`), table(['Time', 'Message'], list(result.events).map((e) => [
    new Date(e.timestamp).toISOString(), h('code', {}, e.message)])));
}

async function clock() {
  const [now, events] = await Promise.all([syncClock(), admin('GET', '/_gureum/clock/events')]);
  const form = h('form', { class: 'inline', onsubmit: async (e) => {
    e.preventDefault();
    const seconds = Number(e.target.amount.value) * Number(e.target.unit.value);
    await admin('POST', '/_gureum/clock', { advanceSeconds: seconds });
    route();
  } }, h('label', {}, 'Advance by', h('input', { name: 'amount', type: 'number', min: 0, value: 1, size: 6 })),
  h('label', {}, 'Unit', h('select', { name: 'unit' }, h('option', { value: 60 }, 'minutes'),
    h('option', { value: 3600, selected: true }, 'hours'), h('option', { value: 86400 }, 'days'))),
  h('button', { type: 'submit' }, 'Advance'));
  show(h('h2', {}, 'Emulated clock'), h('p', { id: 'clock-now' }, `Now ${now.now} (${now.offsetSeconds} s ahead of real time)`),
    form, h('h3', {}, 'What the advances triggered'),
    table(['From', 'To', 'Created', 'Removed'], events.events.map((e) => [e.from, e.to,
      list(e.created).join('\n'), list(e.removed).join('\n')])));
}

async function start() {
  const first = await listing({});
  defaults = { account: first.defaultAccount, region: first.defaultRegion };
  const form = document.getElementById('context');
  form['access-key'].value = settings.credentials.accessKeyId;
  form['secret-key'].value = settings.credentials.secretAccessKey;
  form.region.value = region();
  const options = new Set([defaults.region, ...first.regions, 'us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-2']);
  document.getElementById('regions').replaceChildren(...[...options].map((r) => h('option', { value: r })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    settings.credentials = { accessKeyId: form['access-key'].value.trim() || 'test',
      secretAccessKey: form['secret-key'].value || 'test' };
    settings.region = form.region.value.trim();
    route();
  });
  await syncClock();
  window.addEventListener('hashchange', route);
  route();
}

start().catch((e) => show(errorBox(e)));
