package io.gureum.ec2.instances;

import io.gureum.ec2common.Ec2Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * DescribeInstances' and DescribeInstanceStatus' filters, on the instance as described
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html).
 */
final class InstanceFilters {
    private InstanceFilters() {
    }

    private static Map<String, String> tags(Instance i) {
        Map<String, String> m = new LinkedHashMap<>();
        if (i.hasTags()) {
            for (Tag t : i.tags()) {
                m.put(t.key(), t.value());
            }
        }
        return m;
    }

    private static List<Object> eni(Instance i, Function<InstanceNetworkInterface, Object> f) {
        List<Object> out = new ArrayList<>();
        if (i.hasNetworkInterfaces()) {
            for (InstanceNetworkInterface n : i.networkInterfaces()) {
                Object v = f.apply(n);
                if (v instanceof List<?> l) {
                    out.addAll(l);
                } else if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    static Ec2Filters<Instance> of() {
        return new Ec2Filters<Instance>(InstanceFilters::tags)
                .on("affinity", i -> null)
                .on("architecture", Instance::architectureAsString)
                .on("availability-zone", i -> i.placement().availabilityZone())
                .on("block-device-mapping.attach-time", i -> i.blockDeviceMappings().stream().map(b -> String.valueOf(b.ebs().attachTime())).toList())
                .on("block-device-mapping.delete-on-termination", i -> i.blockDeviceMappings().stream().map(b -> b.ebs().deleteOnTermination()).toList())
                .on("block-device-mapping.device-name", i -> i.blockDeviceMappings().stream().map(b -> b.deviceName()).toList())
                .on("block-device-mapping.status", i -> i.blockDeviceMappings().stream().map(b -> b.ebs().statusAsString()).toList())
                .on("block-device-mapping.volume-id", i -> i.blockDeviceMappings().stream().map(b -> b.ebs().volumeId()).toList())
                .on("boot-mode", Instance::bootModeAsString)
                .on("client-token", Instance::clientToken)
                .on("current-instance-boot-mode", Instance::currentInstanceBootModeAsString)
                .on("dns-name", Instance::publicDnsName)
                .on("ebs-optimized", Instance::ebsOptimized)
                .on("ena-support", Instance::enaSupport)
                .on("hibernation-options.configured", i -> i.hibernationOptions().configured())
                .on("hypervisor", Instance::hypervisorAsString)
                .on("iam-instance-profile.arn", i -> i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn())
                .on("iam-instance-profile.id", i -> i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().id())
                .on("image-id", Instance::imageId)
                .on("instance-id", Instance::instanceId)
                .on("instance-lifecycle", Instance::instanceLifecycleAsString)
                .on("capacity-reservation-id", Instance::capacityReservationId)
                .on("capacity-reservation-specification.capacity-reservation-preference",
                        i -> i.capacityReservationSpecification().capacityReservationPreferenceAsString())
                .on("capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
                        i -> i.capacityReservationSpecification().capacityReservationTarget() == null ? null
                                : i.capacityReservationSpecification().capacityReservationTarget().capacityReservationId())
                .on("instance-state-code", i -> i.state().code())
                .on("instance-state-name", i -> i.state().nameAsString())
                .on("instance-type", Instance::instanceTypeAsString)
                .on("instance.group-id", i -> i.securityGroups().stream().map(g -> g.groupId()).toList())
                .on("instance.group-name", i -> i.securityGroups().stream().map(g -> g.groupName()).toList())
                .on("ip-address", Instance::publicIpAddress)
                .on("ipv6-address", i -> eni(i, n -> n.ipv6Addresses().stream().map(a -> a.ipv6Address()).toList()))
                .on("kernel-id", Instance::kernelId)
                .on("key-name", Instance::keyName)
                .on("launch-index", Instance::amiLaunchIndex)
                .on("launch-time", i -> String.valueOf(i.launchTime()))
                .on("metadata-options.http-tokens", i -> i.metadataOptions().httpTokensAsString())
                .on("metadata-options.http-put-response-hop-limit", i -> i.metadataOptions().httpPutResponseHopLimit())
                .on("metadata-options.http-endpoint", i -> i.metadataOptions().httpEndpointAsString())
                .on("metadata-options.http-protocol-ipv6", i -> i.metadataOptions().httpProtocolIpv6AsString())
                .on("metadata-options.instance-metadata-tags", i -> i.metadataOptions().instanceMetadataTagsAsString())
                .on("monitoring-state", i -> i.monitoring().stateAsString())
                .on("network-interface.addresses.primary", i -> eni(i, n -> n.privateIpAddresses().stream().map(a -> a.primary()).toList()))
                .on("network-interface.addresses.private-ip-address", i -> eni(i, n -> n.privateIpAddresses().stream().map(a -> a.privateIpAddress()).toList()))
                .on("network-interface.addresses.association.public-ip", i -> eni(i, n -> n.association() == null ? null : n.association().publicIp()))
                .on("network-interface.addresses.association.ip-owner-id", i -> eni(i, n -> n.association() == null ? null : n.association().ipOwnerId()))
                .on("network-interface.association.public-ip", i -> eni(i, n -> n.association() == null ? null : n.association().publicIp()))
                .on("network-interface.association.ip-owner-id", i -> eni(i, n -> n.association() == null ? null : n.association().ipOwnerId()))
                .on("network-interface.attachment.attachment-id", i -> eni(i, n -> n.attachment().attachmentId()))
                .on("network-interface.attachment.instance-id", i -> eni(i, n -> i.instanceId()))
                .on("network-interface.attachment.instance-owner-id", i -> eni(i, n -> n.ownerId()))
                .on("network-interface.attachment.device-index", i -> eni(i, n -> n.attachment().deviceIndex()))
                .on("network-interface.attachment.status", i -> eni(i, n -> n.attachment().statusAsString()))
                .on("network-interface.attachment.attach-time", i -> eni(i, n -> String.valueOf(n.attachment().attachTime())))
                .on("network-interface.attachment.delete-on-termination", i -> eni(i, n -> n.attachment().deleteOnTermination()))
                .on("network-interface.availability-zone", i -> eni(i, n -> i.placement().availabilityZone()))
                .on("network-interface.description", i -> eni(i, InstanceNetworkInterface::description))
                .on("network-interface.group-id", i -> eni(i, n -> n.groups().stream().map(g -> g.groupId()).toList()))
                .on("network-interface.group-name", i -> eni(i, n -> n.groups().stream().map(g -> g.groupName()).toList()))
                .on("network-interface.ipv6-addresses.ipv6-address", i -> eni(i, n -> n.ipv6Addresses().stream().map(a -> a.ipv6Address()).toList()))
                .on("network-interface.mac-address", i -> eni(i, InstanceNetworkInterface::macAddress))
                .on("network-interface.network-interface-id", i -> eni(i, InstanceNetworkInterface::networkInterfaceId))
                .on("network-interface.owner-id", i -> eni(i, InstanceNetworkInterface::ownerId))
                .on("network-interface.private-dns-name", i -> eni(i, InstanceNetworkInterface::privateDnsName))
                .on("network-interface.private-ip-address", i -> eni(i, InstanceNetworkInterface::privateIpAddress))
                .on("network-interface.source-dest-check", i -> eni(i, InstanceNetworkInterface::sourceDestCheck))
                .on("network-interface.status", i -> eni(i, InstanceNetworkInterface::statusAsString))
                .on("network-interface.subnet-id", i -> eni(i, InstanceNetworkInterface::subnetId))
                .on("network-interface.vpc-id", i -> eni(i, InstanceNetworkInterface::vpcId))
                .on("placement-group-name", i -> i.placement().groupName())
                .on("placement-partition-number", i -> i.placement().partitionNumber())
                .on("platform", Instance::platformAsString)
                .on("platform-details", Instance::platformDetails)
                .on("private-dns-name", Instance::privateDnsName)
                .on("private-ip-address", Instance::privateIpAddress)
                .on("product-code", i -> null)
                .on("ramdisk-id", Instance::ramdiskId)
                .on("reason", Instance::stateTransitionReason)
                .on("root-device-name", Instance::rootDeviceName)
                .on("root-device-type", Instance::rootDeviceTypeAsString)
                .on("source-dest-check", Instance::sourceDestCheck)
                .on("spot-instance-request-id", Instance::spotInstanceRequestId)
                .on("state-reason-code", i -> i.stateReason() == null ? null : i.stateReason().code())
                .on("state-reason-message", i -> i.stateReason() == null ? null : i.stateReason().message())
                .on("subnet-id", Instance::subnetId)
                .on("tenancy", i -> i.placement().tenancyAsString())
                .on("host-id", i -> i.placement().hostId())
                .on("usage-operation", Instance::usageOperation)
                .on("virtualization-type", Instance::virtualizationTypeAsString)
                .on("vpc-id", Instance::vpcId);
    }

    static Ec2Filters<InstanceStatus> status() {
        return new Ec2Filters<InstanceStatus>()
                .on("availability-zone", InstanceStatus::availabilityZone)
                .on("instance-state-code", s -> s.instanceState().code())
                .on("instance-state-name", s -> s.instanceState().nameAsString())
                .on("instance-status.reachability", s -> s.instanceStatus().details().get(0).statusAsString())
                .on("instance-status.status", s -> s.instanceStatus().statusAsString())
                .on("system-status.reachability", s -> s.systemStatus().details().get(0).statusAsString())
                .on("system-status.status", s -> s.systemStatus().statusAsString());
    }
}
