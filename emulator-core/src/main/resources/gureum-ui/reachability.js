// Reachability Analyzer results on the VPC picture: the analyses whose path touches the VPC, and the
// chosen one's forward path highlighted hop by hop (or, when no path was found, the component that
// stops it, with AWS's explanation code). Read-only: analyses are started through the EC2 API.
import { query, list } from './aws.js';
import { h, s, table } from './dom.js';

const EC2 = '2016-11-15';

/** Every page of a Describe call (100 a page, AWS's most). */
async function describe(region, action, set) {
  const all = [];
  try {
    let token = '';
    do {
      const page = await query('ec2', region, action, EC2, { MaxResults: '100', ...(token ? { NextToken: token } : {}) });
      all.push(...list(page[set]));
      token = typeof page.nextToken === 'string' ? page.nextToken : '';
    } while (token);
  } catch (e) {
    return []; // a server without the Reachability Analyzer (501) has no analyses to show
  }
  return all;
}

/** Every `id` of an AnalysisComponent anywhere below value (components, subnets, VPCs, gateways …). */
function idsIn(value, out = new Set()) {
  if (Array.isArray(value)) {
    value.forEach((v) => idsIn(v, out));
  } else if (value && typeof value === 'object') {
    Object.entries(value).forEach(([k, v]) => (k === 'id' && typeof v === 'string' ? out.add(v) : idsIn(v, out)));
  }
  return out;
}

/** The VPC's analyses, newest first, each with its path (source, destination, protocol, port). */
export async function loadAnalyses(region, model) {
  const [analyses, paths] = await Promise.all([
    describe(region, 'DescribeNetworkInsightsAnalyses', 'networkInsightsAnalysisSet'),
    describe(region, 'DescribeNetworkInsightsPaths', 'networkInsightsPathSet'),
  ]);
  const ids = new Set([model.vpc.vpcId, ...Object.keys(model.aliases), ...model.subnets.map((x) => x.subnetId)]);
  const pathOf = new Map(paths.map((p) => [p.networkInsightsPathId, p]));
  return analyses.map((a) => ({ ...a, path: pathOf.get(a.networkInsightsPathId) || {} }))
    .filter((a) => [...idsIn([a.forwardPathComponentSet, a.returnPathComponentSet, a.explanationSet]),
      a.path.source, a.path.destination].some((id) => ids.has(id)))
    .sort((a, b) => String(b.startDate).localeCompare(String(a.startDate)));
}

function outcome(a) {
  if (a.status !== 'succeeded') {
    return '';
  }
  return a.networkPathFound === 'true' ? 'found' : 'not found';
}

/** The list of analyses; each row links to the picture with that analysis highlighted. */
export function analysesTable(analyses, selectedId, hrefOf) {
  if (analyses.length === 0) {
    return h('p', { class: 'muted', id: 'analyses' }, 'No Reachability Analyzer analysis touches this VPC.');
  }
  return table(['Analysis', 'Path', 'Source → destination', 'Protocol/port', 'Status'], analyses.map((a) => {
    const p = a.path;
    const kind = outcome(a);
    return h('tr', { class: a.networkInsightsAnalysisId === selectedId ? 'selected' : null,
      'data-analysis-id': a.networkInsightsAnalysisId },
    h('td', {}, h('a', { href: hrefOf(a.networkInsightsAnalysisId) }, a.networkInsightsAnalysisId)),
    h('td', { class: kind === 'found' ? 'found' : kind ? 'not-found' : null }, kind || '-'),
    h('td', {}, `${p.source || p.sourceIp || '?'} → ${p.destination || p.destinationIp || '?'}`),
    h('td', {}, `${p.protocol || ''}${p.destinationPort ? '/' + p.destinationPort : ''}`),
    h('td', {}, a.status + (a.statusMessage ? ` (${a.statusMessage})` : '')));
  }), { id: 'analyses', class: 'analyses' });
}

