package io.gureum.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sts.model.FederatedUser;
import software.amazon.awssdk.services.sts.model.GetFederationTokenRequest;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/**
 * Temporary credentials for long-term ones: {@code GetSessionToken} (the same user, possibly MFA-authenticated)
 * and {@code GetFederationToken} (a federated user whose permissions are the session policies). Both refuse
 * temporary credentials with "Cannot call … with session credentials"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_request.html#stsapi_comparison). The root
 * user's sessions last at most one hour (longer requests are shortened to one hour, as AWS documents the range
 * 900–3600 for root).
 */
final class UserSessions {
    private static final int DEFAULT_DURATION = 43200;
    private static final int ROOT_MAX = 3600;

    private final StsState sts;

    UserSessions(StsState sts) {
        this.sts = sts;
    }

    public GetSessionTokenResponse getSessionToken(GetSessionTokenRequest r) {
        StsIdentity caller = sts.caller();
        if (caller.temporary()) {
            throw StsErrors.accessDenied("Cannot call GetSessionToken with session credentials");
        }
        if (r.serialNumber() == null != (r.tokenCode() == null)) {
            throw StsErrors.mfaIncomplete();
        }
        Instant now = sts.context.clock().now();
        if (r.serialNumber() != null) {
            MfaAuthentication.verify(sts, caller, r.serialNumber(), r.tokenCode(), now);
        }
        TemporaryCredentials.Keys keys = TemporaryCredentials.next(sts.context.ids());
        StsSession session = new StsSession(StsSession.Kind.SESSION_TOKEN, keys.accessKeyId(), keys.secretAccessKey(),
                keys.sessionToken(), caller.account(), caller.arn(), caller.userId(), null,
                TemporaryCredentials.expiration(now, duration(caller, r.durationSeconds())),
                r.serialNumber() != null ? now : null, null, caller.tags(), Set.of(), null, List.of());
        sts.sessions.add(session);
        return GetSessionTokenResponse.builder().credentials(TemporaryCredentials.of(session)).build();
    }

    /**
     * A federated user {@code arn:aws:sts::ACCOUNT:federated-user/NAME}
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html). Its permissions are the
     * intersection of the caller's and the session policies; without session policies it may do nothing, which
     * the policy engine enforces, not this operation.
     */
    public GetFederationTokenResponse getFederationToken(GetFederationTokenRequest r) {
        StsIdentity caller = sts.caller();
        if (caller.temporary()) {
            throw StsErrors.accessDenied("Cannot call GetFederationToken with session credentials");
        }
        Map<String, String> tags = SessionTags.requested(r.tags(), List.of(), null);
        SessionPolicies.check(r.policy(), r.policyArns());
        Integer packed = SessionPolicies.packedSize(r.policy(), r.policyArns(), tags);
        Instant now = sts.context.clock().now();
        String account = caller.account();
        String arn = "arn:" + sts.partition() + ":sts::" + account + ":federated-user/" + r.name();
        TemporaryCredentials.Keys keys = TemporaryCredentials.next(sts.context.ids());
        StsSession session = new StsSession(StsSession.Kind.FEDERATED_USER, keys.accessKeyId(),
                keys.secretAccessKey(), keys.sessionToken(), account, arn, account + ":" + r.name(), null,
                TemporaryCredentials.expiration(now, duration(caller, r.durationSeconds())), null, null, tags, Set.of(),
                r.policy(), r.policyArns().stream().map(p -> p.arn()).toList());
        sts.sessions.add(session);
        return GetFederationTokenResponse.builder()
                .credentials(TemporaryCredentials.of(session))
                .federatedUser(FederatedUser.builder().arn(arn).federatedUserId(session.userId()).build())
                .packedPolicySize(packed)
                .build();
    }

    private static int duration(StsIdentity caller, Integer requested) {
        boolean root = caller.principal().kind() == io.gureum.iam.policy.RequestPrincipal.Kind.ROOT;
        int d = requested != null ? requested : root ? ROOT_MAX : DEFAULT_DURATION;
        return root ? Math.min(d, ROOT_MAX) : d;
    }
}
