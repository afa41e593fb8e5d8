package io.gureum.logs;

import io.gureum.core.ids.Arn;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Tags of log groups, by ARN (TagResource …) and by name (the deprecated TagLogGroup …). */
final class Tags {
    /** "You can associate as many as 50 tags with a CloudWatch Logs resource." (API_TagResource.html) */
    static final int MAX = 50;

    void validate(Map<String, String> tags) {
        if (tags.size() > MAX) {
            throw LogsErrors.validation(tags, "tags", "Member must have length less than or equal to 50");
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            Validation.length(e.getKey(), "tags", 1, 128);
            if (e.getValue() != null) {
                Validation.length(e.getValue(), "tags", 0, 256);
            }
        }
    }

    /** The log group an ARN names: {@code arn:aws:logs:<region>:<account>:log-group:<name>} (a trailing {@code :*} is tolerated). */
    LogGroup byArn(LogsStore store, String resourceArn) {
        if (resourceArn == null) {
            throw LogsErrors.required("resourceArn");
        }
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        }
        if (!arn.service().equals("logs") || !arn.resourceType().equals("log-group")) {
            throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        }
        String name = arn.resourceId();
        if (name.endsWith(":*")) {
            name = name.substring(0, name.length() - 2);
        }
        LogGroup group = arn.accountId().equals(store.account) && arn.region().equals(store.region)
                ? store.groups.get(name) : null;
        if (group == null) {
            throw LogsErrors.notFound("The specified resource does not exist.");
        }
        return group;
    }

    void tag(LogGroup group, Map<String, String> tags) {
        validate(tags);
        if (!group.retag(tags, List.of(), MAX)) {
            throw LogsErrors.tooManyTags(group.logGroupArn());
        }
    }

    void untag(LogGroup group, Collection<String> keys) {
        group.retag(Map.of(), keys, Integer.MAX_VALUE);
    }
}
