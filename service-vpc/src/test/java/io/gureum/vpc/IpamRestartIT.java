package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation;
import software.amazon.awssdk.services.ec2.model.IpamScope;

/** IPAM's resources found again after a restart on the same --data-dir, journal replayed and from a snapshot. */
class IpamRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private Gureum start(boolean compacting) {
        if (compacting) {
            System.setProperty("gureum.compactBytes", "1");
        }
        try {
            return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void ipamSurvivesRestarts() {
        Ipam ipam;
        Ipam described;
        List<IpamScope> scopes;
        List<IpamPool> pools;
        List<IpamPoolCidr> cidrs;
        List<IpamPoolAllocation> allocations;
        List<IpamResourceDiscoveryAssociation> associations;
        String regional;
        String vpc;
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            ipam = ec2.createIpam(b -> b.description("kept").tagSpecifications(IpamIT.tags("ipam", "corp"))).ipam();
            String top = ec2.createIpamPool(b -> b.ipamScopeId(ipam.privateDefaultScopeId()).addressFamily("ipv4"))
                    .ipamPool().ipamPoolId();
            ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).cidr("10.0.0.0/8"));
            g.context().clock().advance(Duration.ofSeconds(3));
            regional = ec2.createIpamPool(b -> b.ipamScopeId(ipam.privateDefaultScopeId()).addressFamily("ipv4")
                    .sourceIpamPoolId(top).locale(REGION).allocationDefaultNetmaskLength(20)
                    .tagSpecifications(IpamIT.tags("ipam-pool", "regional"))).ipamPool().ipamPoolId();
            ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(regional).netmaskLength(16));
            g.context().clock().advance(Duration.ofSeconds(3));
            vpc = ec2.createVpc(b -> b.ipv4IpamPoolId(regional)).vpc().vpcId();
            ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(regional).description("manual"));
            String d = ec2.createIpamResourceDiscovery(b -> b.description("extra")).ipamResourceDiscovery()
                    .ipamResourceDiscoveryId();
            ec2.associateIpamResourceDiscovery(b -> b.ipamId(ipam.ipamId()).ipamResourceDiscoveryId(d));
            g.context().clock().advance(Duration.ofSeconds(3));
            described = ec2.describeIpams(b -> b.ipamIds(ipam.ipamId())).ipams().get(0);
            scopes = ec2.describeIpamScopes(b -> { }).ipamScopes();
            pools = ec2.describeIpamPools(b -> { }).ipamPools();
            cidrs = ec2.getIpamPoolCidrs(b -> b.ipamPoolId(regional)).ipamPoolCidrs();
            allocations = ec2.getIpamPoolAllocations(b -> b.ipamPoolId(regional)).ipamPoolAllocations();
            associations = ec2.describeIpamResourceDiscoveryAssociations(b -> { })
                    .ipamResourceDiscoveryAssociations();
            assertEquals(2, allocations.size());
            assertEquals(2, associations.size());
        }
        for (boolean compacting : new boolean[] {false, true}) {
            try (Gureum g = start(compacting); Ec2Client ec2 = ec2(g)) {
                Ipam now = ec2.describeIpams(b -> b.ipamIds(ipam.ipamId())).ipams().get(0);
                assertEquals(described, now);
                assertEquals(scopes, ec2.describeIpamScopes(b -> { }).ipamScopes());
                assertEquals(pools, ec2.describeIpamPools(b -> { }).ipamPools());
                assertEquals(cidrs, ec2.getIpamPoolCidrs(b -> b.ipamPoolId(regional)).ipamPoolCidrs());
                assertEquals(allocations, ec2.getIpamPoolAllocations(b -> b.ipamPoolId(regional))
                        .ipamPoolAllocations());
                assertEquals(associations, ec2.describeIpamResourceDiscoveryAssociations(b -> { })
                        .ipamResourceDiscoveryAssociations());
                assertEquals(1, ec2.describeIpamPools(b -> b.filters(filter("tag:Name", "regional"))).ipamPools()
                        .size(), "tags kept in the registry");
                assertEquals("corp", ec2.describeTags(b -> b.filters(filter("resource-id", ipam.ipamId()))).tags()
                        .get(0).value());
            }
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            // The restored pool goes on allocating after what it holds, and DeleteVpc still releases.
            assertEquals("10.0.32.0/20", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(regional)).ipamPoolAllocation()
                    .cidr());
            ec2.deleteVpc(b -> b.vpcId(vpc));
            assertTrue(ec2.getIpamPoolAllocations(b -> b.ipamPoolId(regional)).ipamPoolAllocations().stream()
                    .noneMatch(a -> vpc.equals(a.resourceId())));
        }
    }
}
