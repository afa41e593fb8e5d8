package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.spi.Caller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;
import software.amazon.awssdk.services.sts.model.Tag;

/** AssumeRole through the real SDK: trust policies decide, the credentials act as the role in its account. */
class AssumeRoleIT extends StsTestSupport {

    static AwsServiceException fails(String code, int status, String message, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }

    @Test
    void aRoleInAnotherAccountTrustingTheCallersAccountIsAssumedAndActsThere() {
        String name = unique("cross");
        String arn = role(B, name, trust("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}", null));
        AssumeRoleResponse r = sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("alice-session"));
        assertTrue(r.credentials().accessKeyId().matches("ASIA[A-Z0-9]{16}"), r.credentials().accessKeyId());
        assertEquals(40, r.credentials().secretAccessKey().length());
        assertNotNull(r.credentials().sessionToken());
        assertExpiresIn(3600, r.credentials());
        assertEquals("arn:aws:sts::" + B + ":assumed-role/" + name + "/alice-session", r.assumedRoleUser().arn());
        String roleId = iam(B).getRole(b -> b.roleName(name)).role().roleId();
        assertEquals(roleId + ":alice-session", r.assumedRoleUser().assumedRoleId());
        assertNull(r.packedPolicySize());

        GetCallerIdentityResponse me = sts(r.credentials()).getCallerIdentity();
        assertEquals(B, me.account());
        assertEquals(r.assumedRoleUser().arn(), me.arn());
        assertEquals(roleId + ":alice-session", me.userId());
        // The credentials act in the role's account: IAM answers with account B's roles.
        assertEquals(arn, iam(r.credentials()).getRole(b -> b.roleName(name)).role().arn());
    }

    @Test
    void aRoleTrustingAnotherAccountIsDeniedInAwsWords() {
        String name = unique("deny");
        String arn = role(B, name, trust("{\"AWS\":\"" + A + "\"}", null));
        fails("AccessDenied", 403, "User: arn:aws:iam::333333333333:root is not authorized to perform: "
                + "sts:AssumeRole on resource: " + arn,
                () -> sts("333333333333").assumeRole(b -> b.roleArn(arn).roleSessionName("ss")));
    }

    @Test
    void anUnknownRoleIsDeniedLikeARefusingOne() {
        String arn = "arn:aws:iam::" + B + ":role/" + unique("missing");
        fails("AccessDenied", 403, "User: arn:aws:iam::" + A + ":root is not authorized to perform: "
                + "sts:AssumeRole on resource: " + arn,
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")));
    }

    @Test
    void externalIdIsCheckedByTheTrustPolicy() {
        String arn = role(B, unique("ext"), trust("{\"AWS\":\"" + A + "\"}",
                "{\"StringEquals\":{\"sts:ExternalId\":\"Unique-42\"}}"));
        fails("AccessDenied", 403, null, () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")));
        fails("AccessDenied", 403, null,
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss").externalId("Other-42")));
        assertNotNull(sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss").externalId("Unique-42")).credentials());
    }

    @Test
    void anExplicitDenyWinsOverTheAllow() {
        String user = unique("mallory");
        var iamA = iam(A);
        String userArn = iamA.createUser(b -> b.userName(user)).user().arn();
        var key = iamA.createAccessKey(b -> b.userName(user)).accessKey();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + A + "\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + userArn
                + "\"},\"Action\":\"sts:*\"}]}";
        String arn = role(B, unique("denywins"), policy);
        StsClient mallory = sts(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey()));
        fails("AccessDenied", 403, "User: " + userArn + " is not authorized to perform: sts:AssumeRole on resource: "
                + arn, () -> mallory.assumeRole(b -> b.roleArn(arn).roleSessionName("ss")));
        assertNotNull(sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")).credentials());
    }

    @Test
    void aUserNamedInTheTrustPolicyAssumesTheRoleAndAPrincipalTagCanBeRequired() {
        String user = unique("alice");
        var iamA = iam(A);
        String userArn = iamA.createUser(b -> b.userName(user).tags(t -> t.key("team").value("blue"))).user().arn();
        var key = iamA.createAccessKey(b -> b.userName(user)).accessKey();
        String arn = role(B, unique("byuser"), trust("{\"AWS\":\"" + userArn + "\"}",
                "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\",\"aws:PrincipalArn\":\"" + userArn + "\"}}"));
        StsClient alice = sts(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey()));
        assertEquals(userArn, alice.getCallerIdentity().arn());
        assertNotNull(alice.assumeRole(b -> b.roleArn(arn).roleSessionName("ss")).credentials());
        fails("AccessDenied", 403, null, () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")));
    }

    @Test
    void durationIsBoundedByTheRoleAndByRoleChaining() {
        String first = unique("first");
        String firstArn = iam(B).createRole(b -> b.roleName(first).maxSessionDuration(7200)
                .assumeRolePolicyDocument(trust("{\"AWS\":\"" + A + "\"}", null))).role().arn();
        fails("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                () -> sts(A).assumeRole(b -> b.roleArn(firstArn).roleSessionName("ss").durationSeconds(7201)));
        AssumeRoleResponse r = sts(A).assumeRole(b -> b.roleArn(firstArn).roleSessionName("ss").durationSeconds(7200));
        assertExpiresIn(7200, r.credentials());
        fails("ValidationError", 400, "1 validation error detected: Value '899' at 'durationSeconds' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 900",
                () -> sts(A).assumeRole(b -> b.roleArn(firstArn).roleSessionName("ss").durationSeconds(899)));

        String second = unique("second");
        String secondArn = iam(B).createRole(b -> b.roleName(second).maxSessionDuration(43200)
                .assumeRolePolicyDocument(trust("{\"AWS\":\"" + firstArn + "\"}", null))).role().arn();
        StsClient chained = sts(r.credentials());
        fails("ValidationError", 400,
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
                () -> chained.assumeRole(b -> b.roleArn(secondArn).roleSessionName("cc").durationSeconds(3601)));
        AssumeRoleResponse c = chained.assumeRole(b -> b.roleArn(secondArn).roleSessionName("cc"));
        assertEquals("arn:aws:sts::" + B + ":assumed-role/" + second + "/cc", sts(c.credentials()).getCallerIdentity().arn());
        // The role's ARN in the trust policy covers its sessions; the account root of A does not reach role two.
        fails("AccessDenied", 403, null, () -> sts(A).assumeRole(b -> b.roleArn(secondArn).roleSessionName("ss")));
    }

    @Test
    void roleSessionNameFollowsTheModelAndCanBeRequired() {
        String arn = role(B, unique("named"), trust("{\"AWS\":\"" + A + "\"}",
                "{\"StringLike\":{\"sts:RoleSessionName\":\"${aws:username}*\"}}"));
        fails("ValidationError", 400, "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to "
                + "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("bad name")));
        // The root user has no aws:username, so the variable matches nothing.
        fails("AccessDenied", 403, null, () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("root")));
    }

    @Test
    void mfaIsRequiredWhenTheTrustPolicySaysSo() {
        String arn = role(B, unique("mfa"), trust("{\"AWS\":\"" + A + "\"}",
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}"));
        fails("AccessDenied", 403, null, () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")));
        fails("AccessDenied", 403,
                "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.",
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")
                        .serialNumber("arn:aws:iam::" + A + ":mfa/alice")));
        // The serial number must be a device enabled for the calling user, and the code its current one.
        fails("AccessDenied", 403, "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify "
                + "your MFA serial number is valid and associated with this user.",
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss")
                        .serialNumber("arn:aws:iam::" + A + ":mfa/alice").tokenCode("123456")));
        String alice = unique("alice");
        iam(A).createUser(b -> b.userName(alice));
        var key = iam(A).createAccessKey(b -> b.userName(alice)).accessKey();
        StsClient asAlice = sts(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey()));
        String serial = virtualMfa(iam(A), alice);
        String code = mfaCode(serial);
        assertNotNull(asAlice.assumeRole(b -> b.roleArn(arn).roleSessionName("ss").serialNumber(serial)
                .tokenCode(code)).credentials());
        // A code is accepted once.
        fails("AccessDenied", 403, "MultiFactorAuthentication failed with invalid MFA one time pass code.",
                () -> asAlice.assumeRole(b -> b.roleArn(arn).roleSessionName("ss").serialNumber(serial)
                        .tokenCode(code)));
    }

    @Test
    void sessionTagsNeedTagSessionAndTransitiveTagsFollowTheChain() {
        String tagless = role(B, unique("notags"), trust("{\"AWS\":\"" + A + "\"}", null));
        fails("AccessDenied", 403, "User: arn:aws:iam::" + A + ":root is not authorized to perform: "
                + "sts:TagSession on resource: " + tagless,
                () -> sts(A).assumeRole(b -> b.roleArn(tagless).roleSessionName("ss")
                        .tags(Tag.builder().key("team").value("blue").build())));

        String tagging = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + A + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":"
                + "{\"aws:RequestTag/team\":\"blue\"},\"ForAllValues:StringEquals\":{\"sts:TransitiveTagKeys\":[\"team\"]}}}]}";
        String firstArn = role(B, unique("tags"), tagging);
        fails("ValidationError", 400, "The specified transitive tag key must be included in the requested tags.",
                () -> sts(A).assumeRole(b -> b.roleArn(firstArn).roleSessionName("ss")
                        .tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("cost")));
        fails("ValidationError", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
                () -> sts(A).assumeRole(b -> b.roleArn(firstArn).roleSessionName("ss").tags(
                        Tag.builder().key("team").value("blue").build(), Tag.builder().key("TEAM").value("x").build())));
        AssumeRoleResponse first = sts(A).assumeRole(b -> b.roleArn(firstArn).roleSessionName("ss")
                .tags(Tag.builder().key("team").value("blue").build(), Tag.builder().key("cost").value("7").build())
                .transitiveTagKeys("team"));
        assertNotNull(first.packedPolicySize());
        assertTrue(first.packedPolicySize() > 0 && first.packedPolicySize() <= 100, "" + first.packedPolicySize());

        String secondArn = role(B, unique("chained"), trust("{\"AWS\":\"" + firstArn + "\"}",
                "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"},\"Null\":{\"aws:PrincipalTag/cost\":\"false\"}}"));
        StsClient chained = sts(first.credentials());
        assertNotNull(chained.assumeRole(b -> b.roleArn(secondArn).roleSessionName("cc")).credentials());
        fails("ValidationError", 400, null, () -> chained.assumeRole(b -> b.roleArn(secondArn).roleSessionName("cc")
                .tags(Tag.builder().key("Team").value("red").build())));
        // Only the transitive tag reaches the third link: cost is gone.
        AssumeRoleResponse second = chained.assumeRole(b -> b.roleArn(secondArn).roleSessionName("cc"));
        String thirdArn = role(B, unique("third"), trust("{\"AWS\":\"" + secondArn + "\"}",
                "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"},\"Null\":{\"aws:PrincipalTag/cost\":\"true\"}}"));
        assertNotNull(sts(second.credentials()).assumeRole(b -> b.roleArn(thirdArn).roleSessionName("tt")).credentials());
    }

    @Test
    void tooManyBytesOfTagsArePackedPolicyTooLarge() {
        String arn = role(B, unique("big"), "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + A
                + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}}");
        List<Tag> tags = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50; i++) {
            StringBuilder v = new StringBuilder();
            for (int j = 0; j < 256; j++) {
                v.append((char) ('a' + random.nextInt(26)));
            }
            tags.add(Tag.builder().key("k" + i).value(v.toString()).build());
        }
        AwsServiceException e = fails("PackedPolicyTooLarge", 400, null,
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss").tags(tags)));
        assertTrue(e instanceof PackedPolicyTooLargeException, e.getClass().getName());
        assertTrue(e.awsErrorDetails().errorMessage().matches("Packed size of session tags consumes \\d+% of allotted space\\."),
                e.awsErrorDetails().errorMessage());
        AwsServiceException many = fails("ValidationError", 400, null, () -> sts(A).assumeRole(b -> b.roleArn(arn)
                .roleSessionName("ss").tags(java.util.Collections.nCopies(51, tags.get(0)))));
        assertTrue(many.awsErrorDetails().errorMessage().endsWith(
                "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"),
                many.awsErrorDetails().errorMessage());
    }

    @Test
    void sessionPoliciesAreCheckedAndSizedAndSourceIdentityIsSticky() {
        String trustPolicy = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + A
                + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]}}";
        String arn = role(B, unique("policies"), trustPolicy);
        AwsServiceException bad = fails("MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss").policy("{not json")));
        assertTrue(bad instanceof MalformedPolicyDocumentException);
        String big = "{\"Statement\":[" + String.join(",", java.util.Collections.nCopies(40,
                "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}")) + "]}";
        fails("PackedPolicyTooLarge", 400, null,
                () -> sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss").policy(big)));
        AssumeRoleResponse r = sts(A).assumeRole(b -> b.roleArn(arn).roleSessionName("ss").sourceIdentity("alice")
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}")
                .policyArns(p -> p.arn("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        assertEquals("alice", r.sourceIdentity());
        assertNotNull(r.packedPolicySize());

        String nextArn = role(B, unique("next"), "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arn
                + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"],\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceIdentity\":\"alice\"}}}}");
        StsClient chained = sts(r.credentials());
        assertEquals("alice", chained.assumeRole(b -> b.roleArn(nextArn).roleSessionName("nn")).sourceIdentity());
        fails("AccessDenied", 403, null,
                () -> chained.assumeRole(b -> b.roleArn(nextArn).roleSessionName("nn").sourceIdentity("bob")));
        // Without sts:SetSourceIdentity a source identity cannot be set.
        String plain = role(B, unique("plain"), trust("{\"AWS\":\"" + A + "\"}", null));
        fails("AccessDenied", 403, "User: arn:aws:iam::" + A + ":root is not authorized to perform: "
                + "sts:SetSourceIdentity on resource: " + plain,
                () -> sts(A).assumeRole(b -> b.roleArn(plain).roleSessionName("ss").sourceIdentity("alice")));
    }

    @Test
    void aServicePrincipalAssumesTheRolesThatTrustIt() {
        String arn = role(A, unique("exec"), trust("{\"Service\":\"lambda.amazonaws.com\"}",
                "{\"StringEquals\":{\"aws:SourceAccount\":\"" + A + "\"}}"));
        StsClient lambda = gureum.context().clients().client(StsClient.class,
                Caller.service("lambda.amazonaws.com", A, "us-east-1", "arn:aws:lambda:us-east-1:" + A + ":function:f"));
        AssumeRoleResponse r = lambda.assumeRole(b -> b.roleArn(arn).roleSessionName("ff"));
        assertTrue(r.assumedRoleUser().arn().endsWith("/ff"));
        StsClient ec2 = gureum.context().clients().client(StsClient.class,
                Caller.service("ec2.amazonaws.com", A, "us-east-1", null));
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> ec2.assumeRole(b -> b.roleArn(arn).roleSessionName("ii")));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals("User: ec2.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: " + arn,
                e.awsErrorDetails().errorMessage());
    }
}
