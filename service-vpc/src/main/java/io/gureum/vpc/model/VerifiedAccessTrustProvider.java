package io.gureum.vpc.model;

import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.DeviceOptions;
import software.amazon.awssdk.services.ec2.model.NativeApplicationOidcOptions;
import software.amazon.awssdk.services.ec2.model.OidcOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationResponse;

/**
 * The stored state of one Verified Access trust provider: a user-identity provider (IAM Identity Center or an
 * OIDC provider) or a device-identity provider (Jamf, CrowdStrike, JumpCloud), with its options as described.
 * {@link #clientSecret} is kept apart from the described OIDC options (DescribeVerifiedAccessTrustProviders
 * does not return it).
 */
public final class VerifiedAccessTrustProvider extends Resource {
    public String trustProviderType;
    public String userTrustProviderType;
    public String deviceTrustProviderType;
    public OidcOptions oidcOptions;
    public String clientSecret;
    public NativeApplicationOidcOptions nativeApplicationOidcOptions;
    public String nativeClientSecret;
    public DeviceOptions deviceOptions;
    public String policyReferenceName;
    public String description;
    public VerifiedAccessSseSpecificationResponse sse;
    public Instant lastUpdated;
    public String clientToken;
    public String requestFingerprint;

    public VerifiedAccessTrustProvider(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "verified-access-trust-provider";
    }
}
