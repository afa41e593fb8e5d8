package io.gureum.ec2.instances;

import io.gureum.ec2.ebs.Volume;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceIpv6Address;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.StateReason;

/** How an {@link Instance} reads in the API, with its interfaces as service-vpc describes them. */
final class InstanceViews {
    private InstanceViews() {
    }

    /** The time in a state transition reason: {@code User initiated (2024-11-20 10:04:12 GMT)}. */
    static String reasonTime(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }

    /** {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-10-0-1-5.<region>.compute.internal} elsewhere. */
    static String privateDns(String region, String ip) {
        if (ip == null) {
            return "";
        }
        String host = "ip-" + ip.replace('.', '-');
        return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    static String publicDns(String region, String ip) {
        if (ip == null) {
            return "";
        }
        String host = "ec2-" + ip.replace('.', '-');
        return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com"
                : host + "." + region + ".compute.amazonaws.com";
    }

    static String publicIp(List<NetworkInterface> enis) {
        for (NetworkInterface e : enis) {
            if (e.attachment().deviceIndex() == 0 && e.association() != null) {
                return e.association().publicIp();
            }
        }
        return null;
    }

    static software.amazon.awssdk.services.ec2.model.Instance toSdk(Instance i, String region, Instant now,
            List<NetworkInterface> enis, Map<String, Volume> volumes) {
        InstanceState state = i.state(now);
        boolean gone = state == InstanceState.TERMINATED;
        var b = software.amazon.awssdk.services.ec2.model.Instance.builder()
                .instanceId(i.id).imageId(i.imageId).instanceType(i.instanceType).amiLaunchIndex(i.launchIndex)
                .launchTime(i.launchTime).state(state.toSdk()).stateTransitionReason(i.stateTransitionReason)
                .architecture(i.architecture).platform(i.platform).platformDetails(i.platformDetails)
                .usageOperation(i.usageOperation).usageOperationUpdateTime(i.launchTime).keyName(i.keyName)
                .placement(Placement.builder().availabilityZone(i.availabilityZone).groupName(
                        i.placementGroup == null ? "" : i.placementGroup).tenancy(i.tenancy).hostId(i.hostId)
                        .affinity(i.affinity).partitionNumber(i.partitionNumber).build())
                .monitoring(Monitoring.builder().state(i.monitoring ? "enabled" : "disabled").build())
                .rootDeviceName(i.rootDeviceName).rootDeviceType(i.rootDeviceType)
                .virtualizationType(i.virtualizationType).hypervisor(i.hypervisor).enaSupport(i.enaSupport)
                .ebsOptimized(i.ebsOptimized).clientToken(i.clientToken == null ? "" : i.clientToken)
                .bootMode(i.bootMode).currentInstanceBootMode(i.bootMode == null ? "legacy-bios"
                        : i.bootMode.equals("uefi-preferred") ? "uefi" : i.bootMode)
                .hibernationOptions(h -> h.configured(i.hibernationConfigured))
                .enclaveOptions(e -> e.enabled(false))
                .capacityReservationSpecification(c -> c.capacityReservationPreference(
                        i.capacityReservationPreference == null && i.capacityReservationTargetId == null ? "open"
                                : i.capacityReservationPreference)
                        .capacityReservationTarget(i.capacityReservationTargetId == null ? null
                                : software.amazon.awssdk.services.ec2.model.CapacityReservationTargetResponse.builder()
                                        .capacityReservationId(i.capacityReservationTargetId).build()))
                .capacityReservationId(i.capacityReservationId).instanceLifecycle(i.instanceLifecycle)
                .maintenanceOptions(m -> m.autoRecovery(i.autoRecovery).rebootMigration(i.rebootMigration))
                .cpuOptions(InstanceCpu.options(i))
                .metadataOptions(InstanceMetadataOptionsResponse.builder().state(state == InstanceState.PENDING
                        ? "pending" : "applied").httpTokens(i.httpTokens)
                        .httpPutResponseHopLimit(i.httpPutResponseHopLimit).httpEndpoint(i.httpEndpoint)
                        .httpProtocolIpv6(i.httpProtocolIpv6).instanceMetadataTags(i.instanceMetadataTags).build())
                .tags(TagSpecifications.toSdk(i.tags));
        if (i.iamProfileArn != null) {
            b.iamInstanceProfile(IamInstanceProfile.builder().arn(i.iamProfileArn).id(i.iamProfileId).build());
        }
        if (i.stateReasonCode != null) {
            b.stateReason(StateReason.builder().code(i.stateReasonCode).message(i.stateReasonMessage).build());
        }
        if (gone) {
            // A terminated instance has no network and no volumes left.
            b.privateDnsName("").publicDnsName("").blockDeviceMappings(List.of()).networkInterfaces(List.of())
                    .securityGroups(List.of());
            return b.build();
        }
        List<InstanceBlockDeviceMapping> mappings = new ArrayList<>();
        for (Instance.Attachment a : i.blockDevices) {
            Volume v = volumes.get(a.volumeId());
            if (v != null) {
                mappings.add(InstanceBlockDeviceMapping.builder().deviceName(a.deviceName())
                        .ebs(EbsInstanceBlockDevice.builder().volumeId(v.id).status("attached").attachTime(v.attachTime)
                                .deleteOnTermination(v.deleteOnTermination).build()).build());
            }
        }
        b.blockDeviceMappings(mappings);
        String publicIp = publicIp(enis);
        b.privateIpAddress(i.privateIp).privateDnsName(privateDns(region, i.privateIp)).subnetId(i.subnetId)
                .vpcId(i.vpcId).publicIpAddress(publicIp).publicDnsName(publicDns(region, publicIp))
                .privateDnsNameOptions(p -> p.hostnameType("ip-name").enableResourceNameDnsARecord(false)
                        .enableResourceNameDnsAAAARecord(false));
        List<InstanceNetworkInterface> out = new ArrayList<>();
        for (NetworkInterface e : enis) {
            out.add(networkInterface(e, region));
            if (e.attachment().deviceIndex() == 0) {
                b.sourceDestCheck(e.sourceDestCheck()).securityGroups(e.groups().stream()
                        .map(g -> GroupIdentifier.builder().groupId(g.groupId()).groupName(g.groupName()).build())
                        .toList());
                if (e.hasIpv6Addresses() && !e.ipv6Addresses().isEmpty()) {
                    b.ipv6Address(e.ipv6Addresses().get(0).ipv6Address());
                }
            }
        }
        b.networkInterfaces(out);
        return b.build();
    }

    private static InstanceNetworkInterface networkInterface(NetworkInterface e, String region) {
        InstanceNetworkInterfaceAssociation assoc = e.association() == null ? null
                : InstanceNetworkInterfaceAssociation.builder().publicIp(e.association().publicIp())
                        .publicDnsName(publicDns(region, e.association().publicIp()))
                        .ipOwnerId(e.association().ipOwnerId()).build();
        List<InstancePrivateIpAddress> ips = e.privateIpAddresses().stream().map(p -> InstancePrivateIpAddress
                .builder().privateIpAddress(p.privateIpAddress()).primary(p.primary())
                .privateDnsName(privateDns(region, p.privateIpAddress()))
                .association(Boolean.TRUE.equals(p.primary()) ? assoc : null).build()).toList();
        return InstanceNetworkInterface.builder().networkInterfaceId(e.networkInterfaceId()).subnetId(e.subnetId())
                .vpcId(e.vpcId()).description(e.description()).ownerId(e.ownerId()).status(e.statusAsString())
                .macAddress(e.macAddress()).privateIpAddress(e.privateIpAddress())
                .privateDnsName(privateDns(region, e.privateIpAddress())).sourceDestCheck(e.sourceDestCheck())
                .interfaceType(e.interfaceTypeAsString()).association(assoc).privateIpAddresses(ips)
                .groups(e.groups().stream().map(g -> GroupIdentifier.builder().groupId(g.groupId())
                        .groupName(g.groupName()).build()).toList())
                .ipv6Addresses(e.hasIpv6Addresses() ? e.ipv6Addresses().stream().map(a -> InstanceIpv6Address
                        .builder().ipv6Address(a.ipv6Address()).build()).toList() : List.of())
                .attachment(InstanceNetworkInterfaceAttachment.builder()
                        .attachmentId(e.attachment().attachmentId()).deviceIndex(e.attachment().deviceIndex())
                        .status(e.attachment().statusAsString()).attachTime(e.attachment().attachTime())
                        .deleteOnTermination(e.attachment().deleteOnTermination()).networkCardIndex(0).build())
                .build();
    }
}
