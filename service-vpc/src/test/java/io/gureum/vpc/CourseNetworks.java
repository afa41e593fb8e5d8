package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * The course's network designs, built through the EC2 API in one account: the 3-tier VPC (public web,
 * private app and db tiers, a NAT gateway per zone, an S3 gateway endpoint), network ACL variants,
 * three VPCs peered in a line, a transit gateway hub with four spokes, and broken routes. Resources are
 * named in {@link #ids} for the cases.
 */
final class CourseNetworks {
    static final String ZONE_A = "ap-northeast-2a";
    static final String ZONE_B = "ap-northeast-2b";
    final Map<String, String> ids = new HashMap<>();
    final Map<String, String> addresses = new HashMap<>();
    private final Ec2Client ec2;

    CourseNetworks(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    String id(String name) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no resource named " + name);
        }
        return id;
    }

    CourseNetworks build() {
        threeTier();
        acls();
        peering();
        transitHub();
        brokenRoutes();
        // NAT gateways are pending for their first minute.
        Ec2TestBase.advanceClock(Duration.ofSeconds(61));
        return this;
    }

    private void threeTier() {
        String vpc = vpc("main", "10.0.0.0/16");
        String igw = igw("igw", vpc);
        String pubA = subnet("pubA", vpc, "10.0.0.0/24", ZONE_A);
        String pubB = subnet("pubB", vpc, "10.0.1.0/24", ZONE_B);
        String appA = subnet("appA", vpc, "10.0.10.0/24", ZONE_A);
        String appB = subnet("appB", vpc, "10.0.11.0/24", ZONE_B);
        String dbA = subnet("dbA", vpc, "10.0.20.0/24", ZONE_A);
        String publicRt = routeTable("publicRt", vpc, pubA, pubB);
        ec2.createRoute(b -> b.routeTableId(publicRt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        String natA = nat("natA", pubA);
        String natB = nat("natB", pubB);
        String privA = routeTable("privA", vpc, appA, dbA);
        ec2.createRoute(b -> b.routeTableId(privA).destinationCidrBlock("0.0.0.0/0").natGatewayId(natA));
        String privB = routeTable("privB", vpc, appB);
        ec2.createRoute(b -> b.routeTableId(privB).destinationCidrBlock("0.0.0.0/0").natGatewayId(natB));

        String webSg = sg("webSg", vpc);
        allowCidr(webSg, 443, "0.0.0.0/0");
        String appSg = sg("appSg", vpc);
        allowGroup(appSg, 80, webSg);
        String dbSg = sg("dbSg", vpc);
        allowGroup(dbSg, 3306, appSg);

        eni("web", pubA, webSg);
        publicIp("web");
        eni("web2", pubB, webSg);
        eni("app", appA, appSg);
        eni("app2", appB, appSg);
        eni("db", dbA, dbSg);

        String vpce = ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName("com.amazonaws.ap-northeast-2.s3")
                .routeTableIds(privA)).vpcEndpoint().vpcEndpointId();
        ids.put("s3Endpoint", vpce);
        String pl = ec2.describePrefixLists(b -> b.filters(filter("prefix-list-name", "com.amazonaws.ap-northeast-2.s3")))
                .prefixLists().get(0).cidrs().get(0);
        addresses.put("s3Address", pl.substring(0, pl.indexOf('/')).replaceAll("\\.0$", ".10"));
    }

    private void acls() {
        String vpc = vpc("aclVpc", "10.1.0.0/16");
        String igw = igw("aclIgw", vpc);
        String strict = subnet("strict", vpc, "10.1.0.0/24", ZONE_A);
        String good = subnet("good", vpc, "10.1.2.0/24", ZONE_A);
        String denyFirst = subnet("denyFirst", vpc, "10.1.3.0/24", ZONE_A);
        String plain = subnet("plain", vpc, "10.1.1.0/24", ZONE_A);
        String rt = routeTable("aclRt", vpc, strict, good, denyFirst, plain);
        ec2.createRoute(b -> b.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        String open = sg("openSg", vpc);
        allowCidr(open, -1, "0.0.0.0/0");

        // Request ports only: the replies to clients' ephemeral ports are dropped.
        String strictAcl = acl("strictAcl", vpc, strict);
        entry(strictAcl, 100, false, 443, 443, RuleAction.ALLOW);
        entry(strictAcl, 100, true, 443, 443, RuleAction.ALLOW);
        String goodAcl = acl("goodAcl", vpc, good);
        entry(goodAcl, 100, false, 443, 443, RuleAction.ALLOW);
        entry(goodAcl, 110, false, 1024, 65535, RuleAction.ALLOW);
        entry(goodAcl, 100, true, 1024, 65535, RuleAction.ALLOW);
        entry(goodAcl, 110, true, 443, 443, RuleAction.ALLOW);
        String denyAcl = acl("denyFirstAcl", vpc, denyFirst);
        entry(denyAcl, 90, false, 443, 443, RuleAction.DENY);
        entry(denyAcl, 100, false, 0, 65535, RuleAction.ALLOW);
        entry(denyAcl, 100, true, 0, 65535, RuleAction.ALLOW);

        eni("strictEni", strict, open);
        publicIp("strictEni");
        eni("strictEni2", strict, open);
        eni("goodEni", good, open);
        publicIp("goodEni");
        eni("denyEni", denyFirst, open);
        publicIp("denyEni");
        eni("plainEni", plain, open);
    }

    private void peering() {
        String a = vpc("peerA", "10.10.0.0/16");
        String b2 = vpc("peerB", "10.11.0.0/16");
        String c = vpc("peerC", "10.12.0.0/16");
        String d = vpc("peerD", "10.13.0.0/16");
        String e = vpc("peerE", "10.14.0.0/16");
        String ab = peer("pcxAB", a, b2, true);
        String bc = peer("pcxBC", b2, c, true);
        String ad = peer("pcxAD", a, d, false);
        String ae = peer("pcxAE", a, e, true);
        String sa = subnet("peerSubnetA", a, "10.10.0.0/24", ZONE_A);
        String sb = subnet("peerSubnetB", b2, "10.11.0.0/24", ZONE_A);
        String sc = subnet("peerSubnetC", c, "10.12.0.0/24", ZONE_A);
        String sd = subnet("peerSubnetD", d, "10.13.0.0/24", ZONE_A);
        String se = subnet("peerSubnetE", e, "10.14.0.0/24", ZONE_A);
        String rta = routeTable("peerRtA", a, sa);
        route(rta, "10.11.0.0/16", ab);
        route(rta, "10.12.0.0/16", ab);
        route(rta, "10.13.0.0/16", ad);
        route(rta, "10.14.0.0/16", ae);
        String rtb = routeTable("peerRtB", b2, sb);
        route(rtb, "10.10.0.0/16", ab);
        route(rtb, "10.12.0.0/16", bc);
        String rtc = routeTable("peerRtC", c, sc);
        route(rtc, "10.11.0.0/16", bc);
        route(rtc, "10.10.0.0/16", bc);
        routeTable("peerRtE", e, se);
        String sgA = sg("peerSgA", a);
        allowCidr(sgA, -1, "10.0.0.0/8");
        String sgB = sg("peerSgB", b2);
        allowCidr(sgB, -1, "10.0.0.0/8");
        String sgC = sg("peerSgC", c);
        allowCidr(sgC, -1, "10.0.0.0/8");
        String sgCRef = sg("peerSgCRef", c);
        allowGroup(sgCRef, 5432, sgC);
        String sgE = sg("peerSgE", e);
        allowCidr(sgE, -1, "10.0.0.0/8");
        String sgD = sg("peerSgD", d);
        allowCidr(sgD, -1, "10.0.0.0/8");
        eni("peerEniA", sa, sgA);
        eni("peerEniB", sb, sgB);
        eni("peerEniC", sc, sgC);
        eni("peerEniCRef", sc, sgCRef);
        eni("peerEniD", sd, sgD);
        eni("peerEniE", se, sgE);
    }

    private void transitHub() {
        String tgw = ec2.createTransitGateway(b -> b.description("hub")).transitGateway().transitGatewayId();
        ids.put("tgw", tgw);
        String s1 = vpc("spoke1", "10.20.0.0/16");
        String s2 = vpc("spoke2", "10.21.0.0/16");
        String s3 = vpc("spoke3", "10.22.0.0/16");
        String s4 = vpc("spoke4", "10.24.0.0/16");
        String n1 = subnet("spokeSubnet1", s1, "10.20.0.0/24", ZONE_A);
        String n1b = subnet("spokeSubnet1b", s1, "10.20.1.0/24", ZONE_B);
        String n2 = subnet("spokeSubnet2", s2, "10.21.0.0/24", ZONE_A);
        String n3 = subnet("spokeSubnet3", s3, "10.22.0.0/24", ZONE_A);
        String n4 = subnet("spokeSubnet4", s4, "10.24.0.0/24", ZONE_A);
        String a1 = attach("attach1", tgw, s1, n1);
        attach("attach2", tgw, s2, n2);
        attach("attach3", tgw, s3, n3);
        String a4 = attach("attach4", tgw, s4, n4);
        String rt1 = routeTable("spokeRt1", s1, n1, n1b);
        for (String cidr : List.of("10.21.0.0/16", "10.22.0.0/16", "10.23.0.0/16", "10.24.0.0/16")) {
            ec2.createRoute(b -> b.routeTableId(rt1).destinationCidrBlock(cidr).transitGatewayId(tgw));
        }
        String rt2 = routeTable("spokeRt2", s2, n2);
        ec2.createRoute(b -> b.routeTableId(rt2).destinationCidrBlock("10.20.0.0/16").transitGatewayId(tgw));
        routeTable("spokeRt3", s3, n3);
        String rt4 = routeTable("spokeRt4", s4, n4);
        ec2.createRoute(b -> b.routeTableId(rt4).destinationCidrBlock("10.20.0.0/16").transitGatewayId(tgw));
        // Spoke 4 is associated with a route table of its own that has no routes (isolated spoke).
        String defaultRtb = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgw)).transitGateways().get(0).options()
                .associationDefaultRouteTableId();
        ec2.createTransitGatewayRouteTable(b -> b.transitGatewayId(tgw));
        String isolated = ec2.describeTransitGatewayRouteTables(b -> b.filters(filter("transit-gateway-id", tgw)))
                .transitGatewayRouteTables().stream().map(t -> t.transitGatewayRouteTableId())
                .filter(t -> !t.equals(defaultRtb)).findFirst().orElseThrow();
        ec2.disassociateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(defaultRtb).transitGatewayAttachmentId(a4));
        ec2.associateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(isolated).transitGatewayAttachmentId(a4));
        ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(defaultRtb).destinationCidrBlock("10.23.0.0/16")
                .blackhole(true));
        ids.put("tgwDefaultRtb", defaultRtb);
        ids.put("attach1", a1);
        for (String[] v : new String[][] {{"spokeSg1", s1}, {"spokeSg2", s2}, {"spokeSg3", s3}, {"spokeSg4", s4}}) {
            allowCidr(sg(v[0], v[1]), -1, "10.0.0.0/8");
        }
        eni("spokeEni1", n1, ids.get("spokeSg1"));
        eni("spokeEni1b", n1b, ids.get("spokeSg1"));
        eni("spokeEni2", n2, ids.get("spokeSg2"));
        eni("spokeEni3", n3, ids.get("spokeSg3"));
        eni("spokeEni4", n4, ids.get("spokeSg4"));
    }

    private void brokenRoutes() {
        // A VPC with no route to the internet, and one whose internet gateway was detached (blackhole).
        String isolated = vpc("isolatedVpc", "10.30.0.0/16");
        String sn = subnet("isolatedSubnet", isolated, "10.30.0.0/24", ZONE_A);
        String sg = sg("isolatedSg", isolated);
        eni("isolatedEni", sn, sg);
        String detached = vpc("detachedVpc", "10.31.0.0/16");
        String igw = igw("detachedIgw", detached);
        String sn2 = subnet("detachedSubnet", detached, "10.31.0.0/24", ZONE_A);
        String rt = routeTable("detachedRt", detached, sn2);
        ec2.createRoute(b -> b.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        String sg2 = sg("detachedSg", detached);
        allowCidr(sg2, 443, "0.0.0.0/0");
        eni("detachedEni", sn2, sg2);
        ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(detached));
        // A security group without any rule at all.
        String bare = sg("bareSg", isolated);
        ec2.revokeSecurityGroupEgress(b -> b.groupId(bare).ipPermissions(IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        eni("bareEni", sn, bare);
    }

    // ---- helpers

    private String vpc(String name, String cidr) {
        return put(name, ec2.createVpc(b -> b.cidrBlock(cidr)).vpc().vpcId());
    }

    private String igw(String name, String vpc) {
        String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
        ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        return put(name, igw);
    }

    private String subnet(String name, String vpc, String cidr, String zone) {
        return put(name, ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId());
    }

    private String routeTable(String name, String vpc, String... subnets) {
        String rt = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        for (String sn : subnets) {
            ec2.associateRouteTable(b -> b.routeTableId(rt).subnetId(sn));
        }
        return put(name, rt);
    }

    private void route(String rt, String cidr, String pcx) {
        ec2.createRoute(b -> b.routeTableId(rt).destinationCidrBlock(cidr).vpcPeeringConnectionId(pcx));
    }

    private String nat(String name, String subnet) {
        String alloc = ec2.allocateAddress().allocationId();
        return put(name, ec2.createNatGateway(b -> b.subnetId(subnet).allocationId(alloc)).natGateway().natGatewayId());
    }

    private String sg(String name, String vpc) {
        return put(name, ec2.createSecurityGroup(b -> b.groupName(name).description(name).vpcId(vpc)).groupId());
    }

    private void allowCidr(String sg, int port, String cidr) {
        IpPermission.Builder p = IpPermission.builder().ipRanges(IpRange.builder().cidrIp(cidr).build());
        p = port < 0 ? p.ipProtocol("-1") : p.ipProtocol("tcp").fromPort(port).toPort(port);
        IpPermission perm = p.build();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(perm));
    }

    private void allowGroup(String sg, int port, String from) {
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(port).toPort(port).userIdGroupPairs(UserIdGroupPair.builder().groupId(from).build()).build()));
    }

    private String acl(String name, String vpc, String subnet) {
        String acl = ec2.createNetworkAcl(b -> b.vpcId(vpc)).networkAcl().networkAclId();
        String assoc = ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", subnet))).networkAcls()
                .get(0).associations().stream().filter(a -> a.subnetId().equals(subnet)).findFirst().orElseThrow()
                .networkAclAssociationId();
        ec2.replaceNetworkAclAssociation(b -> b.associationId(assoc).networkAclId(acl));
        return put(name, acl);
    }

    private void entry(String acl, int number, boolean egress, int from, int to, RuleAction action) {
        ec2.createNetworkAclEntry(b -> b.networkAclId(acl).ruleNumber(number).egress(egress).protocol("6")
                .cidrBlock("0.0.0.0/0").ruleAction(action).portRange(p -> p.from(from).to(to)));
    }

    private String peer(String name, String a, String b2, boolean accept) {
        String pcx = ec2.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2)).vpcPeeringConnection()
                .vpcPeeringConnectionId();
        if (accept) {
            ec2.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
        }
        return put(name, pcx);
    }

    private String attach(String name, String tgw, String vpc, String subnet) {
        return put(name, ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet))
                .transitGatewayVpcAttachment().transitGatewayAttachmentId());
    }

    private void eni(String name, String subnet, String sg) {
        var eni = ec2.createNetworkInterface(b -> b.subnetId(subnet).groups(sg)).networkInterface();
        put(name, eni.networkInterfaceId());
        addresses.put(name, eni.privateIpAddress());
    }

    private void publicIp(String eniName) {
        String alloc = ec2.allocateAddress().allocationId();
        ec2.associateAddress(b -> b.allocationId(alloc).networkInterfaceId(id(eniName)));
    }

    private String put(String name, String id) {
        ids.put(name, id);
        return id;
    }
}
