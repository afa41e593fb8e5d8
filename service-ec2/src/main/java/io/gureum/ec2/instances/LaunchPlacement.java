package io.gureum.ec2.instances;

import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Where RunInstances puts its instances: the subnet (given, or the default subnet of the requested or
 * first availability zone), the primary interface's security groups, addresses and whether it gets an
 * Amazon public IPv4 address (NetworkInterfaces' AssociatePublicIpAddress, else the subnet's
 * MapPublicIpOnLaunch).
 */
record LaunchPlacement(Subnet subnet, List<String> groupIds, String privateIp, Integer ipv6Count, String description,
        boolean assignPublicIp, int available) {

    static LaunchPlacement resolve(InstanceNetwork network, ComputeStore s, RunInstancesRequest r) {
        InstanceNetworkInterfaceSpecification primary = null;
        if (r.hasNetworkInterfaces()) {
            for (InstanceNetworkInterfaceSpecification ni : r.networkInterfaces()) {
                if (ni.deviceIndex() == null || ni.deviceIndex() == 0) {
                    primary = ni;
                } else {
                    throw Ec2Error.UNSUPPORTED_OPERATION.withMessage("Gureum launches instances with one network "
                            + "interface; attach more with AttachNetworkInterface.");
                }
            }
        }
        if (primary != null) {
            if (r.subnetId() != null) {
                throw Ec2Errors.combination("Network interfaces and an instance-level subnet ID may not be "
                        + "specified on the same request");
            }
            if ((r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty())
                    || (r.hasSecurityGroups() && !r.securityGroups().isEmpty())) {
                throw Ec2Errors.combination("Network interfaces and an instance-level security groups may not be "
                        + "specified on the same request");
            }
            if (r.privateIpAddress() != null) {
                throw Ec2Errors.combination("Network interfaces and an instance-level private IP address may not "
                        + "be specified on the same request");
            }
            if (primary.networkInterfaceId() != null) {
                throw Ec2Error.UNSUPPORTED_OPERATION.withMessage("Gureum does not launch instances with an "
                        + "existing network interface; launch with a subnet and attach the interface afterwards.");
            }
        }
        String zone = r.placement() == null ? null : r.placement().availabilityZone();
        String subnetId = primary != null ? primary.subnetId() : r.subnetId();
        Subnet subnet;
        if (subnetId == null) {
            subnet = network.defaultSubnet(s, zone);
        } else {
            subnet = network.subnet(s, subnetId);
            if (zone != null && !zone.equals(subnet.availabilityZone())) {
                throw Ec2Errors.invalidValue(zone, "availabilityZone", "Subnet '" + subnet.subnetId()
                        + "' is in the availability zone '" + subnet.availabilityZone() + "'");
            }
        }
        List<String> groups = new ArrayList<>();
        if (primary != null && primary.hasGroups()) {
            groups.addAll(primary.groups());
        }
        if (r.hasSecurityGroupIds()) {
            groups.addAll(r.securityGroupIds());
        }
        if (r.hasSecurityGroups() && !r.securityGroups().isEmpty()) {
            groups.addAll(network.groupIdsByName(s, subnet.vpcId(), r.securityGroups()));
        }
        boolean assign = primary != null && primary.associatePublicIpAddress() != null
                ? primary.associatePublicIpAddress() : Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch());
        String privateIp = primary != null && primary.privateIpAddress() != null ? primary.privateIpAddress()
                : r.privateIpAddress();
        Integer ipv6 = primary != null && primary.ipv6AddressCount() != null ? primary.ipv6AddressCount()
                : r.ipv6AddressCount();
        if (privateIp != null && r.maxCount() != null && r.maxCount() > 1) {
            throw Ec2Errors.combination("Network interfaces and an instance-level private IP address may not be "
                    + "specified on a request for more than one instance");
        }
        int available = subnet.availableIpAddressCount() == null ? Integer.MAX_VALUE : subnet.availableIpAddressCount();
        return new LaunchPlacement(subnet, groups, privateIp, ipv6, primary == null ? null : primary.description(),
                assign, available);
    }
}
