package io.gureum.scheduler;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ClientToken}: a request repeated with the token of an earlier one of the same operation gets the
 * earlier answer instead of running again (a retried CreateSchedule does not answer ConflictException);
 * the same token with a different request is a conflict. The SDKs fill the token in when callers do not.
 */
final class Idempotency {
    record Entry(String operation, Object request, Object response) {
    }

    private Idempotency() {
    }

    /**
     * Runs {@code body} unless {@code tokens} remembers {@code token} for {@code operation}.
     *
     * @param request the request, compared by {@code equals} (the SDK's requests are values)
     */
    @SuppressWarnings("unchecked")
    static <R> R run(Map<String, Entry> tokens, String operation, String token, Object request, Supplier<R> body) {
        if (token == null) {
            return body.get();
        }
        Entry earlier = tokens.get(token);
        if (earlier != null) {
            if (earlier.operation().equals(operation) && earlier.request().equals(request)) {
                return (R) earlier.response();
            }
            throw SchedulerErrors.tokenReused();
        }
        R response = body.get();
        tokens.put(token, new Entry(operation, request, response));
        return response;
    }
}
