package io.gureum.iam;

import io.gureum.core.protocol.RequestContext;
import io.gureum.iam.policy.ContextKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The request context an STS call is authorised with: the global keys Gureum knows about the caller
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) on the core clock.
 * The operation adds its own keys ({@code sts:ExternalId}, {@code aws:RequestTag/…} …).
 */
final class TrustContext {
    private TrustContext() {
    }

    /**
     * The caller's keys. {@code aws:MultiFactorAuthPresent} is absent for long-term credentials used without MFA,
     * and {@code false} for temporary credentials made without MFA, as AWS documents for the key.
     *
     * @param mfaNow whether this very request presented MFA (SerialNumber and TokenCode)
     */
    static ContextKeys of(StsIdentity caller, Instant now, boolean mfaNow) {
        RequestContext ctx = RequestContext.current();
        ContextKeys keys = new ContextKeys()
                .put("aws:PrincipalArn", caller.principalArn())
                .put("aws:PrincipalAccount", caller.account())
                .put("aws:PrincipalType", type(caller))
                .put("aws:userid", caller.userId())
                .put("aws:username", caller.userName())
                .put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()))
                .put("aws:RequestedRegion", ctx.region())
                .put("aws:SecureTransport", Boolean.toString(isHttps(ctx)));
        caller.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
        Instant mfa = mfaNow ? now : caller.session() == null ? null : caller.session().mfaAuthenticated();
        if (mfa != null) {
            keys.put("aws:MultiFactorAuthPresent", "true");
            keys.put("aws:MultiFactorAuthAge", Long.toString(Duration.between(mfa, now).toSeconds()));
        } else if (caller.temporary()) {
            keys.put("aws:MultiFactorAuthPresent", "false");
        }
        if (caller.session() != null) {
            keys.put("aws:SourceIdentity", caller.session().sourceIdentity());
        }
        if (ctx.inProcess() && caller.principal().kind() == io.gureum.iam.policy.RequestPrincipal.Kind.SERVICE) {
            keys.put("aws:SourceArn", ctx.sourceArn());
            keys.put("aws:SourceAccount", ctx.sourceArn() == null ? null : ctx.accountId());
        }
        return keys;
    }

    private static boolean isHttps(RequestContext ctx) {
        var request = ctx.httpRequest();
        String proto = request == null ? null : request.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(proto);
    }

    private static String type(StsIdentity caller) {
        return switch (caller.principal().kind()) {
            case ROOT -> "Account";
            case USER -> "User";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            default -> null;
        };
    }
}
