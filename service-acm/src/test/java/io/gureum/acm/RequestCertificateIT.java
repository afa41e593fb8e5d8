package io.gureum.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.events.CertificateUse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;

/**
 * RequestCertificate and what acts on a requested certificate (ResendValidationEmail, UpdateCertificateOptions,
 * RenewCertificate, RevokeCertificate, ExportCertificate, GetCertificate), the 72-hour validation timeout on the
 * clock, the in-use seam and DeleteCertificate's ResourceInUseException, and the account configuration.
 */
class RequestCertificateIT extends AcmTestSupport {

    @Test
    void aDnsValidatedRequestWaitsForAValidationGureumCannotSeeAndTimesOut() {
        String arn = acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod("DNS")
                .subjectAlternativeNames("www.example.com", "*.example.com", "api.example.com")
                .keyAlgorithm("EC_prime256v1").tags(t -> t.key("env").value("dev"))).certificateArn();
        CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        assertEquals("PENDING_VALIDATION", d.statusAsString());
        assertEquals("AMAZON_ISSUED", d.typeAsString());
        assertEquals("EC_prime256v1", d.keyAlgorithmAsString());
        assertEquals(List.of("www.example.com", "*.example.com", "api.example.com"), d.subjectAlternativeNames());
        assertEquals("ENABLED", d.options().certificateTransparencyLoggingPreferenceAsString());
        assertEquals("DISABLED", d.options().exportAsString());
        assertTrue(d.createdAt() != null && d.issuedAt() == null && d.notAfter() == null);
        assertEquals(3, d.domainValidationOptions().size());
        DomainValidation www = d.domainValidationOptions().get(0);
        assertEquals("DNS", www.validationMethodAsString());
        assertEquals("PENDING_VALIDATION", www.validationStatusAsString());
        assertEquals("CNAME", www.resourceRecord().typeAsString());
        assertTrue(www.resourceRecord().name().matches("_[0-9a-f]{32}\\.www\\.example\\.com\\."), www.toString());
        assertTrue(www.resourceRecord().value().matches("_[0-9a-f]{32}\\.[a-z]{10}\\.acm-validations\\.aws\\."));
        // A wildcard is validated by its base domain's record; the same domain has the same record everywhere.
        assertTrue(d.domainValidationOptions().get(1).resourceRecord().name().matches("_[0-9a-f]{32}\\.example\\.com\\."));
        String again = acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod("DNS"))
                .certificateArn();
        assertEquals(www.resourceRecord(), acm.describeCertificate(b -> b.certificateArn(again)).certificate()
                .domainValidationOptions().get(0).resourceRecord());

        fails("RequestInProgressException", 400, () -> acm.getCertificate(b -> b.certificateArn(arn)));
        fails("RequestInProgressException", 400, () -> acm.renewCertificate(b -> b.certificateArn(arn)));
        fails("ValidationException", 400, () -> acm.revokeCertificate(b -> b.certificateArn(arn)
                .revocationReason("KEY_COMPROMISE")));
        fails("ValidationException", 400, () -> acm.exportCertificate(b -> b.certificateArn(arn)
                .passphrase(bytes("secret-passphrase"))));
        fails("InvalidStateException", 400, () -> acm.resendValidationEmail(b -> b.certificateArn(arn)
                .domain("www.example.com").validationDomain("example.com")));

        gureum.context().clock().advance(Duration.ofHours(71));
        assertEquals("PENDING_VALIDATION", acm.describeCertificate(b -> b.certificateArn(arn)).certificate()
                .statusAsString());
        gureum.context().clock().advance(Duration.ofHours(1));
        CertificateDetail timedOut = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        assertEquals("VALIDATION_TIMED_OUT", timedOut.statusAsString());
        assertEquals("FAILED", timedOut.domainValidationOptions().get(0).validationStatusAsString());
        assertTrue(acm.listCertificates(b -> b.certificateStatusesWithStrings("VALIDATION_TIMED_OUT")
                .includes(f -> f.keyTypesWithStrings("EC_prime256v1"))).certificateSummaryList().stream()
                .anyMatch(s -> s.certificateArn().equals(arn)));
        fails("ResourceNotFoundException", 400, () -> acm.getCertificate(b -> b.certificateArn(arn)));
        acm.deleteCertificate(b -> b.certificateArn(arn));
        acm.deleteCertificate(b -> b.certificateArn(again));
    }

    @Test
    void emailValidationGoesToTheValidationDomainAndAResendGivesAnother72Hours() {
        String arn = acm.requestCertificate(b -> b.domainName("shop.sub.example.org")
                .domainValidationOptions(o -> o.domainName("shop.sub.example.org").validationDomain("example.org")))
                .certificateArn();
        DomainValidation v = acm.describeCertificate(b -> b.certificateArn(arn)).certificate()
                .domainValidationOptions().get(0);
        assertEquals("EMAIL", v.validationMethodAsString(), "EMAIL is the default validation method");
        assertEquals("example.org", v.validationDomain());
        assertEquals(List.of("admin@example.org", "administrator@example.org", "hostmaster@example.org",
                "postmaster@example.org", "webmaster@example.org"), v.validationEmails());
        fails("InvalidDomainValidationOptionsException", 400, () -> acm.resendValidationEmail(b -> b.certificateArn(arn)
                .domain("shop.sub.example.org").validationDomain("other.org")));
        fails("InvalidDomainValidationOptionsException", 400, () -> acm.resendValidationEmail(b -> b.certificateArn(arn)
                .domain("www.example.org").validationDomain("example.org")));
        gureum.context().clock().advance(Duration.ofHours(70));
        acm.resendValidationEmail(b -> b.certificateArn(arn).domain("shop.sub.example.org")
                .validationDomain("sub.example.org"));
        assertEquals("sub.example.org", acm.describeCertificate(b -> b.certificateArn(arn)).certificate()
                .domainValidationOptions().get(0).validationDomain());
        gureum.context().clock().advance(Duration.ofHours(70));
        assertEquals("PENDING_VALIDATION", acm.describeCertificate(b -> b.certificateArn(arn)).certificate()
                .statusAsString(), "140 hours after the request, 70 after the resend");
        gureum.context().clock().advance(Duration.ofHours(2));
        assertEquals("VALIDATION_TIMED_OUT", acm.describeCertificate(b -> b.certificateArn(arn)).certificate()
                .statusAsString());
        fails("InvalidStateException", 400, () -> acm.resendValidationEmail(b -> b.certificateArn(arn)
                .domain("shop.sub.example.org").validationDomain("example.org")));
        fails("InvalidDomainValidationOptionsException", 400, () -> acm.requestCertificate(b -> b
                .domainName("a.example.org").domainValidationOptions(o -> o.domainName("a.example.org")
                        .validationDomain("example.com"))));
    }

    @Test
    void idempotencyTokensLastAnHourAndOptionsFollowAwsRules() {
        String first = acm.requestCertificate(b -> b.domainName("idem.example.com").idempotencyToken("tok1"))
                .certificateArn();
        assertEquals(first, acm.requestCertificate(b -> b.domainName("idem.example.com").idempotencyToken("tok1"))
                .certificateArn());
        assertNotEquals(first, acm.requestCertificate(b -> b.domainName("other.example.com").idempotencyToken("tok1"))
                .certificateArn(), "same token, other arguments: another request");
        gureum.context().clock().advance(Duration.ofMinutes(61));
        assertNotEquals(first, acm.requestCertificate(b -> b.domainName("idem.example.com").idempotencyToken("tok1"))
                .certificateArn(), "the token timed out after an hour");

        String exportable = acm.requestCertificate(b -> b.domainName("exp.example.com").validationMethod("DNS")
                .options(o -> o.export("ENABLED").certificateTransparencyLoggingPreference("DISABLED"))).certificateArn();
        acm.updateCertificateOptions(b -> b.certificateArn(exportable).options(o -> o
                .certificateTransparencyLoggingPreference("ENABLED")));
        CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(exportable)).certificate();
        assertEquals("ENABLED", d.options().certificateTransparencyLoggingPreferenceAsString());
        assertEquals("ENABLED", d.options().exportAsString());
        fails("ValidationException", 400, () -> acm.updateCertificateOptions(b -> b.certificateArn(exportable)
                .options(o -> o.export("DISABLED"))));
        fails("RequestInProgressException", 400, () -> acm.exportCertificate(b -> b.certificateArn(exportable)
                .passphrase(bytes("secret-passphrase"))));

        fails("ValidationException", 400, () -> acm.requestCertificate(b -> b.domainName("bad_domain")));
        fails("ValidationException", 400, () -> acm.requestCertificate(b -> b.domainName("k.example.com")
                .keyAlgorithm("RSA_4096")));
        fails("LimitExceededException", 400, () -> acm.requestCertificate(b -> b.domainName("l.example.com")
                .subjectAlternativeNames(java.util.stream.IntStream.range(0, 11).mapToObj(i -> "n" + i + ".example.com")
                        .toList())));
        fails("NotImplemented", 501, () -> acm.requestCertificate(b -> b.domainName("p.example.com")
                .certificateAuthorityArn("arn:aws:acm-pca:us-east-1:000000000000:certificate-authority/"
                        + "11111111-2222-3333-4444-555555555555")));

        // Imported certificates: no options to update, nothing to export, renew or revoke.
        String imported = importSelfSigned("imp.example.com", TestCerts.rsa(2048));
        fails("InvalidStateException", 400, () -> acm.updateCertificateOptions(b -> b.certificateArn(imported)
                .options(o -> o.certificateTransparencyLoggingPreference("DISABLED"))));
        fails("ValidationException", 400, () -> acm.exportCertificate(b -> b.certificateArn(imported)
                .passphrase(bytes("secret-passphrase"))));
        fails("ValidationException", 400, () -> acm.renewCertificate(b -> b.certificateArn(imported)));
        fails("ValidationException", 400, () -> acm.revokeCertificate(b -> b.certificateArn(imported)
                .revocationReason("SUPERSEDED")));
    }

    @Test
    void aCertificateInUseCannotBeDeleted() {
        String arn = importSelfSigned("vpn.example.com", TestCerts.rsa(2048));
        String endpoint = "arn:aws:ec2:us-east-1:000000000000:client-vpn-endpoint/cvpn-endpoint-0123456789abcdef0";
        gureum.context().events().publish(CertificateUse.start(arn, endpoint));
        CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        assertEquals(List.of(endpoint), d.inUseBy());
        assertTrue(acm.listCertificates(b -> { }).certificateSummaryList().stream()
                .filter(s -> s.certificateArn().equals(arn)).findFirst().orElseThrow().inUse());
        fails("ResourceInUseException", 400, () -> acm.deleteCertificate(b -> b.certificateArn(arn)));
        gureum.context().events().publish(CertificateUse.stop(arn, endpoint));
        assertEquals(List.of(), acm.describeCertificate(b -> b.certificateArn(arn)).certificate().inUseBy());
        acm.deleteCertificate(b -> b.certificateArn(arn));
        fails("ResourceNotFoundException", 400, () -> acm.describeCertificate(b -> b.certificateArn(arn)));
    }

    @Test
    void tagsFollowAwsLimits() {
        String arn = importSelfSigned("tags.example.com", TestCerts.rsa(2048));
        acm.addTagsToCertificate(b -> b.certificateArn(arn).tags(t -> t.key("a").value("1"), t -> t.key("b").value("2")));
        acm.removeTagsFromCertificate(b -> b.certificateArn(arn).tags(t -> t.key("a").value("other"), t -> t.key("b")));
        assertEquals(List.of("a"), acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().stream()
                .map(t -> t.key()).toList(), "a value that differs keeps the tag; no value removes it");
        fails("InvalidTagException", 400, () -> acm.addTagsToCertificate(b -> b.certificateArn(arn)
                .tags(t -> t.key("aws:x").value("1"))));
        fails("TooManyTagsException", 400, () -> acm.addTagsToCertificate(b -> b.certificateArn(arn)
                .tags(java.util.stream.IntStream.range(0, 50).mapToObj(i -> software.amazon.awssdk.services.acm.model
                        .Tag.builder().key("k" + i).value("v").build()).toList())));
    }

    @Test
    void accountConfigurationKeepsDaysBeforeExpiry() {
        assertEquals(45, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
        acm.putAccountConfiguration(b -> b.idempotencyToken("cfg1").expiryEvents(e -> e.daysBeforeExpiry(30)));
        assertEquals(30, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
        acm.putAccountConfiguration(b -> b.idempotencyToken("cfg1").expiryEvents(e -> e.daysBeforeExpiry(10)));
        assertEquals(30, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry(),
                "the same token within the hour is the same request");
        fails("ValidationException", 400, () -> acm.putAccountConfiguration(b -> b.idempotencyToken("cfg2")
                .expiryEvents(e -> e.daysBeforeExpiry(46))));
        fails("ValidationException", 400, () -> acm.putAccountConfiguration(b -> b.idempotencyToken("cfg3")
                .expiryEvents(e -> e.daysBeforeExpiry(0))));
        acm.putAccountConfiguration(b -> b.idempotencyToken("cfg4").expiryEvents(e -> e.daysBeforeExpiry(45)));
        assertEquals(45, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
    }

    @Test
    void operationsGureumDoesNotServeAnswer501() {
        fails("NotImplemented", 501, () -> acm.searchCertificates(b -> { }));
    }
}
