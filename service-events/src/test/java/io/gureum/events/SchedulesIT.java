package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scheduled rules fire on Gureum's clock. */
class SchedulesIT extends EventsTestSupport {

    private static String scheduledRule(String name, String expression) {
        String url = queue(unique("q"));
        events.putRule(b -> b.name(name).scheduleExpression(expression));
        events.putTargets(b -> b.rule(name).targets(t -> t.id("q").arn(queueArn(url))));
        return url;
    }

    @Test
    void rateRuleFiresWhenTheClockPassesItsPeriod() {
        String rule = unique("every5");
        String url = scheduledRule(rule, "rate(5 minutes)");
        gureum.context().clock().advance(Duration.ofMinutes(5));
        JsonNode e = json(receive(url, 1).get(0).body());
        assertEquals("Scheduled Event", e.get("detail-type").asText());
        assertEquals("aws.events", e.get("source").asText());
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + rule, e.at("/resources/0").asText());
        assertEquals(0, e.get("detail").size());
        assertEmpty(url);
        // each skipped period fires once: three more in a quarter of an hour
        gureum.context().clock().advance(Duration.ofMinutes(15));
        assertEquals(3, receive(url, 3).size());
        assertEmpty(url);
        events.disableRule(b -> b.name(rule));
        gureum.context().clock().advance(Duration.ofMinutes(15));
        assertEmpty(url);
    }

    @Test
    void dailyCronFiresOncePerDay() {
        String url = scheduledRule(unique("noon"), "cron(0 12 * * ? *)");
        gureum.context().clock().advance(Duration.ofDays(1));
        JsonNode e = json(receive(url, 1).get(0).body());
        assertEquals(true, e.get("time").asText().endsWith("T12:00:00Z"));
        assertEmpty(url);
    }
}
