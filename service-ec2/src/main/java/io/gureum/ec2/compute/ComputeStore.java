package io.gureum.ec2.compute;

import io.gureum.ec2.ebs.Volume;
import io.gureum.ec2.instances.Instance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compute state of one account in one region: instances (in launch order), EBS volumes and the
 * account's EBS settings. Images and snapshots live in {@link RegionImages}, since other accounts of the
 * region may be granted them. Not thread-safe on its own: {@link ComputeLock} holds the store's monitor
 * for the length of each operation.
 */
public final class ComputeStore {
    public final String account;
    public final String region;
    public final Map<String, Instance> instances = new LinkedHashMap<>();
    /** RunInstances ClientToken → the reservation it made (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html). */
    public final Map<String, String> clientTokens = new HashMap<>();
    /** RunInstances ClientToken → the request first made with it (a different request with it is a mismatch). */
    public final Map<String, software.amazon.awssdk.services.ec2.model.RunInstancesRequest> clientTokenRequests = new HashMap<>();
    /** Terminated instances in termination order, purged an hour after termination. */
    public final Deque<Instance> terminated = new ArrayDeque<>();
    public final Map<String, Volume> volumes = new LinkedHashMap<>();
    public boolean ebsEncryptionByDefault;
    /**
     * Block public access for snapshots in this Region: {@code unblocked}, {@code block-new-sharing} or
     * {@code block-all-sharing} (https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html).
     */
    public String snapshotBlockPublicAccess = "unblocked";
    /**
     * Block public access for AMIs in this Region: {@code unblocked} or {@code block-new-sharing}
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html).
     */
    public String imageBlockPublicAccess = "unblocked";
    /** Allowed AMIs: {@code disabled}, {@code enabled} or {@code audit-mode}, with its criteria. */
    public String allowedImagesState = "disabled";
    public final java.util.List<io.gureum.ec2.images.ImageCriterion> imageCriteria = new java.util.ArrayList<>();
    /** Fast snapshot restores this account enabled: "snapshot-id availability-zone" → its state. */
    public final Map<String, io.gureum.ec2.ebs.FastRestore> fastSnapshotRestores = new LinkedHashMap<>();
    /** Null: the AWS managed key {@code alias/aws/ebs}. */
    public String ebsDefaultKmsKeyId;

    ComputeStore(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
