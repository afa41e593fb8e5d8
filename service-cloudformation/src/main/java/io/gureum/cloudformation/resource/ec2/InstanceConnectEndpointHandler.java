package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2InstanceConnectEndpoint;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code AWS::EC2::InstanceConnectEndpoint}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instanceconnectendpoint.html).
 * {@code Ref} is the endpoint ID; {@code Fn::GetAtt} gives the resource schema's read-only properties: {@code Id},
 * {@code InstanceConnectEndpointArn}, {@code AvailabilityZone}, {@code AvailabilityZoneId}, {@code CreatedAt},
 * {@code NetworkInterfaceIds}, {@code OwnerId}, {@code PublicDnsNames} (and its {@code Ipv4}/{@code Dualstack}
 * names), {@code State}, {@code StateMessage} and {@code VpcId}. {@code SubnetId}, {@code ClientToken},
 * {@code PreserveClientIp} and {@code SecurityGroupIds} replace the endpoint, as the reference documents; tags
 * change in place. Create waits until EC2 reports {@code create-complete}, delete until the endpoint is gone
 * (its network interface is then deleted, so the subnet can go after it); neither wait holds a thread
 * ({@link Polling}).
 */
public final class InstanceConnectEndpointHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("SubnetId", "ClientToken", "PreserveClientIp",
            "SecurityGroupIds", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::InstanceConnectEndpoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SubnetId", "ClientToken", "PreserveClientIp", "SecurityGroupIds");
    }

    private static List<Ec2InstanceConnectEndpoint> found(Ec2Client ec2, String id) {
        return ec2.describeInstanceConnectEndpoints(b -> b.filters(Ec2Support.filter("instance-connect-endpoint-id",
                id))).instanceConnectEndpoints();
    }

    private static Ec2InstanceConnectEndpoint describe(Ec2Client ec2, String id) {
        return ec2.describeInstanceConnectEndpoints(b -> b.instanceConnectEndpointIds(id)).instanceConnectEndpoints()
                .get(0);
    }

    private static Created created(Ec2InstanceConnectEndpoint e) {
        var dns = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Created c = Created.of(e.instanceConnectEndpointId()).attribute("Id", e.instanceConnectEndpointId())
                .attribute("InstanceConnectEndpointArn", e.instanceConnectEndpointArn())
                .attribute("AvailabilityZone", e.availabilityZone()).attribute("AvailabilityZoneId",
                        e.availabilityZoneId())
                .attribute("CreatedAt", e.createdAt().toString())
                .attribute("NetworkInterfaceIds", Ec2Support.array(e.networkInterfaceIds()))
                .attribute("OwnerId", e.ownerId()).attribute("State", e.stateAsString())
                .attribute("StateMessage", e.stateMessage()).attribute("VpcId", e.vpcId());
        var names = e.publicDnsNames();
        if (names != null && names.ipv4() != null) {
            dns.putObject("Ipv4").put("DnsName", names.ipv4().dnsName()).put("FipsDnsName", names.ipv4().fipsDnsName());
            c = c.attribute("PublicDnsNames.Ipv4.DnsName", names.ipv4().dnsName())
                    .attribute("PublicDnsNames.Ipv4.FipsDnsName", names.ipv4().fipsDnsName());
        }
        if (names != null && names.dualstack() != null) {
            dns.putObject("Dualstack").put("DnsName", names.dualstack().dnsName())
                    .put("FipsDnsName", names.dualstack().fipsDnsName());
            c = c.attribute("PublicDnsNames.Dualstack.DnsName", names.dualstack().dnsName())
                    .attribute("PublicDnsNames.Dualstack.FipsDnsName", names.dualstack().fipsDnsName());
        }
        return c.attribute("PublicDnsNames", dns);
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String subnet = r.requiredText("SubnetId");
        List<String> groups = r.has("SecurityGroupIds") ? Ec2Support.strings(r, "SecurityGroupIds") : null;
        Map<String, String> tags = Ec2Support.tags(r);
        List<TagSpecification> specs = tags.isEmpty() ? null : List.of(TagSpecification.builder()
                .resourceType("instance-connect-endpoint").tags(Ec2Support.sdkTags(tags)).build());
        String id = ec2.createInstanceConnectEndpoint(b -> b.subnetId(subnet).securityGroupIds(groups)
                .preserveClientIp(r.bool("PreserveClientIp")).clientToken(r.text("ClientToken"))
                .tagSpecifications(specs)).instanceConnectEndpoint().instanceConnectEndpointId();
        return Ec2Support.untilState("instance connect endpoint " + id, () -> describe(ec2, id),
                Ec2InstanceConnectEndpoint::stateAsString, "create-complete")
                .thenApply(InstanceConnectEndpointHandler::created);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(describe(ec2(r), r.physicalId()));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteInstanceConnectEndpoint(b -> b.instanceConnectEndpointId(id));
            return Polling.settled("instance connect endpoint " + id, () -> found(ec2, id).isEmpty());
        });
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var e = Ec2Support.described(() -> found(ec2(r), r.physicalId()),
                x -> x.stateAsString().startsWith("delete"));
        if (e == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("SubnetId", e.subnetId())
                .put("PreserveClientIp", e.preserveClientIp()).result();
    }
}
