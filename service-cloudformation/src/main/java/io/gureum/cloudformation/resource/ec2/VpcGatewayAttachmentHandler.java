package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code AWS::EC2::VPCGatewayAttachment}: an internet gateway or a virtual private gateway attached to a
 * VPC. {@code Ref} is the attachment's id ({@code <type>|<VpcId>}, type {@code IGW} or {@code VGW});
 * {@code Fn::GetAtt} gives {@code AttachmentType} and {@code VpcId}. {@code VpcId} replaces the attachment;
 * a new gateway is attached in place, the old one detached.
 */
public final class VpcGatewayAttachmentHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "InternetGatewayId", "VpcId", "VpnGatewayId");

    @Override
    public String type() {
        return "AWS::EC2::VPCGatewayAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        attach(r, r.properties());
        return result(r);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        detach(r, r.previousProperties());
        attach(r, r.properties());
        return result(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        detach(r, r.properties());
    }

    private static void attach(ResourceRequest r, JsonNode p) {
        Ec2Client ec2 = ec2(r);
        String vpc = r.requiredText("VpcId");
        String igw = Ec2Support.text(p, "InternetGatewayId");
        String vgw = Ec2Support.text(p, "VpnGatewayId");
        if ((igw == null) == (vgw == null)) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #: only 1 subschema matches out of 2");
        }
        if (igw != null) {
            ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        } else {
            ec2.attachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc));
        }
    }

    private static void detach(ResourceRequest r, JsonNode p) {
        Ec2Client ec2 = ec2(r);
        String vpc = Ec2Support.text(p, "VpcId");
        String igw = Ec2Support.text(p, "InternetGatewayId");
        String vgw = Ec2Support.text(p, "VpnGatewayId");
        try {
            if (igw != null) {
                ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
            } else if (vgw != null) {
                ec2.detachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc));
            }
        } catch (AwsServiceException e) {
            // Already detached, or the gateway or VPC already gone.
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!Ec2Support.notFound(e) && !code.equals("Gateway.NotAttached")
                    && !code.equals("InvalidVpnGatewayAttachment.NotFound")) {
                throw e;
            }
        }
    }

    private static Created result(ResourceRequest r) {
        String type = r.has("InternetGatewayId") ? "IGW" : "VGW";
        String vpc = r.text("VpcId");
        return Created.of(type + "|" + vpc).attribute("AttachmentType", type).attribute("VpcId", vpc);
    }
}
