package io.gureum.iam.authz;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.RequestPrincipal;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The global condition keys Gureum knows for a request
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html): time on the core
 * clock, the source address ({@code X-Forwarded-For}, else the loopback address every local client has),
 * whether the connection is TLS ({@code X-Forwarded-Proto}), the requested region, the principal's ARN, account,
 * type, user ID, user name and tags, MFA, a service principal's source ARN and account, the resource's
 * account and tags, and the tags the request sets. They are worked out only when a policy reads one: most
 * requests' policies have no condition.
 */
public final class GlobalKeys {
    private GlobalKeys() {
    }

    /** What a caller contributes: who, its user ID and name, tags, and when it authenticated with MFA. */
    public record Caller(RequestPrincipal principal, String principalArn, String userId, String userName,
            Map<String, String> tags, Instant mfaAuthenticated) {
    }

    public static ContextKeys of(Caller caller, Instant now, String region, AwsHttpRequest http, String sourceArn,
            String sourceAccount, String resourceAccount, Supplier<Map<String, String>> resourceTags,
            Supplier<Map<String, String>> requestTags) {
        return ContextKeys.lazy(keys -> fill(keys, caller, now, region, http, sourceArn, sourceAccount,
                resourceAccount, resourceTags.get(), requestTags.get()));
    }

    private static void fill(ContextKeys keys, Caller caller, Instant now, String region, AwsHttpRequest http,
            String sourceArn, String sourceAccount, String resourceAccount, Map<String, String> resourceTags,
            Map<String, String> requestTags) {
        keys.put("aws:CurrentTime", now.toString());
        keys.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        keys.put("aws:RequestedRegion", region);
        if (http != null) {
            String forwarded = http.header("X-Forwarded-For");
            keys.put("aws:SourceIp", forwarded != null ? forwarded.split(",")[0].trim() : "127.0.0.1");
            keys.put("aws:SecureTransport", Boolean.toString("https".equalsIgnoreCase(http.header("X-Forwarded-Proto"))));
        }
        RequestPrincipal p = caller.principal();
        if (p.kind() == RequestPrincipal.Kind.SERVICE) {
            keys.put("aws:PrincipalIsAWSService", "true");
            keys.put("aws:PrincipalServiceName", p.arn());
            keys.put("aws:SourceArn", sourceArn);
            keys.put("aws:SourceAccount", sourceAccount);
            keys.put("aws:SourceOwner", sourceAccount); // the older key SNS's default topic policy tests
        } else if (p.kind() != RequestPrincipal.Kind.ANONYMOUS) {
            keys.put("aws:PrincipalIsAWSService", "false");
            keys.put("aws:PrincipalArn", caller.principalArn());
            keys.put("aws:PrincipalAccount", p.account());
            keys.put("aws:PrincipalType", switch (p.kind()) {
                case ROOT -> "Account";
                case USER -> "User";
                case ASSUMED_ROLE -> "AssumedRole";
                case FEDERATED_USER -> "FederatedUser";
                default -> "Anonymous";
            });
            keys.put("aws:userid", caller.userId());
            keys.put("aws:username", caller.userName());
            caller.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
            keys.put("aws:MultiFactorAuthPresent", Boolean.toString(caller.mfaAuthenticated() != null));
            if (caller.mfaAuthenticated() != null) {
                keys.put("aws:MultiFactorAuthAge",
                        Long.toString(Math.max(0, now.getEpochSecond() - caller.mfaAuthenticated().getEpochSecond())));
            }
        }
        keys.put("aws:ResourceAccount", resourceAccount);
        resourceTags.forEach((k, v) -> keys.put("aws:ResourceTag/" + k, v));
        if (requestTags != null) {
            requestTags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, v));
            keys.putAll("aws:TagKeys", requestTags.keySet());
        }
    }
}
