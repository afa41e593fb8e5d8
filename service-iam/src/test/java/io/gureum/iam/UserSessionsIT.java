package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.InvalidAuthorizationMessageException;

/**
 * GetSessionToken, GetFederationToken, GetAccessKeyInfo, DecodeAuthorizationMessage and GetCallerIdentity for
 * every kind of identity.
 */
class UserSessionsIT extends StsTestSupport {

    private record UserKey(String arn, String id, StsClient sts, String accessKeyId) {
    }

    private static UserKey user(String account) {
        IamClient iam = iam(account);
        String name = unique("user");
        var user = iam.createUser(b -> b.userName(name)).user();
        var key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        return new UserKey(user.arn(), user.userId(), sts(AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey())), key.accessKeyId());
    }

    @Test
    void callerIdentityOfRootAndOfAnIamUser() {
        GetCallerIdentityResponse root = sts(A).getCallerIdentity();
        assertEquals("arn:aws:iam::" + A + ":root", root.arn());
        assertEquals(A, root.userId());
        UserKey alice = user(A);
        GetCallerIdentityResponse me = alice.sts().getCallerIdentity();
        assertEquals(alice.arn(), me.arn());
        assertEquals(alice.id(), me.userId());
        assertEquals(A, me.account());
    }

    @Test
    void sessionTokensAreTheirUserAgainAndCannotMakeMore() {
        UserKey alice = user(A);
        Credentials c = alice.sts().getSessionToken(b -> b.durationSeconds(900)).credentials();
        assertTrue(c.accessKeyId().startsWith("ASIA"));
        assertExpiresIn(900, c);
        GetCallerIdentityResponse me = sts(c).getCallerIdentity();
        assertEquals(alice.arn(), me.arn());
        assertEquals(alice.id(), me.userId());
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> sts(c).getSessionToken());
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertEquals("Cannot call GetSessionToken with session credentials", e.awsErrorDetails().errorMessage());
        AwsServiceException f = assertThrows(AwsServiceException.class, () -> sts(c).getFederationToken(b -> b.name("bob")));
        assertEquals("Cannot call GetFederationToken with session credentials", f.awsErrorDetails().errorMessage());
        // The default is 12 hours; the model bounds the range to 900..129600.
        Credentials day = alice.sts().getSessionToken().credentials();
        assertExpiresIn(43200, day);
        AwsServiceException tooLong = assertThrows(AwsServiceException.class,
                () -> alice.sts().getSessionToken(b -> b.durationSeconds(129601)));
        assertEquals("1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value less than or equal to 129600", tooLong.awsErrorDetails().errorMessage());
        AwsServiceException mfa = assertThrows(AwsServiceException.class,
                () -> alice.sts().getSessionToken(b -> b.tokenCode("123456")));
        assertEquals("AccessDenied", mfa.awsErrorDetails().errorCode());
    }

    @Test
    void iamRefusesSessionTokensWithoutMfaAndFederatedUsers() {
        UserKey dave = user(A);
        Credentials plain = dave.sts().getSessionToken().credentials();
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> iam(plain).listUsers());
        assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertEquals("The security token included in the request is invalid", e.awsErrorDetails().errorMessage());
        String serial = virtualMfa(iam(A), dave.arn().substring(dave.arn().lastIndexOf('/') + 1));
        String code = mfaCode(serial);
        Credentials mfa = dave.sts().getSessionToken(b -> b.serialNumber(serial).tokenCode(code)).credentials();
        assertTrue(iam(mfa).listUsers().users().stream().anyMatch(u -> u.arn().equals(dave.arn())));
        assertEquals(dave.arn(), iam(mfa).getUser().user().arn());

        Credentials federated = dave.sts().getFederationToken(b -> b.name("fed-user")).credentials();
        assertEquals("InvalidClientTokenId", assertThrows(AwsServiceException.class,
                () -> iam(federated).listUsers()).awsErrorDetails().errorCode());
        String role = role(A, unique("fedtarget"), trust("{\"AWS\":\"" + A + "\"}", null));
        AwsServiceException denied = assertThrows(AwsServiceException.class,
                () -> sts(federated).assumeRole(b -> b.roleArn(role).roleSessionName("ff")));
        assertEquals("User: arn:aws:sts::" + A + ":federated-user/fed-user is not authorized to perform: "
                + "sts:AssumeRole on resource: " + role, denied.awsErrorDetails().errorMessage());
        Credentials assumed = sts(A).assumeRole(b -> b.roleArn(role).roleSessionName("gu")).credentials();
        AwsServiceException notUser = assertThrows(AwsServiceException.class, () -> iam(assumed).getUser());
        assertEquals("ValidationError", notUser.awsErrorDetails().errorCode());
        assertEquals("Must specify userName when calling with non-User credentials",
                notUser.awsErrorDetails().errorMessage());
        // GetSessionToken credentials may assume roles (they count as role chaining for the duration limit).
        assertEquals("arn:aws:sts::" + A + ":assumed-role/" + role.substring(role.lastIndexOf('/') + 1) + "/ss",
                sts(plain).assumeRole(b -> b.roleArn(role).roleSessionName("ss")).assumedRoleUser().arn());
    }

    @Test
    void theRootUsersSessionTokenLastsAtMostAnHour() {
        Credentials c = sts(A).getSessionToken(b -> b.durationSeconds(7200)).credentials();
        assertExpiresIn(3600, c);
        assertEquals("arn:aws:iam::" + A + ":root", sts(c).getCallerIdentity().arn());
    }

    @Test
    void federationTokensMakeAFederatedUser() {
        UserKey alice = user(B);
        GetFederationTokenResponse r = alice.sts().getFederationToken(b -> b.name("bob@example")
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"));
        assertEquals("arn:aws:sts::" + B + ":federated-user/bob@example", r.federatedUser().arn());
        assertEquals(B + ":bob@example", r.federatedUser().federatedUserId());
        assertNotNull(r.packedPolicySize());
        GetCallerIdentityResponse me = sts(r.credentials()).getCallerIdentity();
        assertEquals(r.federatedUser().arn(), me.arn());
        assertEquals(B + ":bob@example", me.userId());
        assertEquals(B, me.account());
        AwsServiceException name = assertThrows(AwsServiceException.class,
                () -> alice.sts().getFederationToken(b -> b.name("x")));
        assertEquals("ValidationError", name.awsErrorDetails().errorCode());
        AwsServiceException bad = assertThrows(AwsServiceException.class,
                () -> alice.sts().getFederationToken(b -> b.name("bob").policy("[]")));
        assertEquals("MalformedPolicyDocument", bad.awsErrorDetails().errorCode());
    }

    @Test
    void accessKeyInfoNamesTheAccountOfEveryKindOfKey() {
        UserKey carol = user(B);
        assertEquals(B, sts(A).getAccessKeyInfo(b -> b.accessKeyId(carol.accessKeyId())).account());
        assertEquals("000000000000", sts(A).getAccessKeyInfo(b -> b.accessKeyId("AKIAUNKNOWNKEY000000")).account());
        Credentials c = carol.sts().getSessionToken().credentials();
        assertEquals(B, sts(A).getAccessKeyInfo(b -> b.accessKeyId(c.accessKeyId())).account());
    }

    @Test
    void authorizationMessagesThisServerEncodedDecode() {
        String encoded = gureum.context().shared().get(AuthorizationMessages.class, () -> null).encodeDenial(
                A, "arn:aws:iam::" + A + ":root", "ec2:RunInstances", "arn:aws:ec2:us-east-1:" + A + ":instance/*",
                false);
        String decoded = sts(A).decodeAuthorizationMessage(b -> b.encodedMessage(encoded)).decodedMessage();
        assertTrue(decoded.startsWith("{\"allowed\":false,\"explicitDeny\":false,"), decoded);
        assertTrue(decoded.contains("\"action\":\"ec2:RunInstances\""), decoded);
        String tampered = encoded.substring(0, encoded.indexOf('.')) + ".AAAA";
        assertThrows(InvalidAuthorizationMessageException.class,
                () -> sts(A).decodeAuthorizationMessage(b -> b.encodedMessage(tampered)));
        AwsServiceException e = assertThrows(InvalidAuthorizationMessageException.class,
                () -> sts(A).decodeAuthorizationMessage(b -> b.encodedMessage("not-a-message")));
        assertEquals("InvalidAuthorizationMessageException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }
}
