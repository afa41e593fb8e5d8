package io.gureum.ec2.capacity;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;

/** One Capacity Manager data export: where and how its hourly files go, and how the last delivery went. */
final class DataExport extends Registered {
    final String bucket;
    final String prefix;
    final String schedule;
    final String format;
    /** {@code pending} before its first delivery, then {@code delivered} or {@code failed}. */
    String status = "pending";
    String statusMessage;
    String location;
    Instant deliveredAt;
    /** The start of the next hour whose data it delivers. */
    Instant nextHour;

    DataExport(String id, String ownerId, String region, Instant created, String bucket, String prefix,
            String schedule, String format) {
        super(id, ownerId, region, created);
        this.bucket = bucket;
        this.prefix = prefix;
        this.schedule = schedule;
        this.format = format;
    }

    @Override
    public String resourceType() {
        return "capacity-manager-data-export";
    }

    String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":capacity-manager-data-export/" + id;
    }
}
