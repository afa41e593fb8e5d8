package io.gureum.dynamodb;

import io.gureum.core.spi.ResourceAccess;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's owner by table, index or stream ARN, in any account, for the authorizer. Gureum's DynamoDB
 * has no resource-based policies yet (PutResourcePolicy is not emulated), so the document is always
 * null and another account's table is reachable only as AWS allows it without one: not at all.
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
        boolean exists = db.read(() -> {
            Table t = db.tables.get(m.group(3));
            return t != null && (!"index".equals(m.group(5)) || t.indexes.containsKey(m.group(6)));
        });
        return exists ? ResourceAccess.ownedBy(db.account) : null;
    }
}
