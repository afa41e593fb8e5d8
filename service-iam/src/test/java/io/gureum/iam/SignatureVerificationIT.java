package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** SigV4 verification end to end: the real STS client against a server started with verification on. */
class SignatureVerificationIT {
    private static final String KEY = "AKIAGUREUMTEST000001";
    private static final String SECRET = "gureum/secret+key0123456789abcdefGHIJKLMN";
    private static final String ACCOUNT = "123456789012";
    static Gureum verifying;
    static Gureum open;

    @BeforeAll
    static void start() {
        verifying = Gureum.start(GureumConfig.builder().port(0).verifySignatures(true).build());
        verifying.context().accounts().addResolver(key -> KEY.equals(key)
                ? Optional.of(new Accounts.AccessKey(KEY, SECRET, ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/alice"))
                : Optional.empty());
        open = Gureum.start(GureumConfig.builder().port(0).build());
    }

    @AfterAll
    static void stop() {
        verifying.close();
        open.close();
    }

    private static StsClient sts(URI endpoint, String key, String secret) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void theRightSecretVerifies() {
        try (StsClient sts = sts(verifying.endpoint(), KEY, SECRET)) {
            assertEquals(ACCOUNT, sts.getCallerIdentity().account());
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        try (StsClient sts = sts(verifying.endpoint(), KEY, "not-the-secret")) {
            AwsServiceException e = assertThrows(AwsServiceException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void anUnknownKeyIsInvalidClientTokenId() {
        try (StsClient sts = sts(verifying.endpoint(), "AKIAUNKNOWN000000000", SECRET)) {
            AwsServiceException e = assertThrows(AwsServiceException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void aKeyIamIssuedVerifiesWithItsSecretOnly() {
        String user = "verified-" + System.nanoTime();
        try (software.amazon.awssdk.services.iam.IamClient iam = software.amazon.awssdk.services.iam.IamClient.builder()
                .endpointOverride(verifying.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            iam.createUser(b -> b.userName(user));
            var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
            try (StsClient sts = sts(verifying.endpoint(), key.accessKeyId(), key.secretAccessKey())) {
                assertEquals("arn:aws:iam::" + ACCOUNT + ":user/" + user, sts.getCallerIdentity().arn());
            }
            try (StsClient sts = sts(verifying.endpoint(), key.accessKeyId(), SECRET)) {
                AwsServiceException e = assertThrows(AwsServiceException.class, sts::getCallerIdentity);
                assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            }
        }
    }

    @Test
    void withoutVerificationAnySecretWorks() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), open.endpoint(), KEY, "us-east-1");
                StsClient other = sts(open.endpoint(), "111122223333", "whatever")) {
            assertEquals("000000000000", sts.getCallerIdentity().account());
            assertEquals("111122223333", other.getCallerIdentity().account());
        }
    }
}
