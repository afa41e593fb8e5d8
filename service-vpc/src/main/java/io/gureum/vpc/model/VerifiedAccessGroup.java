package io.gureum.vpc.model;

import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationResponse;

/** The stored state of one Verified Access group: its instance and its access policy (Cedar text, stored). */
public final class VerifiedAccessGroup extends Resource {
    public String instanceId;
    public String description;
    public String policyDocument;
    public boolean policyEnabled;
    public VerifiedAccessSseSpecificationResponse sse;
    public Instant lastUpdated;
    public String clientToken;
    public String requestFingerprint;

    public VerifiedAccessGroup(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "verified-access-group";
    }
}
