package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import io.gureum.cloudformation.resource.ResourceFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;

/** AWS::EC2::IPAM and its scopes, pools, pool CIDRs, allocations and resource discoveries through the SPI. */
class IpamHandlersIT extends HandlerTestSupport {
    /** Moves the core clock while a handler waits for states that settle on it (2 s each), rather than waiting. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.gureum.cloudformation.resource.ClockTicker ticker = new io.gureum.cloudformation.resource.ClockTicker(
            () -> gureum);

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    /** The describe call by ID fails with the family's NotFound error: the resource is gone. */
    static void gone(org.junit.jupiter.api.function.Executable describe) {
        String code = assertThrows(software.amazon.awssdk.awscore.exception.AwsServiceException.class, describe)
                .awsErrorDetails().errorCode();
        assertTrue(code.startsWith("InvalidIpam") && code.endsWith(".NotFound"), code);
    }

    Ipam ipam(String id) {
        return ec2().describeIpams(b -> b.ipamIds(id)).ipams().get(0);
    }

    IpamPool pool(String id) {
        return ec2().describeIpamPools(b -> b.ipamPoolIds(id)).ipamPools().get(0);
    }

    List<IpamPoolCidr> cidrs(String pool) {
        return ec2().getIpamPoolCidrs(b -> b.ipamPoolId(pool)).ipamPoolCidrs();
    }

    List<IpamPoolAllocation> allocations(String pool) {
        return ec2().getIpamPoolAllocations(b -> b.ipamPoolId(pool)).ipamPoolAllocations();
    }

    @Test
    void ipamScopeAndResourceDiscovery() {
        Deployed i = create(new IpamHandler(), "Ipam", props("{'Description':'corp','Tier':'free',"
                + "'OperatingRegions':[{'RegionName':'us-east-1'},{'RegionName':'eu-west-1'}],"
                + "'Tags':[{'Key':'Name','Value':'corp'}]}"));
        assertTrue(i.id().startsWith("ipam-"), i.id());
        assertEquals(i.id(), i.att("IpamId"));
        assertEquals("arn:aws:ec2::" + account + ":ipam/" + i.id(), i.att("Arn"));
        assertEquals("2", i.att("ScopeCount"));
        assertEquals("1", i.att("ResourceDiscoveryAssociationCount"));
        Ipam described = ipam(i.id());
        assertEquals("create-complete", described.stateAsString());
        assertEquals(described.privateDefaultScopeId(), i.att("PrivateDefaultScopeId"));
        assertEquals(described.publicDefaultScopeId(), i.att("PublicDefaultScopeId"));
        assertEquals(described.defaultResourceDiscoveryId(), i.att("DefaultResourceDiscoveryId"));
        assertEquals("free", described.tierAsString());
        assertTrue(described.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("corp")));

        String changed = "{'Description':'corporate','Tier':'advanced','OperatingRegions':[{'RegionName':'us-east-1'},"
                + "{'RegionName':'ap-northeast-2'}],'Tags':[{'Key':'Name','Value':'corp2'}]}";
        assertFalse(replaces(i, props(changed)));
        Deployed i2 = update(i, props(changed));
        Ipam after = ipam(i2.id());
        assertEquals("corporate", after.description());
        assertEquals("advanced", after.tierAsString());
        assertEquals(List.of("us-east-1", "ap-northeast-2"), after.operatingRegions().stream()
                .map(x -> x.regionName()).toList());
        assertEquals("modify-complete", after.stateAsString());

        Deployed scope = create(new IpamScopeHandler(), "Scope", props("{'IpamId':'" + i.id()
                + "','Description':'dev'}"));
        assertEquals("private", scope.att("IpamScopeType"));
        assertEquals("false", scope.att("IsDefault"));
        assertEquals(i.att("Arn"), scope.att("IpamArn"));
        assertTrue(replaces(scope, props("{'IpamId':'ipam-00000000000000000'}")));
        Deployed scope2 = update(scope, props("{'IpamId':'" + i.id() + "','Description':'development'}"));
        assertEquals("development", ec2().describeIpamScopes(b -> b.ipamScopeIds(scope.id())).ipamScopes().get(0)
                .description());
        delete(scope2);
        gone(() -> ec2().describeIpamScopes(b -> b.ipamScopeIds(scope.id())));
        delete(scope2); // already gone: still deleted

