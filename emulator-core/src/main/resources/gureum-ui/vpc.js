// The VPC as a picture: AZ columns, subnets coloured public/private by their route tables, the
// internet gateway, NAT gateways, instances, endpoints, peering and transit gateway attachments.
import { query, filters, list } from './aws.js';
import { h, s, table } from './dom.js';

const EC2 = '2016-11-15';

async function describe(region, action, params, set) {
  try {
    return list((await query('ec2', region, action, EC2, params))[set]);
  } catch (e) {
    return []; // an API Gureum does not serve yet (501) leaves that part of the picture empty
  }
}

/** Everything the picture shows, fetched in parallel. */
export async function loadVpc(region, vpcId) {
  const byVpc = filters({ 'vpc-id': [vpcId] });
  const [vpcs, subnets, routeTables, igws, nats, endpoints, peerings, tgw, nacls, reservations] = await Promise.all([
    describe(region, 'DescribeVpcs', { 'VpcId.1': vpcId }, 'vpcSet'),
    describe(region, 'DescribeSubnets', byVpc, 'subnetSet'),
    describe(region, 'DescribeRouteTables', byVpc, 'routeTableSet'),
    describe(region, 'DescribeInternetGateways', filters({ 'attachment.vpc-id': [vpcId] }), 'internetGatewaySet'),
    describe(region, 'DescribeNatGateways', byVpc, 'natGatewaySet'),
    describe(region, 'DescribeVpcEndpoints', byVpc, 'vpcEndpointSet'),
    describe(region, 'DescribeVpcPeeringConnections', {}, 'vpcPeeringConnectionSet'),
    describe(region, 'DescribeTransitGatewayVpcAttachments', byVpc, 'transitGatewayVpcAttachments'),
    describe(region, 'DescribeNetworkAcls', byVpc, 'networkAclSet'),
    describe(region, 'DescribeInstances', byVpc, 'reservationSet'),
  ]);
  if (vpcs.length === 0) {
    throw new Error(`VPC ${vpcId} does not exist in ${region}`);
  }
  const main = routeTables.find((t) => list(t.associationSet).some((a) => a.main === 'true'));
  const tableOf = (subnetId) => routeTables.find((t) => list(t.associationSet).some((a) => a.subnetId === subnetId))
    || main;
  const naclOf = (subnetId) => nacls.find((n) => list(n.associationSet).some((a) => a.subnetId === subnetId));
  const instances = reservations.flatMap((r) => list(r.instancesSet));
  // Every ID the picture draws, mapped to the element that draws it (an interface to its instance,
  // a transit gateway attachment to its transit gateway): the Reachability Analyzer names these.
  const aliases = {};
  const draw = (id, as = id) => { if (id) aliases[id] = as; };
  [vpcId, ...subnets.map((x) => x.subnetId), ...igws.map((x) => x.internetGatewayId), ...nats.map((x) => x.natGatewayId),
    ...endpoints.map((x) => x.vpcEndpointId), ...peerings.map((x) => x.vpcPeeringConnectionId)].forEach((id) => draw(id));
  instances.forEach((i) => { draw(i.instanceId); list(i.networkInterfaceSet).forEach((n) => draw(n.networkInterfaceId, i.instanceId)); });
  tgw.forEach((a) => { draw(a.transitGatewayId); draw(a.transitGatewayAttachmentId, a.transitGatewayId); });
  return {
    aliases,
    region,
    vpc: vpcs[0],
    igws,
    subnets: subnets.map((sub) => {
      const rt = tableOf(sub.subnetId);
      const routes = list(rt?.routeSet);
      const isPublic = routes.some((r) => (r.destinationCidrBlock === '0.0.0.0/0' || r.destinationIpv6CidrBlock === '::/0')
        && (r.gatewayId || '').startsWith('igw-'));
      return { ...sub, routeTable: rt, routes, nacl: naclOf(sub.subnetId), isPublic,
        nats: nats.filter((n) => n.subnetId === sub.subnetId && n.state !== 'deleted'),
        instances: instances.filter((i) => i.subnetId === sub.subnetId && i.instanceState?.name !== 'terminated') };
    }).sort((a, b) => address(a.cidrBlock) - address(b.cidrBlock)),
    endpoints,
    peerings: peerings.filter((p) => p.requesterVpcInfo?.vpcId === vpcId || p.accepterVpcInfo?.vpcId === vpcId),
    tgwAttachments: tgw,
  };
}

