package io.gureum.acm;

import io.gureum.core.events.ServiceEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * "ACM Certificate Approaching Expiration" events
 * (https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html): one a day per certificate, from
 * the account configuration's DaysBeforeExpiry (45 by default) before its expiry until it expires, published as
 * core's {@link ServiceEvent} for EventBridge, with the detail {@code {"DaysToExpiry": n, "CommonName": "…"}}.
 * Only imported certificates can be ISSUED here (nothing is issued by Amazon), and ACM sends no "Certificate
 * Expired" event for them. Checked on every move of the clock and every minute; the first check of a UTC day sends
 * that day's event. The events are collected under the store lock and published after it is released.
 */
final class ExpiryEvents {
    static final String DETAIL_TYPE = "ACM Certificate Approaching Expiration";

    private final AcmStores stores;

    ExpiryEvents(AcmStores stores) {
        this.stores = stores;
    }

    void check() {
        List<ServiceEvent> due = new ArrayList<>();
        stores.lock.writeLock().lock();
        try {
            Instant now = stores.now();
            LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
            boolean[] changed = {false};
            stores.all.forEach((place, store) -> {
                for (Cert c : store.byArn.values()) {
                    if (!"ISSUED".equals(c.status(now)) || c.material == null || today.equals(c.lastExpiryEventDay)) {
                        continue;
                    }
                    long days = Duration.between(now, c.material.notAfter()).toDays();
                    if (days > store.daysBeforeExpiry) {
                        continue;
                    }
                    c.lastExpiryEventDay = today;
                    changed[0] = true;
                    String detail = "{\"DaysToExpiry\":" + days + ",\"CommonName\":\"" + json(c.domainName()) + "\"}";
                    due.add(new ServiceEvent(c.account, c.region, "aws.acm", DETAIL_TYPE, List.of(c.arn.toString()),
                            detail, now));
                }
            });
            if (changed[0]) {
                stores.changed.run();
            }
        } finally {
            stores.lock.writeLock().unlock();
        }
        due.forEach(stores.context.events()::publish);
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
