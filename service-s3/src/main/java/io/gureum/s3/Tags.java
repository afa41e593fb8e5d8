package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket and object tags on the wire: at most 50 per bucket and 10 per object, keys of 1–128 and values
 * of at most 256 characters (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html).
 */
final class Tags {
    private Tags() {
    }

    /** The {@code x-amz-tagging} header ({@code k1=v1&k2=v2}) as a map, validated. */
    static Map<String, String> parseTagging(String tagging) {
        if (tagging == null || tagging.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        AwsHttpRequest.parseForm(tagging, true).forEach((k, v) -> out.put(k, v.get(0)));
        validate(out, 10);
        return out;
    }

    static Map<String, String> tagMap(List<Tag> tags, int max) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            if (out.put(t.key(), t.value()) != null) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        validate(out, max);
        return out;
    }

    static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static void validate(Map<String, String> tags, int max) {
        if (tags.size() > max) {
            throw new io.gureum.core.error.AwsException("BadRequest",
                    "Object tags cannot be greater than " + max, 400);
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid");
            }
            if (e.getValue() != null && e.getValue().length() > 256) {
                throw S3Errors.invalidTag("The TagValue you have provided is invalid");
            }
        }
    }
}
