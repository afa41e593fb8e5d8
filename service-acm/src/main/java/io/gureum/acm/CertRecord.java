package io.gureum.acm;

import io.gureum.core.ids.Arn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A certificate as {@code --data-dir} keeps it: what was imported (the PEM certificate and chain, the private
 * key as PKCS#8, parsed again on restore) or requested (names, validations, options, idempotency), its tags
 * and the resources that use it.
 */
record CertRecord(String arn, String type, Instant createdAt, String status, String certificatePem, String chainPem,
        byte[] privateKey, Instant importedAt, String domainName, List<String> subjectAlternativeNames,
        String keyAlgorithm, String validationMethod, Instant validationDeadline, List<Cert.Validation> validations,
        String transparencyLogging, String export, String failureReason, String managedBy, String idempotencyToken,
        String requestFingerprint, Instant revokedAt, String revocationReason, Map<String, String> tags,
        List<String> inUseBy, String lastExpiryEventDay) {

    static CertRecord of(Cert c) {
        CertificateMaterial m = c.material;
        return new CertRecord(c.arn.toString(), c.type, c.createdAt, c.status, m == null ? null : m.certificatePem,
                m == null ? null : m.chainPem, m == null ? null : m.pkcs8(), c.importedAt, c.domainName,
                List.copyOf(c.subjectAlternativeNames), c.keyAlgorithm, c.validationMethod, c.validationDeadline,
                List.copyOf(c.validations), c.transparencyLogging, c.export, c.failureReason, c.managedBy,
                c.idempotencyToken, c.requestFingerprint, c.revokedAt, c.revocationReason, new LinkedHashMap<>(c.tags),
                List.copyOf(c.inUseBy), c.lastExpiryEventDay == null ? null : c.lastExpiryEventDay.toString());
    }

    Cert toCert(String account, String region) {
        Cert c = new Cert(account, region, Arn.parse(arn), type, createdAt);
        c.status = status;
        if (certificatePem != null) {
            c.material = CertificateMaterial.restore(certificatePem, chainPem, privateKey);
        }
        c.importedAt = importedAt;
        c.domainName = domainName;
        c.subjectAlternativeNames = subjectAlternativeNames == null ? new ArrayList<>()
                : new ArrayList<>(subjectAlternativeNames);
        c.keyAlgorithm = keyAlgorithm;
        c.validationMethod = validationMethod;
        c.validationDeadline = validationDeadline;
        c.validations = validations == null ? new ArrayList<>() : new ArrayList<>(validations);
        c.transparencyLogging = transparencyLogging;
        c.export = export;
        c.failureReason = failureReason;
        c.managedBy = managedBy;
        c.idempotencyToken = idempotencyToken;
        c.requestFingerprint = requestFingerprint;
        c.revokedAt = revokedAt;
        c.revocationReason = revocationReason;
        if (tags != null) {
            c.tags.putAll(tags);
        }
        c.lastExpiryEventDay = lastExpiryEventDay == null ? null : java.time.LocalDate.parse(lastExpiryEventDay);
        if (inUseBy != null) {
            c.inUseBy.addAll(inUseBy);
        }
        return c;
    }
}
