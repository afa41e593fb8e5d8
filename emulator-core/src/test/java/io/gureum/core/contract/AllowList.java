package io.gureum.core.contract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The known, legitimate differences of the round trip, each with its reason. A difference that no entry
 * here explains fails its operation.
 */
final class AllowList {
    private AllowList() {
    }

    enum Direction { REQUEST, RESPONSE, CALL }

    /**
     * @param operation regex over the operation's wire name
     * @param path regex over the member path the difference is at (for CALL: over the client's exception)
     */
    record Entry(String service, Pattern operation, Direction direction, Pattern path, String reason) {
        boolean covers(String svc, String op, Direction dir, String p) {
            return service.equals(svc) && direction == dir && operation.matcher(op).matches()
                    && path.matcher(p).matches();
        }
    }

    private static Entry entry(String service, String operation, Direction direction, String path, String reason) {
        return new Entry(service, Pattern.compile(operation), direction, Pattern.compile(path), reason);
    }

    private static final List<Entry> FIXED = List.of(
            entry("ec2", "DescribeSpotFleetRequestHistory", Direction.REQUEST, "StartTime",
                    "the SDK writes this member in whole seconds (measured: StartTime=2024-02-14T07%3A18%3A26Z for"
                            + " .902Z), so the milliseconds never reach the wire"),
            entry("ec2", "RequestSpotFleet", Direction.REQUEST, "SpotFleetRequestConfig\\.Valid(From|Until)",
                    "the SDK writes these members in whole seconds, so the milliseconds never reach the wire"),
            entry("s3", "ListDirectoryBuckets", Direction.REQUEST, "",
                    "GET / is ListBuckets on an S3 endpoint; AWS serves ListDirectoryBuckets on its own host"
                            + " (s3express-control.<region>.amazonaws.com), which endpointOverride folds into one"),
            entry("s3", "ListDirectoryBuckets", Direction.CALL, "S3Exception: .*Status Code: 500.*",
                    "the ListBuckets handler answered (see the request entry)"));

    static final List<Entry> ENTRIES = FIXED;

    static Entry find(String service, String operation, Direction direction, String path) {
        for (Entry e : ENTRIES) {
            if (e.covers(service, operation, direction, path)) {
                return e;
            }
        }
        return null;
    }
}
