package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.array;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/**
 * {@code AWS::EC2::VPC}. {@code Ref} is the VPC id; {@code Fn::GetAtt} gives {@code CidrBlock},
 * {@code CidrBlockAssociations}, {@code DefaultNetworkAcl}, {@code DefaultSecurityGroup},
 * {@code Ipv6CidrBlocks} and {@code VpcId} (AWS::EC2::VPC, "Return values"), and, as CloudFormation lets
 * {@code Fn::GetAtt} read this type's properties, {@code EnableDnsSupport}, {@code EnableDnsHostnames},
 * {@code InstanceTenancy} and the template's other properties. {@code CidrBlock},
 * {@code Ipv4IpamPoolId} and {@code Ipv4NetmaskLength} replace the VPC; {@code InstanceTenancy} replaces it
 * unless it changes from {@code dedicated} to {@code default}; DNS attributes and tags change in place.
 */
public final class VpcHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "CidrBlock", "EnableDnsHostnames", "EnableDnsSupport", "InstanceTenancy", "Ipv4IpamPoolId",
            "Ipv4NetmaskLength", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::VPC";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("CidrBlock", "Ipv4IpamPoolId", "Ipv4NetmaskLength");
    }

    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        if (ResourceHandler.super.requiresReplacement(r)) {
            return true;
        }
        if (!r.changedProperties().contains("InstanceTenancy")) {
            return false;
        }
        String before = r.previousProperties().path("InstanceTenancy").asText("default");
        return !("dedicated".equals(before) && "default".equals(r.properties().path("InstanceTenancy").asText("default")));
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createVpc(b -> b.cidrBlock(r.text("CidrBlock")).instanceTenancy(r.text("InstanceTenancy"))
                .ipv4IpamPoolId(r.text("Ipv4IpamPoolId")).ipv4NetmaskLength(r.integer("Ipv4NetmaskLength"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC))).vpc().vpcId();
        // EnableDnsSupport defaults to true and EnableDnsHostnames to false, as CreateVpc leaves them.
        if (Boolean.FALSE.equals(r.bool("EnableDnsSupport"))) {
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsSupport(v -> v.value(false)));
        }
        if (Boolean.TRUE.equals(r.bool("EnableDnsHostnames"))) {
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsHostnames(v -> v.value(true)));
        }
        return withProperties(ec2, id, r);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("InstanceTenancy")) {
            ec2.modifyVpcTenancy(b -> b.vpcId(id).instanceTenancy("default"));
        }
        if (changed.contains("EnableDnsSupport")) {
            boolean v = !Boolean.FALSE.equals(r.bool("EnableDnsSupport"));
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsSupport(x -> x.value(v)));
        }
        if (changed.contains("EnableDnsHostnames")) {
            boolean v = Boolean.TRUE.equals(r.bool("EnableDnsHostnames"));
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsHostnames(x -> x.value(v)));
        }
        Ec2Support.retag(r, id);
        return withProperties(ec2, id, r);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteVpc(b -> b.vpcId(r.physicalId())));
    }

    /** VPCCidrBlock resources add blocks to a VPC after its create. */
    @Override
    public Set<String> changingAttributes() {
        return Set.of("CidrBlockAssociations", "Ipv6CidrBlocks");
    }

    @Override
    public Map<String, JsonNode> attributesNow(ResourceRequest r) {
        return result(ec2(r), r.physicalId()).attributes();
    }

    /**
     * {@link #result}, and, as CloudFormation lets {@code Fn::GetAtt} read this type's properties,
     * {@code EnableDnsSupport}, {@code EnableDnsHostnames} and {@code InstanceTenancy} as EC2 reports them, then the
     * template's other properties ({@link PropertyAttributes}).
     */
    private static Created withProperties(Ec2Client ec2, String id, ResourceRequest r) {
        Created c = result(ec2, id);
        Vpc vpc = ec2.describeVpcs(b -> b.vpcIds(id)).vpcs().get(0);
        c = c.attribute("InstanceTenancy", vpc.instanceTenancyAsString())
                .attribute("EnableDnsSupport", String.valueOf(ec2.describeVpcAttribute(b -> b.vpcId(id)
                        .attribute("enableDnsSupport")).enableDnsSupport().value()))
                .attribute("EnableDnsHostnames", String.valueOf(ec2.describeVpcAttribute(b -> b.vpcId(id)
                        .attribute("enableDnsHostnames")).enableDnsHostnames().value()));
        return PropertyAttributes.add(c, r);
    }

    private static Created result(Ec2Client ec2, String id) {
        Vpc vpc = ec2.describeVpcs(b -> b.vpcIds(id)).vpcs().get(0);
        List<String> associations = new ArrayList<>();
        for (VpcCidrBlockAssociation a : vpc.cidrBlockAssociationSet()) {
            associations.add(a.associationId());
        }
        List<String> ipv6 = new ArrayList<>();
        for (VpcIpv6CidrBlockAssociation a : vpc.ipv6CidrBlockAssociationSet()) {
            ipv6.add(a.ipv6CidrBlock());
        }
        String acl = ec2.describeNetworkAcls(b -> b.filters(filter("vpc-id", id), filter("default", "true")))
                .networkAcls().stream().map(a -> a.networkAclId()).findFirst().orElse(null);
        String sg = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", id), filter("group-name", "default")))
                .securityGroups().stream().map(g -> g.groupId()).findFirst().orElse(null);
        ArrayNode ipv6Node = array(ipv6);
        return Created.of(id).attribute("VpcId", id).attribute("CidrBlock", vpc.cidrBlock())
                .attribute("CidrBlockAssociations", array(associations)).attribute("Ipv6CidrBlocks", ipv6Node)
                .attribute("DefaultNetworkAcl", acl).attribute("DefaultSecurityGroup", sg);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        Vpc vpc;
        try {
            vpc = ec2.describeVpcs(b -> b.vpcIds(r.physicalId())).vpcs().get(0);
        } catch (AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return null;
            }
            throw e;
        }
        Drift d = new Drift(r).put("CidrBlock", vpc.cidrBlock()).put("InstanceTenancy", vpc.instanceTenancyAsString());
        if (d.wants("EnableDnsSupport")) {
            d.put("EnableDnsSupport", ec2.describeVpcAttribute(b -> b.vpcId(r.physicalId()).attribute(
                    "enableDnsSupport")).enableDnsSupport().value());
        }
        if (d.wants("EnableDnsHostnames")) {
            d.put("EnableDnsHostnames", ec2.describeVpcAttribute(b -> b.vpcId(r.physicalId()).attribute(
                    "enableDnsHostnames")).enableDnsHostnames().value());
        }
        return d.result();
    }
}
