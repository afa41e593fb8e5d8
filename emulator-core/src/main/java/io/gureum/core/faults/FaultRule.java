package io.gureum.core.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One rule: requests of {@code service} (an API name such as {@code sqs}, or a glob) and {@code operation}
 * (a glob over AWS operation names), optionally only of one account and region, fail with {@code error}
 * and/or answer {@code latencyMillis} late, each with {@code probability}, at most {@code count} times
 * (unlimited when null).
 *
 * @param status the error's HTTP status, or null for the one the API's model (or AWS's common errors) gives
 * @param message the error's message, or null for one naming the rule
 */
public record FaultRule(String id, String service, String operation, String account, String region,
        double probability, Long count, String error, Integer status, String message, long latencyMillis,
        AtomicLong hits) {

    /** Whether this rule applies to the request and, if it has a count, claims one of its remaining uses. */
    boolean claims(String requestService, String requestOperation, String requestAccount, String requestRegion) {
        if (!glob(service).matcher(requestService).matches() || !glob(operation).matcher(requestOperation).matches()
                || (account != null && !account.equals(requestAccount))
                || (region != null && !region.equals(requestRegion))) {
            return false;
        }
        if (probability < 1 && ThreadLocalRandom.current().nextDouble() >= probability) {
            return false;
        }
        while (true) {
            long used = hits.get();
            if (count != null && used >= count) {
                return false;
            }
            if (hits.compareAndSet(used, used + 1)) {
                return true;
            }
        }
    }

    /** Whether a counted rule has no use left. */
    boolean spent() {
        return count != null && hits.get() >= count;
    }

    private static Pattern glob(String glob) {
        return GLOBS.computeIfAbsent(glob, g -> {
            StringBuilder re = new StringBuilder();
            for (char c : g.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
        });
    }

    private static final java.util.Map<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();
}
