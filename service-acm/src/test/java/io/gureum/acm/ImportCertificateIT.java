package io.gureum.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;

/** ImportCertificate (new and reimport), DescribeCertificate, GetCertificate and ListCertificates of imported certificates. */
class ImportCertificateIT extends AcmTestSupport {

    @Test
    void importedCertificateShowsWhatItsMaterialSays() {
        KeyPair ca = TestCerts.rsa(2048);
        KeyPair leaf = TestCerts.ec("secp256r1");
        Instant now = now();
        String caPem = TestCerts.cert("Test Root", now).issuer("Test Root", "Gureum Test CA").ca()
                .keyUsages(TestCerts.KEY_CERT_SIGN).selfSigned(ca);
        String leafPem = TestCerts.cert("www.example.com", now).issuer("Test Root", "Gureum Test CA")
                .sans("www.example.com", "example.com").keyUsages(TestCerts.DIGITAL_SIGNATURE)
                .extendedKeyUsages(TestCerts.SERVER_AUTH, TestCerts.CLIENT_AUTH).sign(leaf, ca.getPrivate());
        String arn = acm.importCertificate(b -> b.certificate(bytes(leafPem)).privateKey(bytes(TestCerts.pkcs8(leaf)))
                .certificateChain(bytes(caPem)).tags(t -> t.key("team").value("web"))).certificateArn();
        assertTrue(arn.matches("arn:aws:acm:us-east-1:000000000000:certificate/[0-9a-f-]{36}"), arn);

        CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        assertEquals("www.example.com", d.domainName());
        assertEquals(List.of("www.example.com", "example.com"), d.subjectAlternativeNames());
        assertEquals("IMPORTED", d.typeAsString());
        assertEquals("ISSUED", d.statusAsString());
        assertEquals("EC_prime256v1", d.keyAlgorithmAsString());
        assertEquals("SHA256WITHRSA", d.signatureAlgorithm());
        assertEquals("Gureum Test CA", d.issuer());
        assertEquals("CN=www.example.com", d.subject());
        assertEquals("12:34:56:78:9a:bc", d.serial());
        assertEquals(now.minusSeconds(3600).getEpochSecond(), d.notBefore().getEpochSecond());
        assertEquals(List.of("DIGITAL_SIGNATURE"), d.keyUsages().stream().map(k -> k.nameAsString()).toList());
        assertEquals(Map.of("TLS_WEB_SERVER_AUTHENTICATION", "1.3.6.1.5.5.7.3.1", "TLS_WEB_CLIENT_AUTHENTICATION",
                "1.3.6.1.5.5.7.3.2"), Map.of(d.extendedKeyUsages().get(0).nameAsString(), d.extendedKeyUsages().get(0).oid(),
                d.extendedKeyUsages().get(1).nameAsString(), d.extendedKeyUsages().get(1).oid()));
        assertEquals("INELIGIBLE", d.renewalEligibilityAsString());
        assertEquals(List.of(), d.inUseBy());
        assertTrue(d.importedAt() != null && d.createdAt() == null);

        GetCertificateResponse got = acm.getCertificate(b -> b.certificateArn(arn));
        assertEquals(leafPem, got.certificate());
        assertEquals(caPem, got.certificateChain());
        assertEquals("web", acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().get(0).value());
    }

