package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.array;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;

/**
 * {@code AWS::EC2::Subnet}. {@code Ref} is the subnet id; {@code Fn::GetAtt} gives {@code AvailabilityZone},
 * {@code AvailabilityZoneId}, {@code CidrBlock}, {@code Ipv6CidrBlocks}, {@code NetworkAclAssociationId},
 * {@code OutpostArn}, {@code SubnetId} and {@code VpcId} (AWS::EC2::Subnet, "Return values"), and, as
 * CloudFormation lets {@code Fn::GetAtt} read this type's properties, {@code MapPublicIpOnLaunch},
 * {@code AssignIpv6AddressOnCreation}, {@code EnableDns64}, {@code Ipv6Native},
 * {@code PrivateDnsNameOptionsOnLaunch.*} as EC2 reports them and the template's other properties. The placement
 * and addressing properties replace the subnet; {@code MapPublicIpOnLaunch},
 * {@code AssignIpv6AddressOnCreation}, {@code EnableDns64} and tags change in place.
 */
public final class SubnetHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AssignIpv6AddressOnCreation", "AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "EnableDns64",
            "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6CidrBlock", "Ipv6Native", "MapPublicIpOnLaunch",
            "OutpostArn", "Tags", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::Subnet";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "Ipv4IpamPoolId", "Ipv4NetmaskLength",
                "Ipv6CidrBlock", "Ipv6IpamPoolId", "Ipv6Native", "Ipv6NetmaskLength", "OutpostArn", "VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createSubnet(b -> b.vpcId(r.requiredText("VpcId")).cidrBlock(r.text("CidrBlock"))
                .availabilityZone(r.text("AvailabilityZone")).availabilityZoneId(r.text("AvailabilityZoneId"))
                .ipv6CidrBlock(r.text("Ipv6CidrBlock")).ipv6Native(r.bool("Ipv6Native"))
                .ipv4IpamPoolId(r.text("Ipv4IpamPoolId")).ipv4NetmaskLength(r.integer("Ipv4NetmaskLength"))
                .outpostArn(r.text("OutpostArn")).tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.SUBNET)))
                .subnet().subnetId();
        if (Boolean.TRUE.equals(r.bool("MapPublicIpOnLaunch"))) {
            ec2.modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(v -> v.value(true)));
        }
        if (Boolean.TRUE.equals(r.bool("AssignIpv6AddressOnCreation"))) {
            ec2.modifySubnetAttribute(b -> b.subnetId(id).assignIpv6AddressOnCreation(v -> v.value(true)));
        }
        if (Boolean.TRUE.equals(r.bool("EnableDns64"))) {
            ec2.modifySubnetAttribute(b -> b.subnetId(id).enableDns64(v -> v.value(true)));
        }
        return PropertyAttributes.add(result(ec2, id), r);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("MapPublicIpOnLaunch")) {
            boolean v = Boolean.TRUE.equals(r.bool("MapPublicIpOnLaunch"));
            ec2.modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(x -> x.value(v)));
        }
        if (changed.contains("AssignIpv6AddressOnCreation")) {
            boolean v = Boolean.TRUE.equals(r.bool("AssignIpv6AddressOnCreation"));
            ec2.modifySubnetAttribute(b -> b.subnetId(id).assignIpv6AddressOnCreation(x -> x.value(v)));
        }
        if (changed.contains("EnableDns64")) {
            boolean v = Boolean.TRUE.equals(r.bool("EnableDns64"));
            ec2.modifySubnetAttribute(b -> b.subnetId(id).enableDns64(x -> x.value(v)));
        }
        Ec2Support.retag(r, id);
        return PropertyAttributes.add(result(ec2, id), r);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteSubnet(b -> b.subnetId(r.physicalId())));
    }

    private static Created result(Ec2Client ec2, String id) {
        Subnet s = ec2.describeSubnets(b -> b.subnetIds(id)).subnets().get(0);
        List<String> ipv6 = new ArrayList<>();
        for (SubnetIpv6CidrBlockAssociation a : s.ipv6CidrBlockAssociationSet()) {
            ipv6.add(a.ipv6CidrBlock());
        }
        String aclAssociation = ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", id)))
                .networkAcls().stream().flatMap(a -> a.associations().stream())
                .filter(a -> id.equals(a.subnetId())).map(a -> a.networkAclAssociationId()).findFirst().orElse(null);
        var dns = s.privateDnsNameOptionsOnLaunch();
        return Created.of(id).attribute("SubnetId", id).attribute("VpcId", s.vpcId())
                .attribute("AvailabilityZone", s.availabilityZone()).attribute("AvailabilityZoneId", s.availabilityZoneId())
                .attribute("CidrBlock", s.cidrBlock()).attribute("Ipv6CidrBlocks", array(ipv6))
                .attribute("NetworkAclAssociationId", aclAssociation).attribute("OutpostArn", s.outpostArn())
                .attribute("MapPublicIpOnLaunch", text(s.mapPublicIpOnLaunch()))
                .attribute("AssignIpv6AddressOnCreation", text(s.assignIpv6AddressOnCreation()))
                .attribute("EnableDns64", text(s.enableDns64())).attribute("Ipv6Native", text(s.ipv6Native()))
                .attribute("EnableLniAtDeviceIndex", text(s.enableLniAtDeviceIndex()))
                .attribute("PrivateDnsNameOptionsOnLaunch.HostnameType", dns == null ? null : dns.hostnameTypeAsString())
                .attribute("PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord",
                        dns == null ? null : text(dns.enableResourceNameDnsARecord()))
                .attribute("PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord",
                        dns == null ? null : text(dns.enableResourceNameDnsAAAARecord()))
                .attribute("BlockPublicAccessStates.InternetGatewayBlockMode", s.blockPublicAccessStates() == null ? null
                        : s.blockPublicAccessStates().internetGatewayBlockModeAsString());
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Subnet s;
        try {
            s = ec2(r).describeSubnets(b -> b.subnetIds(r.physicalId())).subnets().get(0);
        } catch (AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return null;
            }
            throw e;
        }
        return new Drift(r).put("VpcId", s.vpcId()).put("CidrBlock", s.cidrBlock())
                .put("AvailabilityZone", s.availabilityZone()).put("AvailabilityZoneId", s.availabilityZoneId())
                .put("MapPublicIpOnLaunch", s.mapPublicIpOnLaunch())
                .put("AssignIpv6AddressOnCreation", s.assignIpv6AddressOnCreation()).put("EnableDns64", s.enableDns64())
                .result();
    }
}
