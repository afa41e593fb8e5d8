package io.gureum.vpc;

import static io.gureum.vpc.IpamIT.REGION;
import static io.gureum.vpc.IpamIT.tags;
import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;
import software.amazon.awssdk.services.ec2.model.IpamResourceCidr;
import software.amazon.awssdk.services.ec2.model.RequestIpamResourceTag;

/** IPAM pools, their CIDRs and allocations, and VPCs that take their blocks from a pool, through the SDK. */
class IpamPoolsIT extends Ec2TestBase {

    /** {@link #fails(String, Executable)} with why the call must fail, for the reader. */
    static String fails(String code, Executable call, String why) {
        return fails(code, call);
    }

    static List<IpamPoolCidr> cidrs(Ec2Client ec2, String pool) {
        return ec2.getIpamPoolCidrs(b -> b.ipamPoolId(pool)).ipamPoolCidrs();
    }

    static List<IpamPoolAllocation> allocations(Ec2Client ec2, String pool) {
        return ec2.getIpamPoolAllocations(b -> b.ipamPoolId(pool)).ipamPoolAllocations();
    }

    /** An IPAM with a top-level private pool holding 10.0.0.0/8, and a regional pool of 10.0.0.0/16 in it. */
    record Pools(Ipam ipam, String top, String regional) {
    }

