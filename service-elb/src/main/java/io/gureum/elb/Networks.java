package io.gureum.elb;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AllocationIdNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidSecurityGroupException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetNotFoundException;

/**
 * What ELB asks EC2, through an in-process {@code Ec2Client} acting for the caller's account: subnets,
 * security groups, Elastic IP allocations, internet gateways and instances. Never called under the state's lock.
 */
final class Networks {
    private static final String PRINCIPAL = "elasticloadbalancing.amazonaws.com";
    private final ServiceClients clients;

    Networks(ServiceClients clients) {
        this.clients = clients;
    }

    private Ec2Client ec2() {
        RequestContext ctx = RequestContext.current();
        if (!clients.serves(Ec2Client.class)) {
            throw ElbErrors.notImplemented("Elastic Load Balancing checks subnets through EC2, which is not served in "
                    + "this run (see --services)");
        }
        return clients.client(Ec2Client.class, Caller.service(PRINCIPAL, ctx.accountId(), ctx.region(), null));
    }

    /** The subnets, in the order named; {@code SubnetNotFound} naming the first unknown one. */
    List<Subnet> subnets(List<String> ids) {
        List<Subnet> found = new ArrayList<>();
        for (String id : ids) {
            try {
                found.addAll(ec2().describeSubnets(b -> b.subnetIds(id)).subnets());
            } catch (AwsServiceException e) {
                throw ElbErrors.of(SubnetNotFoundException.class, "The subnet ID '" + id + "' is not valid");
            }
        }
        return found;
    }

    /** The security groups, each in {@code vpcId}; {@code InvalidSecurityGroup} for one that is not. */
    List<SecurityGroup> securityGroups(List<String> ids, String vpcId) {
        List<SecurityGroup> found = new ArrayList<>();
        for (String id : ids) {
            List<SecurityGroup> groups;
            try {
                groups = ec2().describeSecurityGroups(b -> b.groupIds(id)).securityGroups();
            } catch (AwsServiceException e) {
                groups = List.of();
            }
            if (groups.isEmpty() || !vpcId.equals(groups.get(0).vpcId())) {
                throw ElbErrors.of(InvalidSecurityGroupException.class,
                        "Security group '" + id + "' does not exist in VPC '" + vpcId + "'");
            }
            found.add(groups.get(0));
        }
        return found;
    }

    /** The VPC's {@code default} security group, which an Application Load Balancer gets when none is named. */
    Optional<String> defaultSecurityGroup(String vpcId) {
        return ec2().describeSecurityGroups(b -> b.filters(filter("vpc-id", vpcId), filter("group-name", "default")))
                .securityGroups().stream().map(SecurityGroup::groupId).findFirst();
    }

    /** The Elastic IP of an allocation ID; {@code AllocationIdNotFound} when the caller has none. */
    Address allocation(String allocationId) {
        try {
            List<Address> a = ec2().describeAddresses(b -> b.allocationIds(allocationId)).addresses();
            if (!a.isEmpty()) {
                return a.get(0);
            }
        } catch (AwsServiceException e) {
            // InvalidAllocationID.NotFound
        }
        throw ElbErrors.of(AllocationIdNotFoundException.class,
                "The allocation IDs are not valid: '" + allocationId + "'");
    }

    /** Whether an internet gateway is attached to the VPC (an internet-facing load balancer needs one). */
    boolean hasInternetGateway(String vpcId) {
        return !ec2().describeInternetGateways(b -> b.filters(filter("attachment.vpc-id", vpcId)))
                .internetGateways().isEmpty();
    }

    /** The caller's instance, or empty when EC2 has none with that ID. */
    Optional<Instance> instance(String id) {
        try {
            return ec2().describeInstances(b -> b.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).findFirst();
        } catch (AwsServiceException e) {
            return Optional.empty();
        }
    }

    /** The VPC's IPv4 and IPv6 CIDR blocks. */
    Map<String, List<String>> vpcCidrs(String vpcId) {
        var vpcs = ec2().describeVpcs(b -> b.vpcIds(vpcId)).vpcs();
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        vpcs.forEach(v -> {
            v.cidrBlockAssociationSet().forEach(c -> v4.add(c.cidrBlock()));
            v.ipv6CidrBlockAssociationSet().forEach(c -> v6.add(c.ipv6CidrBlock()));
        });
        return Map.of("ipv4", v4, "ipv6", v6);
    }

    /** Whether the VPC exists for the caller. */
    boolean vpcExists(String vpcId) {
        try {
            return !ec2().describeVpcs(b -> b.vpcIds(vpcId)).vpcs().isEmpty();
        } catch (AwsServiceException e) {
            return false;
        }
    }

    /**
     * Whether one of the owner's VPC endpoint services uses the load balancer (its ARN among a service's
     * NetworkLoadBalancerArns or GatewayLoadBalancerArns), asked through DescribeVpcEndpointServiceConfigurations
     * as the load balancer's owner. False when EC2 is not served in this run (no endpoint service can exist).
     */
    boolean usedByEndpointService(String loadBalancerArn) {
        if (!clients.serves(Ec2Client.class)) {
            return false;
        }
        return ec2().describeVpcEndpointServiceConfigurationsPaginator(b -> b.maxResults(1000))
                .serviceConfigurations().stream()
                .anyMatch(c -> c.networkLoadBalancerArns().contains(loadBalancerArn)
                        || c.gatewayLoadBalancerArns().contains(loadBalancerArn));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
