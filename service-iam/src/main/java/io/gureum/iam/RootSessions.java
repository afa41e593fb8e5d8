package io.gureum.iam;

import io.gureum.core.spi.ControlPolicies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;

/**
 * {@code AssumeRoot} (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html): a principal of an
 * organization's management account gets short-term credentials of a member account's root user, scoped by one
 * of the AWS managed task policies ({@link RootTaskPolicies}) and lasting at most 900 seconds (the model's limit,
 * default 900). Root user credentials cannot call it. Gureum does not model IAM's "centralized root access"
 * switch: an organization's management account may always start such a session.
 */
final class RootSessions {
    private static final int DEFAULT_DURATION = 900;
    private final StsState sts;

    RootSessions(StsState sts) {
        this.sts = sts;
    }

    public AssumeRootResponse assumeRoot(AssumeRootRequest r) {
        StsIdentity caller = sts.caller();
        String target = r.targetPrincipal().replaceFirst("^arn:[\\w-]+:iam::(\\d{12}):root$", "$1");
        String targetArn = "arn:" + sts.partition() + ":iam::" + target + ":root";
        String management = target.matches("\\d{12}")
                ? ControlPolicies.of(sts.context.shared()).managementAccount(target) : null;
        boolean root = caller.principal().kind() == io.gureum.iam.policy.RequestPrincipal.Kind.ROOT;
        String task = r.taskPolicyArn() == null ? null : r.taskPolicyArn().arn();
        if (root || management == null || !management.equals(caller.account()) || target.equals(management)
                || RootTaskPolicies.document(task) == null) {
            throw StsErrors.notAuthorized(caller.arn(), "sts:AssumeRoot", targetArn);
        }
        Instant now = sts.context.clock().now();
        int duration = r.durationSeconds() == null ? DEFAULT_DURATION : r.durationSeconds();
        TemporaryCredentials.Keys keys = TemporaryCredentials.next(sts.context.ids());
        StsSession session = new StsSession(StsSession.Kind.ROOT_TASK, keys.accessKeyId(), keys.secretAccessKey(),
                keys.sessionToken(), target, targetArn, target, null, TemporaryCredentials.expiration(now, duration),
                null, null, Map.of(), Set.of(), null, List.of(task));
        sts.sessions.add(session);
        return AssumeRootResponse.builder().credentials(TemporaryCredentials.of(session)).build();
    }
}
