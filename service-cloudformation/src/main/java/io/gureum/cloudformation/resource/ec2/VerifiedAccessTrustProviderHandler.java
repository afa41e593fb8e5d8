package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessNativeApplicationOidcOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderDeviceOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderOidcOptions;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessNativeApplicationOidcOptions;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessTrustProviderOidcOptions;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider;

/**
 * {@code AWS::EC2::VerifiedAccessTrustProvider}. {@code Ref} is the trust provider ID; {@code Fn::GetAtt} gives
 * {@code VerifiedAccessTrustProviderId}, {@code CreationTime} and {@code LastUpdatedTime}. The provider's types,
 * {@code PolicyReferenceName} and {@code DeviceOptions} replace it (the resource schema's create-only properties);
 * {@code OidcOptions}, {@code NativeApplicationOidcOptions}, {@code Description}, {@code SseSpecification} and
 * tags change in place through ModifyVerifiedAccessTrustProvider. A trust provider has no state to wait for.
 */
public final class VerifiedAccessTrustProviderHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("TrustProviderType", "UserTrustProviderType",
            "DeviceTrustProviderType", "OidcOptions", "DeviceOptions", "PolicyReferenceName", "Description",
            "SseSpecification", "NativeApplicationOidcOptions", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::VerifiedAccessTrustProvider";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TrustProviderType", "UserTrustProviderType", "DeviceTrustProviderType", "PolicyReferenceName",
                "DeviceOptions");
    }

    private static VerifiedAccessTrustProvider describe(Ec2Client ec2, String id) {
        return ec2.describeVerifiedAccessTrustProviders(b -> b.verifiedAccessTrustProviderIds(id))
                .verifiedAccessTrustProviders().get(0);
    }

    private static Created created(VerifiedAccessTrustProvider p) {
        return Created.of(p.verifiedAccessTrustProviderId())
                .attribute("VerifiedAccessTrustProviderId", p.verifiedAccessTrustProviderId())
                .attribute("CreationTime", p.creationTime()).attribute("LastUpdatedTime", p.lastUpdatedTime());
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        VerifiedAccessTrustProvider p = ec2.createVerifiedAccessTrustProvider(b -> b
                .trustProviderType(r.requiredText("TrustProviderType"))
                .userTrustProviderType(r.text("UserTrustProviderType"))
                .deviceTrustProviderType(r.text("DeviceTrustProviderType"))
                .policyReferenceName(r.requiredText("PolicyReferenceName")).description(r.text("Description"))
                .oidcOptions(VerifiedAccessSupport.shape(r, "OidcOptions", CreateVerifiedAccessTrustProviderOidcOptions.class))
                .deviceOptions(VerifiedAccessSupport.shape(r, "DeviceOptions",
                        CreateVerifiedAccessTrustProviderDeviceOptions.class))
                .nativeApplicationOidcOptions(VerifiedAccessSupport.shape(r, "NativeApplicationOidcOptions",
                        CreateVerifiedAccessNativeApplicationOidcOptions.class))
                .sseSpecification(VerifiedAccessSupport.shape(r, "SseSpecification",
                        VerifiedAccessSseSpecificationRequest.class))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VERIFIED_ACCESS_TRUST_PROVIDER)))
                .verifiedAccessTrustProvider();
        return created(p);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("OidcOptions") || changed.contains("NativeApplicationOidcOptions")
                || changed.contains("Description") || changed.contains("SseSpecification")) {
            ec2.modifyVerifiedAccessTrustProvider(b -> b.verifiedAccessTrustProviderId(id)
                    .description(changed.contains("Description") ? (r.text("Description") == null ? ""
                            : r.text("Description")) : null)
                    .oidcOptions(changed.contains("OidcOptions") ? VerifiedAccessSupport.shape(r, "OidcOptions",
                            ModifyVerifiedAccessTrustProviderOidcOptions.class) : null)
                    .nativeApplicationOidcOptions(changed.contains("NativeApplicationOidcOptions")
                            ? VerifiedAccessSupport.shape(r, "NativeApplicationOidcOptions",
                                    ModifyVerifiedAccessNativeApplicationOidcOptions.class) : null)
                    .sseSpecification(changed.contains("SseSpecification") ? VerifiedAccessSupport.shape(r,
                            "SseSpecification", VerifiedAccessSseSpecificationRequest.class) : null));
        }
        Ec2Support.retag(r, id);
        return created(describe(ec2, id));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteVerifiedAccessTrustProvider(b -> b
                .verifiedAccessTrustProviderId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        var p = Ec2Support.described(() -> ec2(r).describeVerifiedAccessTrustProviders(b -> b
                .verifiedAccessTrustProviderIds(r.physicalId())).verifiedAccessTrustProviders(), found -> false);
        if (p == null) {
            return null;
        }
        return new Drift(r).put("TrustProviderType", p.trustProviderTypeAsString())
                .put("UserTrustProviderType", p.userTrustProviderTypeAsString())
                .put("DeviceTrustProviderType", p.deviceTrustProviderTypeAsString())
                .put("PolicyReferenceName", p.policyReferenceName()).put("Description", p.description()).result();
    }
}
