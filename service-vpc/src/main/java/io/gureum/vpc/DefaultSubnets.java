package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import software.amazon.awssdk.services.ec2.model.CreateDefaultSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateDefaultSubnetResponse;

/**
 * CreateDefaultSubnet (https://docs.aws.amazon.com/vpc/latest/userguide/work-with-default-vpc.html#create-default-subnet):
 * a default {@code /20} subnet, with {@code MapPublicIpOnLaunch}, in an Availability Zone of the default VPC that
 * has none, taking the lowest {@code /20} of {@code 172.31.0.0/16} no subnet uses. IPv6-only default subnets
 * ({@code Ipv6Native}) are not emulated (501).
 */
public final class DefaultSubnets {
    private final Network net;

    DefaultSubnets(Network net) {
        this.net = net;
    }

    public CreateDefaultSubnetResponse createDefaultSubnet(CreateDefaultSubnetRequest r) {
        VpcStore s = net.store();
        if (r.availabilityZone() == null && r.availabilityZoneId() == null) {
            throw Ec2Errors.missing("AvailabilityZone");
        }
        var zone = net.subnets.zone(s, r.availabilityZone(), r.availabilityZoneId());
        if (Boolean.TRUE.equals(r.ipv6Native())) {
            throw new AwsException("NotImplemented", "Gureum does not emulate IPv6-only subnets (Ipv6Native).", 501);
        }
        Vpc vpc = s.vpcs.values().stream().filter(v -> v.isDefault).findFirst().orElseThrow(() ->
                new AwsException("DefaultVpcDoesNotExist", "No default VPC for this user", 400));
        if (vpc.subnets.values().stream().anyMatch(x -> x.defaultForAz
                && x.availabilityZone.equals(zone.zoneName()))) {
            throw new AwsException("DefaultSubnetAlreadyExistsInAvailabilityZone", "Default subnet already exists in "
                    + "availability zone " + zone.zoneName() + ".", 400);
        }
        Cidr block = null;
        for (int i = 0; i < 16 && block == null; i++) {
            Cidr candidate = vpc.primaryCidr.subBlock(20, i);
            if (vpc.subnetIndex.overlapping(candidate).isEmpty()) {
                block = candidate;
            }
        }
        if (block == null) {
            throw Ec2Errors.invalidParameterValue("The default VPC " + vpc.id + " has no free /20 block for a default "
                    + "subnet.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Subnet sn = net.subnets.create(s, vpc, block, zone);
        sn.defaultForAz = true;
        sn.mapPublicIpOnLaunch = true;
        return CreateDefaultSubnetResponse.builder().subnet(net.subnets.toSdk(s, sn)).build();
    }
}
