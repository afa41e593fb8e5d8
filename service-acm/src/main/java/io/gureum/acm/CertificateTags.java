package io.gureum.acm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.acm.model.AddTagsToCertificateRequest;
import software.amazon.awssdk.services.acm.model.AddTagsToCertificateResponse;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateRequest;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateResponse;
import software.amazon.awssdk.services.acm.model.RemoveTagsFromCertificateRequest;
import software.amazon.awssdk.services.acm.model.RemoveTagsFromCertificateResponse;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * AddTagsToCertificate, RemoveTagsFromCertificate and ListTagsForCertificate. Tags live in core's resource
 * registry (the Resource Groups Tagging API sees them). At most 50 per certificate; keys starting with
 * {@code aws:} are AWS's (InvalidTagException); removing a tag names its key and, optionally, its value,
 * and removes it only when both match (API_RemoveTagsFromCertificate).
 */
final class CertificateTags {
    static final int MAX_TAGS = 50;
    /** TagKey's and TagValue's pattern in the model. */
    private static final java.util.regex.Pattern TAG_TEXT = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*");

    private final AcmStores stores;

    CertificateTags(AcmStores stores) {
        this.stores = stores;
    }

    /** The tags {@code add} leaves on a certificate that has {@code existing}, checked. */
    static Map<String, String> checked(Collection<Tag> add, Map<String, String> existing) {
        Map<String, String> out = new LinkedHashMap<>(existing);
        if (add == null) {
            return out;
        }
        for (Tag t : add) {
            AcmErrors.required(t.key(), "tags.member.key");
            if (t.key().isEmpty() || t.key().length() > 128 || !TAG_TEXT.matcher(t.key()).matches()) {
                throw AcmErrors.constraint(t.key(), "tags.member.key", "Member must satisfy regular expression"
                        + " pattern: " + TAG_TEXT.pattern() + "; Member must have length between 1 and 128");
            }
            if (t.value() != null && (t.value().length() > 256 || !TAG_TEXT.matcher(t.value()).matches())) {
                throw AcmErrors.constraint(t.value(), "tags.member.value", "Member must satisfy regular expression"
                        + " pattern: " + TAG_TEXT.pattern() + "; Member must have length less than or equal to 256");
            }
            if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw AcmErrors.invalidTag("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            out.put(t.key(), t.value() == null ? "" : t.value());
        }
        if (out.size() > MAX_TAGS) {
            throw AcmErrors.tooManyTags();
        }
        return out;
    }

    public AddTagsToCertificateResponse addTagsToCertificate(AddTagsToCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        AcmErrors.required(r.hasTags() ? r.tags() : null, "tags");
        Map<String, String> next = checked(r.tags(), cert.tags);
        cert.tags.putAll(next);
        return AddTagsToCertificateResponse.builder().build();
    }

    public RemoveTagsFromCertificateResponse removeTagsFromCertificate(RemoveTagsFromCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        AcmErrors.required(r.hasTags() ? r.tags() : null, "tags");
        for (Tag t : r.tags()) {
            if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw AcmErrors.invalidTag("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
        }
        for (Tag t : r.tags()) {
            String value = cert.tags.get(t.key());
            if (value != null && (t.value() == null || t.value().equals(value))) {
                cert.tags.remove(t.key());
            }
        }
        return RemoveTagsFromCertificateResponse.builder().build();
    }

    public ListTagsForCertificateResponse listTagsForCertificate(ListTagsForCertificateRequest r) {
        Cert cert = stores.find(r.certificateArn());
        List<Tag> tags = new ArrayList<>();
        cert.tags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForCertificateResponse.builder().tags(tags).build();
    }
}
