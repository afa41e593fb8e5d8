package io.gureum.acm;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One certificate in one account and region: imported (with its material) or requested from Amazon
 * (with its domain validations, never issued: Gureum cannot see a validation record or mail). Guarded by
 * the store lock.
 */
final class Cert {
    static final String IMPORTED = "IMPORTED";
    static final String AMAZON_ISSUED = "AMAZON_ISSUED";

    final String account;
    final String region;
    final Arn arn;
    final String type;
    final Instant createdAt;
    final RegisteredTags tags = new RegisteredTags();
    final Set<String> inUseBy = new LinkedHashSet<>();

    String status;
    /** Imported: the material (replaced on a reimport) and when it was last imported. */
    CertificateMaterial material;
    Instant importedAt;
    /** Requested: the names, key algorithm, validation and options asked for. */
    String domainName;
    List<String> subjectAlternativeNames = new ArrayList<>();
    String keyAlgorithm;
    String validationMethod;
    /** When a pending request times out: 72 hours after the request or the last validation mail resent. */
    Instant validationDeadline;
    List<Validation> validations = new ArrayList<>();
    String transparencyLogging;
    String export;
    String failureReason;
    String managedBy;
    String idempotencyToken;
    String requestFingerprint;
    Instant revokedAt;
    /** The UTC day of the last "Approaching Expiration" event ({@link ExpiryEvents}). */
    java.time.LocalDate lastExpiryEventDay;
    String revocationReason;

    /** One domain's validation: the domain, where mail goes (EMAIL), the CNAME record to create (DNS). */
    record Validation(String domainName, String validationDomain, String recordName, String recordValue) {
    }

    Cert(String account, String region, Arn arn, String type, Instant createdAt) {
        this.account = account;
        this.region = region;
        this.arn = arn;
        this.type = type;
        this.createdAt = createdAt;
    }

    boolean imported() {
        return IMPORTED.equals(type);
    }

    String domainName() {
        return imported() ? material.domainName() : domainName;
    }

    List<String> subjectAlternativeNames() {
        return imported() ? material.subjectAlternativeNames() : subjectAlternativeNames;
    }

    String keyAlgorithm() {
        return imported() ? material.keyAlgorithm() : keyAlgorithm;
    }

    /**
     * The status on {@code now}: an imported certificate past its NotAfter is EXPIRED, a request still pending at
     * its validation deadline VALIDATION_TIMED_OUT.
     */
    String status(Instant now) {
        if ("PENDING_VALIDATION".equals(status) && validationDeadline != null && !now.isBefore(validationDeadline)) {
            return "VALIDATION_TIMED_OUT";
        }
        if (imported() && "ISSUED".equals(status) && now.isAfter(material.notAfter())) {
            return "EXPIRED";
        }
        return status;
    }
}
