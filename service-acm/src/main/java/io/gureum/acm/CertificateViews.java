package io.gureum.acm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateOptions;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ExtendedKeyUsage;
import software.amazon.awssdk.services.acm.model.KeyUsage;
import software.amazon.awssdk.services.acm.model.ResourceRecord;

/** What DescribeCertificate and ListCertificates show of a certificate. */
final class CertificateViews {
    /** ListCertificates shows at most this many subject alternative names (CertificateSummary). */
    private static final int SUMMARY_NAMES = 100;

    private CertificateViews() {
    }

    static CertificateDetail detail(Cert c, Instant now) {
        CertificateDetail.Builder b = CertificateDetail.builder().certificateArn(c.arn.toString())
                .domainName(c.domainName()).subjectAlternativeNames(c.subjectAlternativeNames())
                .status(c.status(now)).type(c.type).keyAlgorithm(c.keyAlgorithm()).inUseBy(List.copyOf(c.inUseBy))
                .renewalEligibility("INELIGIBLE");
        if (c.imported()) {
            CertificateMaterial m = c.material;
            b.importedAt(c.importedAt).serial(m.serial()).subject(m.subject()).issuer(m.issuer())
                    .notBefore(m.notBefore()).notAfter(m.notAfter()).signatureAlgorithm(m.signatureAlgorithm())
                    .keyUsages(m.keyUsages().stream().map(n -> KeyUsage.builder().name(n).build()).toList())
                    .extendedKeyUsages(m.extendedKeyUsages().entrySet().stream().map(e -> ExtendedKeyUsage.builder()
                            .name(e.getValue()).oid(e.getKey()).build()).toList())
                    .options(CertificateOptions.builder().certificateTransparencyLoggingPreference("ENABLED").build());
        } else {
            b.createdAt(c.createdAt).domainValidationOptions(validations(c, now))
                    .options(CertificateOptions.builder().certificateTransparencyLoggingPreference(c.transparencyLogging)
                            .export(c.export).build())
                    .keyUsages(List.of()).extendedKeyUsages(List.of()).failureReason(c.failureReason)
                    .revokedAt(c.revokedAt).revocationReason(c.revocationReason);
        }
        return b.build();
    }

    static List<DomainValidation> validations(Cert c, Instant now) {
        List<DomainValidation> out = new ArrayList<>();
        String status = switch (c.status(now)) {
            case "PENDING_VALIDATION" -> "PENDING_VALIDATION";
            default -> "FAILED";
        };
        for (Cert.Validation v : c.validations) {
            DomainValidation.Builder d = DomainValidation.builder().domainName(v.domainName())
                    .validationDomain(v.validationDomain()).validationStatus(status)
                    .validationMethod(c.validationMethod);
            if ("DNS".equals(c.validationMethod)) {
                d.resourceRecord(ResourceRecord.builder().name(v.recordName()).type("CNAME").value(v.recordValue())
                        .build());
            } else {
                d.validationEmails(Validations.emails(v.validationDomain()));
            }
            out.add(d.build());
        }
        return out;
    }

    static CertificateSummary summary(Cert c, Instant now) {
        List<String> names = c.subjectAlternativeNames();
        CertificateSummary.Builder b = CertificateSummary.builder().certificateArn(c.arn.toString())
                .domainName(c.domainName())
                .subjectAlternativeNameSummaries(names.subList(0, Math.min(names.size(), SUMMARY_NAMES)))
                .hasAdditionalSubjectAlternativeNames(names.size() > SUMMARY_NAMES).status(c.status(now))
                .type(c.type).keyAlgorithm(c.keyAlgorithm()).inUse(!c.inUseBy.isEmpty())
                .renewalEligibility("INELIGIBLE");
        if (c.imported()) {
            b.importedAt(c.importedAt).notBefore(c.material.notBefore()).notAfter(c.material.notAfter())
                    .keyUsagesWithStrings(c.material.keyUsages())
                    .extendedKeyUsagesWithStrings(c.material.extendedKeyUsages().values());
        } else {
            b.createdAt(c.createdAt).exportOption(c.export).revokedAt(c.revokedAt);
        }
        return b.build();
    }
}
