package io.gureum.ec2.capacity;

import io.gureum.core.spi.Caller;
import io.gureum.core.time.DueTimer;
import io.gureum.ec2common.Ec2Errors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Delivers Capacity Manager data exports to S3 on the core clock ({@link DueTimer}, so files come on time
 * whether or not anyone calls, and on clock advances). An {@code hourly} export delivers, at each hour
 * boundary from its creation on, one CSV file of the hour that just ended: a row per data point of that hour
 * with every dimension and every metric {@link CapacityMetrics#COMPUTED computed here}. The file goes to
 * {@code s3://<bucket>/<prefix>/<export-id>/year=YYYY/month=MM/day=DD/hour=HH/<export-id>-YYYYMMDDTHH.csv}
 * through an in-process S3 client as {@code ec2.capacitymanager.amazonaws.com} (the bucket policy's principal
 * in "Setting up an Amazon S3 bucket for Capacity Manager data exports"); its outcome becomes the export's
 * LatestDeliveryStatus ({@code delivered} or {@code failed} with S3's error). Hours missed while the clock
 * jumped are delivered one file each (at most a week of them at once).
 */
final class CapacityExports implements AutoCloseable {
    private static final int MAX_CATCH_UP = 168;
    private static final DateTimeFormatter PATH = DateTimeFormatter.ofPattern("'year='yyyy'/month='MM'/day='dd"
            + "'/hour='HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH")
            .withZone(ZoneOffset.UTC);

    private final CapacityManager manager;
    private final BiFunction<String, String, Object> lockOf;
    private final BiConsumer<String, String> journal;
    private final ScheduledThreadPoolExecutor thread;
    private final DueTimer due;

    CapacityExports(CapacityManager manager, BiFunction<String, String, Object> lockOf,
            BiConsumer<String, String> journal) {
        this.manager = manager;
        this.lockOf = lockOf;
        this.journal = journal;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-ec2-capacity-exports");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.due = new DueTimer(manager.context().clock(), thread, thread);
    }

    /** Delivers the export's next hour when it has ended. */
    void arm(DataExport e) {
        String account = e.ownerId;
        String region = e.region;
        String id = e.id;
        due.at(e.nextHour.plus(Duration.ofHours(1)), () -> deliver(account, region, id));
    }

    /** At CreateCapacityManagerDataExport: a bucket S3 does not know is refused (the export could never deliver). */
    void checkBucket(String account, String region, String bucket) {
        var clients = manager.context().clients();
        if (!clients.serves(S3Client.class)) {
            return;
        }
        try {
            clients.client(S3Client.class, Caller.service(CapacityManager.PRINCIPAL, account, region, null))
                    .headBucket(b -> b.bucket(bucket));
        } catch (AwsServiceException ex) {
            if (ex.statusCode() == 404) {
                throw Ec2Errors.invalidValue(bucket, "S3BucketName", "The S3 bucket does not exist.");
            }
        }
    }

    private void deliver(String account, String region, String id) {
        try {
            for (int n = 0; n < MAX_CATCH_UP; n++) {
                if (!deliverOne(account, region, id)) {
                    return;
                }
            }
            // Still behind after a week of files: the rest waits for the next turn.
            CapacityReservations.Store s = manager.store(account, region);
            synchronized (s) {
                DataExport e = s.exports.get(id);
                if (e != null) {
                    arm(e);
                }
            }
        } catch (RuntimeException ex) {
            org.slf4j.LoggerFactory.getLogger(CapacityExports.class).warn("Capacity Manager data export {} failed",
                    id, ex);
        }
    }

    /** Delivers the export's next hour if it has ended; false when it is not due (then re-armed) or gone. */
    private boolean deliverOne(String account, String region, String id) {
        Object lock = lockOf.apply(account, region);
        CapacityReservations.Store s = manager.store(account, region);
        String bucket;
        String key;
        String body;
        Instant hour;
        String arn;
        synchronized (lock) {
            DataExport e;
            CapacityManagerSettings m;
            synchronized (s) {
                e = s.exports.get(id);
                if (e == null) {
                    return false;
                }
                m = s.manager;
            }
            Instant now = manager.context().clock().now();
            hour = e.nextHour;
            Instant end = hour.plus(Duration.ofHours(1));
            if (now.isBefore(end)) {
                synchronized (s) {
                    arm(e);
                }
                return false;
            }
            if (!m.enabled) {
                synchronized (s) {
                    e.status = "failed";
                    e.statusMessage = "Capacity Manager is disabled in this Region; no data was exported.";
                    e.nextHour = end;
                }
                journal.accept(account, region);
                return true;
            }
            List<CapacityMetrics.Place> places = manager.places(account, region, m.organizationsAccess);
            Instant earliest = CapacityManager.earliest(m);
            List<CapacityMetrics.Point> points = manager.metrics().points(places, hour, earliest, end,
                    Duration.ofHours(1), Set.copyOf(CapacityMetrics.DIMENSIONS), d -> true, now);
            body = csv(points);
            bucket = e.bucket;
            String prefix = e.prefix == null || e.prefix.isEmpty() ? "" : e.prefix.replaceAll("/+$", "") + "/";
            key = prefix + e.id + "/" + PATH.format(hour) + "/" + e.id + "-" + STAMP.format(hour) + ".csv";
            arn = e.arn();
        }
        String failure = put(account, region, arn, bucket, key, body);
        synchronized (lock) {
            synchronized (s) {
                DataExport e = s.exports.get(id);
                if (e == null) {
                    return false;
                }
                Instant now = manager.context().clock().now().truncatedTo(ChronoUnit.MILLIS);
                e.nextHour = hour.plus(Duration.ofHours(1));
                if (failure == null) {
                    e.status = "delivered";
                    e.statusMessage = null;
                    e.location = "s3://" + bucket + "/" + key;
                    e.deliveredAt = now;
                } else {
                    e.status = "failed";
                    e.statusMessage = failure;
                }
            }
            journal.accept(account, region);
        }
        return true;
    }

    /** Puts the file; null when S3 took it, else why not. */
    private String put(String account, String region, String arn, String bucket, String key, String body) {
        var clients = manager.context().clients();
        if (!clients.serves(S3Client.class)) {
            return "Amazon S3 is not served by this server.";
        }
        try {
            clients.client(S3Client.class, Caller.service(CapacityManager.PRINCIPAL, account, region, arn))
                    .putObject(b -> b.bucket(bucket).key(key).contentType("text/csv"),
                            RequestBody.fromString(body, StandardCharsets.UTF_8));
            return null;
        } catch (AwsServiceException ex) {
            String code = ex.awsErrorDetails() == null ? "Error" : ex.awsErrorDetails().errorCode();
            String message = ex.awsErrorDetails() == null ? ex.getMessage() : ex.awsErrorDetails().errorMessage();
            return "Delivery to s3://" + bucket + "/" + key + " failed: " + code + ": " + message;
        }
    }

    /** The hour's data points as CSV: a header, then a row per point (RFC 4180 quoting). */
    static String csv(List<CapacityMetrics.Point> points) {
        StringBuilder out = new StringBuilder("timestamp");
        for (String d : CapacityMetrics.DIMENSIONS) {
            out.append(',').append(d);
        }
        for (String m : CapacityMetrics.COMPUTED) {
            out.append(',').append(m);
        }
        out.append("\r\n");
        for (CapacityMetrics.Point p : points) {
            out.append(p.at().truncatedTo(ChronoUnit.SECONDS));
            for (String d : CapacityMetrics.DIMENSIONS) {
                Object v = p.dims().get(d);
                out.append(',').append(v == null ? "" : quote(v.toString()));
            }
            for (String m : CapacityMetrics.COMPUTED) {
                Double v = p.acc().value(m);
                out.append(',').append(v == null ? "" : number(v));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String quote(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    @Override
    public void close() {
        due.close();
        thread.shutdownNow();
    }
}
