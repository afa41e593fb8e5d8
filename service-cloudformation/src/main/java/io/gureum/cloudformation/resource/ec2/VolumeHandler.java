package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::Volume}. {@code Ref} is the volume id; {@code Fn::GetAtt} gives {@code VolumeId}.
 * {@code AvailabilityZone}, {@code Encrypted}, {@code KmsKeyId}, {@code SnapshotId} and {@code OutpostArn}
 * replace it; size, type, IOPS and throughput change in place with ModifyVolume, {@code AutoEnableIO} with
 * ModifyVolumeAttribute (also at create when true); tags in place. The type
 * honours {@code DeletionPolicy: Snapshot}: a snapshot of the volume is taken before it is deleted.
 */
public final class VolumeHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AutoEnableIO", "AvailabilityZone", "Encrypted", "Iops", "KmsKeyId", "MultiAttachEnabled", "Size", "SnapshotId", "Tags",
            "Throughput", "VolumeType");

    @Override
    public String type() {
        return "AWS::EC2::Volume";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AvailabilityZone", "Encrypted", "KmsKeyId", "SnapshotId", "OutpostArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createVolume(b -> b.availabilityZone(r.requiredText("AvailabilityZone"))
                .size(r.integer("Size")).volumeType(r.text("VolumeType")).iops(r.integer("Iops"))
                .throughput(r.integer("Throughput")).encrypted(r.bool("Encrypted")).kmsKeyId(r.text("KmsKeyId"))
                .snapshotId(r.text("SnapshotId")).multiAttachEnabled(r.bool("MultiAttachEnabled"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VOLUME))).volumeId();
        if (Boolean.TRUE.equals(r.bool("AutoEnableIO"))) {
            ec2(r).modifyVolumeAttribute(b -> b.volumeId(id).autoEnableIO(v -> v.value(true)));
        }
        return Created.of(id).attribute("VolumeId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> changed = r.changedProperties();
        if (changed.contains("Size") || changed.contains("VolumeType") || changed.contains("Iops")
                || changed.contains("Throughput")) {
            ec2(r).modifyVolume(ModifyVolumeRequest.builder().volumeId(r.physicalId()).size(r.integer("Size"))
                    .volumeType(r.text("VolumeType")).iops(r.integer("Iops")).throughput(r.integer("Throughput"))
                    .build());
        }
        if (changed.contains("AutoEnableIO")) {
            boolean on = Boolean.TRUE.equals(r.bool("AutoEnableIO"));
            ec2(r).modifyVolumeAttribute(b -> b.volumeId(r.physicalId()).autoEnableIO(v -> v.value(on)));
        }
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("VolumeId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteVolume(b -> b.volumeId(r.physicalId())));
    }

    @Override
    public boolean snapshots() {
        return true;
    }

    @Override
    public void snapshot(ResourceRequest r) {
        ec2(r).createSnapshot(b -> b.volumeId(r.physicalId()).description("Created by CloudFormation for "
                + r.stack().stackName() + " " + r.logicalId()));
    }
}
