package io.gureum.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.events.CertificateUse;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;

/**
 * What ACM finds again after a restart on the same --data-dir: imported certificates with their material,
 * chain and key (reimport still checks against them), requested ones with their validations and deadline
 * (still timing out on the clock), tags, InUseBy, the account configuration and its idempotency tokens.
 */
class AcmRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void certificatesSurviveARestart() {
        KeyPair k = TestCerts.ec("secp256r1");
        String imported;
        String requested;
        String pem;
        CertificateDetail before;
        String user = "arn:aws:ec2:us-east-1:000000000000:client-vpn-endpoint/cvpn-endpoint-0123456789abcdef0";
        try (Gureum g = start(); AcmClient acm = AwsClients.client(AcmClient.builder(), g)) {
            pem = TestCerts.cert("keep.example.com", g.context().clock().now()).sans("keep.example.com")
                    .keyUsages(TestCerts.DIGITAL_SIGNATURE).selfSigned(k);
            String p = pem;
            imported = acm.importCertificate(b -> b.certificate(SdkBytes.fromUtf8String(p))
                    .privateKey(SdkBytes.fromUtf8String(TestCerts.sec1(k, "secp256r1"))).tags(t -> t.key("team").value("a")))
                    .certificateArn();
            requested = acm.requestCertificate(b -> b.domainName("req.example.com").validationMethod("DNS")
                    .idempotencyToken("restart")).certificateArn();
            g.context().events().publish(CertificateUse.start(imported, user));
            acm.putAccountConfiguration(b -> b.idempotencyToken("c1").expiryEvents(e -> e.daysBeforeExpiry(20)));
            before = acm.describeCertificate(b -> b.certificateArn(requested)).certificate();
            String doomed = acm.requestCertificate(b -> b.domainName("gone.example.com")).certificateArn();
            acm.deleteCertificate(b -> b.certificateArn(doomed));
        }
        try (Gureum g = start(); AcmClient acm = AwsClients.client(AcmClient.builder(), g)) {
            CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(imported)).certificate();
            assertEquals("keep.example.com", d.domainName());
            assertEquals(List.of(user), d.inUseBy());
            assertEquals(pem, acm.getCertificate(b -> b.certificateArn(imported)).certificate());
            assertEquals("a", acm.listTagsForCertificate(b -> b.certificateArn(imported)).tags().get(0).value());
            assertEquals(before, acm.describeCertificate(b -> b.certificateArn(requested)).certificate());
            assertEquals(requested, acm.requestCertificate(b -> b.domainName("req.example.com").validationMethod("DNS")
                    .idempotencyToken("restart")).certificateArn(), "the token is still known");
            assertEquals(20, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
            // A reimport still compares with the stored certificate (no KeyUsage may go).
            String fewer = TestCerts.cert("keep.example.com", g.context().clock().now()).keyUsages(
                    TestCerts.KEY_ENCIPHERMENT).selfSigned(k);
            org.junit.jupiter.api.Assertions.assertThrows(software.amazon.awssdk.services.acm.model.ValidationException.class,
                    () -> acm.importCertificate(b -> b.certificateArn(imported).certificate(SdkBytes.fromUtf8String(fewer))
                            .privateKey(SdkBytes.fromUtf8String(TestCerts.pkcs8(k)))));
            assertEquals(List.of(imported, requested), acm.listCertificates(b -> b.certificateStatusesWithStrings(
                    "ISSUED", "PENDING_VALIDATION").includes(f -> f.keyTypesWithStrings("EC_prime256v1", "RSA_2048"))).certificateSummaryList().stream().map(s -> s.certificateArn())
                    .toList(), "the deletion was recorded");
            g.context().clock().advance(Duration.ofHours(73));
            assertEquals("VALIDATION_TIMED_OUT", acm.describeCertificate(b -> b.certificateArn(requested))
                    .certificate().statusAsString(), "the deadline came back");
        }
    }
}
