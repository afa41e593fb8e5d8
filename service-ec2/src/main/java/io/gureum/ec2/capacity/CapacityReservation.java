package io.gureum.ec2.capacity;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One Capacity Reservation. {@code state} is {@code active}, {@code expired} or {@code cancelled}. */
final class CapacityReservation extends Registered {
    final String instanceType;
    final String platform;
    final String zoneName;
    final String zoneId;
    final String tenancy;
    final boolean ebsOptimized;
    final boolean ephemeralStorage;
    int count;
    Instant endDate;
    String endDateType;
    String matchCriteria;
    String state = "active";
    /** The Capacity Reservation Fleet that made it, or null. */
    String fleetId;
    /** Its instance count from creation on, each change with its time (Capacity Manager's size metrics). */
    final List<Size> sizes = new ArrayList<>();
    /** When it stopped being active (cancelled, or expired at its end date), else null. */
    Instant endedAt;
    /** Whether the instances running in it were told it ended. */
    boolean released;

    /** An instance count from a time on. */
    static final class Size {
        public Instant at;
        public int count;

        Size() {
        }

        Size(Instant at, int count) {
            this.at = at;
            this.count = count;
        }
    }

    CapacityReservation(String id, String ownerId, String region, Instant created, String instanceType,
            String platform, String zoneName, String zoneId, String tenancy, boolean ebsOptimized,
            boolean ephemeralStorage) {
        super(id, ownerId, region, created);
        this.instanceType = instanceType;
        this.platform = platform;
        this.zoneName = zoneName;
        this.zoneId = zoneId;
        this.tenancy = tenancy;
        this.ebsOptimized = ebsOptimized;
        this.ephemeralStorage = ephemeralStorage;
    }

    @Override
    public String resourceType() {
        return "capacity-reservation";
    }

    /** A limited reservation expires at its end date (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-using.html). */
    void settle(Instant now) {
        if (state.equals("active") && "limited".equals(endDateType) && endDate != null && !now.isBefore(endDate)) {
            end("expired", endDate);
        }
    }

    /** Sets the instance count at {@code at}, remembering the change. */
    void resize(int newCount, Instant at) {
        if (sizes.isEmpty() && count > 0) {
            sizes.add(new Size(created, count));
        }
        count = newCount;
        sizes.add(new Size(at, newCount));
    }

    /** Leaves the {@code active} state for {@code next} at {@code at}. */
    void end(String next, Instant at) {
        state = next;
        endedAt = at;
    }

    /** The instance count at {@code t} (records written before sizes were kept: the current count). */
    int countAt(Instant t) {
        int n = sizes.isEmpty() ? count : sizes.get(0).count;
        for (Size z : sizes) {
            if (!z.at.isAfter(t)) {
                n = z.count;
            }
        }
        return n;
    }

    String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":capacity-reservation/" + id;
    }
}
