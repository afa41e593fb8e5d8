package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.persist.SdkJson;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.Resource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationResponse;

/**
 * What the AWS Verified Access families share (https://docs.aws.amazon.com/verified-access/latest/ug/what-is-verified-access.html):
 * their not-found errors, their time format, create idempotency and the server-side encryption options.
 */
final class VerifiedAccess {
    /** {@code CreationTime} and {@code LastUpdatedTime} are strings in the API: ISO-8601 to the second, in UTC. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private VerifiedAccess() {
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static AwsException instanceNotFound(String id) {
        return new AwsException("InvalidVerifiedAccessInstanceId.NotFound",
                "The Verified Access instance ID '" + id + "' does not exist", 400);
    }

    static AwsException trustProviderNotFound(String id) {
        return new AwsException("InvalidVerifiedAccessTrustProviderId.NotFound",
                "The Verified Access trust provider ID '" + id + "' does not exist", 400);
    }

    static AwsException groupNotFound(String id) {
        return new AwsException("InvalidVerifiedAccessGroupId.NotFound",
                "The Verified Access group ID '" + id + "' does not exist", 400);
    }

    static AwsException endpointNotFound(String id) {
        return new AwsException("InvalidVerifiedAccessEndpointId.NotFound",
                "The Verified Access endpoint ID '" + id + "' does not exist", 400);
    }

    /**
     * The request as compared for ClientToken idempotency: every field but the token and DryRun (removed from the
     * JSON, since the SDK's builders fill a null idempotency token with a random one).
     */
    static String fingerprint(SdkPojo request) {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) SdkJson.toJson(request);
        json.remove("ClientToken");
        json.remove("DryRun");
        return json.toString();
    }

    /**
     * The resource an earlier create made with this client token (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html):
     * null when none did; {@code IdempotentParameterMismatch} when it was made with other parameters.
     */
    static <T extends Resource> T earlier(Map<String, T> family, String token, String fingerprint,
            Function<T, String> tokenOf, Function<T, String> fingerprintOf) {
        if (token == null) {
            return null;
        }
        for (T r : family.values()) {
            if (token.equals(tokenOf.apply(r))) {
                if (!fingerprint.equals(fingerprintOf.apply(r))) {
                    throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage(
                            "The client token " + token + " was used with different parameters.");
                }
                return r;
            }
        }
        return null;
    }

    /**
     * The server-side encryption options in use after a request: AWS-owned keys by default; a customer managed
     * key needs its ARN, and an ARN needs {@code CustomerManagedKeyEnabled}. The key is stored, not checked
     * (this module has no KMS client).
     */
    static VerifiedAccessSseSpecificationResponse sse(VerifiedAccessSseSpecificationRequest r,
            VerifiedAccessSseSpecificationResponse previous) {
        if (r == null) {
            return previous != null ? previous
                    : VerifiedAccessSseSpecificationResponse.builder().customerManagedKeyEnabled(false).build();
        }
        boolean enabled = Boolean.TRUE.equals(r.customerManagedKeyEnabled());
        if (enabled && (r.kmsKeyArn() == null || r.kmsKeyArn().isEmpty())) {
            throw Ec2Errors.missing("SseSpecification.KmsKeyArn");
        }
        if (!enabled && r.kmsKeyArn() != null) {
            throw Ec2Errors.combination("A KMS key ARN can be given only when CustomerManagedKeyEnabled is true.");
        }
        if (enabled && !r.kmsKeyArn().matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+")) {
            throw Ec2Errors.invalidValue(r.kmsKeyArn(), "KmsKeyArn", "It is not a KMS key ARN.");
        }
        return VerifiedAccessSseSpecificationResponse.builder().customerManagedKeyEnabled(enabled)
                .kmsKeyArn(enabled ? r.kmsKeyArn() : null).build();
    }

    /** Checks a Cedar policy's text as far as the API does: not blank when given. */
    static void checkPolicy(String document) {
        if (document != null && document.isBlank()) {
            throw Ec2Errors.invalidValue(document, "PolicyDocument", "The policy document cannot be empty.");
        }
    }

    /** A group's or an endpoint's access policy after a Modify…Policy call. */
    record Policy(boolean enabled, String document) {
    }

    /**
     * The policy rules of ModifyVerifiedAccessGroupPolicy and ModifyVerifiedAccessEndpointPolicy: enabling needs a
     * document (given now or kept from before: {@code MissingParameter}); a document given with
     * {@code PolicyEnabled=false} is {@code InvalidParameterCombination}; disabling drops the document; a document
     * given without {@code PolicyEnabled} replaces the text and enables the policy.
     */
    static Policy policy(Boolean enabled, String document, Policy was) {
        checkPolicy(document);
        if (enabled == null && document == null) {
            throw Ec2Errors.missing("PolicyEnabled");
        }
        if (Boolean.FALSE.equals(enabled)) {
            if (document != null) {
                throw Ec2Errors.combination("A policy document cannot be given when PolicyEnabled is false.");
            }
            return new Policy(false, null);
        }
        String text = document != null ? document : was.document();
        if (text == null) {
            throw Ec2Errors.missing("PolicyDocument");
        }
        return new Policy(true, text);
    }

    static void require(Object value, String parameter) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw Ec2Errors.missing(parameter);
        }
    }
}
