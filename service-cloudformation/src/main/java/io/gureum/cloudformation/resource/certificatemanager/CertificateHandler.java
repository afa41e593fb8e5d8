package io.gureum.cloudformation.resource.certificatemanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidationOption;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * {@code AWS::CertificateManager::Certificate}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-certificatemanager-certificate.html).
 * {@code Ref} is the certificate's ARN, and so is {@code Fn::GetAtt Id} (the schema's primary
 * identifier).
 * {@code CertificateTransparencyLoggingPreference} and {@code Tags} change in place, every other property
 * replaces the certificate.
 *
 * <p>Create requests the certificate and, as AWS does, waits until ACM issues it: "if the certificate uses email
 * validation, or if the domain is not hosted in Route 53, then the stack will remain in the CREATE_IN_PROGRESS
 * state". Gureum serves no Route 53 and sends no mail, so the certificate is never issued: the resource stays in
 * progress (the stack's TimeoutInMinutes, which would end it on AWS, is not enforced by the engine) until ACM reports
 * VALIDATION_TIMED_OUT 72 hours after the request on Gureum's clock, and fails (the stack rolls back and deletes it). {@code DomainValidationOptions.HostedZoneId} asks
 * CloudFormation to write the validation records into Route 53, which Gureum does not emulate: it fails the
 * resource. The wait holds no thread ({@link Polling}).
 */
public final class CertificateHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("CertificateAuthorityArn", "CertificateExport",
            "CertificateTransparencyLoggingPreference", "DomainName", "DomainValidationOptions", "KeyAlgorithm",
            "SubjectAlternativeNames", "Tags", "ValidationMethod");
    /** How long create waits in real time: the 72 hours ACM gives a validation (the clock usually ends it first). */
    private static final Duration WAIT = Duration.ofHours(72);

    @Override
    public String type() {
        return "AWS::CertificateManager::Certificate";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("CertificateAuthorityArn", "CertificateExport", "DomainName", "DomainValidationOptions",
                "KeyAlgorithm", "SubjectAlternativeNames", "ValidationMethod");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        List<DomainValidationOption> options = new ArrayList<>();
        JsonNode dvo = r.property("DomainValidationOptions");
        if (dvo != null && dvo.isArray()) {
            for (JsonNode o : dvo) {
                if (o.hasNonNull("HostedZoneId")) {
                    throw new ResourceFailure("Gureum does not emulate Route 53: CloudFormation cannot create the"
                            + " validation record of " + o.path("DomainName").asText() + " in hosted zone "
                            + o.get("HostedZoneId").asText() + " (DomainValidationOptions.HostedZoneId)");
                }
                if (o.hasNonNull("ValidationDomain")) {
                    options.add(DomainValidationOption.builder().domainName(o.path("DomainName").asText())
                            .validationDomain(o.get("ValidationDomain").asText()).build());
                }
            }
        }
        List<String> sans = new ArrayList<>();
        JsonNode names = r.property("SubjectAlternativeNames");
        if (names != null) {
            names.forEach(n -> sans.add(n.asText()));
        }
        List<Tag> tags = new ArrayList<>();
        r.stackTagsWithTemplate().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        AcmClient acm = r.client(AcmClient.class);
        String arn = acm.requestCertificate(b -> b.domainName(r.requiredText("DomainName"))
                .subjectAlternativeNames(sans.isEmpty() ? null : sans).validationMethod(r.text("ValidationMethod"))
                .domainValidationOptions(options.isEmpty() ? null : options).keyAlgorithm(r.text("KeyAlgorithm"))
                .certificateAuthorityArn(r.text("CertificateAuthorityArn"))
                .options(o -> o.certificateTransparencyLoggingPreference(r.text(
                        "CertificateTransparencyLoggingPreference")).export(r.text("CertificateExport")))
                .tags(tags.isEmpty() ? null : tags)).certificateArn();
        return Polling.until(() -> {
            CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
            return switch (d.statusAsString()) {
                case "ISSUED" -> Polling.Outcome.done(Created.of(arn).attribute("Id", arn));
                case "PENDING_VALIDATION" -> null;
                default -> Polling.Outcome.failed("Certificate " + arn + " is " + d.statusAsString()
                        + (d.failureReason() == null ? "" : " (" + d.failureReasonAsString() + ")")
                        + ": ACM did not issue it");
            };
        }, WAIT, "Certificate " + arn + " was not issued: its domains were not validated")
                .whenComplete((created, failure) -> {
                    if (failure != null) {
                        // The resource failed: the certificate it requested goes, as AWS's handler leaves none behind.
                        try {
                            acm.deleteCertificate(b -> b.certificateArn(arn));
                        } catch (RuntimeException ignored) {
                            // Already gone or in use: the rollback's delete reports it.
                        }
                    }
                });
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        AcmClient acm = r.client(AcmClient.class);
        String arn = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("CertificateTransparencyLoggingPreference")) {
            String preference = r.text("CertificateTransparencyLoggingPreference");
            acm.updateCertificateOptions(b -> b.certificateArn(arn).options(o -> o
                    .certificateTransparencyLoggingPreference(preference == null ? "ENABLED" : preference)));
        }
        if (changed.contains("Tags")) {
            Map<String, String> now = r.stackTagsWithTemplate();
            List<Tag> gone = new ArrayList<>();
            acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().forEach(t -> {
                if (!now.containsKey(t.key())) {
                    gone.add(t);
                }
            });
            if (!gone.isEmpty()) {
                acm.removeTagsFromCertificate(b -> b.certificateArn(arn).tags(gone));
            }
            List<Tag> tags = new ArrayList<>();
            now.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            if (!tags.isEmpty()) {
                acm.addTagsToCertificate(b -> b.certificateArn(arn).tags(tags));
            }
        }
        return Created.of(arn).attribute("Id", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(AcmClient.class).deleteCertificate(b -> b.certificateArn(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
