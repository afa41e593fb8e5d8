package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointCidrOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointEniOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointLoadBalancerOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointRdsOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationResponse;

/**
 * The stored state of one Verified Access endpoint. Its status follows the clock from {@link #created},
 * {@link #updateRequested} and {@link #deleteRequested}; the options of its type are kept as described.
 */
public final class VerifiedAccessEndpoint extends Resource {
    public String groupId;
    public String instanceId;
    public String endpointType;
    public String attachmentType;
    public String domainCertificateArn;
    public String applicationDomain;
    public String endpointDomain;
    public String deviceValidationDomain;
    public final List<String> securityGroupIds = new ArrayList<>();
    public VerifiedAccessEndpointLoadBalancerOptions loadBalancerOptions;
    public VerifiedAccessEndpointEniOptions networkInterfaceOptions;
    public VerifiedAccessEndpointRdsOptions rdsOptions;
    public VerifiedAccessEndpointCidrOptions cidrOptions;
    public String description;
    public String policyDocument;
    public boolean policyEnabled;
    public VerifiedAccessSseSpecificationResponse sse;
    public Instant lastUpdated;
    /** When the last ModifyVerifiedAccessEndpoint was called; null if never. */
    public Instant updateRequested;
    /** When DeleteVerifiedAccessEndpoint was called; null while the endpoint is not being deleted. */
    public Instant deleteRequested;
    public String clientToken;
    public String requestFingerprint;

    public VerifiedAccessEndpoint(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "verified-access-endpoint";
    }
}
