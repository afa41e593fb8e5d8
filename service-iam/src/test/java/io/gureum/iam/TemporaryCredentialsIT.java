package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Temporary credentials on later requests: they expire on the core clock (ExpiredToken), and when signatures
 * are verified they are only valid with their session token. Each test has its own server, since the clock
 * only moves forward.
 */
class TemporaryCredentialsIT {

    private static Credentials assume(Gureum gureum) {
        String role = "arn:aws:iam::222222222222:role/expiring";
        try (var iam = io.gureum.core.testing.AwsClients.client(software.amazon.awssdk.services.iam.IamClient.builder(),
                gureum.endpoint(), "222222222222", "us-east-1")) {
            iam.createRole(b -> b.roleName("expiring").assumeRolePolicyDocument(StsTestSupport.trust(
                    "{\"AWS\":\"111111111111\"}", null)));
        }
        try (StsClient sts = StsTestSupport.sts(gureum.endpoint(), AwsBasicCredentials.create("111111111111", "test"))) {
            return sts.assumeRole(b -> b.roleArn(role).roleSessionName("ss").durationSeconds(900)).credentials();
        }
    }

    @Test
    void expiredCredentialsAnswerExpiredToken() {
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).build())) {
            Credentials c = assume(gureum);
            StsClient sts = StsTestSupport.sts(gureum.endpoint(),
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
            // The core clock also follows real time, so the steps leave room for a slow machine.
            gureum.context().clock().advance(Duration.ofSeconds(600));
            assertEquals("222222222222", sts.getCallerIdentity().account());
            gureum.context().clock().advance(Duration.ofSeconds(300));
            AwsServiceException e = assertThrows(AwsServiceException.class, sts::getCallerIdentity);
            assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
            assertEquals(403, e.statusCode());
            assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
            sts.close();
            // Every API refuses them, in its own protocol: IAM too.
            try (var iam = software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(gureum.endpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(() -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                            c.sessionToken()))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                AwsServiceException i = assertThrows(AwsServiceException.class, iam::listRoles);
                assertEquals("ExpiredToken", i.awsErrorDetails().errorCode());
                assertEquals(403, i.statusCode());
            }
        }
    }

    @Test
    void underVerificationATemporaryKeyNeedsItsSessionTokenAndItsSecret() {
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).verifySignatures(true).build())) {
            gureum.context().accounts().addResolver(k -> k.equals("AKIAGUREUMTEST000002")
                    ? java.util.Optional.of(new io.gureum.core.auth.Accounts.AccessKey(k, "secret", "111111111111",
                            "arn:aws:iam::111111111111:root"))
                    : java.util.Optional.empty());
            try (var iam = software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(gureum.endpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(() -> AwsBasicCredentials.create("AKIAGUREUMTEST000002", "secret"))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                // A key of account 111111111111 creates the role there; account 111111111111 trusts itself.
                iam.createRole(b -> b.roleName("verified").assumeRolePolicyDocument(StsTestSupport.trust(
                        "{\"AWS\":\"111111111111\"}", null)));
            }
            String arn = "arn:aws:iam::111111111111:role/verified";
            Credentials c;
            try (StsClient sts = StsTestSupport.sts(gureum.endpoint(),
                    AwsBasicCredentials.create("AKIAGUREUMTEST000002", "secret"))) {
                c = sts.assumeRole(b -> b.roleArn(arn).roleSessionName("vv")).credentials();
            }
            try (StsClient good = StsTestSupport.sts(gureum.endpoint(),
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
                assertEquals("arn:aws:sts::111111111111:assumed-role/verified/vv", good.getCallerIdentity().arn());
            }
            for (var wrong : java.util.List.of(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()),
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken() + "x"))) {
                try (StsClient bad = StsTestSupport.sts(gureum.endpoint(), wrong)) {
                    AwsServiceException e = assertThrows(AwsServiceException.class, bad::getCallerIdentity);
                    assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
                    assertEquals(403, e.statusCode());
                    assertEquals("The security token included in the request is invalid.",
                            e.awsErrorDetails().errorMessage());
                }
            }
            try (StsClient badSecret = StsTestSupport.sts(gureum.endpoint(),
                    AwsSessionCredentials.create(c.accessKeyId(), "wrong-secret", c.sessionToken()))) {
                AwsServiceException e = assertThrows(AwsServiceException.class, badSecret::getCallerIdentity);
                assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            }
        }
    }
}
