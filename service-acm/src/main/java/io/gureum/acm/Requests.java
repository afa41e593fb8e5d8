package io.gureum.acm;

import io.gureum.core.error.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.acm.model.DomainValidationOption;
import software.amazon.awssdk.services.acm.model.ExportCertificateRequest;
import software.amazon.awssdk.services.acm.model.ExportCertificateResponse;
import software.amazon.awssdk.services.acm.model.RenewCertificateRequest;
import software.amazon.awssdk.services.acm.model.RenewCertificateResponse;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.RequestCertificateResponse;
import software.amazon.awssdk.services.acm.model.ResendValidationEmailRequest;
import software.amazon.awssdk.services.acm.model.ResendValidationEmailResponse;
import software.amazon.awssdk.services.acm.model.RevokeCertificateRequest;
import software.amazon.awssdk.services.acm.model.RevokeCertificateResponse;
import software.amazon.awssdk.services.acm.model.UpdateCertificateOptionsRequest;
import software.amazon.awssdk.services.acm.model.UpdateCertificateOptionsResponse;

/**
 * Certificates requested from Amazon and what acts on them: RequestCertificate, ResendValidationEmail,
 * UpdateCertificateOptions, RenewCertificate, RevokeCertificate and ExportCertificate.
 *
 * <p>A public certificate is issued once every domain is validated: by a CNAME record in the domain's DNS
 * or by a reply to a mail. Gureum serves no Route 53 and sends no mail, so it never sees a validation and
 * never issues: the certificate stays PENDING_VALIDATION until, 72 hours after the request (or after the
 * last validation mail resent), it becomes VALIDATION_TIMED_OUT on Gureum's clock, as in AWS
 * (https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-DNS-validation.html: "If ACM is not able
 * to validate the domain name within 72 hours from the time it generates a CNAME value for you, ACM changes
 * the certificate status to VALIDATION_TIMED_OUT"). Since nothing is ever issued, nothing can be exported,
 * renewed or revoked: those operations answer the errors AWS gives for a certificate in that state.
 */
final class Requests {
    static final Duration VALIDATION_WINDOW = Duration.ofHours(72);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** ACM's default quota of domain names per certificate (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html). */
    static final int MAX_DOMAINS = 10;
    private static final Set<String> REQUEST_KEY_ALGORITHMS = Set.of("RSA_2048", "EC_prime256v1", "EC_secp384r1");
    private static final Pattern DOMAIN = Pattern.compile(
            "(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])");

    private final AcmStores stores;

    Requests(AcmStores stores) {
        this.stores = stores;
    }

