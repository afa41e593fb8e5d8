package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.Tag;

/**
 * The template's own {@code Tags} of the S3 Control types whose schemas set {@code cloudFormationSystemTags} false
 * (Storage Lens, Access Grants): no {@code aws:cloudformation:*} tags are added to them.
 */
final class ControlTags {
    private ControlTags() {
    }

    static Map<String, String> of(ResourceRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode list = r.property("Tags");
        if (list != null && list.isArray()) {
            for (JsonNode t : list) {
                if (t.hasNonNull("Key")) {
                    out.put(t.get("Key").asText(), t.path("Value").asText(""));
                }
            }
        }
        return out;
    }

    static List<Tag> list(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /** Makes the resource's tags (TagResource/UntagResource) the template's. */
    static void sync(S3ControlClient control, String account, String arn, Map<String, String> wanted) {
        List<String> gone = new ArrayList<>();
        control.listTagsForResource(l -> l.accountId(account).resourceArn(arn)).tags().forEach(t -> {
            if (!wanted.containsKey(t.key())) {
                gone.add(t.key());
            }
        });
        if (!gone.isEmpty()) {
            control.untagResource(u -> u.accountId(account).resourceArn(arn).tagKeys(gone));
        }
        if (!wanted.isEmpty()) {
            control.tagResource(t -> t.accountId(account).resourceArn(arn).tags(list(wanted)));
        }
    }

    /** Whether an in-process S3 Control error is a not-found one (unmodeled codes arrive as the base type). */
    static boolean notFound(software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        return e.statusCode() == 404;
    }
}