    static Pools pools(Ec2Client ec2) {
        Ipam i = ec2.createIpam(b -> b.description("pools")).ipam();
        String top = ec2.createIpamPool(b -> b.ipamScopeId(i.privateDefaultScopeId()).addressFamily("ipv4"))
                .ipamPool().ipamPoolId();
        ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).cidr("10.0.0.0/8"));
        advanceClock(Duration.ofSeconds(3));
        String regional = ec2.createIpamPool(b -> b.ipamScopeId(i.privateDefaultScopeId()).addressFamily("ipv4")
                .sourceIpamPoolId(top).locale(REGION).allocationMinNetmaskLength(16).allocationMaxNetmaskLength(28)
                .allocationDefaultNetmaskLength(24)).ipamPool().ipamPoolId();
        ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(regional).cidr("10.0.0.0/16"));
        advanceClock(Duration.ofSeconds(3));
        return new Pools(i, top, regional);
    }

    @Test
    void createDescribeModifyPools() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            Ipam i = ec2.createIpam(b -> b.description("p")).ipam();
            String scope = i.privateDefaultScopeId();
            fails("DryRunOperation", 412, () -> ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4")
                    .dryRun(true)));
            fails("InvalidIpamScopeId.NotFound", () -> ec2.createIpamPool(b -> b
                    .ipamScopeId("ipam-scope-00000000000000000").addressFamily("ipv4")));
            fails("InvalidParameterValue", () -> ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4")
                    .locale("eu-central-1")));
            fails("InvalidParameterValue", () -> ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4")
                    .allocationMinNetmaskLength(24).allocationMaxNetmaskLength(16)));
            fails("InvalidParameterValue", () -> ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4")
                    .allocationMaxNetmaskLength(33)));
            fails("InvalidParameterValue", () -> ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4")
                    .allocationMinNetmaskLength(20).allocationDefaultNetmaskLength(16)));
            fails("InvalidIpamPoolId.NotFound", () -> ec2.createIpamPool(b -> b.ipamScopeId(scope)
                    .addressFamily("ipv4").sourceIpamPoolId("ipam-pool-00000000000000000")));

            IpamPool p = ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4").description("top")
                    .allocationResourceTags(RequestIpamResourceTag.builder().key("team").value("net").build())
                    .tagSpecifications(tags("ipam-pool", "top"))).ipamPool();
            assertTrue(p.ipamPoolId().matches("ipam-pool-[0-9a-f]{17}"), p.ipamPoolId());
            assertEquals("arn:aws:ec2::" + account + ":ipam-pool/" + p.ipamPoolId(), p.ipamPoolArn());
            assertEquals(i.ipamArn(), p.ipamArn());
            assertEquals("private", p.ipamScopeTypeAsString());
            assertEquals("None", p.locale());
            assertEquals(1, p.poolDepth());
            assertEquals("create-in-progress", p.stateAsString());
            assertEquals("net", p.allocationResourceTags().get(0).value());
            assertEquals("top", p.tags().get(0).value());
            fails("InvalidParameterValue", () -> ec2.createIpamPool(b -> b.ipamScopeId(i.publicDefaultScopeId())
                    .addressFamily("ipv4").sourceIpamPoolId(p.ipamPoolId())));
            fails("InvalidParameterValue", () -> ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv6")
                    .sourceIpamPoolId(p.ipamPoolId())));
            IpamPool child = ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4")
                    .sourceIpamPoolId(p.ipamPoolId()).locale(REGION)).ipamPool();
            assertEquals(2, child.poolDepth());
            assertEquals(p.ipamPoolId(), child.sourceIpamPoolId());
            assertEquals(REGION, child.locale());

            assertEquals(1, ec2.describeIpamPools(b -> b.filters(filter("locale", REGION))).ipamPools().size());
            assertEquals(1, ec2.describeIpamPools(b -> b.filters(filter("source-ipam-pool-id", p.ipamPoolId())))
                    .ipamPools().size());
            assertEquals(2, ec2.describeIpamPools(b -> b.filters(filter("ipam-scope-id", scope))).ipamPools()
                    .size());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("create-complete", ec2.describeIpamPools(b -> b.ipamPoolIds(p.ipamPoolId())).ipamPools()
                    .get(0).stateAsString());

            fails("InvalidParameterValue", () -> ec2.modifyIpamPool(b -> b.ipamPoolId(p.ipamPoolId())
                    .allocationMinNetmaskLength(30).allocationMaxNetmaskLength(20)));
            fails("InvalidParameterCombination", () -> ec2.modifyIpamPool(b -> b.ipamPoolId(p.ipamPoolId())
                    .allocationDefaultNetmaskLength(20).clearAllocationDefaultNetmaskLength(true)));
            IpamPool m = ec2.modifyIpamPool(b -> b.ipamPoolId(p.ipamPoolId()).description("root")
                    .allocationDefaultNetmaskLength(20)
                    .addAllocationResourceTags(RequestIpamResourceTag.builder().key("cost").value("1").build())
                    .removeAllocationResourceTags(RequestIpamResourceTag.builder().key("team").build())).ipamPool();
            assertEquals("root", m.description());
            assertEquals(20, m.allocationDefaultNetmaskLength());
            assertEquals("modify-in-progress", m.stateAsString());
            assertEquals(List.of("cost"), m.allocationResourceTags().stream().map(t -> t.key()).toList());
            assertNull(ec2.modifyIpamPool(b -> b.ipamPoolId(p.ipamPoolId()).clearAllocationDefaultNetmaskLength(true))
                    .ipamPool().allocationDefaultNetmaskLength());
            fails("InvalidIpamPoolId.NotFound", () -> ec2.modifyIpamPool(b -> b
                    .ipamPoolId("ipam-pool-00000000000000000")));

            fails("DependencyViolation", () -> ec2.deleteIpamPool(b -> b.ipamPoolId(p.ipamPoolId())));
            fails("DryRunOperation", 412, () -> ec2.deleteIpamPool(b -> b.ipamPoolId(child.ipamPoolId())
                    .dryRun(true)));
            assertEquals("delete-in-progress", ec2.deleteIpamPool(b -> b.ipamPoolId(child.ipamPoolId())).ipamPool()
                    .stateAsString());
            ec2.deleteIpamPool(b -> b.ipamPoolId(p.ipamPoolId()));
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidIpamPoolId.NotFound", () -> ec2.describeIpamPools(b -> b.ipamPoolIds(p.ipamPoolId())));
        }
    }

    @Test
    void provisionAndDeprovisionCidrs() {
        try (Ec2Client ec2 = ec2(newAccount(), REGION)) {
            Ipam i = ec2.createIpam(b -> b.description("c")).ipam();
            String top = ec2.createIpamPool(b -> b.ipamScopeId(i.privateDefaultScopeId()).addressFamily("ipv4"))
                    .ipamPool().ipamPoolId();
            fails("InvalidParameterValue", () -> ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).cidr("10.0.0.1/8")));
            fails("InvalidParameterValue", () -> ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top)
                    .cidr("2001:db8::/32")));
            fails("InvalidParameterValue", () -> ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).netmaskLength(8)));
            fails("InvalidParameterCombination", () -> ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top)
                    .cidr("10.0.0.0/8").netmaskLength(8)));
            fails("DryRunOperation", 412, () -> ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).cidr("10.0.0.0/8")
                    .dryRun(true)));
            fails("InvalidIpamPoolId.NotFound", () -> ec2.provisionIpamPoolCidr(b -> b
                    .ipamPoolId("ipam-pool-00000000000000000").cidr("10.0.0.0/8")));
            IpamPoolCidr c = ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).cidr("10.0.0.0/8")).ipamPoolCidr();
            assertEquals("pending-provision", c.stateAsString());
            assertEquals(8, c.netmaskLength());
            assertTrue(c.ipamPoolCidrId().startsWith("ipam-pool-cidr-"), c.ipamPoolCidrId());
            // Overlapping the pool's own CIDR: provisioning fails, as AWS reports it, asynchronously.
            ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(top).cidr("10.1.0.0/16"));
            advanceClock(Duration.ofSeconds(3));
            List<IpamPoolCidr> all = cidrs(ec2, top);
            assertEquals("provisioned", all.get(0).stateAsString());
            assertEquals("failed-provision", all.get(1).stateAsString());
            assertEquals("cidr-not-available", all.get(1).failureReason().codeAsString());
            assertEquals(1, ec2.getIpamPoolCidrs(b -> b.ipamPoolId(top).filters(filter("state", "provisioned")))
                    .ipamPoolCidrs().size());

            // A nested pool takes its CIDR from its source pool, where it is an allocation.
            String child = ec2.createIpamPool(b -> b.ipamScopeId(i.privateDefaultScopeId()).addressFamily("ipv4")
                    .sourceIpamPoolId(top).locale(REGION)).ipamPool().ipamPoolId();
            IpamPoolCidr nested = ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(child).netmaskLength(16))
                    .ipamPoolCidr();
            assertEquals("10.0.0.0/16", nested.cidr());
            IpamPoolAllocation inTop = allocations(ec2, top).get(0);
            assertEquals("ipam-pool", inTop.resourceTypeAsString());
            assertEquals(child, inTop.resourceId());
            assertEquals("10.0.0.0/16", inTop.cidr());
            assertEquals("10.1.0.0/16", ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(child).netmaskLength(16))
                    .ipamPoolCidr().cidr(), "the first free /16");
            IpamPoolCidr outside = ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(child).cidr("192.168.0.0/16"))
                    .ipamPoolCidr();
            advanceClock(Duration.ofSeconds(3));
            IpamPoolCidr failed = cidrs(ec2, child).stream().filter(x -> x.ipamPoolCidrId().equals(outside
                    .ipamPoolCidrId())).findFirst().orElseThrow();
            assertEquals("failed-provision", failed.stateAsString());

            fails("InvalidParameterValue", () -> ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(top)
                    .cidr("10.0.0.0/8")), "it has allocations");
            fails("InvalidParameterValue", () -> ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(child)
                    .cidr("10.9.0.0/16")));
            fails("DryRunOperation", 412, () -> ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(child)
                    .cidr("10.1.0.0/16").dryRun(true)));
            assertEquals("pending-deprovision", ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(child)
                    .cidr("10.1.0.0/16")).ipamPoolCidr().stateAsString());
            assertEquals(1, allocations(ec2, top).size(), "back in the source pool");
            fails("IncorrectState", () -> ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(child)
                    .cidr("10.1.0.0/16")), "already being deprovisioned");
            advanceClock(Duration.ofSeconds(3));
            assertEquals(1, ec2.getIpamPoolCidrs(b -> b.ipamPoolId(child).filters(filter("state", "deprovisioned")))
                    .ipamPoolCidrs().size());
        }
    }

    @Test
    void allocateAndRelease() {
        try (Ec2Client ec2 = ec2(newAccount(), REGION)) {
            Pools p = pools(ec2);
            String pool = p.regional();
            fails("DryRunOperation", 412, () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).dryRun(true)));
            IpamPoolAllocation a = ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).description("ops")
                    .clientToken("alloc-1")).ipamPoolAllocation();
            assertEquals("10.0.0.0/24", a.cidr(), "the default netmask length, first free block");
            assertEquals("custom", a.resourceTypeAsString());
            assertTrue(a.ipamPoolAllocationId().startsWith("ipam-pool-alloc-"), a.ipamPoolAllocationId());
            assertEquals(a.ipamPoolAllocationId(), ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)
                    .clientToken("alloc-1")).ipamPoolAllocation().ipamPoolAllocationId(), "idempotent");
            assertEquals("10.0.1.0/24", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).previewNextCidr(true))
                    .ipamPoolAllocation().cidr());
            assertEquals(1, allocations(ec2, pool).size(), "a preview allocates nothing");
            assertEquals("10.0.4.0/22", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).netmaskLength(22))
                    .ipamPoolAllocation().cidr(), "aligned past the /24");
            assertEquals("10.0.1.0/24", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).netmaskLength(24))
                    .ipamPoolAllocation().cidr(), "the first gap");
            assertEquals("10.0.200.0/24", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).cidr("10.0.200.0/24"))
                    .ipamPoolAllocation().cidr());
            assertEquals("10.0.3.0/24", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)
                    .disallowedCidrs("10.0.2.0/24")).ipamPoolAllocation().cidr());
            assertEquals("10.0.128.0/24", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)
                    .allowedCidrs("10.0.128.0/17")).ipamPoolAllocation().cidr());

            fails("InvalidParameterValue", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)
                    .cidr("10.0.200.128/25")), "overlaps an allocation");
            fails("InvalidParameterValue", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)
                    .cidr("10.1.0.0/24")), "outside the pool");
            fails("InvalidParameterValue", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).netmaskLength(8)),
                    "below the minimum netmask length");
            fails("InvalidParameterValue", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).netmaskLength(29)),
                    "above the maximum");
            fails("InvalidParameterCombination", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)
                    .cidr("10.0.9.0/24").netmaskLength(24)));
            fails("InvalidParameterValue", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(p.top())),
                    "no default netmask length on the top pool");
            fails("InvalidParameterValue", () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool).netmaskLength(16)),
                    "no free /16 left");
            assertEquals("The allocation size is too big for the pool.", fails("InvalidParameterValue",
                    () -> ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(p.top()).netmaskLength(7))));

            assertEquals(1, ec2.getIpamPoolAllocations(b -> b.ipamPoolId(pool)
                    .ipamPoolAllocationId(a.ipamPoolAllocationId())).ipamPoolAllocations().size());
            assertEquals(1, ec2.getIpamPoolAllocations(b -> b.ipamPoolId(pool)
                    .filters(filter("cidr", "10.0.4.0/22"))).ipamPoolAllocations().size());
            fails("InvalidIpamPoolAllocationId.NotFound", () -> ec2.getIpamPoolAllocations(b -> b.ipamPoolId(pool)
                    .ipamPoolAllocationId("ipam-pool-alloc-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.getIpamPoolAllocations(b -> b.ipamPoolId(pool).maxResults(5)));

            fails("InvalidParameterCombination", () -> ec2.releaseIpamPoolAllocation(b -> b.ipamPoolId(pool)
                    .ipamPoolAllocationId(a.ipamPoolAllocationId()).cidr("10.0.1.0/24")), "not its CIDR");
            fails("InvalidParameterCombination", () -> ec2.releaseIpamPoolAllocation(b -> b
                    .ipamPoolId(pool).ipamPoolAllocationId("ipam-pool-alloc-00000000000000000").cidr("10.0.0.0/24")));
            String nested = allocations(ec2, p.top()).get(0).ipamPoolAllocationId();
            fails("InvalidParameterValue", () -> ec2.releaseIpamPoolAllocation(b -> b.ipamPoolId(p.top())
                    .ipamPoolAllocationId(nested).cidr("10.0.0.0/16")), "only manual allocations");
            fails("DryRunOperation", 412, () -> ec2.releaseIpamPoolAllocation(b -> b.ipamPoolId(pool)
                    .ipamPoolAllocationId(a.ipamPoolAllocationId()).cidr("10.0.0.0/24").dryRun(true)));
            assertTrue(ec2.releaseIpamPoolAllocation(b -> b.ipamPoolId(pool)
                    .ipamPoolAllocationId(a.ipamPoolAllocationId()).cidr("10.0.0.0/24")).success());
            assertEquals("10.0.0.0/24", ec2.allocateIpamPoolCidr(b -> b.ipamPoolId(pool)).ipamPoolAllocation()
                    .cidr(), "free again");

            // Cascade deletes the pool within, its allocations and CIDRs.
            fails("DependencyViolation", () -> ec2.deleteIpamPool(b -> b.ipamPoolId(p.top())));
            ec2.deleteIpamPool(b -> b.ipamPoolId(p.top()).cascade(true));
            fails("InvalidIpamPoolId.NotFound", () -> ec2.getIpamPoolAllocations(b -> b.ipamPoolId(pool)));
        }
    }

    @Test
    void vpcsTakeTheirBlocksFromAPool() {
        try (Ec2Client ec2 = ec2(newAccount(), REGION)) {
            Pools p = pools(ec2);
            String pool = p.regional();
            fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.ipv4IpamPoolId(p.top())
                    .ipv4NetmaskLength(20)), "the top pool has no locale");
            fails("InvalidIpamPoolId.NotFound", () -> ec2.createVpc(b -> b.ipv4IpamPoolId(
                    "ipam-pool-00000000000000000").ipv4NetmaskLength(20)));
            fails("MissingParameter", () -> ec2.createVpc(b -> b.ipv4NetmaskLength(20)));
            fails("DryRunOperation", 412, () -> ec2.createVpc(b -> b.ipv4IpamPoolId(pool).ipv4NetmaskLength(20)
                    .dryRun(true)));
            assertTrue(allocations(ec2, pool).isEmpty(), "a dry run allocates nothing");
            var vpc = ec2.createVpc(b -> b.ipv4IpamPoolId(pool).ipv4NetmaskLength(20)).vpc();
            assertEquals("10.0.0.0/20", vpc.cidrBlock());
            var second = ec2.createVpc(b -> b.ipv4IpamPoolId(pool)).vpc();
            assertEquals("10.0.16.0/24", second.cidrBlock(), "the pool's default netmask length");
            IpamPoolAllocation a = allocations(ec2, pool).get(0);
            assertEquals("vpc", a.resourceTypeAsString());
            assertEquals(vpc.vpcId(), a.resourceId());
            assertEquals(REGION, a.resourceRegion());
            fails("InvalidParameterValue", () -> ec2.releaseIpamPoolAllocation(b -> b.ipamPoolId(pool)
                    .ipamPoolAllocationId(a.ipamPoolAllocationId()).cidr(a.cidr())), "a VPC's allocation");

            var assoc = ec2.associateVpcCidrBlock(b -> b.vpcId(vpc.vpcId()).ipv4IpamPoolId(pool)
                    .ipv4NetmaskLength(24)).cidrBlockAssociation();
            assertEquals("10.0.17.0/24", assoc.cidrBlock());
            assertEquals(3, allocations(ec2, pool).size());

            List<IpamResourceCidr> managed = ec2.getIpamResourceCidrs(b -> b.ipamScopeId(
                    p.ipam().privateDefaultScopeId()).ipamPoolId(pool)).ipamResourceCidrs();
            assertEquals(3, managed.size(), managed.toString());
            assertTrue(managed.stream().allMatch(x -> x.managementStateAsString().equals("managed")
                    && x.complianceStatusAsString().equals("compliant")));
            assertTrue(ec2.getIpamResourceCidrs(b -> b.ipamScopeId(p.ipam().privateDefaultScopeId())
                    .filters(filter("management-state", "unmanaged"), filter("resource-type", "vpc")))
                    .ipamResourceCidrs().stream().anyMatch(x -> x.resourceCidr().equals("172.31.0.0/16")),
                    "the default VPC is monitored, not managed");
            assertTrue(ec2.getIpamResourceCidrs(b -> b.ipamScopeId(p.ipam().publicDefaultScopeId()))
                    .ipamResourceCidrs().isEmpty());
            fails("InvalidIpamScopeId.NotFound", () -> ec2.getIpamResourceCidrs(b -> b
                    .ipamScopeId("ipam-scope-00000000000000000")));

            ec2.disassociateVpcCidrBlock(b -> b.associationId(assoc.associationId()));
            assertEquals(2, allocations(ec2, pool).size(), "the disassociated block is released");
            ec2.deleteVpc(b -> b.vpcId(vpc.vpcId()));
            assertEquals(List.of("10.0.16.0/24"), allocations(ec2, pool).stream().map(x -> x.cidr()).toList());
            fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.ipv4IpamPoolId(pool).ipv4NetmaskLength(12)),
                    "outside the pool's rules");

            // A pool's AllocationResourceTags are required of the resources that take its blocks.
            ec2.modifyIpamPool(b -> b.ipamPoolId(pool).addAllocationResourceTags(RequestIpamResourceTag.builder()
                    .key("team").value("net").build()));
            assertEquals("The resource is missing one or more of the resource tags required by the IPAM pool.",
                    fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.ipv4IpamPoolId(pool))));
            fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.ipv4IpamPoolId(pool).tagSpecifications(
                    software.amazon.awssdk.services.ec2.model.TagSpecification.builder().resourceType("vpc")
                            .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("team").value("ops")
                                    .build()).build())));
            String tagged = ec2.createVpc(b -> b.ipv4IpamPoolId(pool).tagSpecifications(
                    software.amazon.awssdk.services.ec2.model.TagSpecification.builder().resourceType("vpc")
                            .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("team").value("net")
                                    .build()).build())).vpc().vpcId();
            ec2.deleteVpc(b -> b.vpcId(tagged));
            fails("NotImplemented", 501, () -> ec2.createVpc(b -> b.cidrBlock("10.5.0.0/16")
                    .ipv6IpamPoolId("ipam-pool-00000000000000000").ipv6NetmaskLength(56)));
            fails("NotImplemented", 501, () -> ec2.allocateAddress(b -> b.ipamPoolId(pool)));
            fails("NotImplemented", 501, () -> ec2.createSubnet(b -> b.vpcId(second.vpcId())
                    .ipv4IpamPoolId(pool).ipv4NetmaskLength(28)));

            // Cascade deletion of the IPAM releases the VPC's allocation; the VPC keeps its block.
            fails("DependencyViolation", () -> ec2.deleteIpam(b -> b.ipamId(p.ipam().ipamId())));
            ec2.deleteIpam(b -> b.ipamId(p.ipam().ipamId()).cascade(true));
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidIpamPoolId.NotFound", () -> ec2.describeIpamPools(b -> b.ipamPoolIds(pool)));
            assertEquals("10.0.16.0/24", ec2.describeVpcs(b -> b.vpcIds(second.vpcId())).vpcs().get(0).cidrBlock());
        }
    }
}