    @Test
    void everyKeyAlgorithmAcmImportsInEveryPemForm() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        // RSA_3072 and RSA_4096 take the same path (the modulus' bit length); their keys take seconds to generate.
        for (int bits : new int[] {1024, 2048}) {
            KeyPair k = TestCerts.rsa(bits);
            String pem = TestCerts.cert("rsa" + bits + ".example.com", now()).selfSigned(k);
            String arn = acm.importCertificate(b -> b.certificate(bytes(pem)).privateKey(bytes(TestCerts.pkcs1(k))))
                    .certificateArn();
            keys.put(arn, "RSA_" + bits);
        }
        Map<String, String> curves = Map.of("secp256r1", "EC_prime256v1", "secp384r1", "EC_secp384r1", "secp521r1",
                "EC_secp521r1");
        curves.forEach((curve, name) -> {
            KeyPair k = TestCerts.ec(curve);
            String pem = TestCerts.cert(curve + ".example.com", now()).selfSigned(k);
            keys.put(acm.importCertificate(b -> b.certificate(bytes(pem)).privateKey(bytes(TestCerts.sec1(k, curve))))
                    .certificateArn(), name);
        });
        keys.forEach((arn, algorithm) -> {
            CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
            assertEquals(algorithm, d.keyAlgorithmAsString(), arn);
            assertEquals(List.of(d.domainName()), d.subjectAlternativeNames(), "no SAN extension: the CN");
            assertEquals(algorithm.startsWith("RSA") ? "SHA256WITHRSA" : "SHA256WITHECDSA", d.signatureAlgorithm());
        });
        // ListCertificates shows RSA_1024 and RSA_2048 unless asked for other key types.
        List<String> byDefault = acm.listCertificates(b -> { }).certificateSummaryList().stream()
                .map(CertificateSummary::certificateArn).toList();
        keys.forEach((arn, algorithm) -> assertEquals(algorithm.equals("RSA_1024") || algorithm.equals("RSA_2048"),
                byDefault.contains(arn), algorithm));
        List<CertificateSummary> ec = acm.listCertificates(b -> b.includes(f -> f.keyTypesWithStrings("EC_secp384r1",
                "EC_secp521r1"))).certificateSummaryList();
        assertEquals(2, ec.stream().filter(s -> keys.containsKey(s.certificateArn())).count());
        assertTrue(ec.stream().allMatch(s -> s.keyAlgorithmAsString().startsWith("EC_secp")));
    }

    @Test
    void listCertificatesFiltersAndPages() {
        KeyPair k = TestCerts.rsa(2048);
        Instant now = now();
        String a = importSelfSigned("a.list.example.com", k);
        String pem = TestCerts.cert("b.list.example.com", now).keyUsages(TestCerts.KEY_ENCIPHERMENT)
                .extendedKeyUsages(TestCerts.CLIENT_AUTH).selfSigned(k);
        String b2 = acm.importCertificate(b -> b.certificate(bytes(pem)).privateKey(bytes(TestCerts.pkcs8(k))))
                .certificateArn();
        List<CertificateSummary> client = acm.listCertificates(b -> b.includes(f -> f.extendedKeyUsageWithStrings(
                "TLS_WEB_CLIENT_AUTHENTICATION"))).certificateSummaryList();
        assertEquals(List.of(b2), client.stream().map(CertificateSummary::certificateArn).toList());
        assertEquals(List.of("KEY_ENCIPHERMENT"), client.get(0).keyUsagesAsStrings());
        assertEquals(List.of(b2), acm.listCertificates(b -> b.includes(f -> f.keyUsageWithStrings("KEY_ENCIPHERMENT")))
                .certificateSummaryList().stream().map(CertificateSummary::certificateArn).toList());
        CertificateSummary s = acm.listCertificates(b -> { }).certificateSummaryList().stream()
                .filter(x -> x.certificateArn().equals(a)).findFirst().orElseThrow();
        assertEquals("ISSUED", s.statusAsString());
        assertEquals(List.of("a.list.example.com"), s.subjectAlternativeNameSummaries());
        assertFalse(s.hasAdditionalSubjectAlternativeNames());
        assertFalse(s.inUse());
        assertEquals(0, acm.listCertificates(b -> b.certificateStatusesWithStrings("EXPIRED")).certificateSummaryList()
                .size());

        int total = acm.listCertificates(b -> { }).certificateSummaryList().size();
        assertTrue(total >= 2);
        List<String> paged = new java.util.ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListCertificatesResponse page = acm.listCertificates(b -> b.maxItems(1).nextToken(t));
            assertEquals(1, page.certificateSummaryList().size());
            page.certificateSummaryList().forEach(x -> paged.add(x.certificateArn()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(total, paged.size());
        fails("InvalidArgsException", 400, () -> acm.listCertificates(b -> b.nextToken("not-a-token")));
        fails("ValidationException", 400, () -> acm.listCertificates(b -> b.maxItems(0)));
        fails("ValidationException", 400, () -> acm.listCertificates(b -> b.sortBy("CREATED_AT")));
        List<String> newestFirst = acm.listCertificates(b -> b.sortBy("CREATED_AT").sortOrder("DESCENDING"))
                .certificateSummaryList().stream().map(CertificateSummary::certificateArn).toList();
        assertEquals(b2, newestFirst.get(0));
    }

    @Test
    void importRefusesWhatAwsRefuses() {
        KeyPair k = TestCerts.rsa(2048);
        KeyPair other = TestCerts.ec("secp256r1");
        Instant now = now();
        String pem = TestCerts.cert("bad.example.com", now).selfSigned(k);
        String key = TestCerts.pkcs8(k);
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))
                .privateKey(bytes(TestCerts.pkcs8(TestCerts.rsa(1024))))));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))
                .privateKey(bytes(TestCerts.pkcs8(other)))));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem + pem))
                .privateKey(bytes(key))));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes("not a certificate"))
                .privateKey(bytes(key))));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))
                .privateKey(bytes(key.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")))));
        String expired = TestCerts.cert("old.example.com", now).validity(now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1))).selfSigned(k);
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(expired))
                .privateKey(bytes(key))));
        String future = TestCerts.cert("new.example.com", now).validity(now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30))).selfSigned(k);
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(future))
                .privateKey(bytes(key))));
        // A chain that did not sign the certificate.
        String unrelated = TestCerts.cert("Other CA", now).ca().selfSigned(other);
        String signed = TestCerts.cert("leaf.example.com", now).issuer("Some CA", null).sign(k, k.getPrivate());
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(signed))
                .privateKey(bytes(key)).certificateChain(bytes(unrelated))));
        fails("InvalidTagException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))
                .privateKey(bytes(key)).tags(t -> t.key("aws:owner").value("x"))));
        // 51 tags in one request break the model's TagList limit (max 50): AWS's validation layer answers first.
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))
                .privateKey(bytes(key)).tags(java.util.stream.IntStream.range(0, 51).mapToObj(i ->
                        software.amazon.awssdk.services.acm.model.Tag.builder().key("k" + i).build()).toList())));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))));
        fails("ValidationException", 400, () -> acm.describeCertificate(b -> { }));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificate(bytes(pem))
                .privateKey(bytes(key)).tags(t -> t.key("bad#key").value("x"))));
        fails("ResourceNotFoundException", 400, () -> acm.describeCertificate(b -> b.certificateArn(
                "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000")));
        // Not an ACM ARN at all: the model's pattern refuses it first; an ACM ARN naming no certificate is ACM's.
        fails("ValidationException", 400, () -> acm.getCertificate(b -> b.certificateArn(
                "arn:aws:s3:us-east-1:000000000000:certificate/x-x")));
        fails("InvalidArnException", 400, () -> acm.getCertificate(b -> b.certificateArn(
                "arn:aws:acm:us-east-1:000000000000:thing/x-x")));
    }

    @Test
    void reimportKeepsTheArnUnderAwsRules() {
        KeyPair k = TestCerts.rsa(2048);
        Instant now = now();
        String first = TestCerts.cert("re.example.com", now).sans("re.example.com", "a.re.example.com")
                .keyUsages(TestCerts.DIGITAL_SIGNATURE).extendedKeyUsages(TestCerts.SERVER_AUTH, TestCerts.CLIENT_AUTH)
                .selfSigned(k);
        String key = TestCerts.pkcs8(k);
        String arn = acm.importCertificate(b -> b.certificate(bytes(first)).privateKey(bytes(key))).certificateArn();
        Instant importedAt = acm.describeCertificate(b -> b.certificateArn(arn)).certificate().importedAt();
        gureum.context().clock().advance(Duration.ofMinutes(5));

        // Domains may change, ClientAuth may go, usages may be added.
        String second = TestCerts.cert("re.example.com", now()).sans("re.example.com", "b.re.example.com")
                .keyUsages(TestCerts.DIGITAL_SIGNATURE, TestCerts.KEY_ENCIPHERMENT)
                .extendedKeyUsages(TestCerts.SERVER_AUTH).selfSigned(k);
        assertEquals(arn, acm.importCertificate(b -> b.certificateArn(arn).certificate(bytes(second))
                .privateKey(bytes(key))).certificateArn());
        CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        assertEquals(List.of("re.example.com", "b.re.example.com"), d.subjectAlternativeNames());
        assertTrue(d.importedAt().isAfter(importedAt));
        assertEquals(second, acm.getCertificate(b -> b.certificateArn(arn)).certificate());
        assertNull(acm.getCertificate(b -> b.certificateArn(arn)).certificateChain());

        // Removing a key usage, changing the key type, or tagging is refused.
        String fewer = TestCerts.cert("re.example.com", now()).keyUsages(TestCerts.KEY_ENCIPHERMENT)
                .extendedKeyUsages(TestCerts.SERVER_AUTH).selfSigned(k);
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificateArn(arn)
                .certificate(bytes(fewer)).privateKey(bytes(key))));
        KeyPair ec = TestCerts.ec("secp256r1");
        String otherKey = TestCerts.cert("re.example.com", now()).keyUsages(TestCerts.DIGITAL_SIGNATURE,
                TestCerts.KEY_ENCIPHERMENT).extendedKeyUsages(TestCerts.SERVER_AUTH).selfSigned(ec);
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificateArn(arn)
                .certificate(bytes(otherKey)).privateKey(bytes(TestCerts.pkcs8(ec)))));
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificateArn(arn)
                .certificate(bytes(second)).privateKey(bytes(key)).tags(t -> t.key("a").value("b"))));
        // A certificate without the extensions cannot gain them on a reimport.
        String plain = TestCerts.cert("plain.example.com", now()).selfSigned(k);
        String plainArn = acm.importCertificate(b -> b.certificate(bytes(plain)).privateKey(bytes(key)))
                .certificateArn();
        fails("ValidationException", 400, () -> acm.importCertificate(b -> b.certificateArn(plainArn)
                .certificate(bytes(second)).privateKey(bytes(key))));
        fails("ResourceNotFoundException", 400, () -> acm.importCertificate(b -> b.certificateArn(
                "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000")
                .certificate(bytes(second)).privateKey(bytes(key))));
    }

    @Test
    void approachingExpirationEventsGoOutOnceADayFromDaysBeforeExpiry() {
        List<io.gureum.core.events.ServiceEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        KeyPair k = TestCerts.ec("secp256r1");
        Instant now = now();
        String soon = TestCerts.cert("expiring.example.com", now).validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(10)).plus(Duration.ofHours(12))).selfSigned(k);
        String later = TestCerts.cert("later.example.com", now).validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(60))).selfSigned(k);
        // Subscribed before the imports: the minute timer may check them at any time.
        try (var s = gureum.context().events().subscribe(io.gureum.core.events.ServiceEvent.class, events::add)) {
            String arn = acm.importCertificate(b -> b.certificate(bytes(soon)).privateKey(bytes(TestCerts.pkcs8(k))))
                    .certificateArn();
            String laterArn = acm.importCertificate(b -> b.certificate(bytes(later)).privateKey(bytes(TestCerts.pkcs8(k))))
                    .certificateArn();
            gureum.context().clock().advance(Duration.ofMinutes(1));
            gureum.context().clock().advance(Duration.ofMinutes(1));
            List<io.gureum.core.events.ServiceEvent> mine = events.stream().filter(e -> e.resources().contains(arn))
                    .toList();
            assertTrue(mine.size() == 1 || mine.size() == 2, "one a day (two if the minutes crossed midnight)");
            io.gureum.core.events.ServiceEvent e = mine.get(0);
            assertEquals("aws.acm", e.source());
            assertEquals("ACM Certificate Approaching Expiration", e.detailType());
            assertEquals("{\"DaysToExpiry\":10,\"CommonName\":\"expiring.example.com\"}", e.detailJson());
            int before = mine.size();
            gureum.context().clock().advance(Duration.ofDays(1));
            assertEquals(before + 1, events.stream().filter(x -> x.resources().contains(arn)).count());
            assertTrue(events.stream().noneMatch(x -> x.resources().contains(laterArn)), "60 days > 45");
            acm.deleteCertificate(b -> b.certificateArn(arn));
            acm.deleteCertificate(b -> b.certificateArn(laterArn));
        }
    }

    @Test
    void anImportedCertificateExpiresOnTheClock() {
        KeyPair k = TestCerts.rsa(2048);
        Instant now = now();
        String pem = TestCerts.cert("soon.example.com", now).validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2))).selfSigned(k);
        String arn = acm.importCertificate(b -> b.certificate(bytes(pem)).privateKey(bytes(TestCerts.pkcs8(k))))
                .certificateArn();
        gureum.context().clock().advance(Duration.ofDays(3));
        assertEquals("EXPIRED", acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString());
        assertTrue(acm.listCertificates(b -> b.certificateStatusesWithStrings("EXPIRED")).certificateSummaryList()
                .stream().anyMatch(s -> s.certificateArn().equals(arn)));
        acm.deleteCertificate(b -> b.certificateArn(arn));
        fails("ResourceNotFoundException", 400, () -> acm.getCertificate(b -> b.certificateArn(arn)));
    }
}