// What the codes mean, in the words of AWS's "Reachability Analyzer explanation codes" page.
const MEANINGS = {
  ENI_SG_RULES_MISMATCH: 'The security groups of the network interface do not allow this traffic.',
  SG_HAS_NO_RULES: 'The security group has no rules in this direction.',
  SUBNET_ACL_RESTRICTION: 'The network ACL of the subnet does not allow this traffic.',
  NO_ROUTE_TO_DESTINATION: 'No route in the route table matches the destination.',
  NO_POSSIBLE_DESTINATION: 'Nothing the traffic could reach has the destination address.',
  BAD_STATE_ROUTE: 'The matching route is not active (blackhole).',
  BAD_STATE: 'The component is not in a state that forwards traffic.',
  IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS: 'The destination has no public IP address, so the internet gateway cannot'
    + ' deliver traffic from the internet to it.',
  IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS: 'The source has no public IP address, so the internet gateway does not'
    + ' forward its traffic to the internet.',
  DISCONNECTED_VPCS: 'The components are in VPCs that are not connected.',
  UNASSOCIATED_COMPONENT: 'The component is not attached or associated where the path needs it.',
  COMPONENT_FILTER_RESTRICTION: 'The path does not pass through a resource the analysis requires.',
};

// The fields of an Explanation that name a component drawn on the picture, the most specific first.
const BLOCKING_FIELDS = ['component', 'networkInterface', 'natGateway', 'internetGateway', 'vpcPeeringConnection',
  'transitGateway', 'transitGatewayAttachment', 'vpcEndpoint', 'subnet', 'attachedTo', 'destination', 'vpc'];

function drawn(svg, model, id) {
  const key = model.aliases[id] || id;
  return key && svg.querySelector(`[data-component-id="${CSS.escape(key)}"]`) ? key : null;
}

function mark(svg, id, cls) {
  svg.querySelectorAll(`[data-component-id="${CSS.escape(id)}"]`).forEach((e) => e.classList.add(cls));
}

/**
 * Highlights the analysis on the picture: every drawn component of its forward path gets `on-path`, the
 * hops are joined by numbered arrows in path order, and the components its explanations name get
 * `blocked`. Returns the explanations as a section for under the picture (null when there are none).
 */
export function highlight(svg, model, analysis) {
  const components = list(analysis.forwardPathComponentSet)
    .sort((a, b) => Number(a.sequenceNumber) - Number(b.sequenceNumber));
  const hops = [];
  for (const c of components) {
    idsIn(c).forEach((id) => { const d = drawn(svg, model, id); if (d && d !== model.vpc.vpcId) mark(svg, d, 'on-path'); });
    // the hops are what the picture draws on its own (instances, gateways); an interface drawn nowhere
    // starts or ends the path at its subnet
    const ends = c === components[0] || c === components[components.length - 1];
    const hop = drawn(svg, model, c.component?.id) || (ends ? drawn(svg, model, c.subnet?.id) : null);
    if (hop && hop !== model.vpc.vpcId && hop !== hops[hops.length - 1]) {
      hops.push(hop);
    }
  }
  svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }))));
  hops.slice(1).forEach((to, i) => {
    const a = model.positions.get(hops[i]);
    const b = model.positions.get(to);
    svg.append(s('line', { class: 'hop', x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'marker-end': 'url(#arrow)',
      'data-from': hops[i], 'data-to': to, 'data-hop': i + 1 }));
  });
  const explanations = list(analysis.explanationSet);
  explanations.forEach((e) => {
    const field = BLOCKING_FIELDS.find((f) => drawn(svg, model, e[f]?.id));
    if (field) {
      mark(svg, drawn(svg, model, e[field].id), 'blocked');
    }
  });
  if (explanations.length === 0) {
    return null;
  }
  return h('section', { id: 'explanations' }, h('h4', {}, 'Why no path was found'),
    explanations.map((e) => h('p', { class: 'explanation', 'data-code': e.explanationCode },
      h('code', {}, e.explanationCode), ' ', MEANINGS[e.explanationCode] || '',
      ' ', h('span', { class: 'muted' }, BLOCKING_FIELDS.filter((f) => e[f]?.id).map((f) => `${f} ${e[f].id}`)
        .concat(e.direction ? [`direction ${e.direction}`] : []).join(' · ')))));
}