    public RequestCertificateResponse requestCertificate(RequestCertificateRequest r) {
        if (r.certificateAuthorityArn() != null) {
            // A private certificate is issued by an AWS Private CA (acm-pca), which Gureum does not emulate: no CA
            // ARN can name a CA here, so the request cannot be served faithfully (docs/services/acm.md).
            throw new AwsException("NotImplemented", "RequestCertificate with a CertificateAuthorityArn needs AWS"
                    + " Private Certificate Authority (acm-pca), which Gureum does not emulate.", 501, false);
        }
        AcmErrors.required(r.domainName(), "domainName");
        checkDomain(r.domainName(), "domainName");
        if (r.domainName().length() > 64) {
            throw AcmErrors.validation("The DomainName " + r.domainName() + " is longer than 64 octets: the common name"
                    + " of a certificate cannot exceed 64 octets. Put longer names in SubjectAlternativeNames.");
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(r.domainName());
        if (r.hasSubjectAlternativeNames()) {
            for (int i = 0; i < r.subjectAlternativeNames().size(); i++) {
                checkDomain(r.subjectAlternativeNames().get(i), "subjectAlternativeNames." + (i + 1) + ".member");
            }
            names.addAll(r.subjectAlternativeNames());
        }
        if (names.size() > MAX_DOMAINS) {
            throw AcmErrors.limitExceeded("Certificate request can contain at most " + MAX_DOMAINS + " domain names.");
        }
        String keyAlgorithm = r.keyAlgorithm() == null ? "RSA_2048" : r.keyAlgorithmAsString();
        if (!REQUEST_KEY_ALGORITHMS.contains(keyAlgorithm)) {
            throw AcmErrors.validation("Key algorithm " + keyAlgorithm + " is not supported for certificate requests."
                    + " Supported: RSA_2048, EC_prime256v1, EC_secp384r1.");
        }
        String method = r.validationMethod() == null ? "EMAIL" : r.validationMethodAsString();
        if (method.equals("HTTP")) {
            throw new AwsException("NotImplemented", "RequestCertificate with ValidationMethod HTTP is for"
                    + " certificates CloudFront manages, and Gureum does not emulate CloudFront.", 501, false);
        }
        if (!method.equals("EMAIL") && !method.equals("DNS")) {
            throw AcmErrors.constraint(method, "validationMethod", "Member must satisfy enum value set: [EMAIL, DNS,"
                    + " HTTP]");
        }
        Map<String, String> validationDomains = validationDomains(r, names);
        AcmStore store = stores.current();
        Instant now = stores.now();
        String fingerprint = fingerprint(r);
        if (r.idempotencyToken() != null) {
            for (Cert c : store.byArn.values()) {
                if (r.idempotencyToken().equals(c.idempotencyToken) && fingerprint.equals(c.requestFingerprint)
                        && now.isBefore(c.createdAt.plus(TOKEN_LIFETIME))) {
                    return RequestCertificateResponse.builder().certificateArn(c.arn.toString()).build();
                }
            }
        }
        Map<String, String> tags = CertificateTags.checked(r.hasTags() ? r.tags() : null, Map.of());
        Cert cert = new Cert(store.account, store.region, stores.newArn(store), Cert.AMAZON_ISSUED, now);
        cert.status = "PENDING_VALIDATION";
        cert.domainName = r.domainName();
        cert.subjectAlternativeNames = new ArrayList<>(names);
        cert.keyAlgorithm = keyAlgorithm;
        cert.validationMethod = method;
        cert.validationDeadline = now.plus(VALIDATION_WINDOW);
        for (String name : names) {
            String[] record = Validations.record(store.account, name);
            cert.validations.add(new Cert.Validation(name, validationDomains.get(name), record[0], record[1]));
        }
        cert.transparencyLogging = r.options() == null || r.options().certificateTransparencyLoggingPreference() == null
                ? "ENABLED" : r.options().certificateTransparencyLoggingPreferenceAsString();
        cert.export = r.options() == null || r.options().export() == null ? "DISABLED" : r.options().exportAsString();
        cert.managedBy = r.managedByAsString();
        cert.idempotencyToken = r.idempotencyToken();
        cert.requestFingerprint = fingerprint;
        cert.tags.putAll(tags);
        stores.add(cert);
        return RequestCertificateResponse.builder().certificateArn(cert.arn.toString()).build();
    }

    private static void checkDomain(String domain, String member) {
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw AcmErrors.constraint(domain, member, "Member must satisfy regular expression pattern: "
                    + DOMAIN.pattern());
        }
    }

