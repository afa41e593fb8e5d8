package io.gureum.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole trust policies against callers: principals, effects, conditions; each row one documented case. */
class TrustPolicyEvaluationTest {
    private static final String ROLE = "arn:aws:iam::222222222222:role/Target";
    private static final RequestPrincipal ROOT_111 = RequestPrincipal.root("111111111111", "aws");
    private static final RequestPrincipal ALICE = new RequestPrincipal(RequestPrincipal.Kind.USER,
            "arn:aws:iam::111111111111:user/alice", "111111111111", Set.of());
    private static final RequestPrincipal SESSION = new RequestPrincipal(RequestPrincipal.Kind.ASSUMED_ROLE,
            "arn:aws:sts::111111111111:assumed-role/Dev/s1", "111111111111",
            Set.of("arn:aws:iam::111111111111:role/Dev"));
    private static final RequestPrincipal LAMBDA = RequestPrincipal.service("lambda.amazonaws.com");
    private static final RequestPrincipal OTHER = RequestPrincipal.root("333333333333", "aws");

    private static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    static Stream<Arguments> cases() {
        String denyAlice = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"111111111111\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:user/alice\"},\"Action\":\"sts:*\"}]}";
        String notPrincipal = "{\"Statement\":{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:user/alice\"},\"Action\":\"sts:AssumeRole\"}}";
        String notAction = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"sts:TagSession\"}}";
        return Stream.of(
                // Account principals: the bare ID and the root ARN stand for every principal of the account.
                Arguments.of(trust("{\"AWS\":\"arn:aws:iam::111111111111:root\"}", null), ROOT_111, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"arn:aws:iam::111111111111:root\"}", null), ALICE, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"111111111111\"}", null), SESSION, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"111111111111\"}", null), OTHER, Decision.IMPLICIT_DENY),
                // User and role ARNs: exact; a role ARN covers the role's sessions.
                Arguments.of(trust("{\"AWS\":\"arn:aws:iam::111111111111:user/alice\"}", null), ALICE, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"arn:aws:iam::111111111111:user/bob\"}", null), ALICE,
                        Decision.IMPLICIT_DENY),
                Arguments.of(trust("{\"AWS\":\"arn:aws:iam::111111111111:role/Dev\"}", null), SESSION, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"arn:aws:sts::111111111111:assumed-role/Dev/s1\"}", null), SESSION,
                        Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":[\"arn:aws:iam::111111111111:user/*\"]}", null), ALICE,
                        Decision.IMPLICIT_DENY),
                // Everyone, and AWS "*" (any AWS principal, not a service).
                Arguments.of(trust("\"*\"", null), LAMBDA, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"*\"}", null), OTHER, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"*\"}", null), LAMBDA, Decision.IMPLICIT_DENY),
                // Service principals.
                Arguments.of(trust("{\"Service\":[\"ec2.amazonaws.com\",\"lambda.amazonaws.com\"]}", null), LAMBDA,
                        Decision.ALLOW),
                Arguments.of(trust("{\"Service\":\"ec2.amazonaws.com\"}", null), LAMBDA, Decision.IMPLICIT_DENY),
                Arguments.of(trust("{\"Service\":\"lambda.amazonaws.com\"}", null), ROOT_111, Decision.IMPLICIT_DENY),
                // Deny wins over Allow.
                Arguments.of(denyAlice, ALICE, Decision.EXPLICIT_DENY),
                Arguments.of(denyAlice, ROOT_111, Decision.ALLOW),
                // NotPrincipal and NotAction.
                Arguments.of(notPrincipal, ALICE, Decision.IMPLICIT_DENY),
                Arguments.of(notPrincipal, ROOT_111, Decision.ALLOW),
                Arguments.of(notAction, ALICE, Decision.ALLOW),
                // Conditions: the ExternalId of the third-party access guide, MFA, the principal's tags.
                Arguments.of(trust("{\"AWS\":\"111111111111\"}", "{\"StringEquals\":{\"sts:ExternalId\":\"Unique1\"}}"),
                        ALICE, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"111111111111\"}", "{\"StringEquals\":{\"sts:ExternalId\":\"Other\"}}"),
                        ALICE, Decision.IMPLICIT_DENY),
                Arguments.of(trust("{\"AWS\":\"111111111111\"}",
                        "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}"), ALICE, Decision.IMPLICIT_DENY),
                Arguments.of(trust("{\"AWS\":\"111111111111\"}",
                        "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\",\"sts:ExternalId\":\"Unique1\"}}"),
                        ALICE, Decision.ALLOW),
                Arguments.of(trust("{\"AWS\":\"111111111111\"}",
                        "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"red\"},\"StringLike\":{\"sts:ExternalId\":\"U*\"}}"),
                        ALICE, Decision.IMPLICIT_DENY));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("cases")
    void trustPolicy(String policy, RequestPrincipal caller, Decision expected) {
        ContextKeys context = new ContextKeys().put("sts:ExternalId", "Unique1").put("aws:PrincipalTag/team", "blue")
                .put("aws:PrincipalArn", caller.arn());
        AuthorizationRequest request = new AuthorizationRequest(caller, "sts:AssumeRole", ROLE, context);
        assertEquals(expected, PolicyDocument.parse(policy).evaluate(request).decision());
    }

    @Test
    void documentsThatBreakTheGrammarDoNotParse() {
        assertEquals("Syntax errors in policy.",
                assertThrows(PolicySyntaxException.class, () -> PolicyDocument.parse("{")).getMessage());
        assertEquals("The policy must contain a valid version string", assertThrows(PolicySyntaxException.class,
                () -> PolicyDocument.parse("{\"Version\":\"2020-01-01\",\"Statement\":[]}")).getMessage());
        assertEquals("Syntax errors in policy.", assertThrows(PolicySyntaxException.class,
                () -> PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\"}}")).getMessage());
    }

    @Test
    void resourcesMatchArnPartsWithPolicyVariables() {
        String policy = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}}";
        ContextKeys context = new ContextKeys().put("aws:username", "alice");
        assertEquals(Decision.ALLOW, PolicyDocument.parse(policy).evaluate(new AuthorizationRequest(ALICE,
                "S3:getobject", "arn:aws:s3:::home/alice/notes.txt", context)).decision());
        assertEquals(Decision.IMPLICIT_DENY, PolicyDocument.parse(policy).evaluate(new AuthorizationRequest(ALICE,
                "s3:GetObject", "arn:aws:s3:::home/bob/notes.txt", context)).decision());
    }
}
