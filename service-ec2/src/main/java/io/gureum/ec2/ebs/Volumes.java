package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.AttachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.DetachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DetachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * EBS volumes (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes.html): created in one
 * availability zone ({@code creating}, then {@code available}), attached to an instance of the same zone
 * at a device name, deleted only while detached.
 */
public final class Volumes {
    private final Compute compute;
    private final Ebs ebs;
    private final InstanceLookup instances;
    private final Ec2Filters<Volume> filters;

    /** The instance facts volume attachment needs, from the instances family. */
    public interface InstanceLookup {
        /** The instance's availability zone and state name, or null when it does not exist. */
        String[] zoneAndState(ComputeStore s, String instanceId);

        void attached(ComputeStore s, String instanceId, String device, String volumeId);

        void detached(ComputeStore s, String instanceId, String volumeId);
    }

    public Volumes(Compute compute, Ebs ebs, InstanceLookup instances) {
        this.compute = compute;
        this.ebs = ebs;
        this.instances = instances;
        this.filters = new Ec2Filters<Volume>(v -> (Map<String, String>) v.tags)
                .on("attachment.attach-time", v -> v.attachTime == null ? null : String.valueOf(v.attachTime))
                .on("attachment.delete-on-termination", v -> v.attachedInstanceId == null ? null : v.deleteOnTermination)
                .on("attachment.device", v -> v.device)
                .on("attachment.instance-id", v -> v.attachedInstanceId)
                .on("attachment.status", v -> v.attachedInstanceId == null ? null : "attached")
                .on("availability-zone", v -> v.availabilityZone)
                .on("create-time", v -> String.valueOf(v.createTime))
                .on("encrypted", v -> v.encrypted)
                .on("multi-attach-enabled", v -> v.multiAttachEnabled)
                .on("fast-restored", v -> false)
                .on("size", v -> v.size)
                .on("snapshot-id", v -> v.snapshotId)
                .on("status", v -> v.state(compute.now()))
                .on("volume-id", v -> v.id)
                .on("volume-type", v -> v.volumeType);
    }