    /**
     * Each name's validation domain: DomainValidationOptions' (which must be the name or a superdomain of it, for
     * a name of the request), else the name itself without a wildcard.
     */
    private static Map<String, String> validationDomains(RequestCertificateRequest r, Set<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, n.startsWith("*.") ? n.substring(2) : n));
        if (r.hasDomainValidationOptions()) {
            for (DomainValidationOption o : r.domainValidationOptions()) {
                if (!names.contains(o.domainName())) {
                    throw AcmErrors.invalidDomainValidationOptions("DomainValidationOptions DomainName " + o.domainName()
                            + " is not one of the domain names of the request.");
                }
                checkValidationDomain(o.domainName(), o.validationDomain());
                out.put(o.domainName(), o.validationDomain());
            }
        }
        return out;
    }

    private static void checkValidationDomain(String domain, String validationDomain) {
        String base = domain.startsWith("*.") ? domain.substring(2) : domain;
        String v = validationDomain.toLowerCase(java.util.Locale.ROOT);
        String d = base.toLowerCase(java.util.Locale.ROOT);
        if (!d.equals(v) && !d.endsWith("." + v)) {
            throw AcmErrors.invalidDomainValidationOptions("The ValidationDomain " + validationDomain
                    + " must be the same as the domain " + domain + " or a superdomain of it.");
        }
    }

    private static String fingerprint(RequestCertificateRequest r) {
        return String.join("|", r.domainName(), String.valueOf(r.subjectAlternativeNames()),
                String.valueOf(r.validationMethodAsString()), String.valueOf(r.keyAlgorithmAsString()),
                String.valueOf(r.domainValidationOptions()), String.valueOf(r.options()),
                String.valueOf(r.managedByAsString()));
    }

    /**
     * Sends the validation mail again (nothing leaves Gureum) and so gives the domain owner another 72 hours:
     * only for an EMAIL-validated certificate still pending, for one of its domains and a validation domain that
     * is that domain or a superdomain.
     */
    public ResendValidationEmailResponse resendValidationEmail(ResendValidationEmailRequest r) {
        Cert cert = stores.find(r.certificateArn());
        AcmErrors.required(r.domain(), "domain");
        AcmErrors.required(r.validationDomain(), "validationDomain");
        Instant now = stores.now();
        if (cert.imported() || !"PENDING_VALIDATION".equals(cert.status(now))) {
            throw AcmErrors.invalidState("Certificate " + cert.arn + " is in state " + cert.status(now)
                    + ": validation email can be resent only for a certificate in PENDING_VALIDATION.");
        }
        if (!"EMAIL".equals(cert.validationMethod)) {
            throw AcmErrors.invalidState("Certificate " + cert.arn + " uses DNS validation: there is no validation"
                    + " email to resend.");
        }
        if (!cert.subjectAlternativeNames.contains(r.domain())) {
            throw AcmErrors.invalidDomainValidationOptions("The domain " + r.domain() + " is not a domain of"
                    + " certificate " + cert.arn + ".");
        }
        checkValidationDomain(r.domain(), r.validationDomain());
        List<Cert.Validation> next = new ArrayList<>();
        for (Cert.Validation v : cert.validations) {
            next.add(v.domainName().equals(r.domain())
                    ? new Cert.Validation(v.domainName(), r.validationDomain(), v.recordName(), v.recordValue()) : v);
        }
        cert.validations = next;
        cert.validationDeadline = now.plus(VALIDATION_WINDOW);
        return ResendValidationEmailResponse.builder().build();
    }

    /**
     * Certificate transparency logging may change on a certificate Amazon issues (or will); Export is chosen
     * at the request and cannot change ("You cannot update the value of Export after the certificate is
     * created", CertificateOptions).
     */
    public UpdateCertificateOptionsResponse updateCertificateOptions(UpdateCertificateOptionsRequest r) {
        Cert cert = stores.find(r.certificateArn());
        AcmErrors.required(r.options(), "options");
        if (cert.imported()) {
            throw AcmErrors.invalidState("Certificate " + cert.arn + " is imported: its options cannot be updated.");
        }
        if (r.options().export() != null && !r.options().exportAsString().equals(cert.export)) {
            throw AcmErrors.validation("You cannot update the value of Export after the certificate is created.");
        }
        if (r.options().certificateTransparencyLoggingPreference() != null) {
            cert.transparencyLogging = r.options().certificateTransparencyLoggingPreferenceAsString();
        }
        return UpdateCertificateOptionsResponse.builder().build();
    }

    /**
     * "Only exported private certificates can be renewed with the RenewCertificate command" (RenewalEligibility):
     * Gureum has no private CA and never issues, so a pending request is still in progress and every other
     * certificate is not eligible.
     */
    public RenewCertificateResponse renewCertificate(RenewCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        if (!cert.imported() && "PENDING_VALIDATION".equals(cert.status(stores.now()))) {
            throw AcmErrors.inProgress(cert.arn.toString());
        }
        throw AcmErrors.validation("Certificate " + cert.arn + " is not eligible for renewal: only exported private"
                + " certificates can be renewed with RenewCertificate.");
    }

    /** "You can only revoke certificates that have been previously exported": none has been here. */
    public RevokeCertificateResponse revokeCertificate(RevokeCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        AcmErrors.required(r.revocationReason(), "revocationReason");
        throw AcmErrors.validation("Certificate " + cert.arn + " has not been exported: you can only revoke"
                + " certificates that have been previously exported.");
    }

    /**
     * Only a private certificate, or a public one requested with Export ENABLED and issued, can be exported
     * (API_ExportCertificate): an imported certificate cannot, and a requested one is never issued here.
     */
    public ExportCertificateResponse exportCertificate(ExportCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        AcmErrors.required(r.passphrase(), "passphrase");
        int passphrase = r.passphrase().asByteArray().length;
        if (passphrase < 4 || passphrase > 128) {
            throw AcmErrors.constraint("*** Sensitive Data Redacted ***", "passphrase", passphrase < 4
                    ? "Member must have length greater than or equal to 4"
                    : "Member must have length less than or equal to 128");
        }
        if (cert.imported()) {
            throw AcmErrors.validation("Certificate ARN: " + cert.arn + " is an imported certificate: only private"
                    + " certificates and exportable public certificates can be exported.");
        }
        if (!"ENABLED".equals(cert.export)) {
            throw AcmErrors.validation("Certificate ARN: " + cert.arn + " is not exportable: it was requested with"
                    + " Export DISABLED.");
        }
        if ("PENDING_VALIDATION".equals(cert.status(stores.now()))) {
            throw AcmErrors.inProgress(cert.arn.toString());
        }
        throw AcmErrors.validation("Certificate ARN: " + cert.arn + " is in state " + cert.status(stores.now())
                + " and cannot be exported.");
    }
}