        Deployed d = create(new IpamResourceDiscoveryHandler(), "Disco", props("{'Description':'extra',"
                + "'OperatingRegions':[{'RegionName':'us-west-2'}],"
                + "'OrganizationalUnitExclusions':[{'OrganizationsEntityPath':'o-abc/r-ab12/ou-ab12-11111111'}]}"));
        assertEquals("false", d.att("IsDefault"));
        assertEquals(REGION, d.att("IpamResourceDiscoveryRegion"));
        assertEquals(account, d.att("OwnerId"));
        var disco = ec2().describeIpamResourceDiscoveries(b -> b.ipamResourceDiscoveryIds(d.id()))
                .ipamResourceDiscoveries().get(0);
        assertEquals(1, disco.organizationalUnitExclusions().size());
        assertEquals(List.of(REGION, "us-west-2"), disco.operatingRegions().stream().map(x -> x.regionName())
                .toList());
        Deployed d2 = update(d, props("{'Description':'more','OperatingRegions':[{'RegionName':'eu-west-1'}]}"));
        disco = ec2().describeIpamResourceDiscoveries(b -> b.ipamResourceDiscoveryIds(d.id()))
                .ipamResourceDiscoveries().get(0);
        assertEquals("more", disco.description());
        assertEquals(List.of(REGION, "eu-west-1"), disco.operatingRegions().stream().map(x -> x.regionName())
                .toList());
        assertTrue(disco.organizationalUnitExclusions().isEmpty());

