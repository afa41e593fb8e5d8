package io.gureum.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;

/** One in-process server per test class serving ACM, and a real SDK v2 ACM client. */
abstract class AcmTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new AcmService()).build();
    static Gureum gureum;
    static AcmClient acm;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        acm = AwsClients.client(AcmClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        acm.close();
    }

    static Instant now() {
        return gureum.context().clock().now();
    }

    static SdkBytes bytes(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    /** Imports a self-signed certificate for {@code domain} with {@code keys}; its ARN. */
    static String importSelfSigned(String domain, KeyPair keys) {
        String pem = TestCerts.cert(domain, now()).sans(domain).selfSigned(keys);
        return acm.importCertificate(b -> b.certificate(bytes(pem)).privateKey(bytes(TestCerts.pkcs8(keys))))
                .certificateArn();
    }

    /** Runs {@code call}, expects the error {@code code} with HTTP {@code status}; the exception. */
    static AwsServiceException fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e;
    }
}
