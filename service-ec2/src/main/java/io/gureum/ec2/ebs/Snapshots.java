package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.images.Image;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CopySnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CopySnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;

/**
 * EBS snapshots (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html): point-in-time
 * copies of a volume, {@code pending} for a moment and then {@code completed}; a snapshot an AMI uses
 * cannot be deleted.
 */
public final class Snapshots {
    private final Compute compute;
    private final Ebs ebs;
    private final Ec2Filters<Snapshot> filters;

    public Snapshots(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
        this.filters = new Ec2Filters<Snapshot>(x -> (Map<String, String>) x.tags)
                .on("description", x -> x.description)
                .on("encrypted", x -> x.encrypted)
                .on("owner-id", x -> x.ownerId)
                .on("progress", x -> x.state(compute.now()).equals("completed") ? "100%" : "0%")
                .on("snapshot-id", x -> x.id)
                .on("start-time", x -> String.valueOf(x.startTime))
                .on("status", x -> x.state(compute.now()))
                .on("storage-tier", x -> x.tier(compute.now()))
                .on("volume-id", x -> x.volumeId)
                .on("volume-size", x -> x.volumeSize);
    }

    public CreateSnapshotResponse createSnapshot(CreateSnapshotRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        TagSpecifications.validate(r.tagSpecifications(), "snapshot");
        Ec2Errors.checkDryRun(r.dryRun());
        Snapshot snap = ebs.snapshot(s, v, r.description(), TagSpecifications.tagsOf(r.tagSpecifications()));
        var sdk = toSdk(snap);
        return CreateSnapshotResponse.builder().snapshotId(snap.id).volumeId(v.id).volumeSize(snap.volumeSize)
                .description(snap.description).encrypted(snap.encrypted).kmsKeyId(snap.kmsKeyId)
                .ownerId(snap.ownerId).startTime(snap.startTime).state(sdk.state()).progress(sdk.progress())
                .storageTier(snap.tier(compute.now())).tags(sdk.tags()).build();
    }

    /** CopySnapshot runs in the destination region and copies from any region (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html). */
    public CopySnapshotResponse copySnapshot(CopySnapshotRequest r) {
        ComputeStore s = compute.store();
        if (r.sourceRegion() == null) {
            throw Ec2Errors.missing("SourceRegion");
        }
        if (compute.ctx.topology().region(r.sourceRegion()).isEmpty()) {
            throw Ec2Errors.invalidValue(r.sourceRegion(), "SourceRegion", "Invalid region.");
        }
        Snapshot source = ebs.requireSnapshot(compute.store(s.account, r.sourceRegion()), r.sourceSnapshotId());
        ebs.requireStandardTier(source, "to copy");
        TagSpecifications.validate(r.tagSpecifications(), "snapshot");
        Ec2Errors.checkDryRun(r.dryRun());
        Snapshot copy = new Snapshot(compute.id("snap"), s.account);
        copy.volumeId = "vol-ffffffff";
        copy.volumeSize = source.volumeSize;
        copy.description = r.description() != null ? r.description()
                : "[Copied " + source.id + " from " + r.sourceRegion() + "]";
        copy.encrypted = source.encrypted || Boolean.TRUE.equals(r.encrypted()) || s.ebsEncryptionByDefault;
        copy.kmsKeyId = copy.encrypted ? ebs.kmsKey(s, r.kmsKeyId()) : null;
        copy.startTime = compute.now();
        copy.completedAt = copy.startTime.plus(io.gureum.ec2.compute.Timing.IMAGE_PENDING);
        copy.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
        copy.tags.attach(compute.ctx.registry(), s.account, s.region, "snapshot", copy.id);
        compute.images(s.region).put(copy);
        return CopySnapshotResponse.builder().snapshotId(copy.id).tags(TagSpecifications.toSdk(copy.tags)).build();
    }

