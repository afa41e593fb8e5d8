package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogs;

/**
 * The stored state of one AWS Verified Access instance: its attached trust providers (in attachment order) and
 * its access-logging configuration, kept as DescribeVerifiedAccessInstanceLoggingConfigurations answers it.
 */
public final class VerifiedAccessInstance extends Resource {
    public String description;
    public boolean fipsEnabled;
    public String cidrEndpointsCustomSubDomain;
    public final List<String> trustProviderIds = new ArrayList<>();
    public VerifiedAccessLogs accessLogs;
    public Instant lastUpdated;
    public String clientToken;
    public String requestFingerprint;

    public VerifiedAccessInstance(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "verified-access-instance";
    }
}
