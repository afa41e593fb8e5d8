package io.gureum.dynamodb;

import java.time.Instant;

/** An on-demand (USER) backup, or the SYSTEM backup DynamoDB takes when a table with PITR is deleted. */
final class Backup {
    final String arn;
    final String name;
    final String type;
    final Instant created;
    /** SYSTEM backups expire 35 days after the deletion; null for USER backups. */
    final Instant expires;
    final TableSnapshot table;
    final Instant tableCreated;
    final long itemCount;
    String status = "CREATING";
    /** When CREATING becomes AVAILABLE on the core clock. */
    Instant settlesAt;

    Backup(String arn, String name, String type, Instant created, Instant expires, TableSnapshot table,
            Instant tableCreated) {
        this.arn = arn;
        this.name = name;
        this.type = type;
        this.created = created;
        this.expires = expires;
        this.table = table;
        this.tableCreated = tableCreated;
        this.itemCount = table.items().size();
    }

    void settle(Instant now) {
        if (status.equals("CREATING") && (settlesAt == null || !now.isBefore(settlesAt))) {
            status = "AVAILABLE";
        }
    }
}
