package io.gureum.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Temporary credentials STS issued and the session they stand for. Immutable.
 *
 * @param arn the session's principal: {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION},
 *     {@code arn:aws:sts::ACCOUNT:federated-user/NAME}, or for GetSessionToken the user (or root) itself
 * @param userId what GetCallerIdentity answers as UserId ({@code AROA…:SESSION}, {@code ACCOUNT:NAME}, {@code AIDA…})
 * @param roleArn the assumed role's ARN (with its path), for assumed-role sessions
 * @param mfaAuthenticated when MFA was presented to make the session, or null
 * @param sourceIdentity sticky through role chaining
 *     (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html)
 * @param tags the session's principal tags (role tags, incoming transitive tags, session tags)
 * @param transitiveTagKeys the tags passed on to sessions this one makes by role chaining
 * @param policy the inline session policy, or null; {@code policyArns} the managed session policies
 */
record StsSession(Kind kind, String accessKeyId, String secretAccessKey, String sessionToken, String account,
        String arn, String userId, String roleArn, Instant expiration, Instant mfaAuthenticated, String sourceIdentity,
        Map<String, String> tags, Set<String> transitiveTagKeys, String policy, List<String> policyArns) {

    enum Kind {
        ASSUMED_ROLE, FEDERATED_USER, SESSION_TOKEN,
        /** {@code AssumeRoot}: a member account's root user, scoped by a task policy ({@code policyArns}). */
        ROOT_TASK
    }

    StsSession {
        tags = Map.copyOf(tags);
        transitiveTagKeys = Set.copyOf(transitiveTagKeys);
        policyArns = List.copyOf(policyArns);
    }
}