        Deployed a = create(new IpamResourceDiscoveryAssociationHandler(), "Assoc", props("{'IpamId':'" + i.id()
                + "','IpamResourceDiscoveryId':'" + d.id() + "'}"));
        assertEquals("associate-complete", a.att("State"));
        assertEquals("active", a.att("ResourceDiscoveryStatus"));
        assertEquals("false", a.att("IsDefault"));
        assertEquals(i.att("Arn"), a.att("IpamArn"));
        assertTrue(replaces(a, props("{'IpamId':'" + i.id() + "','IpamResourceDiscoveryId':'x'}")));
        Deployed a2 = update(a, props("{'IpamId':'" + i.id() + "','IpamResourceDiscoveryId':'" + d.id()
                + "','Tags':[{'Key':'k','Value':'v'}]}"));
        assertTrue(ec2().describeIpamResourceDiscoveryAssociations(b -> b.ipamResourceDiscoveryAssociationIds(a.id()))
                .ipamResourceDiscoveryAssociations().get(0).tags().stream().anyMatch(t -> t.key().equals("k")));
        assertEquals(2, ipam(i.id()).resourceDiscoveryAssociationCount());
        delete(a2);
        gone(() -> ec2().describeIpamResourceDiscoveryAssociations(b -> b.ipamResourceDiscoveryAssociationIds(
                a.id())));
        delete(d2);
        gone(() -> ec2().describeIpamResourceDiscoveries(b -> b.ipamResourceDiscoveryIds(d.id())));
        delete(i2);
        gone(() -> ec2().describeIpams(b -> b.ipamIds(i.id())));
        delete(i2);
    }

    @Test
    void poolsCidrsAllocationsAndAVpcFromAPool() {
        Deployed i = create(new IpamHandler(), "Ipam", props("{}"));
        String scope = i.att("PrivateDefaultScopeId");
        Deployed top = create(new IpamPoolHandler(), "Top", props("{'IpamScopeId':'" + scope
                + "','AddressFamily':'ipv4','ProvisionedCidrs':[{'Cidr':'10.0.0.0/8'}],'Description':'top'}"));
        assertEquals("create-complete", top.att("State"));
        assertEquals("1", top.att("PoolDepth"));
        assertEquals("private", top.att("IpamScopeType"));
        assertEquals("arn:aws:ec2::" + account + ":ipam-pool/" + top.id(), top.att("Arn"));
        assertEquals("provisioned", cidrs(top.id()).get(0).stateAsString());

        Deployed regional = create(new IpamPoolHandler(), "Regional", props("{'IpamScopeId':'" + scope
                + "','AddressFamily':'ipv4','SourceIpamPoolId':'" + top.id() + "','Locale':'" + REGION
                + "','AllocationDefaultNetmaskLength':24,'AllocationResourceTags':[{'Key':'team','Value':'net'}]}"));
        assertEquals("2", regional.att("PoolDepth"));
        Deployed cidr = create(new IpamPoolCidrHandler(), "RegionalCidr", props("{'IpamPoolId':'" + regional.id()
                + "','NetmaskLength':16}"));
        String cidrId = cidr.att("IpamPoolCidrId");
        assertEquals(regional.id() + "|" + cidrId, cidr.id());
        assertEquals("provisioned", cidr.att("State"));
        assertEquals("10.0.0.0/16", cidrs(regional.id()).get(0).cidr());
        assertTrue(replaces(cidr, props("{'IpamPoolId':'" + regional.id() + "','NetmaskLength':20}")));

        Deployed alloc = create(new IpamAllocationHandler(), "Alloc", props("{'IpamPoolId':'" + regional.id()
                + "','Description':'manual'}"));
        String allocId = alloc.att("IpamPoolAllocationId");
        assertEquals(regional.id() + "|" + allocId + "|10.0.0.0/24", alloc.id());
        // The pool's AllocationResourceTags are required of the VPC.
        assertThrows(software.amazon.awssdk.awscore.exception.AwsServiceException.class, () -> create(
                new VpcHandler(), "Untagged", props("{'Ipv4IpamPoolId':'" + regional.id() + "'}")));
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'Ipv4IpamPoolId':'" + regional.id()
                + "','Ipv4NetmaskLength':20,'Tags':[{'Key':'team','Value':'net'}]}"));
        assertEquals("10.0.16.0/20", vpc.att("CidrBlock"));
        IpamPoolAllocation forVpc = allocations(regional.id()).stream().filter(x -> vpc.id().equals(x.resourceId()))
                .findFirst().orElseThrow();
        assertEquals("vpc", forVpc.resourceTypeAsString());

        // In place: the allocation rules, description and a second provisioned CIDR.
        String changed = "{'IpamScopeId':'" + scope + "','AddressFamily':'ipv4','Description':'root',"
                + "'AllocationMaxNetmaskLength':24,'ProvisionedCidrs':[{'Cidr':'10.0.0.0/8'},{'Cidr':'172.16.0.0/12'}]}";
        assertFalse(replaces(top, props(changed)));
        assertTrue(replaces(top, props("{'IpamScopeId':'" + scope + "','AddressFamily':'ipv6'}")));
        Deployed top2 = update(top, props(changed));
        IpamPool now = pool(top.id());
        assertEquals("root", now.description());
        assertEquals(24, now.allocationMaxNetmaskLength());
        assertEquals(2, cidrs(top.id()).stream().filter(x -> x.stateAsString().equals("provisioned")).count());

        // A CIDR the source pool does not have free fails the resource with EC2's reason.
        ResourceFailure failure = assertThrows(ResourceFailure.class, () -> create(new IpamPoolCidrHandler(), "Bad",
                props("{'IpamPoolId':'" + regional.id() + "','Cidr':'192.168.0.0/16'}")));
        assertTrue(failure.getMessage().contains("failed"), failure.getMessage());

        delete(vpc);
        delete(alloc);
        assertTrue(allocations(regional.id()).isEmpty());
        delete(alloc); // already released
        delete(cidr);
        assertEquals("deprovisioned", cidrs(regional.id()).stream().filter(x -> x.ipamPoolCidrId().equals(cidrId))
                .findFirst().orElseThrow().stateAsString());
        delete(regional);
        delete(top2);
        gone(() -> ec2().describeIpamPools(b -> b.ipamPoolIds(top.id())));
        gone(() -> ec2().describeIpamPools(b -> b.ipamPoolIds(regional.id())));
        delete(i);
        gone(() -> ec2().describeIpams(b -> b.ipamIds(i.id())));
    }
}
