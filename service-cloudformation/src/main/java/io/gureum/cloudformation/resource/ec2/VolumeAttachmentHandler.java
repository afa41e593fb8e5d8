package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * {@code AWS::EC2::VolumeAttachment}: an EBS volume attached to an instance. The type's identifier is the
 * volume and the instance, so {@code Ref} is {@code <VolumeId>|<InstanceId>}; it has no {@code Fn::GetAtt}
 * attribute. Every property replaces it. Create waits for the volume to be {@code available} and then
 * {@code in-use}; delete detaches it and waits for it to be {@code available} again, as AWS's handler does. No
 * wait holds a thread ({@link Polling}).
 */
public final class VolumeAttachmentHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Device", "InstanceId", "VolumeId");

    @Override
    public String type() {
        return "AWS::EC2::VolumeAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String volume = r.requiredText("VolumeId");
        String instance = r.requiredText("InstanceId");
        String device = r.requiredText("Device");
        return Polling.settled("Volume " + volume, () -> "available".equals(state(ec2, volume))).thenCompose(x -> {
            ec2.attachVolume(b -> b.volumeId(volume).instanceId(instance).device(device));
            return Polling.settled("Volume attachment " + volume, () -> "in-use".equals(state(ec2, volume)));
        }).thenApply(x -> Created.of(volume + "|" + instance));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String volume = r.text("VolumeId");
        String instance = r.text("InstanceId");
        return Ec2Support.deletingAsync(() -> {
            Volume v = ec2.describeVolumes(b -> b.volumeIds(volume)).volumes().get(0);
            if (v.attachments().stream().noneMatch(a -> instance.equals(a.instanceId()))) {
                return CompletableFuture.completedFuture(null);
            }
            ec2.detachVolume(b -> b.volumeId(volume).instanceId(instance));
            return Polling.settled("Volume " + volume, () -> !"in-use".equals(state(ec2, volume)));
        });
    }

    private static String state(Ec2Client ec2, String volume) {
        return ec2.describeVolumes(b -> b.volumeIds(volume)).volumes().get(0).stateAsString();
    }
}
