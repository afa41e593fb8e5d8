package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.array;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * {@code AWS::EC2::VPCEndpoint}. {@code Ref} is the endpoint id; {@code Fn::GetAtt} gives
 * {@code CreationTimestamp}, {@code DnsEntries} ({@code hosted-zone-id:dns-name} strings),
 * {@code Id} and {@code NetworkInterfaceIds}. {@code ServiceName}, {@code VpcId} and {@code VpcEndpointType}
 * replace it; the policy, route tables, subnets, security groups and private DNS change in place with
 * ModifyVpcEndpoint. A policy given as JSON is sent as its text.
 */
public final class VpcEndpointHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "PolicyDocument", "PrivateDnsEnabled", "RouteTableIds", "SecurityGroupIds", "ServiceName", "SubnetIds",
            "Tags", "VpcEndpointType", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::VPCEndpoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ServiceName", "VpcId", "VpcEndpointType", "IpAddressType", "ServiceNetworkArn",
                "ResourceConfigurationArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        List<String> routeTables = strings(r, "RouteTableIds");
        List<String> subnets = strings(r, "SubnetIds");
        List<String> groups = strings(r, "SecurityGroupIds");
        String id = ec2.createVpcEndpoint(b -> b.vpcId(r.requiredText("VpcId")).serviceName(r.requiredText("ServiceName"))
                .vpcEndpointType(r.has("VpcEndpointType") ? r.text("VpcEndpointType") : "Gateway")
                .policyDocument(policy(r.property("PolicyDocument")))
                .routeTableIds(routeTables.isEmpty() ? null : routeTables)
                .subnetIds(subnets.isEmpty() ? null : subnets).securityGroupIds(groups.isEmpty() ? null : groups)
                .privateDnsEnabled(r.bool("PrivateDnsEnabled"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC_ENDPOINT))).vpcEndpoint().vpcEndpointId();
        return result(ec2, id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        ModifyVpcEndpointRequest.Builder m = ModifyVpcEndpointRequest.builder().vpcEndpointId(id);
        boolean modify = false;
        if (changed.contains("PolicyDocument")) {
            modify = true;
            if (r.has("PolicyDocument")) {
                m.policyDocument(policy(r.property("PolicyDocument")));
            } else {
                m.resetPolicy(true);
            }
        }
        modify |= lists(r, "RouteTableIds", m::addRouteTableIds, m::removeRouteTableIds);
        modify |= lists(r, "SubnetIds", m::addSubnetIds, m::removeSubnetIds);
        modify |= lists(r, "SecurityGroupIds", m::addSecurityGroupIds, m::removeSecurityGroupIds);
        if (changed.contains("PrivateDnsEnabled")) {
            modify = true;
            m.privateDnsEnabled(Boolean.TRUE.equals(r.bool("PrivateDnsEnabled")));
        }
        if (modify) {
            ec2.modifyVpcEndpoint(m.build());
        }
        Ec2Support.retag(r, id);
        return result(ec2, id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteVpcEndpoints(b -> b.vpcEndpointIds(r.physicalId())));
    }

    private static boolean lists(ResourceRequest r, String property,
            java.util.function.Consumer<List<String>> add, java.util.function.Consumer<List<String>> remove) {
        if (!r.changedProperties().contains(property)) {
            return false;
        }
        List<String> before = strings(r.previousProperties().get(property));
        List<String> after = strings(r.property(property));
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        if (!added.isEmpty()) {
            add.accept(added);
        }
        if (!removed.isEmpty()) {
            remove.accept(removed);
        }
        return !added.isEmpty() || !removed.isEmpty();
    }

    private static String policy(JsonNode p) {
        return p == null ? null : p.isTextual() ? p.asText() : p.toString();
    }

    private static Created result(Ec2Client ec2, String id) {
        VpcEndpoint e = ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(id)).vpcEndpoints().get(0);
        ArrayNode dns = JsonNodeFactory.instance.arrayNode();
        for (DnsEntry d : e.dnsEntries()) {
            dns.add(d.hostedZoneId() + ":" + d.dnsName());
        }
        return Created.of(id).attribute("Id", id).attribute("DnsEntries", dns)
                .attribute("NetworkInterfaceIds", array(e.networkInterfaceIds()))
                .attribute("CreationTimestamp", e.creationTimestamp() == null ? null : e.creationTimestamp().toString());
    }
}
