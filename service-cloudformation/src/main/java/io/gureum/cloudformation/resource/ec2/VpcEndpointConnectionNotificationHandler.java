package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.strings;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@code AWS::EC2::VPCEndpointConnectionNotification}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpointconnectionnotification.html).
 * {@code Ref} is the notification ID; {@code Fn::GetAtt} gives {@code VPCEndpointConnectionNotificationId}.
 * {@code ServiceId} and {@code VPCEndpointId} replace it; {@code ConnectionEvents} and
 * {@code ConnectionNotificationArn} change in place through ModifyVpcEndpointConnectionNotification.
 */
public final class VpcEndpointConnectionNotificationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ConnectionEvents", "ConnectionNotificationArn", "ServiceId",
            "VPCEndpointId");

    @Override
    public String type() {
        return "AWS::EC2::VPCEndpointConnectionNotification";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ServiceId", "VPCEndpointId");
    }

    private static Created result(String id) {
        return Created.of(id).attribute("VPCEndpointConnectionNotificationId", id);
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createVpcEndpointConnectionNotification(b -> b.serviceId(r.text("ServiceId"))
                .vpcEndpointId(r.text("VPCEndpointId")).connectionEvents(strings(r, "ConnectionEvents"))
                .connectionNotificationArn(r.requiredText("ConnectionNotificationArn")))
                .connectionNotification().connectionNotificationId();
        return result(id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> changed = r.changedProperties();
        ec2(r).modifyVpcEndpointConnectionNotification(b -> b.connectionNotificationId(r.physicalId())
                .connectionEvents(changed.contains("ConnectionEvents") ? strings(r, "ConnectionEvents") : null)
                .connectionNotificationArn(changed.contains("ConnectionNotificationArn")
                        ? r.requiredText("ConnectionNotificationArn") : null));
        return result(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            ec2(r).deleteVpcEndpointConnectionNotifications(b -> b.connectionNotificationIds(r.physicalId()));
        } catch (AwsServiceException e) {
            // InvalidConnectionNotification: already gone.
            if (!"InvalidConnectionNotification".equals(e.awsErrorDetails().errorCode()) && !Ec2Support.notFound(e)) {
                throw e;
            }
        }
    }
}
