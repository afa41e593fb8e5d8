package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateAccessGrantRequest;
import software.amazon.awssdk.services.s3control.model.CreateAccessGrantResponse;

/**
 * {@code AWS::S3::AccessGrant}: a grant on an Access Grants location
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-accessgrant.html).
 * {@code Ref} is the grant ID; {@code Fn::GetAtt} gives {@code AccessGrantArn}, {@code AccessGrantId} and
 * {@code GrantScope}. S3 has no update of a grant, so every property change replaces it.
 */
public final class AccessGrantHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AccessGrantsLocationId", "AccessGrantsLocationConfiguration",
            "Grantee", "Permission", "ApplicationArn", "S3PrefixType", "Tags");

    @Override
    public String type() {
        return "AWS::S3::AccessGrant";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode grantee = r.property("Grantee");
        if (grantee == null || !grantee.hasNonNull("GranteeType") || !grantee.hasNonNull("GranteeIdentifier")) {
            throw new ResourceFailure("Property Grantee needs GranteeType and GranteeIdentifier.");
        }
        CreateAccessGrantRequest.Builder create = CreateAccessGrantRequest.builder().accountId(r.stack().accountId())
                .accessGrantsLocationId(r.requiredText("AccessGrantsLocationId"))
                .grantee(g -> g.granteeType(Json.text(grantee, "GranteeType"))
                        .granteeIdentifier(Json.text(grantee, "GranteeIdentifier")))
                .permission(r.requiredText("Permission")).applicationArn(r.text("ApplicationArn"))
                .s3PrefixType(r.text("S3PrefixType")).tags(ControlTags.list(ControlTags.of(r)));
        JsonNode location = r.property("AccessGrantsLocationConfiguration");
        if (location != null && location.hasNonNull("S3SubPrefix")) {
            create.accessGrantsLocationConfiguration(l -> l.s3SubPrefix(Json.text(location, "S3SubPrefix")));
        }
        CreateAccessGrantResponse g = r.client(S3ControlClient.class).createAccessGrant(create.build());
        return Created.of(g.accessGrantId()).attribute("AccessGrantArn", g.accessGrantArn())
                .attribute("AccessGrantId", g.accessGrantId()).attribute("GrantScope", g.grantScope());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteAccessGrant(d -> d.accountId(r.stack().accountId())
                    .accessGrantId(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ControlTags.notFound(e)) {
                throw e;
            }
        }
    }
}
