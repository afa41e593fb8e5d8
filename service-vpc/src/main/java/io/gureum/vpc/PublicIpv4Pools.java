package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.IpamPool;
import io.gureum.vpc.model.PublicIpv4Pool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreatePublicIpv4PoolRequest;
import software.amazon.awssdk.services.ec2.model.CreatePublicIpv4PoolResponse;
import software.amazon.awssdk.services.ec2.model.DeletePublicIpv4PoolRequest;
import software.amazon.awssdk.services.ec2.model.DeletePublicIpv4PoolResponse;
import software.amazon.awssdk.services.ec2.model.DeprovisionPublicIpv4PoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.DeprovisionPublicIpv4PoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.DescribePublicIpv4PoolsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePublicIpv4PoolsResponse;
import software.amazon.awssdk.services.ec2.model.ProvisionPublicIpv4PoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.ProvisionPublicIpv4PoolCidrResponse;

/**
 * Public IPv4 pools (https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam-ipv4.html): the EC2 pools that
 * BYOIP addresses go to from a public-scope IPAM pool, for Elastic IPs and route tables. The pools are made,
 * described (with no address ranges) and deleted. Their CIDRs come from a public-scope IPAM pool's provisioned
 * CIDRs, and Gureum's IPAM provisions none (BYOIP is not emulated), so ProvisionPublicIpv4PoolCidr from a
 * public-scope pool answers 501 naming that reason; a private-scope pool is refused as AWS asks for a public one.
 */
public final class PublicIpv4Pools {
    private final Network net;
    private final Filters<PublicIpv4Pool> filters;

    PublicIpv4Pools(Network net) {
        this.net = net;
        this.filters = new Filters<>();
    }

    /** AWS's error for a public IPv4 pool ID that does not exist. */
    static AwsException notFound(String id) {
        return new AwsException("InvalidPublicIpv4PoolID.NotFound", "The publicIpv4Pool ID '" + id
                + "' does not exist", 400);
    }

    PublicIpv4Pool require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("PoolId");
        }
        PublicIpv4Pool p = s.publicIpv4Pools.get(id);
        if (p == null) {
            throw notFound(id);
        }
        return p;
    }

    /** The network border group: the Region's own unless another is named (Gureum has no Local Zones). */
    private String borderGroup(VpcStore s, String given) {
        if (given == null || given.equals(s.region)) {
            return s.region;
        }
        throw Ec2Errors.invalidValue(given, "NetworkBorderGroup", "The network border group of " + s.region
                + " is " + s.region + ".");
    }

    public CreatePublicIpv4PoolResponse createPublicIpv4Pool(CreatePublicIpv4PoolRequest r) {
        VpcStore s = net.store();
        String group = borderGroup(s, r.networkBorderGroup());
        Tags.validate(r.tagSpecifications(), "ipv4pool-ec2");
        Ec2Errors.checkDryRun(r.dryRun());
        PublicIpv4Pool p = new PublicIpv4Pool(net.id("ipv4pool-ec2"), s.account, net.now());
        p.networkBorderGroup = group;
        Tags.apply(r.tagSpecifications(), p);
        s.put(s.publicIpv4Pools, p);
        return CreatePublicIpv4PoolResponse.builder().poolId(p.id).build();
    }

    public DeletePublicIpv4PoolResponse deletePublicIpv4Pool(DeletePublicIpv4PoolRequest r) {
        VpcStore s = net.store();
        PublicIpv4Pool p = require(s, r.poolId());
        borderGroup(s, r.networkBorderGroup());
        if (net.routeTables.usesPublicIpv4Pool(s, p.id)) {
            throw Ec2Errors.dependencyViolation("publicIpv4Pool", p.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.publicIpv4Pools, p.id);
        return DeletePublicIpv4PoolResponse.builder().returnValue(true).build();
    }

    public DescribePublicIpv4PoolsResponse describePublicIpv4Pools(DescribePublicIpv4PoolsRequest r) {
        VpcStore s = net.store();
        List<PublicIpv4Pool> found = new ArrayList<>();
        if (r.hasPoolIds() && !r.poolIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.poolIds())) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.publicIpv4Pools.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 1, 10);
        return DescribePublicIpv4PoolsResponse.builder()
                .publicIpv4Pools(page.items().stream().map(p -> software.amazon.awssdk.services.ec2.model
                        .PublicIpv4Pool.builder().poolId(p.id).description(p.description)
                        .poolAddressRanges(List.of()).totalAddressCount(0).totalAvailableAddressCount(0)
                        .networkBorderGroup(p.networkBorderGroup).tags(Tags.toSdk(s.tagsOf(p))).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public ProvisionPublicIpv4PoolCidrResponse provisionPublicIpv4PoolCidr(ProvisionPublicIpv4PoolCidrRequest r) {
        VpcStore s = net.store();
        if (r.ipamPoolId() == null) {
            throw Ec2Errors.missing("IpamPoolId");
        }
        if (r.netmaskLength() == null) {
            throw Ec2Errors.missing("NetmaskLength");
        }
        PublicIpv4Pool p = require(s, r.poolId());
        borderGroup(s, r.networkBorderGroup());
        IpamPool ipamPool = net.ipamPools.require(s, r.ipamPoolId());
        if (r.netmaskLength() < 24 || r.netmaskLength() > 32) {
            throw Ec2Errors.invalidValue(String.valueOf(r.netmaskLength()), "NetmaskLength",
                    "The least specific netmask length is 24.");
        }
        if (!"public".equals(ipamPool.scopeType) || !"ipv4".equals(ipamPool.addressFamily)) {
            throw Ec2Errors.invalidParameterValue("IPAM pool " + ipamPool.id + " is not an IPv4 pool in a public "
                    + "scope: public IPv4 pools take their CIDRs from one.");
        }
        throw new AwsException("NotImplemented", "Gureum does not emulate BYOIP: IPAM pools in the public scope hold "
                + "no provisioned CIDRs, so none can go to public IPv4 pool " + p.id + " (see docs/services/ec2.md).",
                501, false);
    }

    public DeprovisionPublicIpv4PoolCidrResponse deprovisionPublicIpv4PoolCidr(DeprovisionPublicIpv4PoolCidrRequest r) {
        VpcStore s = net.store();
        if (r.cidr() == null) {
            throw Ec2Errors.missing("Cidr");
        }
        PublicIpv4Pool p = require(s, r.poolId());
        String cidr = Vpcs.parseCidr(r.cidr(), "Cidr").toString();
        throw Ec2Errors.invalidParameterValue("The CIDR " + cidr + " is not provisioned to public IPv4 pool " + p.id
                + ".");
    }
}
