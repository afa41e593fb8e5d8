package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.Timing;
import io.gureum.ec2common.Ec2Error;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/** Volume and snapshot bookkeeping the instance, image and EBS families share. */
public final class Ebs {
    private static final Pattern VOLUME_ID = Pattern.compile("vol-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-([0-9a-f]{8}|[0-9a-f]{17})");
    private final Compute compute;

    public Ebs(Compute compute) {
        this.compute = compute;
    }

    public Volume requireVolume(ComputeStore s, String id) {
        if (id == null || !VOLUME_ID.matcher(id).matches()) {
            throw Ec2Error.INVALID_VOLUME_ID_MALFORMED.of(id);
        }
        Volume v = s.volumes.get(id);
        if (v == null) {
            throw Ec2Error.INVALID_VOLUME_NOT_FOUND.of(id);
        }
        return v;
    }

    public Snapshot requireSnapshot(ComputeStore s, String id) {
        if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
            throw Ec2Error.INVALID_SNAPSHOT_ID_MALFORMED.of(id);
        }
        Snapshot snap = compute.images(s.region).snapshot(id);
        if (snap == null || !usable(compute, s, snap)) {
            throw Ec2Error.INVALID_SNAPSHOT_NOT_FOUND.of(id);
        }
        return snap;
    }

    /**
     * Whether the caller's account may use the snapshot: its own, shared with it, or public while its owner's block
     * public access for snapshots is not {@code block-all-sharing} (which treats public snapshots as private
     * without changing their permissions).
     */
    public static boolean usable(Compute compute, ComputeStore s, Snapshot snap) {
        if (snap.ownerId.equals(s.account) || snap.createVolumeUserIds.contains(s.account)) {
            return true;
        }
        return snap.isPublic && !publicBlocked(compute, s.region, snap);
    }

    /** Whether the snapshot's owner blocks all public sharing in the Region. */
    public static boolean publicBlocked(Compute compute, String region, Snapshot snap) {
        return snap.ownerId.matches("\\d{12}")
                && "block-all-sharing".equals(compute.store(snap.ownerId, region).snapshotBlockPublicAccess);
    }

    /**
     * Refuses what an archived snapshot cannot do until it is restored: create a volume, be copied or be shared
     * (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html).
     */
    public void requireStandardTier(Snapshot snap, String what) {
        if (snap.tier(compute.now()).equals("archive")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The snapshot '" + snap.id + "' is in the archive tier: "
                    + what + " it, first restore it with RestoreSnapshotTier.");
        }
    }

    /** Stores a new (checked) volume and registers it with its tags. Volumes made by RunInstances are available at once. */
    public Volume create(ComputeStore s, String zone, VolumeRules.Settings settings, String snapshotId,
            boolean encrypted, String kmsKeyId, Map<String, String> tags, boolean immediate) {
        Volume v = new Volume(compute.id("vol"));
        v.availabilityZone = zone;
        v.size = settings.size();
        v.volumeType = settings.type();
        v.iops = settings.iops();
        v.throughput = settings.throughput();
        v.snapshotId = snapshotId == null ? "" : snapshotId;
        boolean enc = encrypted || s.ebsEncryptionByDefault;
        v.encrypted = enc;
        v.kmsKeyId = enc ? kmsKey(s, kmsKeyId) : null;
        v.createTime = compute.now();
        v.availableAt = immediate ? null : v.createTime.plus(Timing.TRANSITION);
        v.tags.putAll(tags);
        v.tags.attach(compute.ctx.registry(), s.account, s.region, "volume", v.id);
        s.volumes.put(v.id, v);
        return v;
    }

    /** The ARN of the KMS key an encrypted volume uses: the one given, the account default, or aws/ebs. */
    public String kmsKey(ComputeStore s, String given) {
        String key = given != null ? given : s.ebsDefaultKmsKeyId != null ? s.ebsDefaultKmsKeyId : "alias/aws/ebs";
        if (key.startsWith("arn:")) {
            return key;
        }
        return "arn:aws:kms:" + s.region + ":" + s.account + ":" + (key.startsWith("alias/") ? key : "key/" + key);
    }

    public void attach(Volume v, String instanceId, String device, boolean deleteOnTermination, Instant at) {
        v.attachedInstanceId = instanceId;
        v.device = device;
        v.attachTime = at;
        v.deleteOnTermination = deleteOnTermination;
    }

    public void detach(Volume v) {
        v.attachedInstanceId = null;
        v.device = null;
        v.attachTime = null;
        v.deleteOnTermination = false;
    }

    public void delete(ComputeStore s, Volume v) {
        s.volumes.remove(v.id);
        v.deleted = true;
        v.tags.detach();
    }

    /** A completed-later snapshot of a volume's current contents. */
    public Snapshot snapshot(ComputeStore s, Volume v, String description, Map<String, String> tags) {
        Snapshot snap = new Snapshot(compute.id("snap"), s.account);
        snap.volumeId = v.id;
        snap.volumeSize = v.size;
        snap.description = description == null ? "" : description;
        snap.encrypted = v.encrypted;
        snap.kmsKeyId = v.kmsKeyId;
        snap.startTime = compute.now();
        snap.completedAt = snap.startTime.plus(Timing.IMAGE_PENDING);
        snap.tags.putAll(tags);
        snap.tags.attach(compute.ctx.registry(), s.account, s.region, "snapshot", snap.id);
        compute.images(s.region).put(snap);
        return snap;
    }
}
