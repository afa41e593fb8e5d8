package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.Timing;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesModificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesModificationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeResponse;
import software.amazon.awssdk.services.ec2.model.VolumeModification;
import software.amazon.awssdk.services.ec2.model.VolumeStatusDetails;
import software.amazon.awssdk.services.ec2.model.VolumeStatusInfo;
import software.amazon.awssdk.services.ec2.model.VolumeStatusItem;

/**
 * Elastic Volumes (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modify-volume.html): a volume
 * grows or changes type, IOPS or throughput in place, {@code modifying} then {@code optimizing} (each
 * {@link Timing#TRANSITION}) then {@code completed}; a volume never shrinks. And DescribeVolumeStatus.
 */
public final class VolumeModifications {
    private final Compute compute;
    private final Ebs ebs;
    private final Ec2Filters<VolumeModification> filters = new Ec2Filters<VolumeModification>()
            .on("modification-state", VolumeModification::modificationStateAsString)
            .on("original-iops", VolumeModification::originalIops)
            .on("original-size", VolumeModification::originalSize)
            .on("original-volume-type", VolumeModification::originalVolumeTypeAsString)
            .on("start-time", m -> String.valueOf(m.startTime()))
            .on("target-iops", VolumeModification::targetIops)
            .on("target-size", VolumeModification::targetSize)
            .on("target-volume-type", VolumeModification::targetVolumeTypeAsString)
            .on("volume-id", VolumeModification::volumeId);

    public VolumeModifications(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
    }

    private String state(Volume.Modification m, Instant now) {
        if (now.isBefore(m.startTime.plus(Timing.TRANSITION))) {
            return "modifying";
        }
        if (now.isBefore(m.startTime.plus(Timing.TRANSITION).plus(Timing.TRANSITION))) {
            return "optimizing";
        }
        return "completed";
    }

    public ModifyVolumeResponse modifyVolume(ModifyVolumeRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        Instant now = compute.now();
        if (v.modification != null && !state(v.modification, now).equals("completed")) {
            throw Ec2Error.INCORRECT_MODIFICATION_STATE.withMessage("Volume " + v.id + " is already being modified.");
        }
        if (r.size() != null && r.size() < v.size) {
            throw Ec2Errors.invalidParameterValue("New size cannot be smaller than existing size");
        }
        String type = r.volumeTypeAsString() != null ? r.volumeTypeAsString() : v.volumeType;
        boolean typeChanges = !type.equals(v.volumeType);
        Integer iops = r.iops() != null ? r.iops() : typeChanges || type.equals("gp2") ? null : v.iops;
        Integer throughput = r.throughput() != null ? r.throughput() : typeChanges ? null : v.throughput;
        if (type.equals("gp2") || type.equals("st1") || type.equals("sc1") || type.equals("standard")) {
            iops = r.iops();
            throughput = r.throughput();
        }
        int size = r.size() != null ? r.size() : v.size;
        VolumeRules.Settings settings = VolumeRules.check(type, size, iops, throughput);
        if (r.size() == null && r.volumeTypeAsString() == null && r.iops() == null && r.throughput() == null
                && r.multiAttachEnabled() == null) {
            throw Ec2Errors.missing("Size");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Volume.Modification m = new Volume.Modification();
        m.startTime = now;
        m.originalSize = v.size;
        m.originalVolumeType = v.volumeType;
        m.originalIops = v.iops;
        m.originalThroughput = v.throughput;
        v.modification = m;
        v.size = settings.size();
        v.volumeType = settings.type();
        v.iops = settings.iops();
        v.throughput = settings.throughput();
        if (r.multiAttachEnabled() != null) {
            v.multiAttachEnabled = r.multiAttachEnabled();
        }
        return ModifyVolumeResponse.builder().volumeModification(toSdk(v, now)).build();
    }

    private VolumeModification toSdk(Volume v, Instant now) {
        Volume.Modification m = v.modification;
        String state = state(m, now);
        return VolumeModification.builder().volumeId(v.id).modificationState(state).targetSize(v.size)
                .targetVolumeType(v.volumeType).targetIops(v.iops).targetThroughput(v.throughput)
                .targetMultiAttachEnabled(v.multiAttachEnabled).originalSize(m.originalSize)
                .originalVolumeType(m.originalVolumeType).originalIops(m.originalIops)
                .originalThroughput(m.originalThroughput).originalMultiAttachEnabled(false)
                .progress(state.equals("completed") ? 100L : state.equals("optimizing") ? 50L : 0L)
                .startTime(m.startTime).endTime(state.equals("completed")
                        ? m.startTime.plus(Timing.TRANSITION).plus(Timing.TRANSITION) : null).build();
    }

    public DescribeVolumesModificationsResponse describeVolumesModifications(DescribeVolumesModificationsRequest r) {
        ComputeStore s = compute.store();
        Instant now = compute.now();
        List<VolumeModification> out = new ArrayList<>();
        if (r.hasVolumeIds() && !r.volumeIds().isEmpty()) {
            for (String id : r.volumeIds()) {
                Volume v = ebs.requireVolume(s, id);
                if (v.modification == null) {
                    throw Ec2Error.INVALID_VOLUME_MODIFICATION_NOT_FOUND.of(id);
                }
                out.add(toSdk(v, now));
            }
        } else {
            for (Volume v : s.volumes.values()) {
                if (v.modification != null) {
                    out.add(toSdk(v, now));
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(out.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 500);
        return DescribeVolumesModificationsResponse.builder().volumesModifications(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** Every volume is healthy: I/O enabled, performance normal, no events or actions. */
    public DescribeVolumeStatusResponse describeVolumeStatus(DescribeVolumeStatusRequest r) {
        ComputeStore s = compute.store();
        List<Volume> found = new ArrayList<>();
        if (r.hasVolumeIds() && !r.volumeIds().isEmpty()) {
            for (String id : r.volumeIds()) {
                found.add(ebs.requireVolume(s, id));
            }
        } else {
            found.addAll(s.volumes.values());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Ec2Filters<VolumeStatusItem> f = new Ec2Filters<VolumeStatusItem>()
                .on("availability-zone", VolumeStatusItem::availabilityZone)
                .on("volume-id", VolumeStatusItem::volumeId)
                .on("volume-status.status", x -> x.volumeStatus().statusAsString())
                .on("volume-status.details-name", x -> x.volumeStatus().details().stream().map(d -> d.nameAsString()).toList())
                .on("volume-status.details-status", x -> x.volumeStatus().details().stream().map(d -> d.status()).toList());
        List<VolumeStatusItem> items = found.stream().map(v -> VolumeStatusItem.builder().volumeId(v.id)
                .availabilityZone(v.availabilityZone).events(List.of()).actions(List.of())
                .volumeStatus(VolumeStatusInfo.builder().status("ok").details(
                        VolumeStatusDetails.builder().name("io-enabled").status("passed").build(),
                        VolumeStatusDetails.builder().name("io-performance").status("not-applicable").build())
                        .build()).build()).filter(f.predicate(r.filters())).toList();
        var page = Pagination.page(items, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVolumeStatusResponse.builder().volumeStatuses(page.items()).nextToken(page.nextToken()).build();
    }
}
