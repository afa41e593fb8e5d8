package io.gureum.iam;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One server per test class, STS and IAM clients of the real SDK v2 for any account (a 12-digit key is that
 * account's root) or any credentials STS returned.
 */
abstract class StsTestSupport {
    static final String A = "111111111111";
    static final String B = "222222222222";
    private static final AtomicInteger N = new AtomicInteger();
    static Gureum gureum;
    private static final List<AutoCloseable> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        gureum = Gureum.start(config().build());
    }

    static GureumConfig.Builder config() {
        return GureumConfig.builder().port(0);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : CLIENTS) {
            c.close();
        }
        CLIENTS.clear();
        gureum.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + N.incrementAndGet();
    }

    static IamClient iam(String account) {
        IamClient c = AwsClients.client(IamClient.builder(), gureum.endpoint(), account, "us-east-1");
        CLIENTS.add(c);
        return c;
    }

    /** IAM with temporary credentials STS returned. */
    static IamClient iam(Credentials c) {
        IamClient client = IamClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        CLIENTS.add(client);
        return client;
    }

    static StsClient sts(String account) {
        return sts(AwsBasicCredentials.create(account, "test"));
    }

    static StsClient sts(Credentials c) {
        return sts(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    static StsClient sts(AwsCredentials credentials) {
        return sts(gureum.endpoint(), credentials);
    }

    static StsClient sts(URI endpoint, AwsCredentials credentials) {
        StsClient c = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        CLIENTS.add(c);
        return c;
    }

    /**
     * Asserts that credentials expire {@code seconds} after they were issued: the core clock follows real time,
     * so the check allows the few seconds a loaded machine takes between the answer and this check.
     */
    static void assertExpiresIn(long seconds, Credentials c) {
        long left = c.expiration().getEpochSecond() - gureum.context().clock().now().getEpochSecond();
        org.junit.jupiter.api.Assertions.assertTrue(left <= seconds && left >= seconds - 30,
                "expires in " + left + " s, expected " + seconds);
    }

    static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    /** A role in {@code account} with the given trust policy; its ARN. */
    static String role(String account, String name, String trustPolicy) {
        return iam(account).createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicy)).role().arn();
    }

    private static final java.util.Map<String, byte[]> SEEDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A virtual MFA device enabled for the user with two consecutive codes of its seed; its serial number. */
    static String virtualMfa(IamClient iam, String userName) {
        var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(userName + "-mfa")).virtualMFADevice();
        byte[] secret = Totp.fromBase32(device.base32StringSeed().asUtf8String());
        long step = Totp.step(gureum.context().clock().now());
        iam.enableMFADevice(b -> b.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(secret, step - 1)).authenticationCode2(Totp.code(secret, step)));
        SEEDS.put(device.serialNumber(), secret);
        return device.serialNumber();
    }

    /** The device's next code: the core clock moves on one step, as a code is accepted only once. */
    static String mfaCode(String serialNumber) {
        gureum.context().clock().advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
        return Totp.code(SEEDS.get(serialNumber), Totp.step(gureum.context().clock().now()));
    }
}
