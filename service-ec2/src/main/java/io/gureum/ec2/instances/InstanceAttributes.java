package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataRequest;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * An instance's attributes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html),
 * metadata options, console output and Windows password data. Security groups and the source/destination
 * check belong to the primary interface and are changed there, in service-vpc.
 */
public final class InstanceAttributes {
    private final Compute compute;
    private final InstanceNetwork network;
    private final InstanceTypeCatalogue types = InstanceTypeCatalogue.standard();

    public InstanceAttributes(Compute compute, Instances instances) {
        this.compute = compute;
        this.network = instances.network();
    }

    private NetworkInterface primary(ComputeStore s, Instance i) {
        return network.interfacesOf(s, List.of(i.id)).getOrDefault(i.id, List.of()).stream()
                .filter(e -> e.attachment().deviceIndex() == 0).findFirst().orElse(null);
    }

    public DescribeInstanceAttributeResponse describeInstanceAttribute(DescribeInstanceAttributeRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        String attribute = r.attributeAsString();
        Ec2Errors.checkDryRun(r.dryRun());
        var b = DescribeInstanceAttributeResponse.builder().instanceId(i.id);
        switch (attribute == null ? "" : attribute) {
            case "instanceType" -> b.instanceType(value(i.instanceType));
            case "kernel" -> b.kernelId(AttributeValue.builder().build());
            case "ramdisk" -> b.ramdiskId(AttributeValue.builder().build());
            case "userData" -> b.userData(i.userData == null ? AttributeValue.builder().build() : value(i.userData));
            case "disableApiTermination" -> b.disableApiTermination(bool(i.disableApiTermination));
            case "disableApiStop" -> b.disableApiStop(bool(i.disableApiStop));
            case "instanceInitiatedShutdownBehavior" -> b.instanceInitiatedShutdownBehavior(value(i.shutdownBehavior));
            case "rootDeviceName" -> b.rootDeviceName(value(i.rootDeviceName));
            case "blockDeviceMapping" -> b.blockDeviceMappings(InstanceViews.toSdk(i, s.region, compute.now(),
                    List.of(), s.volumes).blockDeviceMappings());
            case "productCodes" -> b.productCodes(List.of());
            case "sourceDestCheck" -> {
                NetworkInterface e = primary(s, i);
                b.sourceDestCheck(bool(e == null || Boolean.TRUE.equals(e.sourceDestCheck())));
            }
            case "groupSet" -> {
                NetworkInterface e = primary(s, i);
                b.groups(e == null ? List.of() : e.groups().stream().map(g -> software.amazon.awssdk.services.ec2
                        .model.GroupIdentifier.builder().groupId(g.groupId()).groupName(g.groupName()).build()).toList());
            }
            case "ebsOptimized" -> b.ebsOptimized(bool(i.ebsOptimized));
            case "sriovNetSupport" -> b.sriovNetSupport(value("simple"));
            case "enaSupport" -> b.enaSupport(bool(i.enaSupport));
            case "enclaveOptions" -> b.enclaveOptions(e -> e.enabled(false));
            default -> throw Ec2Errors.invalidValue(attribute, "attribute", "Valid values are instanceType, kernel, "
                    + "ramdisk, userData, disableApiTermination, instanceInitiatedShutdownBehavior, rootDeviceName, "
                    + "blockDeviceMapping, productCodes, sourceDestCheck, groupSet, ebsOptimized, sriovNetSupport, "
                    + "enaSupport, enclaveOptions, disableApiStop.");
        }
        return b.build();
    }

    private static AttributeValue value(String v) {
        return AttributeValue.builder().value(v).build();
    }

    private static AttributeBooleanValue bool(boolean v) {
        return AttributeBooleanValue.builder().value(v).build();
    }

