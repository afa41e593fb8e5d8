package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

/** SimulateCustomPolicy and SimulatePrincipalPolicy on the module's policy evaluator. */
class PolicySimulationIT extends IamTestSupport {
    private static final String MIXED = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}]}";

    @Test
    void customPolicyDecisionsPerActionWithContextAndPaging() {
        List<EvaluationResult> r = iam.simulateCustomPolicy(b -> b.policyInputList(MIXED)
                .actionNames("s3:GetObject", "s3:DeleteBucket", "sqs:SendMessage", "ec2:RunInstances"))
                .evaluationResults();
        assertEquals(List.of(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY,
                PolicyEvaluationDecisionType.IMPLICIT_DENY, PolicyEvaluationDecisionType.IMPLICIT_DENY),
                r.stream().map(EvaluationResult::evalDecision).toList());
        assertEquals("*", r.get(0).evalResourceName());
        assertEquals("PolicyInputList.1", r.get(0).matchedStatements().get(0).sourcePolicyId());
        assertEquals(List.of("aws:RequestedRegion"), r.get(3).missingContextValues());
        EvaluationResult withRegion = iam.simulateCustomPolicy(b -> b.policyInputList(MIXED)
                .actionNames("ec2:RunInstances").contextEntries(ContextEntry.builder()
                        .contextKeyName("aws:RequestedRegion").contextKeyValues("eu-west-1")
                        .contextKeyType(ContextKeyTypeEnum.STRING).build())).evaluationResults().get(0);
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, withRegion.evalDecision());
        var first = iam.simulateCustomPolicy(b -> b.policyInputList(MIXED).actionNames("s3:GetObject", "s3:PutObject")
                .resourceArns("arn:aws:s3:::a/k", "arn:aws:s3:::b/k").maxItems(3));
        assertTrue(first.isTruncated());
        assertEquals(3, first.evaluationResults().size());
        var rest = iam.simulateCustomPolicy(b -> b.policyInputList(MIXED).actionNames("s3:GetObject", "s3:PutObject")
                .resourceArns("arn:aws:s3:::a/k", "arn:aws:s3:::b/k").marker(first.marker()));
        assertFalse(rest.isTruncated());
        assertEquals("arn:aws:s3:::b/k", rest.evaluationResults().get(0).evalResourceName());
        fails(AwsServiceException.class, "InvalidInput", 400, null,
                () -> iam.simulateCustomPolicy(b -> b.policyInputList("not json").actionNames("s3:GetObject")));
    }

    @Test
    void principalPolicyCombinesInlineAttachedGroupAndBoundary() {
        String user = unique("sim");
        String group = unique("simg");
        iam.createUser(b -> b.userName(user));
        iam.createGroup(b -> b.groupName(group));
        iam.addUserToGroup(b -> b.groupName(group).userName(user));
        iam.putGroupPolicy(b -> b.groupName(group).policyName("sqs").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}}"));
        iam.attachUserPolicy(b -> b.userName(user).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        String arn = iam.getUser(b -> b.userName(user)).user().arn();
        List<EvaluationResult> r = iam.simulatePrincipalPolicy(b -> b.policySourceArn(arn)
                .actionNames("s3:GetObject", "s3:PutObject", "sqs:SendMessage")).evaluationResults();
        assertEquals(List.of(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY,
                PolicyEvaluationDecisionType.ALLOWED), r.stream().map(EvaluationResult::evalDecision).toList());
        assertEquals("aws-managed", r.get(0).matchedStatements().get(0).sourcePolicyTypeAsString());
        assertEquals("group", r.get(2).matchedStatements().get(0).sourcePolicyTypeAsString());
        // A permissions boundary that allows only S3 turns the SQS allow into an implicit deny.
        String boundary = iam.createPolicy(b -> b.policyName(unique("bound")).policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"))
                .policy().arn();
        iam.putUserPermissionsBoundary(b -> b.userName(user).permissionsBoundary(boundary));
        assertEquals(boundary, iam.getUser(b -> b.userName(user)).user().permissionsBoundary().permissionsBoundaryArn());
        EvaluationResult sqs = iam.simulatePrincipalPolicy(b -> b.policySourceArn(arn).actionNames("sqs:SendMessage"))
                .evaluationResults().get(0);
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, sqs.evalDecision());
        assertFalse(sqs.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary());
        iam.deleteUserPermissionsBoundary(b -> b.userName(user));
        assertEquals(null, iam.getUser(b -> b.userName(user)).user().permissionsBoundary());
        fails(AwsServiceException.class, "NoSuchEntity", 404, null, () -> iam.simulatePrincipalPolicy(
                b -> b.policySourceArn("arn:aws:iam::000000000000:user/ghost").actionNames("s3:GetObject")));
    }

    @Test
    void serviceLastAccessedListsTheServicesPoliciesGrant() {
        String role = unique("adv");
        createRole(role);
        iam.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));
        iam.putRolePolicy(b -> b.roleName(role).policyName("s3").policyDocument(S3_READ));
        String arn = iam.getRole(b -> b.roleName(role)).role().arn();
        String job = iam.generateServiceLastAccessedDetails(b -> b.arn(arn)).jobId();
        var details = iam.getServiceLastAccessedDetails(b -> b.jobId(job));
        assertEquals(software.amazon.awssdk.services.iam.model.JobStatusType.COMPLETED, details.jobStatus());
        assertEquals(List.of("s3", "sqs"), details.servicesLastAccessed().stream().map(s -> s.serviceNamespace())
                .toList());
        assertEquals("Amazon S3", details.servicesLastAccessed().get(0).serviceName());
        assertEquals(null, details.servicesLastAccessed().get(0).lastAuthenticated());
        assertEquals(List.of(), iam.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(job).serviceNamespace("s3"))
                .entityDetailsList());
        fails(AwsServiceException.class, "NoSuchEntity", 404, null,
                () -> iam.getServiceLastAccessedDetails(b -> b.jobId("00000000-0000-0000-0000-000000000000")));
    }

    @Test
    void contextKeysOfCustomAndPrincipalPolicies() {
        assertEquals(List.of("aws:RequestedRegion"), iam.getContextKeysForCustomPolicy(b -> b.policyInputList(MIXED))
                .contextKeyNames());
        String role = unique("ctx");
        createRole(role);
        iam.putRolePolicy(b -> b.roleName(role).policyName("p").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:prefix\":\"home/\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}}"));
        String arn = iam.getRole(b -> b.roleName(role)).role().arn();
        assertEquals(List.of("aws:RequestedRegion", "aws:SecureTransport", "s3:prefix"),
                iam.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(arn).policyInputList(MIXED))
                        .contextKeyNames());
    }
}
