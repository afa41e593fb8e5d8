package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.strings;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * {@code AWS::EC2::Instance}. {@code Ref} is the instance id; {@code Fn::GetAtt} gives
 * {@code AvailabilityZone}, {@code InstanceId}, {@code PrivateDnsName}, {@code PrivateIp},
 * {@code PublicDnsName}, {@code PublicIp}, {@code VpcId} and {@code State} ({@code State.Code}/{@code State.Name}: the state
 * when the create or update finished: {@code 16}/{@code running}), and, as CloudFormation lets {@code Fn::GetAtt}
 * read this type's properties, {@code InstanceType}, {@code ImageId}, {@code SubnetId}, {@code KeyName} as EC2
 * reports them and the template's other properties. Create waits until the instance is
 * {@code running} and delete until it is {@code terminated}, as AWS's handler does, without holding a thread
 * ({@link Polling}).
 *
 * <p>Placement, image, key, network and launch template properties replace the instance. Security groups,
 * termination protection, monitoring, source/destination check and tags change in place;
 * {@code InstanceType}, {@code UserData} and {@code EbsOptimized} stop the instance, change it and start it
 * again ("Update requires: Some interruption").
 */
public final class InstanceHandler implements WaitingUpdateHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AvailabilityZone", "BlockDeviceMappings", "DisableApiTermination", "EbsOptimized", "IamInstanceProfile",
            "ImageId", "InstanceType", "KeyName", "LaunchTemplate", "Monitoring", "NetworkInterfaces",
            "PlacementGroupName", "PrivateIpAddress", "SecurityGroupIds", "SecurityGroups", "SourceDestCheck",
            "SubnetId", "Tags", "Tenancy", "UserData");

    private static final Set<String> WITH_STOP = Set.of("InstanceType", "UserData", "EbsOptimized");

    @Override
    public String type() {
        return "AWS::EC2::Instance";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AvailabilityZone", "ImageId", "KeyName", "SubnetId", "PrivateIpAddress", "NetworkInterfaces",
                "LaunchTemplate", "SecurityGroups", "Tenancy", "PlacementGroupName", "HostId", "BlockDeviceMappings",
                "CpuOptions", "HibernationOptions", "Ipv6AddressCount", "Ipv6Addresses", "ElasticGpuSpecifications",
                "EnclaveOptions", "LicenseSpecifications", "IamInstanceProfile", "CreditSpecification");
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        RunInstancesRequest.Builder b = RunInstancesRequest.builder().minCount(1).maxCount(1)
                .imageId(r.text("ImageId")).instanceType(r.text("InstanceType"))
                .keyName(r.text("KeyName")).subnetId(r.text("SubnetId")).privateIpAddress(r.text("PrivateIpAddress"))
                .userData(r.text("UserData")).ebsOptimized(r.bool("EbsOptimized"))
                .disableApiTermination(r.bool("DisableApiTermination"))
                .securityGroupIds(list(strings(r, "SecurityGroupIds"))).securityGroups(list(strings(r, "SecurityGroups")))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.INSTANCE));
        if (r.has("AvailabilityZone") || r.has("Tenancy") || r.has("PlacementGroupName")) {
            b.placement(p -> p.availabilityZone(r.text("AvailabilityZone")).tenancy(r.text("Tenancy"))
                    .groupName(r.text("PlacementGroupName")));
        }
        if (Boolean.TRUE.equals(r.bool("Monitoring"))) {
            b.monitoring(m -> m.enabled(true));
        }
        String profile = r.text("IamInstanceProfile");
        if (profile != null) {
            b.iamInstanceProfile(p -> {
                if (profile.startsWith("arn:")) {
                    p.arn(profile);
                } else {
                    p.name(profile);
                }
            });
        }
        JsonNode template = r.property("LaunchTemplate");
        if (template != null) {
            b.launchTemplate(t -> t.launchTemplateId(Ec2Support.text(template, "LaunchTemplateId"))
                    .launchTemplateName(Ec2Support.text(template, "LaunchTemplateName"))
                    .version(Ec2Support.text(template, "Version")));
        }
        if (r.has("BlockDeviceMappings")) {
            List<BlockDeviceMapping> mappings = new ArrayList<>();
            r.property("BlockDeviceMappings").forEach(m -> mappings.add(SdkJson.build(m, BlockDeviceMapping.builder(),
                    "BlockDeviceMappings")));
            b.blockDeviceMappings(mappings);
        }
        if (r.has("NetworkInterfaces")) {
            List<InstanceNetworkInterfaceSpecification> nics = new ArrayList<>();
            for (JsonNode n : r.property("NetworkInterfaces")) {
                // The template names the groups GroupSet where the API says Groups.
                com.fasterxml.jackson.databind.node.ObjectNode copy = n.deepCopy();
                if (copy.has("GroupSet")) {
                    copy.set("Groups", copy.remove("GroupSet"));
                }
                nics.add(SdkJson.build(copy, InstanceNetworkInterfaceSpecification.builder(), "NetworkInterfaces"));
            }
            b.networkInterfaces(nics);
        }
        String id = ec2.runInstances(b.build()).instances().get(0).instanceId();
        if (Boolean.FALSE.equals(r.bool("SourceDestCheck"))) {
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).sourceDestCheck(v -> v.value(false)));
        }
        return awaitState(ec2, id, "running").thenApply(x -> result(ec2, id, r));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("SecurityGroupIds")) {
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).groups(strings(r, "SecurityGroupIds")));
        }
        if (changed.contains("DisableApiTermination")) {
            boolean v = Boolean.TRUE.equals(r.bool("DisableApiTermination"));
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).disableApiTermination(a -> a.value(v)));
        }
        if (changed.contains("SourceDestCheck")) {
            boolean v = !Boolean.FALSE.equals(r.bool("SourceDestCheck"));
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).sourceDestCheck(a -> a.value(v)));
        }
        if (changed.contains("Monitoring")) {
            if (Boolean.TRUE.equals(r.bool("Monitoring"))) {
                ec2.monitorInstances(x -> x.instanceIds(id));
            } else {
                ec2.unmonitorInstances(x -> x.instanceIds(id));
            }
        }
        CompletableFuture<Void> restarted = CompletableFuture.completedFuture(null);
        if (changed.stream().anyMatch(WITH_STOP::contains)) {
            ec2.stopInstances(x -> x.instanceIds(id));
            restarted = awaitState(ec2, id, "stopped").thenCompose(x -> {
                modifyStopped(r, ec2, id, changed);
                ec2.startInstances(y -> y.instanceIds(id));
                return awaitState(ec2, id, "running");
            });
        }
        return restarted.thenApply(x -> {
            Ec2Support.retag(r, id);
            return result(ec2, id, r);
        });
    }

    /** The changes that need the instance stopped ("Update requires: Some interruption"). */
    private static void modifyStopped(ResourceRequest r, Ec2Client ec2, String id, Set<String> changed) {
        if (changed.contains("InstanceType")) {
            String type = r.has("InstanceType") ? r.text("InstanceType") : "m1.small";
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).instanceType(a -> a.value(type)));
        }
        if (changed.contains("UserData")) {
            String data = r.has("UserData") ? r.text("UserData") : "";
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).userData(a -> a.value(
                    software.amazon.awssdk.core.SdkBytes.fromUtf8String(data))));
        }
        if (changed.contains("EbsOptimized")) {
            boolean v = Boolean.TRUE.equals(r.bool("EbsOptimized"));
            ec2.modifyInstanceAttribute(x -> x.instanceId(id).ebsOptimized(a -> a.value(v)));
        }
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        // Termination protection fails the delete (OperationNotPermitted), as on AWS.
        return Ec2Support.deletingAsync(() -> {
            ec2.terminateInstances(x -> x.instanceIds(id));
            return awaitState(ec2, id, "terminated");
        });
    }

    private static CompletableFuture<Void> awaitState(Ec2Client ec2, String id, String state) {
        return Polling.settled("Instance " + id, () -> {
            List<software.amazon.awssdk.services.ec2.model.Reservation> rs = ec2.describeInstances(x -> x
                    .instanceIds(id)).reservations();
            return rs.isEmpty() ? "terminated".equals(state)
                    : state.equals(rs.get(0).instances().get(0).state().nameAsString());
        });
    }

    private static List<String> list(List<String> l) {
        return l.isEmpty() ? null : l;
    }

    private static Created result(Ec2Client ec2, String id, ResourceRequest r) {
        Instance i = ec2.describeInstances(x -> x.instanceIds(id)).reservations().get(0).instances().get(0);
        Created c = Created.of(id).attribute("InstanceId", id).attribute("AvailabilityZone", i.placement().availabilityZone())
                .attribute("PrivateDnsName", i.privateDnsName()).attribute("PrivateIp", i.privateIpAddress())
                .attribute("PublicDnsName", i.publicDnsName()).attribute("PublicIp", i.publicIpAddress())
                .attribute("VpcId", i.vpcId()).attribute("State", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("Code", String.valueOf(i.state().code())).put("Name", i.state().nameAsString()))
                .attribute("State.Code", String.valueOf(i.state().code()))
                .attribute("State.Name", i.state().nameAsString()).attribute("InstanceType", i.instanceTypeAsString())
                .attribute("ImageId", i.imageId()).attribute("SubnetId", i.subnetId()).attribute("KeyName", i.keyName());
        return PropertyAttributes.add(c, r);
    }
}