    public ModifyInstanceAttributeResponse modifyInstanceAttribute(ModifyInstanceAttributeRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        Instant now = compute.now();
        InstanceState st = i.state(now);
        String attribute = r.attributeAsString();
        String value = r.value();
        String type = r.instanceType() != null ? r.instanceType().value() : "instanceType".equals(attribute) ? value : null;
        String userData = r.userData() != null && r.userData().value() != null
                ? Base64.getEncoder().encodeToString(r.userData().value().asByteArray())
                : "userData".equals(attribute) ? value : null;
        Boolean termination = r.disableApiTermination() != null ? r.disableApiTermination().value()
                : "disableApiTermination".equals(attribute) ? Boolean.valueOf(value) : null;
        Boolean stop = r.disableApiStop() != null ? r.disableApiStop().value()
                : "disableApiStop".equals(attribute) ? Boolean.valueOf(value) : null;
        Boolean sourceDest = r.sourceDestCheck() != null ? r.sourceDestCheck().value()
                : "sourceDestCheck".equals(attribute) ? Boolean.valueOf(value) : null;
        String shutdown = r.instanceInitiatedShutdownBehavior() != null ? r.instanceInitiatedShutdownBehavior().value()
                : "instanceInitiatedShutdownBehavior".equals(attribute) ? value : null;
        Boolean ebsOptimized = r.ebsOptimized() != null ? r.ebsOptimized().value() : null;
        List<String> groups = r.hasGroups() && !r.groups().isEmpty() ? r.groups() : null;
        if (st == InstanceState.TERMINATED || st == InstanceState.SHUTTING_DOWN) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a state from "
                    + "which it can be modified.");
        }
        if (type != null) {
            if (st != InstanceState.STOPPED) {
                throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in the "
                        + "'stopped' state.");
            }
            var info = types.info(type);
            if (info == null) {
                throw Ec2Errors.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
            }
            if (!info.processorInfo().supportedArchitecturesAsStrings().contains(i.architecture)) {
                throw Ec2Errors.invalidParameterValue("The architecture of instance type '" + type
                        + "' does not match the architecture '" + i.architecture + "' of instance '" + i.id + "'.");
            }
        }
        if (userData != null) {
            if (st != InstanceState.STOPPED) {
                throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in the "
                        + "'stopped' state.");
            }
            byte[] raw = r.userData() != null ? r.userData().value().asByteArray()
                    : Base64.getMimeDecoder().decode(userData);
            if (raw.length > Launch.USER_DATA_LIMIT) {
                throw Ec2Errors.invalidParameterValue("User data is limited to " + Launch.USER_DATA_LIMIT + " bytes");
            }
        }
        if (shutdown != null && !shutdown.equals("stop") && !shutdown.equals("terminate")) {
            throw Ec2Errors.invalidValue(shutdown, "InstanceInitiatedShutdownBehavior", "Valid values are stop and terminate.");
        }
        if (type == null && userData == null && termination == null && stop == null && sourceDest == null
                && shutdown == null && ebsOptimized == null && groups == null) {
            throw Ec2Errors.missing("Attribute");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (groups != null) {
            network.modifyGroups(s, i.primaryEniId, groups);
        }
        if (sourceDest != null) {
            network.sourceDestCheck(s, i.primaryEniId, sourceDest);
        }
        if (type != null) {
            i.instanceType = type;
        }
        if (userData != null) {
            i.userData = userData;
        }
        if (termination != null) {
            i.disableApiTermination = termination;
        }
        if (stop != null) {
            i.disableApiStop = stop;
        }
        if (shutdown != null) {
            i.shutdownBehavior = shutdown;
        }
        if (ebsOptimized != null) {
            i.ebsOptimized = ebsOptimized;
        }
        return ModifyInstanceAttributeResponse.builder().build();
    }

    public ModifyInstanceMetadataOptionsResponse modifyInstanceMetadataOptions(ModifyInstanceMetadataOptionsRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        if (i.state(compute.now()) == InstanceState.TERMINATED) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a valid state "
                    + "for this operation.");
        }
        Instance probe = new Instance(i.id, i.reservationId, i.ownerId);
        InstanceMetadata.apply(probe, r.httpTokensAsString(), r.httpPutResponseHopLimit(), r.httpEndpointAsString(),
                r.httpProtocolIpv6AsString(), r.instanceMetadataTagsAsString());
        Ec2Errors.checkDryRun(r.dryRun());
        InstanceMetadata.apply(i, r.httpTokensAsString(), r.httpPutResponseHopLimit(), r.httpEndpointAsString(),
                r.httpProtocolIpv6AsString(), r.instanceMetadataTagsAsString());
        return ModifyInstanceMetadataOptionsResponse.builder().instanceId(i.id).instanceMetadataOptions(
                InstanceMetadataOptionsResponse.builder().state("pending").httpTokens(i.httpTokens)
                        .httpPutResponseHopLimit(i.httpPutResponseHopLimit).httpEndpoint(i.httpEndpoint)
                        .httpProtocolIpv6(i.httpProtocolIpv6).instanceMetadataTags(i.instanceMetadataTags).build())
                .build();
    }

    /**
     * The console of an instance that has run: Gureum boots no operating system, so the output is a short
     * boot log naming the instance (base64, as AWS returns it); empty before the instance first ran.
     */
    public GetConsoleOutputResponse getConsoleOutput(GetConsoleOutputRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        Ec2Errors.checkDryRun(r.dryRun());
        InstanceState st = i.state(compute.now());
        if (st == InstanceState.PENDING) {
            return GetConsoleOutputResponse.builder().instanceId(i.id).timestamp(compute.now()).build();
        }
        String log = "[    0.000000] Linux version (Gureum emulated instance " + i.id + ")\n"
                + "cloud-init: instance " + i.id + " of type " + i.instanceType + " from " + i.imageId + "\n";
        return GetConsoleOutputResponse.builder().instanceId(i.id).timestamp(compute.now())
                .output(Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** Linux instances have no password data: an empty string, as AWS answers (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetPasswordData.html). */
    public GetPasswordDataResponse getPasswordData(GetPasswordDataRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        Ec2Errors.checkDryRun(r.dryRun());
        return GetPasswordDataResponse.builder().instanceId(i.id).timestamp(compute.now()).passwordData("").build();
    }
}
