package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The VPC family's handlers, each created, updated and deleted through the SPI and checked through EC2. */
class VpcFamilyHandlersIT extends HandlerTestSupport {

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    Deployed vpc() {
        return create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16','EnableDnsHostnames':true,"
                + "'Tags':[{'Key':'Name','Value':'course'}]}"));
    }

    static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void vpcReturnsItsAttributesChangesDnsInPlaceAndIsReplacedForANewCidr() {
        Deployed vpc = vpc();
        assertTrue(vpc.id().startsWith("vpc-"));
        assertEquals(vpc.id(), vpc.att("VpcId"));
        assertEquals("10.0.0.0/16", vpc.att("CidrBlock"));
        assertEquals(1, vpc.created().attributes().get("CidrBlockAssociations").size());
        assertEquals(0, vpc.created().attributes().get("Ipv6CidrBlocks").size());
        assertTrue(vpc.att("DefaultNetworkAcl").startsWith("acl-"));
        assertTrue(vpc.att("DefaultSecurityGroup").startsWith("sg-"));
        Map<String, String> tags = tags(ec2().describeVpcs(b -> b.vpcIds(vpc.id())).vpcs().get(0).tags());
        assertEquals("course", tags.get("Name"));
        assertEquals("course", tags.get("team"), "the stack's own tags");
        assertTrue(ec2().describeVpcAttribute(b -> b.vpcId(vpc.id()).attribute("enableDnsHostnames"))
                .enableDnsHostnames().value());

        assertTrue(replaces(vpc, props("{'CidrBlock':'10.1.0.0/16'}")));
        Deployed updated = update(vpc, props("{'CidrBlock':'10.0.0.0/16','Tags':[{'Key':'Tier','Value':'x'}]}"));
        assertEquals(vpc.id(), updated.id());
        assertFalse(ec2().describeVpcAttribute(b -> b.vpcId(vpc.id()).attribute("enableDnsHostnames"))
                .enableDnsHostnames().value());
        tags = tags(ec2().describeVpcs(b -> b.vpcIds(vpc.id())).vpcs().get(0).tags());
        assertEquals(null, tags.get("Name"), "a tag removed from the template is removed");
        assertEquals("x", tags.get("Tier"));

        delete(updated);
        assertTrue(ec2().describeVpcs(b -> b.filters(Filter.builder().name("vpc-id").values(vpc.id()).build()))
                .vpcs().isEmpty());
        delete(updated); // already gone: still deleted
    }

    @Test
    void aPropertyTheHandlerDoesNotApplyFailsTheResourceInsteadOfBeingDropped() {
        Deployed vpc = vpc();
        io.gureum.cloudformation.resource.ResourceFailure e = assertThrows(
                io.gureum.cloudformation.resource.ResourceFailure.class, () -> create(new SubnetHandler(), "S",
                        props("{'VpcId':'" + vpc.id() + "','CidrBlock':'10.0.5.0/24','EnableLniAtDeviceIndex':1}")));
        assertEquals("Gureum does not emulate the AWS::EC2::Subnet properties [EnableLniAtDeviceIndex]", e.getMessage());
        assertEquals("InvalidRequest", e.handlerErrorCode());
        assertEquals(0, ec2().describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(vpc.id())
                .build())).subnets().size(), "nothing was created");
        delete(vpc);
    }

    @Test
    void subnetRouteTableRouteAndAssociationsMakeAPublicSubnet() {
        Deployed vpc = vpc();
        Deployed subnet = create(new SubnetHandler(), "Public", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24','AvailabilityZone':'us-east-1a','MapPublicIpOnLaunch':true}"));
        assertEquals("us-east-1a", subnet.att("AvailabilityZone"));
        assertEquals(vpc.id(), subnet.att("VpcId"));
        assertTrue(subnet.att("NetworkAclAssociationId").startsWith("aclassoc-"));
        Subnet s = ec2().describeSubnets(b -> b.subnetIds(subnet.id())).subnets().get(0);
        assertTrue(s.mapPublicIpOnLaunch());
        assertFalse(replaces(subnet, props("{'VpcId':'" + vpc.id() + "','CidrBlock':'10.0.1.0/24',"
                + "'AvailabilityZone':'us-east-1a'}")));
        assertTrue(replaces(subnet, props("{'VpcId':'" + vpc.id() + "','CidrBlock':'10.0.2.0/24',"
                + "'AvailabilityZone':'us-east-1a','MapPublicIpOnLaunch':true}")));
        Deployed privateSubnet = update(subnet, props("{'VpcId':'" + vpc.id() + "','CidrBlock':'10.0.1.0/24',"
                + "'AvailabilityZone':'us-east-1a'}"));
        assertFalse(ec2().describeSubnets(b -> b.subnetIds(subnet.id())).subnets().get(0).mapPublicIpOnLaunch());

        Deployed igw = create(new InternetGatewayHandler(), "Igw", props("{}"));
        assertEquals(igw.id(), igw.att("InternetGatewayId"));
        Deployed attachment = create(new VpcGatewayAttachmentHandler(), "Attach", props("{'VpcId':'" + vpc.id()
                + "','InternetGatewayId':'" + igw.id() + "'}"));
        assertEquals("IGW", attachment.att("AttachmentType"));
        assertEquals(vpc.id(), ec2().describeInternetGateways(b -> b.internetGatewayIds(igw.id())).internetGateways()
                .get(0).attachments().get(0).vpcId());

        // A new gateway for the attachment is attached in place, the old one detached.
        Deployed igw2 = create(new InternetGatewayHandler(), "Igw2", props("{}"));
        Deployed moved2 = update(attachment, props("{'VpcId':'" + vpc.id() + "','InternetGatewayId':'" + igw2.id()
                + "'}"));
        assertTrue(ec2().describeInternetGateways(b -> b.internetGatewayIds(igw.id())).internetGateways().get(0)
                .attachments().isEmpty());
        update(moved2, props("{'VpcId':'" + vpc.id() + "','InternetGatewayId':'" + igw.id() + "'}"));
        delete(igw2);

        Deployed table = create(new RouteTableHandler(), "Rt", props("{'VpcId':'" + vpc.id() + "'}"));
        assertEquals(table.id(), table.att("RouteTableId"));
        Deployed route = create(new RouteHandler(), "Default", props("{'RouteTableId':'" + table.id()
                + "','DestinationCidrBlock':'0.0.0.0/0','GatewayId':'" + igw.id() + "'}"));
        assertEquals(table.id() + "|0.0.0.0/0", route.id());
        assertEquals("0.0.0.0/0", route.att("CidrBlock"));
        Route r = ec2().describeRouteTables(b -> b.routeTableIds(table.id())).routeTables().get(0).routes().stream()
                .filter(x -> "0.0.0.0/0".equals(x.destinationCidrBlock())).findFirst().orElseThrow();
        assertEquals(igw.id(), r.gatewayId());
        Deployed association = create(new SubnetRouteTableAssociationHandler(), "Assoc", props("{'SubnetId':'"
                + subnet.id() + "','RouteTableId':'" + table.id() + "'}"));
        assertTrue(association.id().startsWith("rtbassoc-"));
        assertEquals(association.id(), association.att("Id"));
        assertEquals(subnet.id(), ec2().describeRouteTables(b -> b.routeTableIds(table.id())).routeTables().get(0)
                .associations().get(0).subnetId());

        // A new route table for the association moves it in place (a new association id).
        Deployed table2 = create(new RouteTableHandler(), "Rt2", props("{'VpcId':'" + vpc.id() + "'}"));
        assertFalse(replaces(association, props("{'SubnetId':'" + subnet.id() + "','RouteTableId':'" + table2.id()
                + "'}")));
        Deployed moved = update(association, props("{'SubnetId':'" + subnet.id() + "','RouteTableId':'" + table2.id()
                + "'}"));
        assertEquals(subnet.id(), ec2().describeRouteTables(b -> b.routeTableIds(table2.id())).routeTables().get(0)
                .associations().get(0).subnetId());

        // Reverse order, as the engine deletes; each twice: a resource already gone is deleted.
        for (Deployed d : List.of(moved, route, table2, table, attachment, igw, privateSubnet, vpc)) {
            delete(d);
            delete(d);
        }
        assertTrue(ec2().describeVpcs(b -> b.filters(Filter.builder().name("vpc-id").values(vpc.id()).build()))
                .vpcs().isEmpty());
    }

    @Test
    void eipAndNatGatewayWaitForTheGatewayToGoBeforeTheAddressIsReleased() throws Exception {
        Deployed vpc = vpc();
        Deployed subnet = create(new SubnetHandler(), "Public", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24'}"));
        Deployed igw = create(new InternetGatewayHandler(), "Igw", props("{}"));
        Deployed attachment = create(new VpcGatewayAttachmentHandler(), "Attach", props("{'VpcId':'" + vpc.id()
                + "','InternetGatewayId':'" + igw.id() + "'}"));
        Deployed eip = create(new EipHandler(), "NatIp", props("{'Domain':'vpc'}"));
        assertEquals(eip.id(), eip.att("PublicIp"));
        assertTrue(eip.att("AllocationId").startsWith("eipalloc-"));
        Deployed nat = create(new NatGatewayHandler(), "Nat", props("{'SubnetId':'" + subnet.id()
                + "','AllocationId':'" + eip.att("AllocationId") + "'}"));
        assertTrue(nat.id().startsWith("nat-"));
        assertEquals(nat.id(), nat.att("NatGatewayId"));
        assertEquals(eip.att("AllocationId"), ec2().describeNatGateways(b -> b.natGatewayIds(nat.id()))
                .natGateways().get(0).natGatewayAddresses().get(0).allocationId());

        CompletableFuture<Void> deleting = CompletableFuture.runAsync(() -> delete(nat));
        while (!deleting.isDone()) {
            gureum.context().clock().advance(Duration.ofSeconds(30));
            Thread.sleep(50);
        }
        deleting.get();
        assertEquals("deleted", ec2().describeNatGateways(b -> b.natGatewayIds(nat.id())).natGateways().get(0)
                .stateAsString());
        delete(eip);
        assertTrue(ec2().describeAddresses().addresses().isEmpty());
        delete(eip);
        for (Deployed d : List.of(attachment, igw, subnet, vpc)) {
            delete(d);
        }
    }

    @Test
    void networkAclEntriesAndAssociationReplaceTheSubnetsDefaultAcl() {
        Deployed vpc = vpc();
        Deployed subnet = create(new SubnetHandler(), "Data", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.3.0/24'}"));
        Deployed acl = create(new NetworkAclHandler(), "DataAcl", props("{'VpcId':'" + vpc.id() + "'}"));
        assertEquals(acl.id(), acl.att("Id"));
        Deployed entry = create(new NetworkAclEntryHandler(), "InHttps", props("{'NetworkAclId':'" + acl.id()
                + "','RuleNumber':100,'Protocol':'6','RuleAction':'allow','CidrBlock':'10.0.0.0/16',"
                + "'PortRange':{'From':443,'To':443}}"));
        assertTrue(entry.id().startsWith(STACK + "-InHttps-"));
        NetworkAcl a = ec2().describeNetworkAcls(b -> b.networkAclIds(acl.id())).networkAcls().get(0);
        assertTrue(a.entries().stream().anyMatch(e -> e.ruleNumber() == 100 && !e.egress()
                && e.portRange().from() == 443));
        assertTrue(replaces(entry, props("{'NetworkAclId':'" + acl.id() + "','RuleNumber':101,'Protocol':'6',"
                + "'RuleAction':'allow','CidrBlock':'10.0.0.0/16','PortRange':{'From':443,'To':443}}")));
        Deployed denied = update(entry, props("{'NetworkAclId':'" + acl.id() + "','RuleNumber':100,'Protocol':'6',"
                + "'RuleAction':'deny','CidrBlock':'10.0.0.0/16','PortRange':{'From':443,'To':443}}"));
        a = ec2().describeNetworkAcls(b -> b.networkAclIds(acl.id())).networkAcls().get(0);
        assertTrue(a.entries().stream().anyMatch(e -> e.ruleNumber() == 100 && "deny".equals(e.ruleActionAsString())));

        Deployed association = create(new SubnetNetworkAclAssociationHandler(), "DataAclAssoc", props(
                "{'SubnetId':'" + subnet.id() + "','NetworkAclId':'" + acl.id() + "'}"));
        assertEquals(association.id(), association.att("AssociationId"));
        assertEquals(subnet.id(), ec2().describeNetworkAcls(b -> b.networkAclIds(acl.id())).networkAcls().get(0)
                .associations().get(0).subnetId());
        delete(association);
        assertTrue(ec2().describeNetworkAcls(b -> b.networkAclIds(acl.id())).networkAcls().get(0).associations()
                .isEmpty(), "the subnet went back to the default ACL");
        delete(association);
        delete(denied);
        assertFalse(ec2().describeNetworkAcls(b -> b.networkAclIds(acl.id())).networkAcls().get(0).entries().stream()
                .anyMatch(e -> e.ruleNumber() == 100));
        delete(denied);
        delete(acl);
        delete(acl);
        delete(subnet);
        delete(vpc);
    }

    @Test
    void securityGroupInlineRulesAndStandaloneRules() {
        Deployed vpc = vpc();
        Deployed web = create(new SecurityGroupHandler(), "WebSg", props("{'GroupDescription':'web','VpcId':'"
                + vpc.id() + "','SecurityGroupIngress':[{'IpProtocol':'tcp','FromPort':443,'ToPort':443,"
                + "'CidrIp':'0.0.0.0/0'}],'Tags':[{'Key':'Tier','Value':'web'}]}"));
        assertTrue(web.id().startsWith("sg-"), "Ref of a VPC group is its id");
        assertEquals(web.id(), web.att("GroupId"));
        assertEquals(vpc.id(), web.att("VpcId"));
        SecurityGroup g = ec2().describeSecurityGroups(b -> b.groupIds(web.id())).securityGroups().get(0);
        assertTrue(g.groupName().startsWith(STACK + "-WebSg-"), g.groupName());
        assertEquals(1, g.ipPermissions().size());
        assertEquals(443, g.ipPermissions().get(0).fromPort());
        assertEquals("-1", g.ipPermissionsEgress().get(0).ipProtocol(), "the default egress rule stays");
        assertEquals("web", tags(g.tags()).get("Tier"));

        Deployed app = create(new SecurityGroupHandler(), "AppSg", props("{'GroupDescription':'app','VpcId':'"
                + vpc.id() + "','SecurityGroupEgress':[{'IpProtocol':'tcp','FromPort':5432,'ToPort':5432,"
                + "'CidrIp':'10.0.0.0/16'}]}"));
        g = ec2().describeSecurityGroups(b -> b.groupIds(app.id())).securityGroups().get(0);
        assertEquals(1, g.ipPermissionsEgress().size());
        assertEquals(5432, g.ipPermissionsEgress().get(0).fromPort(), "the template's egress replaces the default");

        Deployed ingress = create(new SecurityGroupIngressHandler(), "AppFromWeb", props("{'GroupId':'" + app.id()
                + "','IpProtocol':'tcp','FromPort':8080,'ToPort':8080,'SourceSecurityGroupId':'" + web.id() + "'}"));
        assertTrue(ingress.id().startsWith("sgr-"));
        g = ec2().describeSecurityGroups(b -> b.groupIds(app.id())).securityGroups().get(0);
        assertEquals(web.id(), g.ipPermissions().get(0).userIdGroupPairs().get(0).groupId());
        Deployed egress = create(new SecurityGroupEgressHandler(), "WebToApp", props("{'GroupId':'" + web.id()
                + "','IpProtocol':'tcp','FromPort':8080,'ToPort':8080,'DestinationSecurityGroupId':'" + app.id()
                + "'}"));
        assertTrue(egress.id().startsWith("sgr-"));
        assertEquals(2, ec2().describeSecurityGroups(b -> b.groupIds(web.id())).securityGroups().get(0)
                .ipPermissionsEgress().size());

        Deployed described = update(ingress, props("{'GroupId':'" + app.id() + "','IpProtocol':'tcp','FromPort':8080,"
                + "'ToPort':8080,'SourceSecurityGroupId':'" + web.id() + "','Description':'from web'}"));
        assertEquals(ingress.id(), described.id());
        assertEquals("from web", ec2().describeSecurityGroups(b -> b.groupIds(app.id())).securityGroups().get(0)
                .ipPermissions().get(0).userIdGroupPairs().get(0).description());
        assertTrue(replaces(described, props("{'GroupId':'" + app.id() + "','IpProtocol':'tcp','FromPort':8081,"
                + "'ToPort':8081,'SourceSecurityGroupId':'" + web.id() + "'}")));

        // In-place: web's ingress moves to 80; app's egress property is removed, leaving no egress rule.
        Deployed web2 = update(web, props("{'GroupDescription':'web','VpcId':'" + vpc.id()
                + "','SecurityGroupIngress':[{'IpProtocol':'tcp','FromPort':80,'ToPort':80,'CidrIp':'0.0.0.0/0'}]}"));
        List<IpPermission> in = ec2().describeSecurityGroups(b -> b.groupIds(web.id())).securityGroups().get(0)
                .ipPermissions();
        assertEquals(1, in.size());
        assertEquals(80, in.get(0).fromPort());
        Deployed app2 = update(app, props("{'GroupDescription':'app','VpcId':'" + vpc.id() + "'}"));
        g = ec2().describeSecurityGroups(b -> b.groupIds(app.id())).securityGroups().get(0);
        assertTrue(g.ipPermissionsEgress().isEmpty(), "the default rule does not come back");
        assertTrue(replaces(app2, props("{'GroupDescription':'application','VpcId':'" + vpc.id() + "'}")));

        // The group still referenced by app's rule cannot go first, as on AWS.
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> delete(web2));
        assertEquals("DependencyViolation", e.awsErrorDetails().errorCode());
        for (Deployed d : List.of(egress, described, web2, app2)) {
            delete(d);
            delete(d);
        }
        assertEquals(1, ec2().describeSecurityGroups(b -> b.filters(Filter.builder().name("vpc-id").values(vpc.id())
                .build())).securityGroups().size(), "only the default group is left");
        delete(vpc);
    }

    @Test
    void endpointPeeringAndTransitGateway() {
        Deployed vpc = vpc();
        Deployed peer = create(new VpcHandler(), "PeerVpc", props("{'CidrBlock':'10.1.0.0/16'}"));
        Deployed table = create(new RouteTableHandler(), "Rt", props("{'VpcId':'" + vpc.id() + "'}"));
        Deployed endpoint = create(new VpcEndpointHandler(), "S3Endpoint", props("{'VpcId':'" + vpc.id()
                + "','ServiceName':'com.amazonaws.us-east-1.s3','RouteTableIds':['" + table.id() + "']}"));
        assertTrue(endpoint.id().startsWith("vpce-"));
        assertEquals(endpoint.id(), endpoint.att("Id"));
        assertNotNull(endpoint.att("CreationTimestamp"));
        assertEquals(List.of(table.id()), ec2().describeVpcEndpoints(b -> b.vpcEndpointIds(endpoint.id()))
                .vpcEndpoints().get(0).routeTableIds());
        Deployed endpoint2 = update(endpoint, props("{'VpcId':'" + vpc.id()
                + "','ServiceName':'com.amazonaws.us-east-1.s3','RouteTableIds':[]}"));
        assertTrue(ec2().describeVpcEndpoints(b -> b.vpcEndpointIds(endpoint.id())).vpcEndpoints().get(0)
                .routeTableIds().isEmpty());

        Deployed peering = create(new VpcPeeringConnectionHandler(), "Peering", props("{'VpcId':'" + vpc.id()
                + "','PeerVpcId':'" + peer.id() + "'}"));
        assertTrue(peering.id().startsWith("pcx-"));
        assertEquals("active", ec2().describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(peering.id()))
                .vpcPeeringConnections().get(0).status().codeAsString(), "a same-account peering is accepted");

        Deployed tgw = create(new TransitGatewayHandler(), "Tgw", props("{'Description':'hub'}"));
        assertTrue(tgw.id().startsWith("tgw-"));
        assertTrue(tgw.att("TransitGatewayArn").endsWith(":transit-gateway/" + tgw.id()));
        gureum.context().clock().advance(Duration.ofMinutes(10));
        Deployed subnet = create(new SubnetHandler(), "TgwSubnet", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.9.0/24'}"));
        Deployed tgwAttachment = create(new TransitGatewayAttachmentHandler(), "TgwAttach", props(
                "{'TransitGatewayId':'" + tgw.id() + "','VpcId':'" + vpc.id() + "','SubnetIds':['" + subnet.id()
                        + "']}"));
        assertTrue(tgwAttachment.id().startsWith("tgw-attach-"));
        gureum.context().clock().advance(Duration.ofMinutes(10));
        for (Deployed d : List.of(tgwAttachment, peering, endpoint2)) {
            delete(d);
            delete(d);
        }
        gureum.context().clock().advance(Duration.ofMinutes(10));
        delete(tgw);
        delete(tgw);
    }

    private List<NatGatewayAddress> secondaries(String nat) {
        return ec2().describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0).natGatewayAddresses()
                .stream().filter(a -> !a.isPrimary()).toList();
    }

    /**
     * AWS::EC2::NatGateway's secondary addresses: created with the gateway, changed in place, gone with it. The clock
     * moves 20 s every 50 ms while handlers wait (NAT gateways settle in 60 s, their addresses in 2 s).
     */
    @Test
    void natGatewaySecondaryAddressesChangeInPlace() {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nat-clock-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> gureum.context().clock().advance(Duration.ofSeconds(20)), 50, 50,
                TimeUnit.MILLISECONDS);
        try {
            natGatewaySecondaryAddresses();
        } finally {
            ticker.shutdownNow();
        }
    }

    private void natGatewaySecondaryAddresses() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed subnet = create(new SubnetHandler(), "Subnet", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24'}"));
        Deployed igw = create(new InternetGatewayHandler(), "Igw", props("{}"));
        Deployed attachment = create(new VpcGatewayAttachmentHandler(), "Attach", props("{'VpcId':'" + vpc.id()
                + "','InternetGatewayId':'" + igw.id() + "'}"));
        Deployed primary = create(new EipHandler(), "Primary", props("{'Domain':'vpc'}"));
        Deployed second = create(new EipHandler(), "Second", props("{'Domain':'vpc'}"));
        Deployed third = create(new EipHandler(), "Third", props("{'Domain':'vpc'}"));

        String base = "'SubnetId':'" + subnet.id() + "','AllocationId':'" + primary.att("AllocationId") + "'";
        Deployed nat = create(new NatGatewayHandler(), "Nat", props("{" + base + ",'SecondaryAllocationIds':['"
                + second.att("AllocationId") + "']}"));
        assertTrue(nat.att("EniId").startsWith("eni-"), nat.att("EniId"));
        assertEquals(List.of(second.att("AllocationId")), secondaries(nat.id()).stream()
                .map(NatGatewayAddress::allocationId).toList());
        String swapped = "{" + base + ",'SecondaryAllocationIds':['" + third.att("AllocationId")
                + "'],'MaxDrainDurationSeconds':60}";
        assertFalse(replaces(nat, props(swapped)));
        Deployed updated = update(nat, props(swapped));
        assertEquals(nat.id(), updated.id());
        List<NatGatewayAddress> now = secondaries(nat.id());
        assertEquals(List.of(third.att("AllocationId")), now.stream().map(NatGatewayAddress::allocationId).toList());
        assertEquals("succeeded", now.get(0).statusAsString());
        assertNull(ec2().describeAddresses(b -> b.allocationIds(second.att("AllocationId"))).addresses().get(0)
                .associationId());

        Deployed privateNat = create(new NatGatewayHandler(), "Private", props("{'SubnetId':'" + subnet.id()
                + "','ConnectivityType':'private','SecondaryPrivateIpAddressCount':1}"));
        assertEquals(1, secondaries(privateNat.id()).size());
        Deployed grown = update(privateNat, props("{'SubnetId':'" + subnet.id()
                + "','ConnectivityType':'private','SecondaryPrivateIpAddressCount':3}"));
        assertEquals(3, secondaries(privateNat.id()).size());
        delete(grown);
        delete(updated);
        assertEquals("deleted", ec2().describeNatGateways(b -> b.natGatewayIds(nat.id())).natGateways().get(0)
                .stateAsString());
        assertNull(ec2().describeAddresses(b -> b.allocationIds(third.att("AllocationId"))).addresses().get(0)
                .associationId());
        for (Deployed d : List.of(primary, second, third, attachment, igw, subnet, vpc)) {
            delete(d);
        }
    }

    /** AWS::EC2::NetworkInterface's IPv6 addresses and prefixes, created and changed in place. */
    @Test
    void networkInterfaceIpv6AddressesAndPrefixes() {
        var vpc = ec2().createVpc(b -> b.cidrBlock("10.9.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
        String v56 = ec2().describeVpcs(b -> b.vpcIds(vpc.vpcId())).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0)
                .ipv6CidrBlock();
        String v64 = v56.replace("::/56", "::/64");
        String subnet = ec2().createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.9.1.0/24").ipv6CidrBlock(v64))
                .subnet().subnetId();
        String given = v64.replace("::/64", "::a");
        Deployed eni = create(new NetworkInterfaceHandler(), "Eni", props("{'SubnetId':'" + subnet
                + "','Ipv6Addresses':[{'Ipv6Address':'" + given + "'}],'Ipv6PrefixCount':1}"));
        var described = ec2().describeNetworkInterfaces(b -> b.networkInterfaceIds(eni.id())).networkInterfaces()
                .get(0);
        assertEquals(1, described.ipv6Addresses().size());
        assertEquals(1, described.ipv6Prefixes().size());
        String other = v64.replace("::/64", "::b");
        String next = "{'SubnetId':'" + subnet + "','Ipv6Addresses':[{'Ipv6Address':'" + other
                + "'}],'Ipv6PrefixCount':2}";
        assertFalse(replaces(eni, props(next)));
        Deployed updated = update(eni, props(next));
        described = ec2().describeNetworkInterfaces(b -> b.networkInterfaceIds(eni.id())).networkInterfaces().get(0);
        assertEquals(List.of(other.replace("::b", ":0:0:0:b")), described.ipv6Addresses().stream()
                .map(a -> a.ipv6Address()).toList());
        assertEquals(2, described.ipv6Prefixes().size());
        delete(updated);
        assertTrue(ec2().describeNetworkInterfaces(b -> b.filters(f -> f.name("subnet-id").values(subnet)))
                .networkInterfaces().isEmpty());
        ec2().deleteSubnet(b -> b.subnetId(subnet));
        ec2().deleteVpc(b -> b.vpcId(vpc.vpcId()));
    }
}
