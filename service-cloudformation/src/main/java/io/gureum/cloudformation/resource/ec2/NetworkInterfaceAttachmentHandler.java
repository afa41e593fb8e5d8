package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::NetworkInterfaceAttachment}: a network interface attached to an instance. {@code Ref} is
 * the attachment id; {@code Fn::GetAtt} gives {@code AttachmentId}. {@code InstanceId},
 * {@code NetworkInterfaceId} and {@code DeviceIndex} replace it; {@code DeleteOnTermination} changes in place.
 */
public final class NetworkInterfaceAttachmentHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "DeleteOnTermination", "DeviceIndex", "InstanceId", "NetworkInterfaceId");

    @Override
    public String type() {
        return "AWS::EC2::NetworkInterfaceAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("DeviceIndex", "InstanceId", "NetworkInterfaceId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String eni = r.requiredText("NetworkInterfaceId");
        String id = ec2(r).attachNetworkInterface(b -> b.networkInterfaceId(eni)
                .instanceId(r.requiredText("InstanceId")).deviceIndex(Integer.valueOf(r.requiredText("DeviceIndex"))))
                .attachmentId();
        // DeleteOnTermination defaults to true for this type (AWS::EC2::NetworkInterfaceAttachment).
        setDeleteOnTermination(r, eni, id);
        return Created.of(id).attribute("AttachmentId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        setDeleteOnTermination(r, r.requiredText("NetworkInterfaceId"), r.physicalId());
        return Created.of(r.physicalId()).attribute("AttachmentId", r.physicalId());
    }

    private static void setDeleteOnTermination(ResourceRequest r, String eni, String attachment) {
        boolean delete = !Boolean.FALSE.equals(r.bool("DeleteOnTermination"));
        ec2(r).modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                .attachment(a -> a.attachmentId(attachment).deleteOnTermination(delete)));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).detachNetworkInterface(b -> b.attachmentId(r.physicalId())));
    }
}