    public CreateVolumeResponse createVolume(CreateVolumeRequest r) {
        ComputeStore s = compute.store();
        String zone = r.availabilityZone();
        if (zone == null) {
            throw Ec2Errors.missing("AvailabilityZone");
        }
        boolean known = compute.ctx.topology().region(s.region).map(x -> x.zones().stream()
                .anyMatch(z -> z.zoneName().equals(zone))).orElse(false);
        if (!known) {
            throw Ec2Errors.invalidValue(zone, "availabilityZone", "Invalid availability zone: [" + zone + "]");
        }
        Integer size = r.size();
        boolean encrypted = Boolean.TRUE.equals(r.encrypted());
        if (r.snapshotId() != null) {
            Snapshot snap = ebs.requireSnapshot(s, r.snapshotId());
            ebs.requireStandardTier(snap, "to create a volume from");
            if (size != null && size < snap.volumeSize) {
                throw Ec2Errors.invalidParameterValue("Volume of " + size + "GiB is too small; minimum is "
                        + snap.volumeSize + "GiB.");
            }
            size = size == null ? snap.volumeSize : size;
            encrypted |= snap.encrypted;
        }
        if (r.kmsKeyId() != null && !encrypted && !s.ebsEncryptionByDefault) {
            throw Ec2Errors.combination("The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        VolumeRules.Settings settings = VolumeRules.check(r.volumeTypeAsString(), size, r.iops(), r.throughput());
        TagSpecifications.validate(r.tagSpecifications(), "volume");
        Ec2Errors.checkDryRun(r.dryRun());
        Volume v = ebs.create(s, zone, settings, r.snapshotId(), encrypted, r.kmsKeyId(),
                TagSpecifications.tagsOf(r.tagSpecifications()), false);
        v.multiAttachEnabled = Boolean.TRUE.equals(r.multiAttachEnabled());
        if (r.snapshotId() != null) {
            v.fastRestored = FastSnapshotRestores.enabled(s, r.snapshotId(), zone, compute.now()) ? Boolean.TRUE : null;
        }
        var sdk = toSdk(v);
        return CreateVolumeResponse.builder().volumeId(v.id).size(v.size).snapshotId(v.snapshotId)
                .availabilityZone(v.availabilityZone).state(sdk.state()).createTime(v.createTime)
                .volumeType(v.volumeType).iops(v.iops).throughput(v.throughput).encrypted(v.encrypted)
                .kmsKeyId(v.kmsKeyId).multiAttachEnabled(v.multiAttachEnabled).fastRestored(v.fastRestored)
                .tags(sdk.tags()).build();
    }

    public DescribeVolumesResponse describeVolumes(DescribeVolumesRequest r) {
        ComputeStore s = compute.store();
        List<Volume> found = new ArrayList<>();
        if (r.hasVolumeIds() && !r.volumeIds().isEmpty()) {
            if (r.maxResults() != null) {
                throw Ec2Errors.combination("The parameter volumeSet cannot be used with the parameter maxResults");
            }
            for (String id : r.volumeIds()) {
                found.add(ebs.requireVolume(s, id));
            }
        } else {
            found.addAll(s.volumes.values());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 500);
        return DescribeVolumesResponse.builder().volumes(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    public AttachVolumeResponse attachVolume(AttachVolumeRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        String[] instance = instances.zoneAndState(s, r.instanceId());
        if (instance == null) {
            throw Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.of(r.instanceId());
        }
        if (r.device() == null) {
            throw Ec2Errors.missing("device");
        }
        if (!instance[0].equals(v.availabilityZone)) {
            throw Ec2Error.INVALID_VOLUME_ZONE_MISMATCH.of(v.id, r.instanceId());
        }
        if (!instance[1].equals("running") && !instance[1].equals("stopped")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Instance '" + r.instanceId() + "' is not 'running'.");
        }
        if (!v.state(compute.now()).equals("available")) {
            throw Ec2Error.VOLUME_IN_USE.withMessage(v.id + " is already attached to an instance");
        }
        if (!r.device().matches("/dev/(sd|xvd)[a-z]{1,2}[0-9]*|xvd[a-z]{1,2}")) {
            throw Ec2Errors.invalidParameterValue("Value (" + r.device() + ") for parameter device is invalid. "
                    + r.device() + " is not a valid EBS device name.");
        }
        for (Volume other : s.volumes.values()) {
            if (r.instanceId().equals(other.attachedInstanceId) && r.device().equals(other.device)) {
                throw Ec2Errors.invalidParameterValue("Invalid value '" + r.device() + "' for unixDevice. "
                        + "Attachment point " + r.device() + " is already in use");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        ebs.attach(v, r.instanceId(), r.device(), false, now);
        instances.attached(s, r.instanceId(), r.device(), v.id);
        return AttachVolumeResponse.builder().volumeId(v.id).instanceId(r.instanceId()).device(r.device())
                .attachTime(now).state("attaching").deleteOnTermination(false).build();
    }

    public DetachVolumeResponse detachVolume(DetachVolumeRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        if (v.attachedInstanceId == null || (r.instanceId() != null && !r.instanceId().equals(v.attachedInstanceId))) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Volume '" + v.id + "' is in the 'available' state.");
        }
        String instanceId = v.attachedInstanceId;
        String[] instance = instances.zoneAndState(s, instanceId);
        if (instance != null && v.device.equals(rootDevice(s, instanceId)) && !"stopped".equals(instance[1])) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Unable to detach root volume '" + v.id
                    + "' from instance '" + instanceId + "'");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        String device = v.device;
        Instant at = v.attachTime;
        ebs.detach(v);
        instances.detached(s, instanceId, v.id);
        return DetachVolumeResponse.builder().volumeId(v.id).instanceId(instanceId).device(device).attachTime(at)
                .state("detaching").deleteOnTermination(false).build();
    }

    private static String rootDevice(ComputeStore s, String instanceId) {
        var i = s.instances.get(instanceId);
        return i == null ? null : i.rootDeviceName;
    }

    public DeleteVolumeResponse deleteVolume(DeleteVolumeRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        if (v.attachedInstanceId != null) {
            throw Ec2Error.VOLUME_IN_USE.withMessage("Volume " + v.id + " is currently attached to "
                    + v.attachedInstanceId);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        ebs.delete(s, v);
        return DeleteVolumeResponse.builder().build();
    }

    software.amazon.awssdk.services.ec2.model.Volume toSdk(Volume v) {
        List<VolumeAttachment> attachments = v.attachedInstanceId == null ? List.of()
                : List.of(VolumeAttachment.builder().volumeId(v.id).instanceId(v.attachedInstanceId).device(v.device)
                        .state("attached").attachTime(v.attachTime).deleteOnTermination(v.deleteOnTermination).build());
        return software.amazon.awssdk.services.ec2.model.Volume.builder().volumeId(v.id).size(v.size)
                .snapshotId(v.snapshotId).availabilityZone(v.availabilityZone).state(v.state(compute.now()))
                .createTime(v.createTime).attachments(attachments).volumeType(v.volumeType).iops(v.iops)
                .throughput(v.throughput).encrypted(v.encrypted).kmsKeyId(v.kmsKeyId)
                .multiAttachEnabled(v.multiAttachEnabled).fastRestored(v.fastRestored)
                .tags(TagSpecifications.toSdk(v.tags)).build();
    }
}
