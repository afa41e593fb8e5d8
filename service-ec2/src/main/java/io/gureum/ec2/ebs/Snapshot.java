package io.gureum.ec2.ebs;

import io.gureum.ec2common.ResourceTags;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** The stored state of one EBS snapshot. */
public final class Snapshot {
    public final String id;
    public final String ownerId;
    public final ResourceTags tags = new ResourceTags();
    public String volumeId;
    public int volumeSize;
    public String description = "";
    public boolean encrypted;
    public String kmsKeyId;
    public Instant startTime;
    /** {@code pending} until then, {@code completed} afterwards. */
    public Instant completedAt;
    public String storageTier = "standard";
    /** Create-volume permission {@code Group=all}. */
    public boolean isPublic;
    public final Set<String> createVolumeUserIds = new LinkedHashSet<>();

    public Snapshot(String id, String ownerId) {
        this.id = id;
        this.ownerId = ownerId;
    }

    public String state(Instant now) {
        return now.isBefore(completedAt) ? "pending" : "completed";
    }

    public boolean usableBy(String account) {
        return ownerId.equals(account) || isPublic || createVolumeUserIds.contains(account);
    }
}
