package io.gureum.vpc.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored state of one VPC Encryption Control. {@link #state} is AWS's; a transitional one ({@code creating},
 * {@code monitor-in-progress}, {@code enforce-in-progress}, {@code deleting}) settles {@code TRANSITION} after
 * {@link #stateSince}. {@link #exclusions} maps each exclusion's API name ({@code InternetGateway} …) to its state
 * ({@code enabling}, {@code enabled}, {@code disabling}, {@code disabled}) and {@link #exclusionSince} to when it
 * began.
 */
public final class VpcEncryptionControl extends Resource {
    public String vpcId;
    public String mode = "monitor";
    public String state = "creating";
    public String stateMessage;
    public Instant stateSince;
    public Instant deleted;
    /** Why the switch to enforce under way will fail (judged when it was asked for), or null. */
    public String pendingFailure;
    public final Map<String, String> exclusions = new LinkedHashMap<>();
    public final Map<String, Instant> exclusionSince = new LinkedHashMap<>();

    public VpcEncryptionControl(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
        this.stateSince = created;
    }

    @Override
    public String resourceType() {
        return "vpc-encryption-control";
    }
}
