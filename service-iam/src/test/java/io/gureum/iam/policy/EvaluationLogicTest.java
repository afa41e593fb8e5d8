package io.gureum.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One case per example of AWS's policy evaluation pages: "Policy evaluation logic"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and its "Example
 * identity-based and resource-based policy evaluation"), "Cross-account policy evaluation logic"
 * (reference_policies_evaluation-logic-cross-account.html), "Permissions boundaries for IAM entities"
 * (access_policies_boundaries.html#access_policies_boundaries-eval-logic), session policies
 * (access_policies.html#policies_session) and SCP evaluation
 * (organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
 */
class EvaluationLogicTest {
    static final String A = "111111111111";
    static final String B = "222222222222";
    static final RequestPrincipal CARLOS = new RequestPrincipal(RequestPrincipal.Kind.USER,
            "arn:aws:iam::" + A + ":user/carlossalazar", A, Set.of());
    static final RequestPrincipal SESSION = new RequestPrincipal(RequestPrincipal.Kind.ASSUMED_ROLE,
            "arn:aws:sts::" + A + ":assumed-role/admin/s1", A, Set.of("arn:aws:iam::" + A + ":role/admin"));
    static final RequestPrincipal ROOT = RequestPrincipal.root(A, "aws");
    static final String BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket/carlossalazar/photo.jpg";

    static NamedPolicy policy(String name, String statements) {
        return new NamedPolicy(name, PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
    }

    static String allow(String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    static String deny(String action, String resource) {
        return "{\"Effect\":\"Deny\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    static String allowPrincipal(String principal, String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}";
    }

    static AuthorizationResult eval(RequestPrincipal who, String action, String resource, PolicySet set) {
        return EvaluationLogic.evaluate(new AuthorizationRequest(who, action, resource, new ContextKeys()), set);
    }

    static PolicySet identityOnly(NamedPolicy... identity) {
        return new PolicySet(List.of(), List.of(), null, List.of(identity), null, null, false);
    }

    static void assertResult(Decision decision, PolicyKind kind, AuthorizationResult r) {
        assertEquals(decision, r.decision(), r.toString());
        assertEquals(kind, r.decidedBy(), r.toString());
    }

    @Test
    void anIdentityPolicyAllowsWithinItsAccount() {
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:GetObject", BUCKET,
                identityOnly(policy("p", allow("s3:*", "*")))));
    }

    @Test
    void withoutAnyAllowTheRequestIsImplicitlyDeniedByTheIdentityPolicies() {
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:GetObject", BUCKET,
                identityOnly(policy("p", allow("s3:ListBucket", "*")))));
    }

    @Test
    void anExplicitDenyOverridesAnyAllow() {
        assertResult(Decision.EXPLICIT_DENY, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:GetObject", BUCKET,
                identityOnly(policy("allow", allow("*", "*")), policy("deny", deny("s3:GetObject", "*")))));
    }

    /** The "example identity-based and resource-based policy evaluation": Carlos's own folder, by either policy. */
    @Test
    void exampleOfIdentityAndResourcePoliciesInOneAccount() {
        NamedPolicy identity = policy("CarlosPermissions", allow("s3:ListAllMyBuckets", "*") + ","
                + allow("s3:*", "arn:aws:s3:::amzn-s3-demo-bucket/carlossalazar/*"));
        NamedPolicy bucket = policy("resource-policy", allowPrincipal(CARLOS.arn(), "s3:*",
                "arn:aws:s3:::amzn-s3-demo-bucket/*") + ",{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\""
                + CARLOS.arn() + "\"},\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}");
        PolicySet both = new PolicySet(List.of(), List.of(), bucket, List.of(identity), null, null, false);
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:ListAllMyBuckets", "*", both));
        assertResult(Decision.ALLOW, PolicyKind.RESOURCE_BASED, eval(CARLOS, "s3:GetObject",
                "arn:aws:s3:::amzn-s3-demo-bucket/other/file", both));
        assertResult(Decision.EXPLICIT_DENY, PolicyKind.RESOURCE_BASED, eval(CARLOS, "s3:DeleteObject", BUCKET,
                both));
    }

    @Test
    void aSameAccountResourcePolicyAllowsWithoutAnyIdentityPolicy() {
        NamedPolicy queue = policy("resource-policy", allowPrincipal(CARLOS.arn(), "sqs:SendMessage", "*"));
        assertResult(Decision.ALLOW, PolicyKind.RESOURCE_BASED, eval(CARLOS, "sqs:SendMessage",
                "arn:aws:sqs:us-east-1:" + A + ":q", new PolicySet(List.of(), List.of(), queue, List.of(), null, null,
                        false)));
    }

    @Test
    void crossAccountNeedsTheIdentityPolicyAndTheResourcePolicy() {
        String queueArn = "arn:aws:sqs:us-east-1:" + B + ":q";
        NamedPolicy identity = policy("p", allow("sqs:*", "*"));
        NamedPolicy queue = policy("resource-policy", allowPrincipal(A, "sqs:SendMessage", queueArn));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.RESOURCE_BASED, eval(CARLOS, "sqs:SendMessage", queueArn,
                new PolicySet(List.of(), List.of(), null, List.of(identity), null, null, true)));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.IDENTITY_BASED, eval(CARLOS, "sqs:SendMessage", queueArn,
                new PolicySet(List.of(), List.of(), queue, List.of(), null, null, true)));
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "sqs:SendMessage", queueArn,
                new PolicySet(List.of(), List.of(), queue, List.of(identity), null, null, true)));
    }

    @Test
    void aPermissionsBoundaryCapsAnAdministrator() {
        PolicySet capped = new PolicySet(List.of(), List.of(), null, List.of(policy("AdministratorAccess",
                allow("*", "*"))), policy("boundary", allow("s3:*", "*") + "," + allow("cloudwatch:*", "*")), null,
                false);
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:GetObject", BUCKET, capped));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.PERMISSIONS_BOUNDARY, eval(CARLOS, "iam:CreateUser", "*",
                capped));
    }

    @Test
    void aBoundaryGrantsNothingOnItsOwn() {
        PolicySet set = new PolicySet(List.of(), List.of(), null, List.of(), policy("boundary", allow("*", "*")),
                null, false);
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:GetObject", BUCKET, set));
    }

    @Test
    void aResourcePolicyNamingTheUserIsNotCappedByItsBoundary() {
        NamedPolicy bucket = policy("resource-policy", allowPrincipal(CARLOS.arn(), "s3:GetObject", "*"));
        PolicySet set = new PolicySet(List.of(), List.of(), bucket, List.of(), policy("boundary",
                allow("ec2:*", "*")), null, false);
        assertResult(Decision.ALLOW, PolicyKind.RESOURCE_BASED, eval(CARLOS, "s3:GetObject", BUCKET, set));
    }

    @Test
    void anExplicitDenyInABoundaryDenies() {
        PolicySet set = new PolicySet(List.of(), List.of(), null, List.of(policy("p", allow("*", "*"))),
                policy("boundary", allow("*", "*") + "," + deny("iam:*", "*")), null, false);
        assertResult(Decision.EXPLICIT_DENY, PolicyKind.PERMISSIONS_BOUNDARY, eval(CARLOS, "iam:CreateUser", "*",
                set));
    }

    @Test
    void sessionPoliciesNarrowARoleSession() {
        PolicySet set = new PolicySet(List.of(), List.of(), null, List.of(policy("role", allow("*", "*"))), null,
                List.of(policy("session-policy", allow("s3:GetObject", "*"))), false);
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(SESSION, "s3:GetObject", BUCKET, set));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.SESSION_POLICY, eval(SESSION, "s3:PutObject", BUCKET, set));
    }

    @Test
    void aResourcePolicyGrantingTheRoleStaysWithinTheSessionPolicy() {
        NamedPolicy bucket = policy("resource-policy", allowPrincipal("arn:aws:iam::" + A + ":role/admin",
                "s3:*", "*"));
        PolicySet set = new PolicySet(List.of(), List.of(), bucket, List.of(), null,
                List.of(policy("session-policy", allow("s3:GetObject", "*"))), false);
        assertResult(Decision.ALLOW, PolicyKind.RESOURCE_BASED, eval(SESSION, "s3:GetObject", BUCKET, set));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.SESSION_POLICY, eval(SESSION, "s3:PutObject", BUCKET, set));
    }

    @Test
    void everyScpLevelMustAllow() {
        List<NamedPolicy> root = List.of(policy("p-FullAWSAccess", allow("*", "*")));
        List<NamedPolicy> ou = List.of(policy("p-ou", allow("s3:*", "*")));
        PolicySet set = new PolicySet(List.of(), List.of(root, ou), null, List.of(policy("admin", allow("*", "*"))),
                null, null, false);
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "s3:GetObject", BUCKET, set));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.SERVICE_CONTROL_POLICY, eval(CARLOS, "ec2:RunInstances",
                "*", set));
    }

    @Test
    void anScpDenyBindsTheRootUserToo() {
        List<NamedPolicy> root = List.of(policy("p-full", allow("*", "*")),
                policy("p-deny-region", "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"StringNotEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}"));
        PolicySet set = new PolicySet(List.of(), List.of(root), null, null, null, null, false);
        AuthorizationRequest inUsEast = new AuthorizationRequest(ROOT, "sqs:CreateQueue", "*",
                new ContextKeys().put("aws:RequestedRegion", "us-east-1"));
        AuthorizationRequest inEuWest = new AuthorizationRequest(ROOT, "sqs:CreateQueue", "*",
                new ContextKeys().put("aws:RequestedRegion", "eu-west-1"));
        assertResult(Decision.EXPLICIT_DENY, PolicyKind.SERVICE_CONTROL_POLICY, EvaluationLogic.evaluate(inUsEast, set));
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, EvaluationLogic.evaluate(inEuWest, set));
    }

    @Test
    void theRootUserNeedsNoIdentityPolicy() {
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(ROOT, "iam:CreateUser", "*",
                new PolicySet(List.of(), List.of(), null, null, null, null, false)));
    }

    @Test
    void aResourceControlPolicyDenyBindsEveryCaller() {
        List<NamedPolicy> rcp = List.of(policy("RCPFullAWSAccess", "{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}"), policy("p-rcp", "{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"));
        PolicySet set = new PolicySet(List.of(rcp), List.of(), null, null, null, null, false);
        AuthorizationRequest plain = new AuthorizationRequest(ROOT, "s3:GetObject", BUCKET,
                new ContextKeys().put("aws:SecureTransport", "false"));
        assertResult(Decision.EXPLICIT_DENY, PolicyKind.RESOURCE_CONTROL_POLICY, EvaluationLogic.evaluate(plain, set));
    }

    @Test
    void aServicePrincipalNeedsTheResourcePolicyWithItsSourceArn() {
        RequestPrincipal sns = RequestPrincipal.service("sns.amazonaws.com");
        String queueArn = "arn:aws:sqs:us-east-1:" + A + ":q";
        NamedPolicy queue = policy("resource-policy", "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\","
                + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:" + A + ":t\"}}}");
        PolicySet set = new PolicySet(List.of(), List.of(), queue, null, null, null, true);
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, EvaluationLogic.evaluate(new AuthorizationRequest(sns,
                "sqs:SendMessage", queueArn, new ContextKeys().put("aws:SourceArn", "arn:aws:sns:us-east-1:" + A
                        + ":t")), set));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.RESOURCE_BASED, EvaluationLogic.evaluate(
                new AuthorizationRequest(sns, "sqs:SendMessage", queueArn, new ContextKeys().put("aws:SourceArn",
                        "arn:aws:sns:us-east-1:" + A + ":other")), set));
    }

    @Test
    void withinOneAccountAResourcePolicyGrantingTheAccountDelegatesToIdentityPolicies() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
        String queue = "arn:aws:sqs:us-east-1:" + A + ":q";
        NamedPolicy toAccount = policy("queue-policy", allowPrincipal("arn:aws:iam::" + A + ":root", "sqs:*", queue));
        NamedPolicy toCarlos = policy("queue-policy", allowPrincipal(CARLOS.arn(), "sqs:*", queue));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.IDENTITY_BASED, eval(CARLOS, "sqs:SendMessage", queue,
                new PolicySet(List.of(), List.of(), toAccount, List.of(), null, null, false)));
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "sqs:SendMessage", queue,
                new PolicySet(List.of(), List.of(), toAccount, List.of(policy("p", allow("sqs:*", "*"))), null, null,
                        false)));
        assertResult(Decision.ALLOW, PolicyKind.RESOURCE_BASED, eval(CARLOS, "sqs:SendMessage", queue,
                new PolicySet(List.of(), List.of(), toCarlos, List.of(), null, null, false)));
    }

    @Test
    void aKmsKeyPolicyMustAllowEvenWithinTheAccount() {
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
        String key = "arn:aws:kms:us-east-1:" + A + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
        NamedPolicy admin = policy("p", allow("kms:*", "*"));
        NamedPolicy onlyAlice = policy("key-policy",
                allowPrincipal("arn:aws:iam::" + A + ":user/alice", "kms:*", "*"));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.RESOURCE_BASED, eval(CARLOS, "kms:Decrypt", key,
                new PolicySet(List.of(), List.of(), onlyAlice, List.of(admin), null, null, false)));
        NamedPolicy defaultPolicy = policy("key-policy", allowPrincipal("arn:aws:iam::" + A + ":root", "kms:*", "*"));
        assertResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, eval(CARLOS, "kms:Decrypt", key,
                new PolicySet(List.of(), List.of(), defaultPolicy, List.of(admin), null, null, false)));
        assertResult(Decision.IMPLICIT_DENY, PolicyKind.IDENTITY_BASED, eval(CARLOS, "kms:Decrypt", key,
                new PolicySet(List.of(), List.of(), defaultPolicy, List.of(), null, null, false)));
    }
}
