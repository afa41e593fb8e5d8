package io.gureum.logs;

import io.gureum.core.ids.Arn;

/**
 * The log group of a request that names it by {@code logGroupName} or {@code logGroupIdentifier} (a name
 * or its {@code logGroupArn}, which has no trailing {@code :*}): "You must include either logGroupIdentifier or logGroupName,
 * but not both." (API_DescribeLogStreams.html)
 */
final class Identifiers {
    private Identifiers() {
    }

    static LogGroup group(LogsStore store, String logGroupName, String logGroupIdentifier) {
        if (logGroupName != null && logGroupIdentifier != null) {
            throw LogsErrors.invalidParameter(
                    "LogGroupName and LogGroupIdentifier are mutually exclusive parameters.");
        }
        if (logGroupName == null && logGroupIdentifier == null) {
            throw LogsErrors.invalidParameter("Should provide either logGroupName or logGroupIdentifier.");
        }
        if (logGroupName != null) {
            return store.group(logGroupName);
        }
        String name = logGroupIdentifier;
        if (name.startsWith("arn:")) {
            Arn arn;
            try {
                arn = Arn.parse(name);
            } catch (IllegalArgumentException e) {
                throw LogsErrors.invalidParameter("Invalid log group identifier: " + logGroupIdentifier);
            }
            name = arn.resourceId();
            if (name.endsWith(":*")) {
                name = name.substring(0, name.length() - 2);
            }
            if (!arn.resourceType().equals("log-group") || !arn.accountId().equals(store.account)
                    || !arn.region().equals(store.region)) {
                throw LogsErrors.groupNotFound();
            }
        }
        return store.group(name);
    }
}