    /** A crash-consistent snapshot of each volume attached to an instance (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshots.html). */
    public CreateSnapshotsResponse createSnapshots(CreateSnapshotsRequest r) {
        ComputeStore s = compute.store();
        var spec = r.instanceSpecification();
        if (spec == null || spec.instanceId() == null) {
            throw Ec2Errors.missing("InstanceSpecification.InstanceId");
        }
        var instance = s.instances.get(spec.instanceId());
        if (instance == null) {
            throw Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.of(spec.instanceId());
        }
        TagSpecifications.validate(r.tagSpecifications(), "snapshot");
        Ec2Errors.checkDryRun(r.dryRun());
        List<SnapshotInfo> out = new ArrayList<>();
        for (var a : List.copyOf(instance.blockDevices)) {
            Volume v = s.volumes.get(a.volumeId());
            boolean boot = a.deviceName().equals(instance.rootDeviceName);
            if (v == null || (boot && Boolean.TRUE.equals(spec.excludeBootVolume()))
                    || (spec.hasExcludeDataVolumeIds() && spec.excludeDataVolumeIds().contains(v.id))) {
                continue;
            }
            Map<String, String> tags = new java.util.LinkedHashMap<>();
            if ("volume".equals(r.copyTagsFromSourceAsString())) {
                tags.putAll(v.tags);
            }
            tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            Snapshot snap = ebs.snapshot(s, v, r.description(), tags);
            var sdk = toSdk(snap);
            out.add(SnapshotInfo.builder().snapshotId(snap.id).volumeId(v.id).volumeSize(snap.volumeSize)
                    .description(snap.description).encrypted(snap.encrypted).ownerId(snap.ownerId)
                    .startTime(snap.startTime).state(sdk.state()).progress(sdk.progress()).tags(sdk.tags()).build());
        }
        return CreateSnapshotsResponse.builder().snapshots(out).build();
    }

    public DeleteSnapshotResponse deleteSnapshot(DeleteSnapshotRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = ebs.requireSnapshot(s, r.snapshotId());
        if (!snap.ownerId.equals(s.account)) {
            throw Ec2Error.INVALID_SNAPSHOT_NOT_FOUND.of(snap.id);
        }
        for (Image i : compute.images(s.region).images()) {
            for (Image.Mapping m : i.blockDeviceMappings) {
                if (snap.id.equals(m.snapshotId())) {
                    throw Ec2Error.INVALID_SNAPSHOT_IN_USE.of(snap.id, i.id);
                }
            }
        }
        if (snap.locked(compute.now())) {
            throw SnapshotLocks.lockedError(snap);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        compute.images(s.region).removeSnapshot(snap.id);
        snap.tags.detach();
        FastSnapshotRestores.forgetSnapshot(s, snap.id);
        return DeleteSnapshotResponse.builder().build();
    }

    /**
     * OwnerIds ({@code self}, {@code amazon} or account IDs) and RestorableByUserIds narrow what the
     * caller may use: its own snapshots, public ones and those shared with it.
     */
    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest r) {
        ComputeStore s = compute.store();
        List<Snapshot> found = new ArrayList<>();
        if (r.hasSnapshotIds() && !r.snapshotIds().isEmpty()) {
            for (String id : r.snapshotIds()) {
                found.add(ebs.requireSnapshot(s, id));
            }
        } else {
            for (Snapshot snap : compute.images(s.region).snapshots()) {
                if (Ebs.usable(compute, s, snap)) {
                    found.add(snap);
                }
            }
        }
        Set<String> owners = r.hasOwnerIds() && !r.ownerIds().isEmpty() ? Set.copyOf(r.ownerIds()) : null;
        Set<String> restorable = r.hasRestorableByUserIds() && !r.restorableByUserIds().isEmpty()
                ? Set.copyOf(r.restorableByUserIds()) : null;
        Ec2Errors.checkDryRun(r.dryRun());
        var keep = filters.predicate(r.filters());
        List<Snapshot> matching = found.stream().filter(x -> owners == null || owners.contains(x.ownerId)
                || (owners.contains("self") && x.ownerId.equals(s.account)))
                .filter(x -> restorable == null || restorable.stream().anyMatch(u -> x.isPublic && u.equals("all")
                        && !Ebs.publicBlocked(compute, s.region, x)
                        || x.createVolumeUserIds.contains(u) || (u.equals(s.account) || u.equals("self"))
                                && Ebs.usable(compute, s, x)))
                .filter(keep).toList();
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeSnapshotsResponse.builder().snapshots(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.Snapshot toSdk(Snapshot x) {
        String state = x.state(compute.now());
        return software.amazon.awssdk.services.ec2.model.Snapshot.builder().snapshotId(x.id).volumeId(x.volumeId)
                .volumeSize(x.volumeSize).description(x.description).encrypted(x.encrypted).kmsKeyId(x.kmsKeyId)
                .ownerId(x.ownerId).startTime(x.startTime).state(state)
                .progress(state.equals("completed") ? "100%" : "0%").storageTier(x.tier(compute.now()))
                .tags(TagSpecifications.toSdk(x.tags)).build();
    }
}
