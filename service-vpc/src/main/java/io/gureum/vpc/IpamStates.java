package io.gureum.vpc;

import java.time.Duration;
import java.time.Instant;

/**
 * The states of IPAM's resources (IPAMs, scopes, pools, resource discoveries: AWS's {@code IpamState} and its
 * siblings share one list) on the clock: each change is {@code …-in-progress} for {@link #TRANSITION}, then
 * {@code …-complete}. A deleted resource is described {@code delete-in-progress} until then, and is gone after.
 */
final class IpamStates {
    static final Duration TRANSITION = Duration.ofSeconds(2);

    private IpamStates() {
    }

    static String of(Instant now, Instant created, Instant modified, Instant deleteRequested) {
        if (deleteRequested != null) {
            return now.isBefore(deleteRequested.plus(TRANSITION)) ? "delete-in-progress" : "delete-complete";
        }
        if (modified != null) {
            return now.isBefore(modified.plus(TRANSITION)) ? "modify-in-progress" : "modify-complete";
        }
        return now.isBefore(created.plus(TRANSITION)) ? "create-in-progress" : "create-complete";
    }

    /** Whether a deletion requested at {@code deleteRequested} has completed (the resource leaves the store). */
    static boolean gone(Instant now, Instant deleteRequested) {
        return deleteRequested != null && !now.isBefore(deleteRequested.plus(TRANSITION));
    }
}
