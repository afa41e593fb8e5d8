package io.gureum.acm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DeleteCertificateRequest;
import software.amazon.awssdk.services.acm.model.DeleteCertificateResponse;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.acm.model.GetCertificateRequest;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;

/** DescribeCertificate, GetCertificate, ListCertificates and DeleteCertificate. */
final class Certificates {
    /** ListCertificates' default key types (Filters.keyTypes: "Default filtering returns only RSA_1024 and RSA_2048"). */
    private static final Set<String> DEFAULT_KEY_TYPES = Set.of("RSA_1024", "RSA_2048");
    private static final int DEFAULT_PAGE = 1000;

    private final AcmStores stores;

    Certificates(AcmStores stores) {
        this.stores = stores;
    }

    public DescribeCertificateResponse describeCertificate(DescribeCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        return DescribeCertificateResponse.builder().certificate(CertificateViews.detail(cert, stores.now())).build();
    }

    /**
     * An imported certificate and its chain, as imported; a requested one is never issued here, so it answers
     * RequestInProgressException while pending and ResourceNotFoundException once it failed or timed out (no
     * certificate exists).
     */
    public GetCertificateResponse getCertificate(GetCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        if (cert.imported()) {
            return GetCertificateResponse.builder().certificate(cert.material.certificatePem)
                    .certificateChain(cert.material.chainPem).build();
        }
        if ("PENDING_VALIDATION".equals(cert.status(stores.now()))) {
            throw AcmErrors.inProgress(cert.arn.toString());
        }
        throw AcmErrors.notFound(cert.arn.toString());
    }

    public ListCertificatesResponse listCertificates(ListCertificatesRequest r) {
        if ((r.sortBy() == null) != (r.sortOrder() == null)) {
            throw AcmErrors.validation("SortBy and SortOrder must be specified together.");
        }
        if (r.maxItems() != null && (r.maxItems() < 1 || r.maxItems() > 1000)) {
            throw AcmErrors.constraint(r.maxItems(), "maxItems", r.maxItems() < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 1000");
        }
        Instant now = stores.now();
        Filters f = r.includes();
        Set<String> keyTypes = f != null && f.hasKeyTypes() && !f.keyTypes().isEmpty()
                ? Set.copyOf(f.keyTypesAsStrings()) : DEFAULT_KEY_TYPES;
        List<Cert> matching = new ArrayList<>();
        for (Cert c : stores.current().byArn.values()) {
            if (r.hasCertificateStatuses() && !r.certificateStatuses().isEmpty()
                    && !r.certificateStatusesAsStrings().contains(c.status(now))) {
                continue;
            }
            if (!keyTypes.contains(c.keyAlgorithm())) {
                continue;
            }
            if (f != null && !matches(c, f)) {
                continue;
            }
            matching.add(c);
        }
        if (r.sortBy() != null) {
            // SortBy's one value is CREATED_AT.
            matching.sort((a, b) -> created(a).compareTo(created(b)));
            if ("DESCENDING".equals(r.sortOrderAsString())) {
                java.util.Collections.reverse(matching);
            }
        }
        int start = start(r.nextToken());
        int size = r.maxItems() == null ? DEFAULT_PAGE : r.maxItems();
        int end = Math.min(matching.size(), start + size);
        List<CertificateSummary> page = new ArrayList<>();
        for (int i = start; i < end; i++) {
            page.add(CertificateViews.summary(matching.get(i), now));
        }
        ListCertificatesResponse.Builder out = ListCertificatesResponse.builder().certificateSummaryList(page);
        if (end < matching.size()) {
            out.nextToken(token(end));
        }
        return out.build();
    }

    private static Instant created(Cert c) {
        return c.imported() ? c.importedAt : c.createdAt;
    }

    private static boolean matches(Cert c, Filters f) {
        if (f.hasExtendedKeyUsage() && !f.extendedKeyUsage().isEmpty()) {
            List<String> have = c.imported() ? List.copyOf(c.material.extendedKeyUsages().values()) : List.of();
            if (f.extendedKeyUsageAsStrings().stream().noneMatch(have::contains)) {
                return false;
            }
        }
        if (f.hasKeyUsage() && !f.keyUsage().isEmpty()) {
            List<String> have = c.imported() ? c.material.keyUsages() : List.of();
            if (f.keyUsageAsStrings().stream().noneMatch(have::contains)) {
                return false;
            }
        }
        if (f.managedBy() != null && !f.managedByAsString().equals(c.managedBy)) {
            return false;
        }
        if (f.exportOption() != null && !f.exportOptionAsString().equals(c.imported() ? "DISABLED" : c.export)) {
            return false;
        }
        return true;
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("acm-page:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int start(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("acm-page:")) {
                int v = Integer.parseInt(s.substring("acm-page:".length()));
                if (v >= 0) {
                    return v;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw AcmErrors.invalidArgs("The nextToken value is not valid.");
    }

    /** Deletes a certificate no AWS resource uses (ResourceInUseException while InUseBy is not empty). */
    public DeleteCertificateResponse deleteCertificate(DeleteCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        if (!cert.inUseBy.isEmpty()) {
            throw AcmErrors.inUse(cert.arn.toString());
        }
        stores.remove(cert);
        return DeleteCertificateResponse.builder().build();
    }
}
