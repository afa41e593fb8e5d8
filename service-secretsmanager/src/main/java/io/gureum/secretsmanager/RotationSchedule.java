package io.gureum.secretsmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/**
 * When a secret rotates next under its RotationRules: AutomaticallyAfterDays or {@code rate(N days)} after
 * the last rotation, {@code rate(N hours)} (at least 4), or the next {@code cron()} match, in UTC
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html). A rotation
 * window ({@code Duration}, 1–24 hours) is accepted; Gureum rotates at its start.
 */
final class RotationSchedule {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(hour|hours|day|days)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)h");

    private RotationSchedule() {
    }

    /** InvalidParameterException unless the rules are a schedule Secrets Manager accepts. */
    static void check(RotationRulesType rules) {
        boolean days = rules.automaticallyAfterDays() != null;
        String expression = rules.scheduleExpression();
        if (days && expression != null) {
            throw SecretsErrors.invalidParameter("You can't specify both AutomaticallyAfterDays and"
                    + " ScheduleExpression in RotationRules.");
        }
        if (!days && expression == null) {
            throw SecretsErrors.invalidParameter("RotationRules must include AutomaticallyAfterDays or"
                    + " ScheduleExpression.");
        }
        if (expression != null) {
            interval(expression);
        }
        if (rules.duration() != null) {
            Matcher m = DURATION.matcher(rules.duration());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 24) {
                throw SecretsErrors.invalidParameter("Invalid Duration. The rotation window must be between 1h and"
                        + " 24h.");
            }
        }
    }

    /** The next rotation after a rotation (or the configuration) at {@code last}. */
    static Instant next(RotationRulesType rules, Instant last) {
        if (rules.automaticallyAfterDays() != null) {
            return last.plus(Duration.ofDays(rules.automaticallyAfterDays()));
        }
        String expression = rules.scheduleExpression().trim();
        Duration interval = interval(expression);
        if (interval != null) {
            return last.plus(interval);
        }
        Matcher cron = CRON.matcher(expression);
        cron.matches();
        return CronSchedule.parse(cron.group(1)).next(last);
    }

    /** The interval of a rate() expression; null for a valid cron(); InvalidParameterException otherwise. */
    private static Duration interval(String expression) {
        String e = expression.trim();
        Matcher rate = RATE.matcher(e);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            boolean hours = rate.group(2).startsWith("hour");
            if (n < 1 || hours && n < 4 || !hours && n > 1000) {
                throw invalidExpression();
            }
            return hours ? Duration.ofHours(n) : Duration.ofDays(n);
        }
        Matcher cron = CRON.matcher(e);
        if (cron.matches()) {
            try {
                CronSchedule.parse(cron.group(1));
            } catch (IllegalArgumentException bad) {
                throw invalidExpression();
            }
            return null;
        }
        throw invalidExpression();
    }

    private static RuntimeException invalidExpression() {
        return SecretsErrors.invalidParameter("Invalid ScheduleExpression format. Use rate(N hours), rate(N days) or"
                + " a cron() expression with six fields.");
    }
}