/** 10.0.2.0/24 → its first address as a number, so 10.0.2.0 sorts before 10.0.12.0. */
function address(cidr) {
  return (cidr || '').split('/')[0].split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function nameOf(resource) {
  const tag = list(resource.tagSet).find((t) => t.key === 'Name');
  return tag ? tag.value : '';
}

function target(route) {
  return route.gatewayId || route.natGatewayId || route.networkInterfaceId || route.instanceId
    || route.vpcPeeringConnectionId || route.transitGatewayId || route.egressOnlyInternetGatewayId
    || route.destinationPrefixListId || '';
}

const COLUMN = 330;
const ROW = 120;

/** The SVG picture; clicking a subnet calls onSelect(subnetId). */
export function picture(model, onSelect) {
  const azs = [...new Set(model.subnets.map((x) => x.availabilityZone))].sort();
  const rows = Math.max(1, ...azs.map((az) => model.subnets.filter((x) => x.availabilityZone === az).length));
  const extras = [
    ...model.endpoints.map((e) => [e.vpcEndpointId, `endpoint ${e.vpcEndpointId} (${e.serviceName})`]),
    ...model.peerings.map((p) => [p.vpcPeeringConnectionId, `peering ${p.vpcPeeringConnectionId} (${p.status?.code || ''})`]),
    ...model.tgwAttachments.map((a) => [a.transitGatewayId, `TGW ${a.transitGatewayId} via ${a.transitGatewayAttachmentId}`]),
  ];
  // where each drawn component sits, for the arrows of an analysed path (reachability.js)
  const positions = new Map();
  model.positions = positions;
  const width = Math.max(2, azs.length) * COLUMN + 40;
  const height = 130 + rows * ROW + (extras.length ? 20 + Math.ceil(extras.length / 2) * 18 : 0) + 10;
  const svg = s('svg', { class: 'vpc-picture', viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'img', 'aria-label': `VPC ${model.vpc.vpcId}` });
  svg.append(s('rect', { x: 10, y: 40, width: width - 20, height: height - 50, rx: 10, class: 'vpc-box',
    'data-component-id': model.vpc.vpcId }));
  positions.set(model.vpc.vpcId, { x: 24, y: 60 });
  svg.append(s('text', { x: 24, y: 64, class: 'vpc-label' },
    `${model.vpc.vpcId} ${nameOf(model.vpc)} ${model.vpc.cidrBlock}`));
  model.igws.forEach((igw, i) => {
    const g = s('g', { class: 'igw', 'data-igw-id': igw.internetGatewayId, 'data-component-id': igw.internetGatewayId });
    positions.set(igw.internetGatewayId, { x: width / 2 + i * 230, y: 38 });
    g.append(s('rect', { x: width / 2 - 110 + i * 230, y: 22, width: 220, height: 32, rx: 6 }),
      s('text', { x: width / 2 + i * 230, y: 43, 'text-anchor': 'middle' }, `IGW ${igw.internetGatewayId}`));
    svg.append(g);
  });
  azs.forEach((az, column) => {
    const x = 20 + column * COLUMN;
    svg.append(s('rect', { x, y: 76, width: COLUMN - 10, height: rows * ROW + 30, rx: 6, class: 'az-column' }),
      s('text', { x: x + 10, y: 94, class: 'az-label' }, az));
    model.subnets.filter((x2) => x2.availabilityZone === az).forEach((sub, row) => {
      const y = 104 + row * ROW;
      const kind = sub.isPublic ? 'public' : 'private';
      const g = s('g', { class: `subnet ${kind}`, 'data-subnet-id': sub.subnetId, 'data-cidr': sub.cidrBlock,
        'data-kind': kind, 'data-component-id': sub.subnetId, tabindex: 0, onclick: () => onSelect(sub.subnetId),
        onkeydown: (e) => e.key === 'Enter' && onSelect(sub.subnetId) });
      g.append(s('rect', { x: x + 8, y, width: COLUMN - 26, height: ROW - 12, rx: 6 }),
        s('text', { x: x + 18, y: y + 20, class: 'subnet-title' }, `${nameOf(sub) || sub.subnetId}`),
        s('text', { x: x + 18, y: y + 38 }, `${sub.cidrBlock} · ${kind}`),
        s('text', { x: x + 18, y: y + 56, class: 'small' }, sub.subnetId),
        s('text', { x: x + 18, y: y + 72, class: 'small' }, `route table ${sub.routeTable?.routeTableId || '-'}`));
      positions.set(sub.subnetId, { x: x + COLUMN / 2 - 5, y: y + 46 });
      sub.nats.forEach((nat, i) => {
        g.append(s('text', { x: x + 18 + i * 150, y: y + 92, class: 'nat', 'data-component-id': nat.natGatewayId },
          `NAT ${nat.natGatewayId.slice(0, 12)}…`));
        positions.set(nat.natGatewayId, { x: x + 70 + i * 150, y: y + 88 });
      });
      sub.instances.slice(0, 8).forEach((inst, i) => {
        g.append(s('rect', { x: x + COLUMN - 40 - i * 16, y: y + 82, width: 12, height: 12,
          class: `instance ${inst.instanceState?.name || ''}`, 'data-instance-id': inst.instanceId,
          'data-component-id': inst.instanceId },
        s('title', {}, `${inst.instanceId} ${inst.privateIpAddress || ''} ${inst.instanceState?.name || ''}`)));
        positions.set(inst.instanceId, { x: x + COLUMN - 34 - i * 16, y: y + 88 });
      });
      svg.append(g);
    });
  });
  const bottom = 120 + rows * ROW;
  extras.forEach(([id, text], i) => {
    const at = { x: 24 + (i % 2) * (width / 2), y: bottom + 20 + Math.floor(i / 2) * 18 };
    svg.append(s('text', { ...at, class: 'extra', 'data-component-id': id }, text));
    positions.set(id, { x: at.x + 120, y: at.y - 5 });
  });
  return svg;
}

/** The selected subnet: its route table's routes and its network ACL's rules. */
export function subnetDetail(sub) {
  const entries = list(sub.nacl?.entrySet).sort((a, b) => (a.egress === b.egress
    ? Number(a.ruleNumber) - Number(b.ruleNumber) : (a.egress === 'true' ? 1 : -1)));
  return h('section', { id: 'subnet-detail', 'data-subnet-id': sub.subnetId },
    h('h3', {}, `${sub.subnetId} ${nameOf(sub)} (${sub.isPublic ? 'public' : 'private'})`),
    h('h4', {}, `Route table ${sub.routeTable?.routeTableId || '(none)'}`),
    table(['Destination', 'Target', 'State'], sub.routes.map((r) => [
      r.destinationCidrBlock || r.destinationIpv6CidrBlock || r.destinationPrefixListId, target(r), r.state || '']),
    { class: 'routes' }),
    h('h4', {}, `Network ACL ${sub.nacl?.networkAclId || '(none)'}`),
    table(['Rule', 'Direction', 'Protocol', 'Ports', 'CIDR', 'Action'], entries.map((e) => [
      e.ruleNumber === '32767' ? '*' : e.ruleNumber, e.egress === 'true' ? 'outbound' : 'inbound',
      e.protocol === '-1' ? 'all' : e.protocol, e.portRange ? `${e.portRange.from}-${e.portRange.to}` : 'all',
      e.cidrBlock || e.ipv6CidrBlock, e.ruleAction]), { class: 'nacl' }),
    sub.instances.length ? h('h4', {}, 'Instances') : null,
    sub.instances.length ? table(['Instance', 'State', 'Private IP', 'Public IP'], sub.instances.map((i) => [
      i.instanceId, i.instanceState?.name, i.privateIpAddress, i.ipAddress || ''])) : null);
}
