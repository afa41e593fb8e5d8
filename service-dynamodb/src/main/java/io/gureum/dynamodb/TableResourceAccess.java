package io.gureum.dynamodb;

import io.gureum.core.spi.ResourceAccess;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's owner and resource-based policy by table, index or stream ARN, in any account, for the
 * authorizer: the table's policy for the table and its indexes, the stream's own for the stream
 * ({@link ResourcePolicies}).
 */
final class TableResourceAccess {
    private static final Pattern ARN = Pattern.compile(
            "arn:[\\w-]+:dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]+)(/(index|stream)/(.+))?");

    private final Supplier<DynamoDbState> state;

    TableResourceAccess(Supplier<DynamoDbState> state) {
        this.state = state;
    }

    ResourceAccess of(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            return null;
        }
        Database db = state.get().database(m.group(2), m.group(1));
        return db.read(() -> {
            Table t = db.tables.get(m.group(3));
            if (t == null || "index".equals(m.group(5)) && !t.indexes.containsKey(m.group(6))) {
                return null;
            }
            // A table's policy governs its indexes too; a stream has its own.
            ResourcePolicies.Policy p = t.policies.get("stream".equals(m.group(5)) ? arn : t.arn);
            return new ResourceAccess(db.account, p == null ? null : p.document());
        });
    }
}
